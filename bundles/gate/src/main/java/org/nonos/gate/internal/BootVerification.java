// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The attestations of the boot bundles (docs/gate.md "Boot bundles"): every jar the launcher
 * measured as a boot bundle must carry an attestation that verifies under the trust anchor, like
 * any other bundle; until all of them do, the boot does not go past start level 1, and one that
 * does not stops the boot.
 *
 * <p>Verdicts are cached per jar in {@code <state>/gate/boot-verdicts} ({@link BootVerdictFile}),
 * keyed by the SHA-256 the launcher measured and by the {@link AnchorFingerprint} of the trust
 * anchor in force. {@link #start} looks every measured jar up there with the JDK's SHA-256 only: on
 * a warm boot every boot bundle is found and nothing waits for the crypto service, the trust
 * anchor's signature or any proof. The jars not found are verified, in parallel, as soon as the
 * verifier is ready ({@link #verifierReady}); only accepted verdicts are written back, and only when
 * the anchor's files did not change meanwhile. A miss, a malformed file or an entry for another
 * anchor means: verify.
 *
 * <p>The outcome is published as service properties of the {@code Gate} service
 * ({@value #STATUS_PROPERTY} = {@code pending}, {@code verified} or {@code refused}, and
 * {@value #REASON_PROPERTY}), which the boot waits for before raising the start level.
 */
public final class BootVerification {
    /** Service property of the Gate service: {@code pending}, {@code verified} or {@code refused}. */
    public static final String STATUS_PROPERTY = "nonos.gate.boot";
    /** Service property: why the boot was refused (one line), when it was. */
    public static final String REASON_PROPERTY = "nonos.gate.boot.reason";
    /** The cache file, relative to the state directory. */
    static final String CACHE_FILE = "gate/boot-verdicts";

    /** Where the boot stands. */
    public enum Status { PENDING, VERIFIED, REFUSED }

    /** A verdict about one boot jar, and whether it came from the cache. */
    public record Verdict(AttestationCheck.Outcome outcome, boolean cached) {
    }

    private final MeasuredBoot boot;
    private final AuditSink audit;
    private final Path cacheFile;
    private final Supplier<Optional<String>> fingerprint;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong verifications = new AtomicLong();
    private final AtomicBoolean verifying = new AtomicBoolean();
    private final List<Runnable> settledListeners = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile Status status = Status.PENDING;
    private volatile String reason = "";
    private volatile Optional<String> anchor = Optional.empty();
    private volatile Consumer<Dictionary<String, Object>> publisher = d -> { };
    private volatile ExecutorService pool;
    private volatile long lookupMicros;

    private BootVerification(MeasuredBoot boot, AuditSink audit, Path cacheFile, Supplier<Optional<String>> fingerprint) {
        this.boot = boot;
        this.audit = audit;
        this.cacheFile = cacheFile;
        this.fingerprint = fingerprint;
    }

    /**
     * With the persistent cache.
     *
     * @param stateDir the state directory ({@code nonos.state}); the cache is {@value #CACHE_FILE} in it
     * @param trustDir the trust anchor's directory, {@code etc/trust}
     * @param ownerPublicKey the owner's public key file
     */
    public static BootVerification persistent(MeasuredBoot boot, AuditSink audit, Path stateDir, Path trustDir,
            Path ownerPublicKey) {
        return new BootVerification(boot, audit, stateDir.resolve(CACHE_FILE),
                () -> AnchorFingerprint.of(trustDir, ownerPublicKey));
    }

    /**
     * As the gate bundle configures it: the verdict cache in the state directory
     * ({@code nonos.state}), under the trust anchor that {@link VerifierSetup} loads (the same
     * properties); without a state directory, no cache.
     */
    static BootVerification fromContext(BundleContext context, MeasuredBoot boot, AuditSink audit) {
        String state = context.getProperty("nonos.state");
        String home = context.getProperty("nonos.home");
        Path trustDir = configured(context, VerifierSetup.TRUST_DIR, home, "etc/trust");
        Path ownerKey = configured(context, VerifierSetup.OWNER_KEY, home, "etc/owner.pub");
        if (state == null || state.isBlank() || trustDir == null || ownerKey == null) {
            return uncached(boot, audit);
        }
        return persistent(boot, audit, Path.of(state), trustDir, ownerKey);
    }

    private static Path configured(BundleContext context, String property, String home, String fallback) {
        String v = context.getProperty(property);
        if (v != null && !v.isBlank()) {
            return Path.of(v);
        }
        return home == null ? null : Path.of(home, fallback);
    }

    /**
     * Connects to the running gate: publishes the status on the Gate service's registration,
     * verifies the boot jars not in the cache when the verifier is ready (or refuses the boot when
     * it cannot be made), and registers {@code gate:boot}.
     *
     * @return the command's registration
     */
    ServiceRegistration<?> wire(BundleContext context, ServiceRegistration<?> gate, PendingCheck check) {
        publishTo(p -> {
            try {
                gate.setProperties(p);
            } catch (IllegalStateException unregistered) {
                // the gate is stopping
            }
        });
        check.listen(new PendingCheck.Listener() {
            @Override
            public void ready(AttestationCheck verifier) {
                verifierReady(verifier);
            }

            @Override
            public void failed(String code, String why) {
                verifierFailed(code, why);
            }
        });
        if (status == Status.PENDING) {
            // Boot jars without a cached verdict: the boot waits for them, so the verifier is
            // needed now, not after the boot (VerifierSetup defers it otherwise).
            check.needed();
        }
        return BootCommands.register(context, this);
    }

    /** Without a cache file (no state directory): every boot jar is verified. */
    public static BootVerification uncached(MeasuredBoot boot, AuditSink audit) {
        return new BootVerification(boot, audit, null, Optional::empty);
    }

    /** Looks every measured jar up in the cache. Needs no crypto service. */
    public void start() {
        long t0 = System.nanoTime();
        anchor = fingerprint.get();
        if (cacheFile != null && anchor.isPresent()) {
            byte[] bytes = readCache();
            BootVerdictFile.Parsed parsed = BootVerdictFile.parse(bytes);
            if (bytes != null && !parsed.recognised()) {
                audit.append("gate.boot-cache ignored " + cacheFile + ": not a boot verdict file of this version");
            } else if (parsed.skipped() > 0) {
                audit.append("gate.boot-cache skipped " + parsed.skipped() + " malformed line(s) of " + cacheFile);
            }
            Map<Path, String> measured = boot.bundles();
            for (BootVerdictFile.Entry e : parsed.entries()) {
                if (e.anchor().equals(anchor.get()) && measured.containsValue(e.jarSha256())
                        && verdicts.putIfAbsent(e.jarSha256(), new Verdict(new AttestationCheck.Outcome(e.digest(), true, "OK",
                                e.detail(), e.capabilities(), true), true)) == null) {
                    cacheHits.incrementAndGet();
                }
            }
        }
        lookupMicros = (System.nanoTime() - t0) / 1_000;
        settle();
    }

    /**
     * Refuses the boot (sticky): a bundle resolved before the gate that the launcher did not
     * measure, or no verifier can be made while boot jars still need verifying.
     */
    public synchronized void refuse(String code, String detail) {
        if (status == Status.REFUSED) {
            return;
        }
        reason = code + ": " + detail;
        audit.append("gate.boot refused " + reason);
        settledListeners.forEach(Runnable::run);
        status = Status.REFUSED;
        publish();
    }

    /** The verifier is ready: verifies, in parallel and off the caller's thread, every jar not decided yet. */
    public void verifierReady(AttestationCheck check) {
        if (status != Status.PENDING || !verifying.compareAndSet(false, true)) {
            return;
        }
        List<Map.Entry<Path, String>> todo = new ArrayList<>();
        for (Map.Entry<Path, String> m : boot.bundles().entrySet()) {
            if (!verdicts.containsKey(m.getValue())) {
                todo.add(m);
            }
        }
        if (todo.isEmpty()) {
            settle();
            return;
        }
        int threads = Math.min(todo.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService p = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nonos-gate-boot-verify");
            t.setDaemon(true);
            return t;
        });
        pool = p;
        AtomicLong left = new AtomicLong(todo.size());
        for (Map.Entry<Path, String> m : todo) {
            p.execute(() -> {
                try {
                    AttestationCheck.Outcome o = verifyOne(m.getKey(), m.getValue(), check);
                    verifications.incrementAndGet();
                    verdicts.put(m.getValue(), new Verdict(o, false));
                    audit.append("gate.boot-verify " + m.getKey().getFileName() + " jar-sha256=" + m.getValue() + " digest="
                            + (o.digest().isEmpty() ? "none" : o.digest()) + " reason=" + o.reason() + " detail=" + o.detail());
                } finally {
                    if (left.decrementAndGet() == 0) {
                        p.shutdown();
                        writeCache();
                        settle();
                    }
                }
            });
        }
    }

    /** No verifier can be made: refuses the boot if a boot jar still waits for verification. */
    public void verifierFailed(String code, String detail) {
        if (status == Status.PENDING) {
            refuse(code, detail);
        }
    }

    public Optional<Verdict> verdict(String jarSha256) {
        return Optional.ofNullable(verdicts.get(jarSha256));
    }

    public Status status() {
        return status;
    }

    /** Why the boot was refused, or "". */
    public String reason() {
        return reason;
    }

    /** Boot jars found in the verdict cache (no signature or proof checked for them). */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** Boot jars verified (signature, proof, digest) because the cache did not have them. */
    public long verifications() {
        return verifications.get();
    }

    /** Calls {@code r} once the status is no longer pending (at once if it is not). */
    public synchronized void onSettled(Runnable r) {
        settledListeners.add(r);
        if (status != Status.PENDING) {
            r.run();
        }
    }

    /** Publishes the status as service properties now and on every change. */
    public void publishTo(Consumer<Dictionary<String, Object>> p) {
        publisher = p;
        publish();
    }

    public Dictionary<String, Object> properties() {
        Dictionary<String, Object> d = new Hashtable<>();
        d.put(STATUS_PROPERTY, status.name().toLowerCase(java.util.Locale.ROOT));
        if (!reason.isEmpty()) {
            d.put(REASON_PROPERTY, reason);
        }
        return d;
    }

    /** For the shell's {@code gate:boot}: the status, the counters and each boot jar's verdict. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("boot bundles: ").append(status.name().toLowerCase(java.util.Locale.ROOT))
                .append(reason.isEmpty() ? "" : " (" + reason + ")").append('\n');
        b.append("measured ").append(boot.size()).append(", from the verdict cache ").append(cacheHits()).append(", verified ")
                .append(verifications()).append(" (cache lookup ").append(lookupMicros).append(" µs)\n");
        b.append("verdict cache: ").append(cacheFile == null ? "none" : cacheFile.toString()).append(", trust anchor ")
                .append(anchor.map(a -> a.substring(0, 16) + "…").orElse("unreadable")).append('\n');
        List<Map.Entry<Path, String>> jars = new ArrayList<>(boot.bundles().entrySet());
        jars.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Path, String> m : jars) {
            Verdict v = verdicts.get(m.getValue());
            b.append(String.format("%-9s %-18s %s%n", v == null ? "pending" : v.cached() ? "cached" : "verified",
                    v == null ? "-" : v.outcome().reason(), m.getKey().getFileName()));
        }
        return b.toString().stripTrailing();
    }

    /** Stops any verification still running (the gate stops). */
    public void close() {
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
        }
    }

    private AttestationCheck.Outcome verifyOne(Path file, String measuredSha256, AttestationCheck check) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) JarContent.MAX_TOTAL_BYTES + 1);
        } catch (IOException e) {
            return new AttestationCheck.Outcome("", false, "UNREADABLE", "cannot read " + file + ": " + e.getMessage(),
                    List.of(), true);
        }
        if (bytes.length > JarContent.MAX_TOTAL_BYTES) {
            return new AttestationCheck.Outcome("", false, "MALFORMED_JAR", file + " is larger than "
                    + JarContent.MAX_TOTAL_BYTES + " bytes", List.of(), true);
        }
        // Verify exactly the bytes the launcher measured: the file may have changed since.
        if (!sha256(bytes).equals(measuredSha256)) {
            return new AttestationCheck.Outcome("", false, "MEASUREMENT_MISMATCH", file
                    + " changed after the launcher measured it", List.of(), true);
        }
        try {
            return check.checkJar(bytes);
        } catch (RuntimeException e) {
            return new AttestationCheck.Outcome("", false, "MALFORMED_JAR", "cannot verify " + file + ": " + e, List.of(), true);
        }
    }

    /** Decided when every measured jar has a verdict: verified if all hold, else refused with the first that does not. */
    private synchronized void settle() {
        if (status != Status.PENDING) {
            return;
        }
        List<Map.Entry<Path, String>> jars = new ArrayList<>(boot.bundles().entrySet());
        jars.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Path, String> m : jars) {
            if (!verdicts.containsKey(m.getValue())) {
                return;
            }
        }
        for (Map.Entry<Path, String> m : jars) {
            AttestationCheck.Outcome o = verdicts.get(m.getValue()).outcome();
            if (!o.valid()) {
                refuse(o.reason(), "boot bundle " + m.getKey().getFileName() + ": " + o.detail());
                return;
            }
        }
        audit.append("gate.boot verified bundles=" + jars.size() + " cached=" + cacheHits() + " verified=" + verifications()
                + " lookup-us=" + lookupMicros + " ms=" + (System.nanoTime() - startNanos) / 1_000_000);
        // Listeners (the decisions about bundles resolved before the gate) first, so that whoever
        // sees the status has the decisions too.
        settledListeners.forEach(Runnable::run);
        status = Status.VERIFIED;
        publish();
    }

    private void publish() {
        publisher.accept(properties());
    }

    /** The cache file's bytes (at most one more than the bound), or null when there is none. */
    private byte[] readCache() {
        try (InputStream in = Files.newInputStream(cacheFile)) {
            return in.readNBytes(BootVerdictFile.MAX_BYTES + 1);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            audit.append("gate.boot-cache unreadable " + cacheFile + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Writes the accepted verdicts of the jars measured at this boot, under the anchor read at
     * {@link #start}, if the anchor's files still have that fingerprint (else a verdict made under
     * one anchor could be filed under another). Temporary file and atomic rename: a reader sees the
     * old file or the new one.
     */
    private void writeCache() {
        if (cacheFile == null || anchor.isEmpty() || !anchor.equals(fingerprint.get())) {
            return;
        }
        List<BootVerdictFile.Entry> entries = new ArrayList<>();
        for (String sha : boot.bundles().values()) {
            Verdict v = verdicts.get(sha);
            if (v != null && v.outcome().valid()) {
                entries.add(new BootVerdictFile.Entry(anchor.get(), sha, v.outcome().digest(), v.outcome().detail(),
                        v.outcome().capabilities()));
            }
        }
        try {
            Files.createDirectories(cacheFile.getParent());
            Path tmp = Files.createTempFile(cacheFile.getParent(), ".boot-verdicts", ".tmp");
            try {
                Files.write(tmp, BootVerdictFile.emit(entries));
                try {
                    Files.move(tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            audit.append("gate.boot-cache not written " + cacheFile + ": " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
