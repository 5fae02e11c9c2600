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
    /**
     * The last serving object found to be an instance of {@code type}, so that the check is
     * made once per server rather than once per call. A plain field: a stale read only costs
     * one more check.
     */
    private Object checked;

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
    @SuppressWarnings("unchecked") // the server was checked to be an instance of type
    private S authorise() {
        long objectId = lib.nk_call(domain, handle);
        if (objectId < 0) {
            throw kernel.failure(objectId, "call");
        }
        Object server = servers.server(objectId);
        if (server != checked || server == null) {
            checkServer(server);
        }
        return (S) server;
    }

    /** First call to a serving object (or none serves): is it what this endpoint expects? */
    private void checkServer(Object server) {
        if (server == null) {
            // seL4: a call on an endpoint nobody receives on would block.
            throw capability.domainImpl().reject("call", KernelError.WOULD_BLOCK, "no object serves this endpoint");
        }
        if (!type.isInstance(server)) {
            throw capability.domainImpl().reject("call", KernelError.WRONG_TYPE,
                    "the endpoint is served by a " + server.getClass().getName() + ", not a " + type.getName());
        }
        checked = server;
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
