// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Rights;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Hands the launcher's devices and the capability-guarded services to the one bundle that grants
 * them on: the activation gate.
 *
 * <p>Read this first. The launcher opens the host resources (serial line, {@code --disk},
 * {@code --tap}) and registers them in the kernel as devices owned by the root domain; it names
 * them to the framework in the properties {@code nonos.devices} (comma-separated) and
 * {@code nonos.device.<name>.cap} (the root's handle; for a read-only disk a child without
 * WRITE). Only this bundle holds the root domain, so only it can pass them on. When the bundle
 * named by {@link #BROKER} is installed (or at start, if it is already there), its domain receives
 * for each device a child with the device's I/O rights as the root holds them (READ, WRITE: a
 * read-only disk has no WRITE to pass on) plus DERIVE and TRANSFER, so that it can derive and
 * transfer exactly what an attestation was granted. The intermediates stay in the root: stopping
 * this bundle deletes them and, through the derivation tree, every grant made from them.
 *
 * <p>Guarded services ({@link CapabilityRuntime}): when one is registered, the broker's domain
 * receives a child of its endpoint with CALL, DERIVE and TRANSFER, and the broker sees every guarded
 * service, so that it can offer them for grants (the gate grants {@code service:<interface>} to the
 * bundles whose attestation requested it). The administrator service is not brokered: it is granted
 * only to the bundles configured for it.
 *
 * <p>The device {@value #ADMIN_PASSWORD} (the administrator's password file, read by the shell's
 * login) is never brokered: no attestation can name it.
 */
final class Broker {
    /** Framework property: the symbolic name of the bundle that receives the devices to grant on. */
    static final String BROKER = "org.nonos.capability.broker";
    /** The launcher's name for the administrator password file it opens (not a device to grant). */
    static final String ADMIN_PASSWORD = "admin-password";
    private static final Rights IO = Rights.of(Rights.Right.READ, Rights.Right.WRITE);
    private static final Rights PASS_ON = Rights.of(Rights.Right.DERIVE, Rights.Right.TRANSFER);

    private final CapabilityRuntime runtime;
    private final String broker;
    private final Map<String, Long> rootHandles;
    /** Per device name, the root's intermediate the broker's child hangs from. */
    private final Map<String, Capability> intermediates = new LinkedHashMap<>();

    private Broker(CapabilityRuntime runtime, String broker, Map<String, Long> rootHandles) {
        this.runtime = runtime;
        this.broker = broker;
        this.rootHandles = rootHandles;
    }

    /** The broker configured by {@code context}'s properties, or null when none is. */
    static Broker configured(CapabilityRuntime runtime, BundleContext context) {
        String name = context.getProperty(BROKER);
        if (name == null || name.isBlank()) {
            return null;
        }
        return new Broker(runtime, name.strip(), devices(context::getProperty));
    }

    /** The launcher's devices: name to root handle, in the launcher's order; malformed entries are left out. */
    static Map<String, Long> devices(java.util.function.UnaryOperator<String> property) {
        Map<String, Long> out = new LinkedHashMap<>();
        String names = property.apply("nonos.devices");
        if (names == null) {
            return out;
        }
        for (String n : names.split(",")) {
            String name = n.strip();
            String cap = name.isEmpty() || name.equals(ADMIN_PASSWORD) ? null : property.apply("nonos.device." + name + ".cap");
            if (cap == null) {
                continue;
            }
            try {
                out.put(name, Long.parseUnsignedLong(cap.strip()));
            } catch (NumberFormatException e) {
                System.err.println("org.nonos.capability: device " + name + ": bad handle " + cap);
            }
        }
        return out;
    }

    /** Gives {@code bundle}'s domain its children if it is the broker (once per domain). */
    synchronized void offerTo(Bundle bundle) {
        if (bundle.getSymbolicName() == null || !broker.equals(bundle.getSymbolicName())) {
            return;
        }
        DomainImpl root = runtime.root();
        DomainImpl target = runtime.domainOf(bundle);
        for (Map.Entry<String, Long> d : rootHandles.entrySet()) {
            try {
                Capability mid = intermediates.get(d.getKey());
                if (mid == null) {
                    Capability device = root.capability(d.getValue());
                    Rights pass = device.rights().intersect(IO).union(PASS_ON);
                    mid = device.derive(pass, pass);
                    intermediates.put(d.getKey(), mid);
                }
                if (!target.holds(((CapabilityImpl) mid).objectId(), mid.rights())) {
                    mid.transfer(target.id());
                    root.audit("device.broker " + d.getKey() + " to " + target.name() + " rights="
                            + mid.rights().intersect(IO).toList());
                }
            } catch (CapabilityException e) {
                root.audit("device.broker " + d.getKey() + " refused: " + e.getMessage());
            }
        }
    }

    /** Whether {@code bundle} is the broker. */
    boolean isBroker(Bundle bundle) {
        return bundle != null && broker.equals(bundle.getSymbolicName());
    }

    /** The broker bundle's domain, if the broker is installed. */
    java.util.Optional<DomainImpl> brokerDomain(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if (isBroker(b)) {
                return java.util.Optional.of(runtime.domainOf(b));
            }
        }
        return java.util.Optional.empty();
    }

    /** Gives the broker a child of a guarded service's endpoint, to grant CALL on from it. */
    void offerService(BundleContext context, Capability original, String what) {
        brokerDomain(context).ifPresent(d -> {
            Rights pass = Rights.of(Rights.Right.CALL).union(PASS_ON);
            Capability mid = original.derive(pass, pass); // a child of the original: unregistering deletes it
            mid.transfer(d.id());
            runtime.root().audit("service.broker " + what + " to " + d.name());
        });
    }

    /** Deletes the intermediates, and with them every capability granted from them. */
    synchronized void close() {
        List<Capability> all = new ArrayList<>(intermediates.values());
        intermediates.clear();
        for (Capability c : all) {
            c.close();
        }
    }
}
