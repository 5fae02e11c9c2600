// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.Rights;
import org.nonos.gate.CapabilityGrants;
import org.nonos.gate.Decision;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * The gate's grants: on activation a bundle's domain receives exactly the capabilities its
 * accepted attestation requested (and the registry allowed), derived from the capabilities
 * providers offered; no more, and nothing for a bundle the gate did not accept by attestation.
 *
 * <p>Each grant is an intermediate capability the gate keeps (rights = the granted ones plus
 * TRANSFER, derive mask = the granted ones) and its transferred child in the bundle's domain,
 * which therefore holds exactly the granted rights and cannot pass on more. Revoking a grant
 * deletes the intermediate, and with it the child (the kernel's derivation tree).
 *
 * <p>An offer names a class the attestation can request ({@code service:org.nonos.crypto.CryptoService},
 * {@code device:block}) or one instance of it ({@code device:block/data}): a bundle that requested
 * the class is granted, from each instance offered, the requested rights that instance has (a
 * read-only disk has no WRITE to give).
 *
 * <p>Bundle events come synchronously: STARTING (before the activator runs) grants; STOPPED,
 * UNRESOLVED and UNINSTALLED revoke. All methods are synchronized: grants are rare.
 */
public final class Grants implements CapabilityGrants, SynchronousBundleListener {

    private record Grant(Capability intermediate, long handle, String source) {
    }

    private final GateCore core;
    private final Domain gateDomain;
    private final AuditSink audit;
    private final Map<String, Capability> sources = new HashMap<>();
    private final Map<Long, Map<String, Grant>> grants = new HashMap<>();
    private final Map<Long, Bundle> active = new HashMap<>();
    /** Run when a bundle starts, before its grants: lets late offers be made first ({@link ServiceOffers}). */
    private volatile Runnable beforeStart = () -> { };

    public Grants(GateCore core, Domain gateDomain, AuditSink audit) {
        this.core = core;
        this.gateDomain = gateDomain;
        this.audit = audit;
    }

    /** Sets what runs when a bundle starts, before its grants are made. */
    void beforeStart(Runnable r) {
        beforeStart = r;
    }

    @Override
    public synchronized AutoCloseable offer(String target, Capability source) {
        if (target == null || !target.matches("[a-z]+:[A-Za-z0-9_.$-]+(/[A-Za-z0-9_.-]+)?") || source == null) {
            throw new IllegalArgumentException("offer needs a target kind:name[/instance] and a capability");
        }
        if (sources.containsKey(target)) {
            throw new IllegalStateException("a capability is already offered for " + target);
        }
        sources.put(target, source);
        audit.append("gate.offer " + target + " rights=" + source.rights().toList());
        for (Bundle b : List.copyOf(active.values())) {
            grant(b, target);
        }
        return () -> withdraw(target, source);
    }

    private synchronized void withdraw(String target, Capability source) {
        if (sources.get(target) != source) {
            return;
        }
        sources.remove(target);
        for (Map.Entry<Long, Map<String, Grant>> e : grants.entrySet()) {
            revoke(e.getKey(), e.getValue(), target);
        }
        audit.append("gate.offer-withdrawn " + target);
    }

    @Override
    public synchronized OptionalLong granted(Bundle bundle, String target) {
        Map<String, Grant> mine = grants.getOrDefault(bundle.getBundleId(), Map.of());
        Grant g = mine.get(target);
        if (g == null && target != null && target.indexOf('/') < 0) {
            // a class name: the grant of its first instance
            g = mine.values().stream().filter(x -> classOf(x.source()).equals(target)).findFirst().orElse(null);
        }
        return g == null ? OptionalLong.empty() : OptionalLong.of(g.handle());
    }

    /**
     * The attestation's name of what an offer target provides: {@code device:block/data} is an
     * instance of {@code device:block}; a target without an instance is its own class.
     */
    static String classOf(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(0, slash);
    }

    @Override
    public synchronized void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTING -> {
                beforeStart.run();
                active.put(b.getBundleId(), b);
                Map<String, Rights> wanted = requested(b);
                for (String target : List.copyOf(sources.keySet())) {
                    if (wanted.containsKey(classOf(target))) {
                        grant(b, target);
                    }
                }
            }
            case BundleEvent.STOPPED, BundleEvent.UNRESOLVED, BundleEvent.UNINSTALLED -> {
                active.remove(b.getBundleId());
                Map<String, Grant> mine = grants.remove(b.getBundleId());
                if (mine != null) {
                    for (String target : List.copyOf(mine.keySet())) {
                        revoke(b.getBundleId(), mine, target);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Requested and allowed rights by target, from the gate's decision on the current revision. */
    private Map<String, Rights> requested(Bundle b) {
        Optional<Decision> d = core.decision(b.getBundleId());
        Map<String, Rights> out = new LinkedHashMap<>();
        if (d.isEmpty() || !d.get().accepted()) {
            return out;
        }
        for (String c : d.get().capabilities()) {
            // "kind:name;rights=right" (org.nonos.attestation.Capability#toString)
            int semi = c.indexOf(";rights=");
            if (semi < 0) {
                continue;
            }
            Rights r = right(c.substring(semi + ";rights=".length()));
            if (r != null) {
                out.merge(c.substring(0, semi), r, Rights::union);
            }
        }
        return out;
    }

    /** The kernel right for an attestation right name; null for a name the kernel has no right for. */
    static Rights right(String name) {
        try {
            return Rights.of(Rights.Right.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void grant(Bundle b, String target) {
        Rights wanted = requested(b).get(classOf(target));
        Capability source = sources.get(target);
        if (wanted == null || source == null || grants.getOrDefault(b.getBundleId(), Map.of()).containsKey(target)) {
            return;
        }
        Rights rights = wanted.intersect(source.rights());
        String who = b.getBundleId() + ":" + b.getSymbolicName();
        if (rights.isEmpty()) {
            audit.append("gate.grant-refused " + who + " " + target + " requested=" + wanted.toList()
                    + " offered=" + source.rights().toList());
            return;
        }
        Capability intermediate = null;
        try {
            intermediate = source.derive(rights.union(Rights.of(Rights.Right.TRANSFER)), rights);
            long handle = intermediate.transfer(gateDomain.idOf(b));
            grants.computeIfAbsent(b.getBundleId(), k -> new HashMap<>()).put(target, new Grant(intermediate, handle, target));
            audit.append("gate.grant " + who + " " + target + " rights=" + rights.toList() + " handle=" + handle);
        } catch (CapabilityException e) {
            if (intermediate != null) {
                intermediate.close();
            }
            audit.append("gate.grant-failed " + who + " " + target + " " + e.getMessage());
        }
    }

    private void revoke(long bundleId, Map<String, Grant> mine, String target) {
        Grant g = mine.remove(target);
        if (g != null) {
            g.intermediate().close(); // deletes the bundle's child too
            audit.append("gate.revoke " + bundleId + " " + target);
        }
    }
}
