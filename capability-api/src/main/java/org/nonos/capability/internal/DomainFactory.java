// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import org.nonos.capability.Domain;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * Hands every bundle its own {@link Domain}: the framework calls {@link #getService} with the
 * requesting bundle, so no bundle can obtain another's domain through the service registry.
 */
final class DomainFactory implements ServiceFactory<Domain> {

    private final CapabilityRuntime runtime;

    DomainFactory(CapabilityRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Domain getService(Bundle bundle, ServiceRegistration<Domain> registration) {
        return runtime.domainOf(bundle);
    }

    /** The domain outlives the service use: it ends when the bundle is uninstalled. */
    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<Domain> registration, Domain service) {
    }
}
