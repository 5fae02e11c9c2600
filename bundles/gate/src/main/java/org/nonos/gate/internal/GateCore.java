// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nonos.gate.Decision;
import org.nonos.gate.Gate;
import org.nonos.gate.Trust;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The gate's decisions: who may resolve, on what ground, and the caches that keep that cheap.
 *
 * <p>Read this first. {@link #decide} is what the resolver hook asks for every candidate revision.
 * Two caches, both fail-closed (a miss means verify):
 * <ol>
 *   <li>by revision ({@link BundleRevision} identity, weakly held): a revision's content never
 *       changes, so it is read and verified once, however often the framework retries resolving it;</li>
 *   <li>by content: the same entries verify the same way under the same trust anchor, so a jar
 *       verified before install ({@link #verify}, hot deploy) is not verified again by the hook. The
 *       key is {@link JarContent#key()}, SHA-256 over every entry <em>including the attestation</em>:
 *       the attestation's own content digest leaves the attestation out, so it alone would let an
 *       unattested copy of an accepted bundle hit the cache.</li>
 * </ol>
 * An update makes a new revision: its content is read and its digest computed anew, and new
 * content is verified anew. {@link #invalidate()} (a new registry root) empties the digest cache.
 * Every fresh decision about a revision is appended to the audit log with its digest and reason.
 */
public final class GateCore implements Gate {
    /** Distinct contents remembered; beyond this the oldest are verified again if seen again. */
    static final int DIGEST_CACHE_SIZE = 1024;

    private final AttestationCheck check;
    private final MeasuredBoot boot;
    private final BootVerification bootCheck;
    private final AuditSink audit;
    private final Clock clock;
    private final Map<BundleRevision, Decision> byRevision = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, AttestationCheck.Outcome> byDigest = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AttestationCheck.Outcome> eldest) {
                    return size() > DIGEST_CACHE_SIZE;
                }
            });
    private final Map<Long, Decision> byBundle = new ConcurrentHashMap<>();
    private final AtomicLong verifications = new AtomicLong();
    /** Bundles resolved before the gate, with the SHA-256 the launcher measured for their jar ("" if none). */
    private final Map<Long, String> beforeGate = new ConcurrentHashMap<>();

    /** Without a boot verdict cache: measured boot bundles are verified like any other bundle. */
    public GateCore(AttestationCheck check, MeasuredBoot boot, AuditSink audit, Clock clock) {
        this(check, boot, BootVerification.uncached(boot, audit), audit, clock);
    }

    /**
     * @param bootCheck the boot bundles' verdicts (docs/gate.md "Boot bundles"); a measured boot
     *     bundle that has one is decided by it, else verified like any other bundle
     */
    public GateCore(AttestationCheck check, MeasuredBoot boot, BootVerification bootCheck, AuditSink audit, Clock clock) {
        this.check = check;
        this.boot = boot;
        this.bootCheck = bootCheck;
        this.audit = audit;
        this.clock = clock;
        bootCheck.onSettled(this::judgeBeforeGate);
    }

    /** How many times the attestation verifier ran (cache misses); for tests and the shell. */
    public long verifications() {
        return verifications.get();
    }

    @Override
    public Decision verify(byte[] jar) {
        JarContent content;
        try {
            content = JarContent.of(jar);
        } catch (MalformedJarException e) {
            Decision d = rejected(-1, "", "", "MALFORMED_JAR", e.getMessage());
            audit.append(line("gate.verify", d));
            return d;
        }
        boolean fresh = !byDigest.containsKey(content.key());
        AttestationCheck.Outcome o = outcome(content);
        Decision d = toDecision(-1, symbolicName(content), o);
        if (fresh) {
            audit.append(line("gate.verify", d));
        }
        return d;
    }

    /**
     * The decision about a revision the framework wants to resolve. Never throws: anything that
     * goes wrong is a reject with its reason.
     */
    public Decision decide(BundleRevision revision) {
        Decision cached = byRevision.get(revision);
        if (cached != null) {
            return cached;
        }
        Bundle bundle = revision.getBundle();
        long id = bundle.getBundleId();
        String name = String.valueOf(revision.getSymbolicName());
        if (bundle.adapt(BundleRevision.class) != revision) {
            // Only the current revision's entries can be read through the Bundle; an older one
            // asking to resolve is refused rather than judged by someone else's content.
            return rejected(id, name, "", "NOT_CURRENT", "not the bundle's current revision");
        }
        Decision d;
        Optional<BootVerification.Verdict> bootVerdict = boot.verify(bundle.getLocation()).flatMap(bootCheck::verdict);
        if (bootVerdict.isPresent()) {
            d = bootDecision(id, name, bootVerdict.get(), Trust.MEASURED_BOOT, "boot bundle measured by the launcher");
        } else {
            try {
                d = toDecision(id, name, outcome(JarContent.of(bundle)));
            } catch (MalformedJarException e) {
                d = rejected(id, name, "", "UNREADABLE", e.getMessage());
            }
        }
        if (!"NOT_READY".equals(d.reason()) && !"NO_TRUST_ANCHOR".equals(d.reason()) && !"UNREADABLE".equals(d.reason())) {
            // A refusal for want of a verifier, or of readable content, is not about the content:
            // it is asked again at the next resolve.
            byRevision.put(revision, d);
        }
        byBundle.put(id, d);
        audit.append(line(d.accepted() ? "gate.accept" : "gate.reject", d));
        return d;
    }

    /**
     * Records a bundle resolved before the hook was registered (the gate's own dependencies), with
     * the launcher's measurement of its jar when there is one. Its attestation is judged once the
     * boot bundles' verdicts are in ({@link #judgeBeforeGate}); when the launcher measured boot
     * bundles but not this one, the boot is refused: it was resolved unguarded and unmeasured.
     */
    public void beforeGate(Bundle bundle) {
        Optional<String> measured = boot.verify(bundle.getLocation());
        String name = String.valueOf(bundle.getSymbolicName());
        Decision d = new Decision(bundle.getBundleId(), name,
                measured.map(m -> "jar-sha256:" + m).orElse(""), true, Trust.BEFORE_GATE, "OK",
                measured.isPresent() ? "resolved before the gate started; measured by the launcher, attestation not judged yet"
                        : "resolved before the gate started; NOT measured by the launcher",
                List.of(), clock.millis());
        byBundle.put(bundle.getBundleId(), d);
        beforeGate.put(bundle.getBundleId(), measured.orElse(""));
        if (measured.isEmpty() && boot.size() > 0) {
            bootCheck.refuse("NOT_MEASURED", name + " (bundle " + bundle.getBundleId() + ", " + bundle.getLocation()
                    + ") resolved before the gate started and its jar is not what the launcher measured");
        }
    }

    /**
     * The boot bundles' verdicts are in: each bundle resolved before the gate gets the verdict of
     * its measured jar (it stays resolved either way; a rejected one has refused the boot).
     */
    private void judgeBeforeGate() {
        for (Map.Entry<Long, String> e : beforeGate.entrySet()) {
            Decision old = byBundle.get(e.getKey());
            if (old == null || old.trust() != Trust.BEFORE_GATE || e.getValue().isEmpty()) {
                continue;
            }
            Optional<BootVerification.Verdict> v = bootCheck.verdict(e.getValue());
            if (v.isPresent()) {
                Decision d = bootDecision(e.getKey(), old.symbolicName(), v.get(), Trust.BEFORE_GATE,
                        "resolved before the gate started; measured by the launcher");
                byBundle.put(e.getKey(), d);
                if (!d.accepted()) {
                    audit.append(line("gate.reject", d));
                }
            }
        }
    }

    private Decision bootDecision(long id, String name, BootVerification.Verdict v, Trust trust, String how) {
        AttestationCheck.Outcome o = v.outcome();
        if (!o.valid()) {
            return rejected(id, name, o.digest(), o.reason(), o.detail());
        }
        return new Decision(id, name, o.digest(), true, trust, "OK",
                how + "; " + o.detail() + (v.cached() ? " (boot verdict cache)" : ""), o.capabilities(), clock.millis());
    }

    /** Forgets an uninstalled bundle. */
    public void forget(long bundleId) {
        byBundle.remove(bundleId);
        beforeGate.remove(bundleId);
    }

    /** The trust anchor changed: contents must be verified again (revisions already resolved stay). */
    public void invalidate() {
        byDigest.clear();
        byRevision.clear();
    }

    @Override
    public Optional<Decision> decision(long bundleId) {
        return Optional.ofNullable(byBundle.get(bundleId));
    }

    @Override
    public List<Decision> decisions() {
        List<Decision> out = new ArrayList<>(byBundle.values());
        out.sort((a, b) -> Long.compare(a.bundleId(), b.bundleId()));
        return out;
    }

    private AttestationCheck.Outcome outcome(JarContent content) {
        String key = content.key();
        AttestationCheck.Outcome o = byDigest.get(key);
        if (o == null) {
            verifications.incrementAndGet();
            o = check.check(content);
            if (o.definitive()) {
                byDigest.put(key, o);
            }
        }
        return o;
    }

    private Decision toDecision(long id, String name, AttestationCheck.Outcome o) {
        return o.valid()
                ? new Decision(id, name, o.digest(), true, Trust.ATTESTED, "OK", o.detail(), o.capabilities(), clock.millis())
                : rejected(id, name, o.digest(), o.reason(), o.detail());
    }

    private Decision rejected(long id, String name, String digest, String reason, String detail) {
        return new Decision(id, name, digest, false, Trust.NONE, reason, detail, List.of(), clock.millis());
    }

    /** The symbolic name from the manifest, for messages; "" when there is none. */
    static String symbolicName(JarContent content) {
        byte[] mf = content.entries().get("META-INF/MANIFEST.MF");
        if (mf == null) {
            return "";
        }
        try {
            java.util.jar.Manifest m = new java.util.jar.Manifest(new java.io.ByteArrayInputStream(mf));
            String bsn = m.getMainAttributes().getValue("Bundle-SymbolicName");
            return bsn == null ? "" : bsn.split(";", 2)[0].strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** One audit event: {@code <kind> <id>:<name> digest=<d> trust=<t> reason=<r> caps=<c> detail=<why>}. */
    static String line(String kind, Decision d) {
        return kind + " " + (d.bundleId() < 0 ? "-" : Long.toString(d.bundleId())) + ":"
                + (d.symbolicName().isEmpty() ? "?" : d.symbolicName())
                + " digest=" + (d.digest().isEmpty() ? "none" : d.digest())
                + " trust=" + d.trust() + " reason=" + d.reason()
                + " caps=" + (d.capabilities().isEmpty() ? "none" : String.join(",", d.capabilities()))
                + " detail=" + d.detail().replace('\n', ' ');
    }
}
