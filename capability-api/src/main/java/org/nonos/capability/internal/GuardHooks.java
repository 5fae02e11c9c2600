// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.Collection;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;

/**
 * Hides capability-guarded services (OSGi Core R8 §55, service hooks): a bundle whose
 * domain holds no capability on a guarded service neither finds it ({@link FindHook})
 * nor hears of it ({@link EventListenerHook}). Also hides every Domain service that this
 * bundle did not register, so no bundle can pass its domain to others through the registry.
 */
final class GuardHooks implements FindHook, EventListenerHook {

    private final CapabilityRuntime runtime;

    GuardHooks(CapabilityRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        references.removeIf(ref -> !runtime.visible(context.getBundle(), ref));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> ref = event.getServiceReference();
        if (CapabilityRuntime.guarded(ref) || runtime.impostor(ref)) {
            listeners.keySet().removeIf(context -> !runtime.visible(context.getBundle(), ref));
        }
    }
}
