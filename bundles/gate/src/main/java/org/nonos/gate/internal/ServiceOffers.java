// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nonos.capability.Capability;
import org.nonos.capability.Domain;
import org.nonos.gate.CapabilityGrants;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The capability-guarded services, offered for grants. The capability API's runtime passes the
 * gate's domain a child (CALL, DERIVE, TRANSFER) of the endpoint of every guarded service but the
 * administrator's, and lets the gate see them all (docs/capability-api.md "Capability-guarded
 * services"). Each is offered under {@code service:<interface>} for each interface it is registered
 * under; a bundle whose attestation requested {@code service:<interface>;rights=call} then receives
 * CALL on its endpoint when it starts, and with it sees the service, which stays hidden from every
 * bundle without such a capability. Unregistering the service deletes its endpoint and every
 * capability on it; the offer is withdrawn as well.
 *
 * <p>The runtime passes the capability while it handles the registration, which may come after
 * this tracker hears of it: a service seen without its capability is kept pending and offered as
 * soon as the capability is there, at the latest when a bundle starts ({@link #retryPending}).
 */
final class ServiceOffers implements AutoCloseable {
    private final Domain gateDomain;
    private final CapabilityGrants grants;
    private final AuditSink audit;
    private final ServiceTracker<Object, ServiceReference<Object>> tracker;
    private final Map<ServiceReference<?>, List<AutoCloseable>> offers = new HashMap<>();
    private final Set<ServiceReference<?>> pending = new LinkedHashSet<>();
    /**
     * Grants' own monitor: a bundle start holds it while {@link #retryPending} runs, and offering
     * takes it; one lock for both, so the two orders cannot deadlock.
     */
    private final Object lock;

    ServiceOffers(BundleContext context, Domain gateDomain, CapabilityGrants grants, AuditSink audit) {
        this.gateDomain = gateDomain;
        this.grants = grants;
        this.audit = audit;
        this.lock = grants;
        try {
            this.tracker = new ServiceTracker<>(context, context.createFilter("(" + Domain.GUARDED + "=true)"), null) {
                @Override
                public ServiceReference<Object> addingService(ServiceReference<Object> ref) {
                    offer(ref);
                    return ref; // the service object itself is never needed
                }

                @Override
                public void removedService(ServiceReference<Object> ref, ServiceReference<Object> service) {
                    withdraw(ref);
                }
            };
        } catch (InvalidSyntaxException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /**
     * Offers the guarded services when the capability API passes them to this bundle
     * ({@value DeviceOffers#BROKER}); otherwise none (null).
     */
    static ServiceOffers open(BundleContext context, Domain gateDomain, Grants grants, AuditSink audit) {
        String broker = context.getProperty(DeviceOffers.BROKER);
        if (broker == null || !broker.strip().equals(context.getBundle().getSymbolicName())) {
            return null;
        }
        ServiceOffers s = new ServiceOffers(context, gateDomain, grants, audit);
        grants.beforeStart(s::retryPending);
        s.tracker.open(true);
        return s;
    }

    private void offer(ServiceReference<?> ref) {
        synchronized (lock) {
            offerLocked(ref);
        }
    }

    private void offerLocked(ServiceReference<?> ref) {
        Optional<Capability> cap;
        try {
            cap = gateDomain.capabilityFor(ref);
        } catch (RuntimeException e) {
            cap = Optional.empty();
        }
        if (cap.isEmpty()) {
            pending.add(ref);
            return;
        }
        pending.remove(ref);
        List<AutoCloseable> made = new ArrayList<>();
        if (ref.getProperty(Constants.OBJECTCLASS) instanceof String[] names) {
            for (String name : names) {
                String target = "service:" + name;
                try {
                    made.add(grants.offer(target, cap.get()));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    audit.append("gate.offer-refused " + target + " service.id=" + ref.getProperty(Constants.SERVICE_ID)
                            + ": " + e.getMessage());
                }
            }
        }
        offers.put(ref, made);
    }

    private void withdraw(ServiceReference<?> ref) {
        synchronized (lock) {
            withdrawLocked(ref);
        }
    }

    private void withdrawLocked(ServiceReference<?> ref) {
        pending.remove(ref);
        List<AutoCloseable> made = offers.remove(ref);
        if (made != null) {
            for (AutoCloseable o : made) {
                try {
                    o.close();
                } catch (Exception e) {
                    // Grants' offers close quietly
                }
            }
        }
    }

    /** Offers the services seen before their capability reached the gate's domain. */
    void retryPending() {
        synchronized (lock) {
            retryLocked();
        }
    }

    private void retryLocked() {
        for (ServiceReference<?> ref : List.copyOf(pending)) {
            if (ref.getBundle() == null) {
                pending.remove(ref); // unregistered meanwhile
            } else {
                offerLocked(ref);
            }
        }
    }

    @Override
    public void close() {
        tracker.close();
        synchronized (lock) {
            for (ServiceReference<?> ref : List.copyOf(offers.keySet())) {
                withdrawLocked(ref);
            }
            pending.clear();
        }
    }
}
