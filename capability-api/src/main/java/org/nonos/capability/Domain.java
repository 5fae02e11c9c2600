// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * A protection domain: one capability space in the kernel. Each bundle gets its own by
 * asking the framework for the {@code Domain} service (a service factory answers every bundle
 * with that bundle's domain, never another's). Only what the domain's capabilities allow can
 * be done through it; the kernel checks every operation.
 */
@ProviderType
public interface Domain {

    /**
     * Service property marking a capability-guarded service ({@code true}): only its
     * registering bundle and bundles whose domain holds a capability with
     * {@link Rights.Right#CALL} on its endpoint see it; they call it through
     * {@link #capabilityFor(ServiceReference)} and {@link Capability#endpoint(Class)}.
     */
    String GUARDED = "org.nonos.capability.guarded";

    /**
     * The name of a domain: enough to transfer a capability to it, no authority over it.
     *
     * @param value the kernel's domain number
     */
    record Id(int value) {
    }

    Id id();

    /** The domain's name (a bundle's domain is named after its symbolic name and id). */
    String name();

    /** The kernel's monotonic clock, in milliseconds (capability expiries are on this clock). */
    long nowMs();

    /**
     * Takes up a handle of this domain, e.g. one another domain transferred here.
     *
     * @throws CapabilityException {@link KernelError#BAD_HANDLE} when the handle is unknown here
     *         (forged, stale, or another domain's)
     */
    Capability capability(long handle);

    /** Every capability this domain holds now. */
    List<Capability> capabilities();

    /** The domain of another bundle, named so that capabilities can be transferred to it. */
    Id idOf(Bundle bundle);

    /**
     * This domain's capability on a capability-guarded service's endpoint, if it holds one
     * (the registering bundle holds the original; others get theirs by transfer).
     */
    Optional<Capability> capabilityFor(ServiceReference<?> guardedService);

    /**
     * Serves an endpoint with a Java object: calls authorised through capabilities on the
     * endpoint are dispatched to {@code server}. Needs {@link Rights.Right#READ} (receive) on
     * {@code endpoint}.
     */
    <S> Endpoint.Serving serve(Capability endpoint, Class<S> serviceType, S server);

    /**
     * Serves an endpoint per badge (seL4's badged endpoints): a call through a capability
     * with badge {@code b} is dispatched to {@code perBadge.apply(b)}, so the server tells its
     * clients apart by the badges it gave their capabilities. The badge is the kernel's record
     * of the calling capability, never a value the caller supplies. {@code perBadge} is asked
     * once per calling {@link Endpoint} and badge, and must not return null.
     */
    <S> Endpoint.Serving serveBadged(Capability endpoint, Class<S> serviceType,
            java.util.function.Function<? super Badge, ? extends S> perBadge);

    /** Appends a free-text event to the kernel's audit log, attributed to this domain. */
    void audit(String event);
}
