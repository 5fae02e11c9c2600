// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.nonos.capability.Domain;
import org.nonos.gate.CapabilityGrants;
import org.nonos.gate.Gate;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;

/**
 * Starts the gate. An activator, not a Declarative Services component: the hook must be in place
 * the moment this bundle is active, before the framework moves to the start level of the other
 * bundles (docs/gate.md "When the gate starts"), and SCR is itself one of the bundles it governs.
 *
 * <p>Order inside {@link #start}: the decisions core (refusing every unmeasured bundle until the
 * verifier is ready), the resolver hook, then the services. The verifier is made as soon as the
 * crypto service is there ({@link VerifierSetup}).
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {
    /** Framework property: the launcher's measured-boot event log. */
    static final String MEASUREMENTS = "nonos.boot.measurements";

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private VerifierSetup setup;
    private BootVerification bootCheck;
    private Grants grants;
    private DeviceOffers devices;
    private ServiceOffers services;
    private SynchronousBundleListener listener;

    @Override
    public void start(BundleContext context) throws Exception {
        Domain domain = domainOf(context);
        AuditSink audit = new DomainAudit(domain);
        MeasuredBoot boot = measuredBoot(context, audit);
        PendingCheck check = new PendingCheck(PendingCheck.DEFAULT_WAIT_MS);
        bootCheck = BootVerification.fromContext(context, boot, audit);
        GateCore core = new GateCore(check, boot, bootCheck, audit, Clock.systemUTC());
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && (b.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
                core.beforeGate(b);
                if (boot.verify(b.getLocation()).isEmpty()) {
                    audit.append("gate.before " + b.getBundleId() + ":" + b.getSymbolicName()
                            + " resolved before the gate and not measured at boot");
                }
            }
        }
        bootCheck.start(); // the boot verdict cache: no crypto needed
        registrations.add(context.registerService(ResolverHookFactory.class, new GateHook(core), null));
        listener = e -> {
            if (e.getType() == BundleEvent.UNINSTALLED) {
                core.forget(e.getBundle().getBundleId());
            }
        };
        context.addBundleListener(listener);
        ServiceRegistration<Gate> gateRegistration = context.registerService(Gate.class, core, bootCheck.properties());
        registrations.add(gateRegistration);
        registrations.add(bootCheck.wire(context, gateRegistration, check));
        grants = new Grants(core, domain, audit);
        context.addBundleListener(grants);
        registrations.add(context.registerService(CapabilityGrants.class, grants, null));
        Dictionary<String, Object> cmd = new Hashtable<>();
        cmd.put(CommandProcessor.COMMAND_SCOPE, GateCommands.SCOPE);
        cmd.put(CommandProcessor.COMMAND_FUNCTION, GateCommands.FUNCTIONS);
        registrations.add(context.registerService(GateCommands.class, new GateCommands(core, context), cmd));
        devices = DeviceOffers.open(context, domain, grants, audit);
        services = ServiceOffers.open(context, domain, grants, audit);
        TrustControl trust = new TrustControl(context, check, core, audit, devices::decorate);
        registrations.addAll(RegistryCommands.register(context, trust));
        setup = new VerifierSetup(context, check, trust, audit);
        setup.open();
        audit.append("gate.started measured-boot-bundles=" + boot.size());
    }

    @Override
    public void stop(BundleContext context) {
        if (bootCheck != null) {
            bootCheck.close();
        }
        if (setup != null) {
            setup.close();
        }
        if (listener != null) {
            context.removeBundleListener(listener);
        }
        if (grants != null) {
            context.removeBundleListener(grants);
        }
        if (devices != null) {
            devices.close();
        }
        if (services != null) {
            services.close();
        }
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // the framework withdrew it already
            }
        }
        registrations.clear();
    }

    private static Domain domainOf(BundleContext context) throws BundleException {
        ServiceReference<Domain> ref = context.getServiceReference(Domain.class);
        Domain domain = ref == null ? null : context.getService(ref);
        if (domain == null) {
            throw new BundleException("the gate needs the capability API (org.nonos.capability) active first: "
                    + "its records go to the kernel's audit log, its grants through the kernel");
        }
        return domain;
    }

    private static MeasuredBoot measuredBoot(BundleContext context, AuditSink audit) {
        String log = context.getProperty(MEASUREMENTS);
        if (log == null || log.isBlank()) {
            return MeasuredBoot.none();
        }
        try {
            return MeasuredBoot.read(Path.of(log));
        } catch (IOException e) {
            audit.append("gate.measurements unreadable " + log + ": " + e.getMessage() + " (no boot bundle trusted by measurement)");
            return MeasuredBoot.none();
        }
    }
}
