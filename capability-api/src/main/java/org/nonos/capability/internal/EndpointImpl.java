// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.function.Consumer;
import java.util.function.Function;
import org.nonos.capability.Capability;
import org.nonos.capability.Endpoint;
import org.nonos.capability.KernelError;

/**
 * A caller of one endpoint through one capability. The hot path is {@link #call}: one
 * {@code nk_call} (primitive arguments, nothing allocated), one lock-free table load, then
 * the caller's function on the serving object.
 */
final class EndpointImpl<S> implements Endpoint<S> {

    private final CapabilityImpl capability;
    private final Kernel kernel;
    private final NkLib lib;
    private final ServerTable servers;
    private final Class<S> type;
    private final int domain;
    private final long handle;
    /** The dispatch target resolved for one registration, published as one immutable pair. */
    private record Resolved(Object registered, Object target) {
    }

    /**
     * The target for the registration last seen, so that the type check (and, for an
     * endpoint served per badge, the choice by badge) is made once per registration rather
     * than once per call. A plain field holding an immutable record: a stale read only costs
     * one more resolution.
     */
    private Resolved resolved;

    EndpointImpl(CapabilityImpl capability, Kernel kernel, ServerTable servers, Class<S> type) {
        this.capability = capability;
        this.kernel = kernel;
        this.lib = kernel.lib();
        this.servers = servers;
        this.type = type;
        this.domain = capability.domainImpl().idValue();
        this.handle = capability.handle();
    }

    @Override
    public Capability capability() {
        return capability;
    }

    /**
     * Authorises one call with the kernel and returns the object serving the endpoint. Kept
     * small so that it inlines into the caller; the refusals are made in separate methods.
     */
    @SuppressWarnings("unchecked") // resolve() checked the target to be an instance of type
    private S authorise() {
        long objectId = lib.nk_call(domain, handle);
        if (objectId < 0) {
            throw kernel.failure(objectId, "call");
        }
        Object registered = servers.server(objectId);
        Resolved r = resolved;
        if (r == null || r.registered != registered || registered == null) {
            r = resolve(registered);
        }
        return (S) r.target;
    }

    /**
     * First call to a registration (or none serves): the object to dispatch to, checked to be
     * what this endpoint expects. For an endpoint served per badge, the object is chosen by
     * this capability's badge as the kernel recorded it (the view's badge comes from
     * nk_cap_info or from the kernel's derive rule, never from the caller).
     */
    private Resolved resolve(Object registered) {
        if (registered == null) {
            // seL4: a call on an endpoint nobody receives on would block.
            throw capability.domainImpl().reject("call", KernelError.WOULD_BLOCK, "no object serves this endpoint");
        }
        Object target = registered instanceof ServerTable.PerBadge p ? p.perBadge().apply(capability.badge()) : registered;
        if (target == null || !type.isInstance(target)) {
            throw capability.domainImpl().reject("call", KernelError.WRONG_TYPE, "the endpoint is served by "
                    + (target == null ? "nothing for " + capability.badge() : "a " + target.getClass().getName())
                    + ", not a " + type.getName());
        }
        Resolved r = new Resolved(registered, target);
        resolved = r;
        return r;
    }

    @Override
    public <R> R call(Function<? super S, ? extends R> call) {
        if (call == null) {
            throw capability.domainImpl().reject("call", KernelError.INVAL, "the function must not be null");
        }
        return call.apply(authorise());
    }

    @Override
    public void run(Consumer<? super S> call) {
        if (call == null) {
            throw capability.domainImpl().reject("call", KernelError.INVAL, "the function must not be null");
        }
        call.accept(authorise());
    }

    @Override
    public String toString() {
        return "Endpoint[" + type.getSimpleName() + " via " + capability + "]";
    }
}
