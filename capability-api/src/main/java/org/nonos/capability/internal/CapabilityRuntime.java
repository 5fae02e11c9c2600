// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.Rights;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;

/**
 * The kernel face inside a framework: one kernel domain per bundle, handed out by a service
 * factory, and capability-guarded services.
 *
 * <p>Read this first. Nothing here touches the kernel library until a bundle asks for its
 * {@link Domain} or a guarded service is registered (the library binds lazily, off the boot
 * path). A bundle's domain is created on its first request and destroyed when the bundle is
 * uninstalled (its capabilities outlive a stop/start, as its data area does).
 *
 * <p>Guarded services (property {@link Domain#GUARDED}): when one is registered, the root
 * domain creates an endpoint for it, keeps the original capability, transfers a child to
 * the registering bundle's domain and serves the endpoint with the service object. The
 * owner grants others access by transferring (children of) its capability; revoking takes
 * it away. The find and event hooks hide the service from every bundle whose domain holds no
 * live capability with CALL on the endpoint, asking the kernel each time; a call through
 * a revoked capability fails in the kernel at once. Unregistering deletes the original, and
 * with it every capability derived from it, in every domain.
 */
public final class CapabilityRuntime implements Directory {

    private static final String GUARD_FILTER = "(" + Domain.GUARDED + "=true)";
    private static final Rights CALL = Rights.of(Rights.Right.CALL);

    /** One guarded service: the root's original capability and the serving registration. */
    private record Guard(Capability original, long objectId, ServerTable.Entry serving) {
    }

    private final BundleContext context;
    private final long selfId;
    private final Map<Long, DomainImpl> domains = new ConcurrentHashMap<>();
    private final Map<Long, Guard> guards = new ConcurrentHashMap<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile DomainImpl root;
    /** Symbolic names of the bundles granted the administrator capability ({@link KernelAdmin#ADMIN_BUNDLES}). */
    private final Set<String> adminBundles;
    private volatile ServiceRegistration<?> admin;
    /** The root's CALL-only source of administrator grants (revoking it takes every grant back). */
    private volatile Capability adminGrant;
    /** Passes the launcher's devices and guarded services to the bundle that grants them on ({@link Broker#BROKER}), or null. */
    private volatile Broker broker;

    private final SynchronousBundleListener bundles = this::bundleChanged;
    private final ServiceListener services = this::serviceChanged;

    /** Devices handed to bundles' domains ({@link org.nonos.capability.Device#GRANTS}). */
    private final DeviceGrants deviceGrants;

    public CapabilityRuntime(BundleContext context) {
        this.context = context;
        this.selfId = context.getBundle().getBundleId();
        this.adminBundles = adminBundles(context.getProperty(KernelAdmin.ADMIN_BUNDLES));
        this.deviceGrants = DeviceGrants.parse(context.getProperty(org.nonos.capability.Device.GRANTS));
    }

