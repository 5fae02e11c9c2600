// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.Domain;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;
import org.nonos.gate.CapabilityGrants;

/**
 * The launcher's devices, offered for grants. The capability API's runtime passes the gate's
 * domain a child of every device the launcher registered (framework property
 * {@code org.nonos.capability.broker=org.nonos.gate}, docs/capability-api.md "Devices"),
 * with the device's rights as the root holds them plus DERIVE and TRANSFER. Each is offered under
 * {@code <class>/<device name>}, the class being the attestation's name (docs/attestation.md,
 * capability table): a serial line is {@code device:serial}, a disk ({@code --disk}, a block
 * device or an image file) {@code device:block}, a TAP interface {@code device:net}, a TPM
 * {@code device:tpm}.
 *
 * <p>The devices are fixed at boot, so whether a request can be met is known before activation:
 * {@link #unavailable} names a requested device right no device of its class has (write on a
 * read-only disk, a TAP interface on a system started without one), and the gate refuses such a
 * bundle rather than activate it with less than it asked for.
 */
final class DeviceOffers implements AutoCloseable {
    /** The reason code of a bundle whose requested device rights this system cannot give. */
    static final String UNAVAILABLE = "DEVICE_UNAVAILABLE";

    /** One offered device. */
    record Offered(String target, String deviceClass, String name, Rights rights) {
    }

    private final List<Offered> offered;
    private final List<AutoCloseable> offers;
    private final boolean enforced;

    private DeviceOffers(List<Offered> offered, List<AutoCloseable> offers, boolean enforced) {
        this.offered = List.copyOf(offered);
        this.offers = offers;
        this.enforced = enforced;
    }

    /** The attestation's device class of a kernel device kind; empty for kinds no attestation can name. */
    static Optional<String> classOf(DeviceKind kind) {
        return switch (kind) {
            case SERIAL -> Optional.of("device:serial");
            case BLOCK, FILE -> Optional.of("device:block");
            case TAP -> Optional.of("device:net");
            case TPM -> Optional.of("device:tpm");
            case OTHER -> Optional.empty();
        };
    }

    /** Framework property of the capability API naming the bundle the launcher's devices are passed to. */
    static final String BROKER = "org.nonos.capability.broker";

    /**
     * The devices passed to the gate, offered; when the capability API is not configured to pass
     * them to this bundle ({@value #BROKER}), none, and device requests are not checked against
     * what the system has (nothing is granted from devices then either).
     */
    static DeviceOffers open(org.osgi.framework.BundleContext context, Domain gateDomain, CapabilityGrants grants,
            AuditSink audit) {
        String broker = context.getProperty(BROKER);
        if (broker == null || !broker.strip().equals(context.getBundle().getSymbolicName())) {
            return new DeviceOffers(List.of(), new ArrayList<>(), false);
        }
        DeviceOffers d = offer(gateDomain, grants, audit);
        audit.append("gate.devices " + (d.offered.isEmpty() ? "none" : String.join(" ", d.offered.stream()
                .map(o -> o.target() + "=" + o.rights().toList()).toList())));
        return d;
    }

    /** The attestation check with this system's devices checked after it (when devices are brokered here). */
    AttestationCheck decorate(AttestationCheck attestation) {
        return enforced ? new DeviceRightsCheck(attestation, this) : attestation;
    }

    /** Offers every device capability of {@code gateDomain} that can be passed on. */
    static DeviceOffers offer(Domain gateDomain, CapabilityGrants grants, AuditSink audit) {
        List<Offered> offered = new ArrayList<>();
        List<AutoCloseable> offers = new ArrayList<>();
        Rights passOn = Rights.of(Rights.Right.DERIVE, Rights.Right.TRANSFER);
        for (Capability c : gateDomain.capabilities()) {
            try {
                if (c.type() != ObjectType.DEVICE || !passOn.isSubsetOf(c.rights())) {
                    continue;
                }
                var device = c.device();
                Optional<String> cls = classOf(device.kind());
                String name = device.name();
                if (cls.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
                    audit.append("gate.device-skipped " + name + " kind=" + device.kind());
                    continue;
                }
                String target = cls.get() + "/" + name;
                offers.add(grants.offer(target, c));
                offered.add(new Offered(target, cls.get(), name, c.rights().intersect(
                        Rights.of(Rights.Right.READ, Rights.Right.WRITE))));
            } catch (CapabilityException | IllegalStateException e) {
                audit.append("gate.device-skipped handle " + e.getMessage());
            }
        }
        return new DeviceOffers(offered, offers, true);
    }

    List<Offered> offered() {
        return offered;
    }

    /**
     * The first requested device right that no offered device of its class has, as a sentence;
     * empty when every requested device right can be given. {@code capabilities} are the
     * attestation's ({@code kind:name;rights=right}).
     */
    Optional<String> unavailable(List<String> capabilities) {
        for (String c : capabilities) {
            int semi = c.indexOf(";rights=");
            if (!c.startsWith("device:") || semi < 0) {
                continue;
            }
            String cls = c.substring(0, semi);
            String right = c.substring(semi + ";rights=".length()).strip();
            Rights r = Grants.right(right);
            if (r == null) {
                continue; // not a kernel right: nothing to give from a device capability
            }
            List<Offered> same = offered.stream().filter(o -> o.deviceClass().equals(cls)).toList();
            if (same.stream().noneMatch(o -> r.isSubsetOf(o.rights()))) {
                String have = same.isEmpty() ? "this system has no " + cls
                        : "its devices here: " + String.join(", ", same.stream().map(o -> o.name() + " "
                                + o.rights().toList().toString().toLowerCase(Locale.ROOT)).toList());
                return Optional.of("requested " + cls + " " + right + ", which no device can give (" + have + ")");
            }
        }
        return Optional.empty();
    }

    /** Withdraws the offers, which revokes every grant made from them. */
    @Override
    public void close() {
        for (AutoCloseable o : offers) {
            try {
                o.close();
            } catch (Exception e) {
                // withdrawing never fails for Grants' offers
            }
        }
        offers.clear();
    }
}
