// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import org.nonos.capability.Capability;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.Rights;

/**
 * The kernel face outside an OSGi framework, for tools and for the tests of bundles built on
 * it: a fresh domain below the root, and an administrator view for a domain. Inside a framework
 * the runtime hands these out (a bundle's {@link Domain} service, the guarded
 * {@link KernelAdmin}); this class is in the internal package, which no bundle can import.
 */
public final class Standalone {

    private Standalone() {
    }

    /** A new domain of this process's kernel, below the root. */
    public static Domain domain(String name) {
        return DomainImpl.root().createDomain(name);
    }

    /**
     * Grants {@code domain} a CALL-only capability on a new administrator endpoint (as the
     * runtime does for the bundles it is configured to trust) and returns its view.
     */
    public static KernelAdmin admin(Domain domain) {
        if (!(domain instanceof DomainImpl d)) {
            throw new IllegalArgumentException("not a domain of this kernel: " + domain);
        }
        Capability original = DomainImpl.root().createEndpoint();
        long object = ((CapabilityImpl) original).objectId();
        Capability grant = original.derive(Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER), Rights.of(Rights.Right.CALL));
        grant.transfer(d.id());
        return new KernelAdminImpl(d, () -> object);
    }
}