    static Set<String> adminBundles(String property) {
        Set<String> names = new HashSet<>();
        if (property != null) {
            for (String n : property.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
        }
        return Set.copyOf(names);
    }

    /** Registers the Domain factory and the hooks, and guards services already registered. */
    public void start() throws InvalidSyntaxException {
        context.addBundleListener(bundles);
        context.addServiceListener(services, GUARD_FILTER);
        GuardHooks hooks = new GuardHooks(this);
        registrations.add(context.registerService(new String[] {FindHook.class.getName(), EventListenerHook.class.getName()},
                hooks, null));
        registrations.add(context.registerService(Domain.class.getName(), new DomainFactory(this), null));
        broker = Broker.configured(this, context);
        ServiceReference<?>[] existing = context.getAllServiceReferences(null, GUARD_FILTER);
        if (existing != null) {
            for (ServiceReference<?> ref : existing) {
                guard(ref);
            }
        }
        if (!deviceGrants.isEmpty()) {
            // A driver is configured to get a device: it will ask for its domain during the boot
            // (the serial line, before the login prompt). Binding the kernel library costs a few
            // hundred milliseconds in a cold JVM; start it now, beside the framework's start, so
            // that the driver finds it done. A failure is reported again to whoever asks first.
            Thread bind = new Thread(() -> {
                try {
                    Kernel.get();
                } catch (RuntimeException reportedToTheFirstCaller) {
                    // Kernel.get() retries and throws for the caller that needs it
                }
            }, "nonos-kernel-bind");
            bind.setDaemon(true);
            bind.start();
        }
        if (!adminBundles.isEmpty()) {
            try {
                startAdmin();
            } catch (CapabilityException e) {
                // No kernel, no administrator: the service stays hidden (fail closed), the rest runs.
                System.err.println("org.nonos.capability: no administrator service: " + e.getMessage());
            }
        }
        startBroker();
    }

    /** Hands the launcher's devices (and the guarded services) to the configured broker bundle, if there is one (binds the kernel). */
    private void startBroker() {
        Broker b = broker;
        if (b == null) {
            return;
        }
        try {
            for (Bundle bundle : context.getBundles()) {
                b.offerTo(bundle);
            }
        } catch (CapabilityException e) {
            broker = null;
            System.err.println("org.nonos.capability: no devices to grant: " + e.getMessage());
        }
    }

    /** Gives the broker a child of a guarded service's endpoint (not the administrator's). */
    private void brokerService(ServiceReference<?> ref, Guard g) {
        Broker b = broker;
        if (b == null || g == null || isAdmin(ref)) {
            return;
        }
        String names = ref.getProperty(Constants.OBJECTCLASS) instanceof String[] n ? String.join(",", n) : "?";
        try {
            b.offerService(context, g.original, names);
        } catch (CapabilityException e) {
            root().audit("service.broker " + names + " refused: " + e.getMessage());
        }
    }

    /**
     * Registers {@link KernelAdmin} as a guarded service (a factory: each bundle's instance acts
     * for that bundle's domain) and grants it to the configured bundles. Only when some bundle is
     * configured, since guarding binds the kernel library at once.
     */
    private void startAdmin() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Domain.GUARDED, Boolean.TRUE);
        admin = context.registerService(KernelAdmin.class.getName(), new AdminFactory(), props);
        registrations.add(admin);
        Guard g = guards.get(serviceId(admin.getReference()));
        if (g == null) {
            return; // could not be guarded: hidden from everyone (fail closed)
        }
        adminGrant = g.original.derive(Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER), CALL);
        for (Bundle b : context.getBundles()) {
            grantAdmin(b);
        }
    }

    /** Transfers a CALL-only administrator capability to {@code bundle}'s domain if it is configured. */
    private void grantAdmin(Bundle bundle) {
        Capability grant = adminGrant;
        if (grant == null || bundle.getSymbolicName() == null || !adminBundles.contains(bundle.getSymbolicName())) {
            return;
        }
        DomainImpl d = domainOf(bundle);
        if (!d.holds(((CapabilityImpl) grant).objectId(), CALL)) {
            grant.transfer(d.id());
        }
    }

    /** The endpoint object of the administrator service, -1 while it is not guarded. */
    private long adminObject() {
        ServiceRegistration<?> a = admin;
        if (a == null) {
            return -1;
        }
        try {
            Guard g = guards.get(serviceId(a.getReference()));
            return g == null ? -1 : g.objectId;
        } catch (IllegalStateException unregistered) {
            return -1;
        }
    }

    private final class AdminFactory implements ServiceFactory<KernelAdmin> {
        @Override
        public KernelAdmin getService(Bundle bundle, ServiceRegistration<KernelAdmin> registration) {
            return new KernelAdminImpl(domainOf(bundle), CapabilityRuntime.this::adminObject);
        }

        @Override
        public void ungetService(Bundle bundle, ServiceRegistration<KernelAdmin> registration, KernelAdmin service) {
        }
    }

    /** Withdraws the services, ends every guard and destroys the domains made here. */
    public void stop() {
        context.removeServiceListener(services);
        context.removeBundleListener(bundles);
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and withdrew it first
            }
        }
        registrations.clear();
        admin = null;
        adminGrant = null;
        Broker b = broker;
        broker = null;
        if (b != null) {
            b.close();
        }
        for (Long serviceId : List.copyOf(guards.keySet())) {
            unguard(serviceId);
        }
        for (Long bundleId : List.copyOf(domains.keySet())) {
            destroyDomainOf(bundleId);
        }
    }

    /** The root domain, bound on first use. */
    DomainImpl root() {
        DomainImpl r = root;
        if (r == null) {
            synchronized (this) {
                r = root;
                if (r == null) {
                    r = DomainImpl.root(this);
                    root = r;
                }
            }
        }
        return r;
    }

    /** The domain of {@code bundle}, created on first request. */
    DomainImpl domainOf(Bundle bundle) {
        return domains.computeIfAbsent(bundle.getBundleId(), id -> {
            DomainImpl d = root().createDomain(nameOf(bundle), this);
            // Before anyone can see the new domain: the devices configured for its bundle.
            deviceGrants.grant(bundle.getSymbolicName(), root(), d, context::getProperty);
            return d;
        });
    }

    /**
     * A domain name for the kernel: 1..NK_NAME_MAX (63) printable ASCII bytes, unique per
     * bundle id, readable in the audit log.
     */
    static String nameOf(Bundle bundle) {
        String bsn = bundle.getSymbolicName() == null ? "bundle" : bundle.getSymbolicName();
        StringBuilder b = new StringBuilder().append(bundle.getBundleId()).append(':');
        for (int i = 0; i < bsn.length() && b.length() < 63; i++) {
            char c = bsn.charAt(i);
            b.append(c > ' ' && c < 0x7f ? c : '_');
        }
        return b.toString();
    }

    @Override
    public Domain.Id idOf(Bundle bundle) {
        return domainOf(bundle).id();
    }

    @Override
    public OptionalLong guardOf(ServiceReference<?> service) {
        Guard g = guards.get(serviceId(service));
        return g == null ? OptionalLong.empty() : OptionalLong.of(g.objectId);
    }

    static boolean guarded(ServiceReference<?> ref) {
        Object v = ref.getProperty(Domain.GUARDED);
        return Boolean.TRUE.equals(v) || (v instanceof String s && s.equalsIgnoreCase("true"));
    }

    /**
     * A {@link Domain} service registered by any bundle but this one: a bundle handing its
     * own domain to others under the Domain name. Hidden from everyone, so that the Domain
     * every bundle finds is the factory's, which answers with that bundle's own.
     */
    boolean impostor(ServiceReference<?> ref) {
        Object classes = ref.getProperty(Constants.OBJECTCLASS);
        if (classes instanceof String[] names) {
            for (String n : names) {
                if (n.equals(Domain.class.getName())) {
                    Bundle b = ref.getBundle();
                    return b == null || b.getBundleId() != selfId;
                }
            }
        }
        return false;
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    /**
     * May {@code finder} see {@code ref}? A Domain service not registered here: no.
     * Unguarded services: yes. Guarded: the framework
     * (system bundle), this bundle and the registering bundle do; any other bundle only if
     * its domain holds a live capability with CALL on the service's endpoint. A guarded
     * service without a guard (its endpoint could not be made) is hidden: fail closed.
     */
    boolean visible(Bundle finder, ServiceReference<?> ref) {
        if (impostor(ref)) {
            return finder.getBundleId() == 0 || finder.getBundleId() == selfId;
        }
        if (!guarded(ref)) {
            return true;
        }
        long id = finder.getBundleId();
        if (id == 0 || id == selfId) {
            return true;
        }
        Bundle owner = ref.getBundle();
        if (owner != null && owner.getBundleId() == id) {
            return true;
        }
        Broker b = broker;
        if (b != null && b.isBroker(finder) && !isAdmin(ref)) {
            return true; // it holds a capability on every guarded service but the administrator's, to grant from
        }
        Guard g = guards.get(serviceId(ref));
        DomainImpl d = domains.get(id);
        if (g == null || d == null) {
            return false;
        }
        try {
            return d.holds(g.objectId, CALL);
        } catch (CapabilityException domainGone) {
            return false;
        }
    }

    private void serviceChanged(ServiceEvent event) {
        ServiceReference<?> ref = event.getServiceReference();
        switch (event.getType()) {
            case ServiceEvent.REGISTERED, ServiceEvent.MODIFIED -> {
                if (guarded(ref) && !guards.containsKey(serviceId(ref))) {
                    guard(ref);
                }
            }
            case ServiceEvent.UNREGISTERING, ServiceEvent.MODIFIED_ENDMATCH -> unguard(serviceId(ref));
            default -> {
            }
        }
    }

    private void guard(ServiceReference<?> ref) {
        Bundle owner = ref.getBundle();
        if (owner == null) {
            return; // unregistered meanwhile
        }
        Object service = context.getService(ref);
        if (service == null) {
            return;
        }
        Capability original = root().createEndpoint();
        try {
            long objectId = ((CapabilityImpl) original).objectId();
            original.transfer(domainOf(owner).id());
            ServerTable.Entry serving = root().servers().register(objectId, service);
            guards.put(serviceId(ref), new Guard(original, objectId, serving));
        } catch (RuntimeException e) {
            original.close();
            context.ungetService(ref);
            throw e;
        }
        brokerService(ref, guards.get(serviceId(ref)));
    }

    private static boolean isAdmin(ServiceReference<?> ref) {
        return ref.getProperty(Constants.OBJECTCLASS) instanceof String[] names
                && java.util.Arrays.asList(names).contains(KernelAdmin.class.getName());
    }

    private void unguard(long serviceId) {
        Guard g = guards.remove(serviceId);
        if (g == null) {
            return;
        }
        root().servers().unregister(g.serving);
        g.original.close(); // deletes every capability derived from it, in every domain
        for (ServiceReference<?> ref : serviceRefs(serviceId)) {
            context.ungetService(ref);
        }
    }

    private ServiceReference<?>[] guardedRefs() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, GUARD_FILTER);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    private ServiceReference<?>[] serviceRefs(long serviceId) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + Constants.SERVICE_ID + "=" + serviceId + ")");
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.UNINSTALLED) {
            destroyDomainOf(event.getBundle().getBundleId());
        } else if (event.getType() == BundleEvent.INSTALLED) {
            grantAdmin(event.getBundle());
            Broker b = broker;
            if (b != null) {
                b.offerTo(event.getBundle());
                if (b.isBroker(event.getBundle())) {
                    for (ServiceReference<?> ref : guardedRefs()) {
                        brokerService(ref, guards.get(serviceId(ref)));
                    }
                }
            }
        }
    }

    private void destroyDomainOf(long bundleId) {
        DomainImpl d = domains.remove(bundleId);
        if (d != null) {
            root().destroy(d.id());
        }
    }
}
