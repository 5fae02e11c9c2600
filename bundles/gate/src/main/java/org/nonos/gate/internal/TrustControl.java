// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.nonos.attestation.AttestationVerifier;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.crypto.CryptoService;
import org.nonos.gate.Decision;
import org.nonos.gate.Trust;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The trust anchor in force, and how a new one is installed while the system runs.
 *
 * <p>Read this first. {@link #load} puts the anchor of {@code etc/trust/} in force at start, with
 * the window of earlier roots kept in {@code etc/trust/previous/<serial>/}. {@link #install} takes a
 * registry made by {@code nonos-registry} (its three files), checks it completely against the
 * owner's key (signature, document, verifying key), refuses one that is not newer (serial not
 * higher, or epoch going back), keeps the anchor it replaces in the window, writes the new files
 * (each atomically, {@link TrustAnchor#install}), and puts it in force at once: the gate's caches are
 * emptied, so every attestation is checked against the new root from then on, and every running
 * bundle the gate had accepted by attestation is judged again; one that no longer passes (its
 * vendor revoked) is stopped and unresolved, and the gate's decision says why.
 */
public final class TrustControl {
    /** Framework property: how many earlier registry versions stay valid (default {@value #DEFAULT_WINDOW}; 0 = none). */
    static final String WINDOW = "nonos.trust.window";
    static final int DEFAULT_WINDOW = 2;
    /** Where the earlier anchors of the window are kept, inside the trust directory. */
    static final String PREVIOUS = "previous";
    private static final long MAX_FILE = 16L << 20;
    private static final long REFRESH_WAIT_S = 30;

    /** What the shell shows of the anchor in force. */
    public record Info(Path dir, long serial, long epoch, String root, String ownerKey, String verifyingKey, int vendors,
            Instant installed, List<Long> window) {
    }

    /** The outcome of an install: the anchor now in force and the bundles it stopped (id:name reason). */
    public record Installed(Info info, List<String> stopped) {
    }

    private record State(Path dir, byte[] ownerKey, CryptoService crypto, TrustAnchor anchor, List<AttestationVerifier> window) {
    }

    private final BundleContext context;
    private final PendingCheck check;
    private final GateCore core;
    private final AuditSink audit;
    private final UnaryOperator<AttestationCheck> decorate;
    private final int windowSize;
    private volatile State state;

    /**
     * @param decorate wraps the attestation check before it is put in force (the device check)
     */
    public TrustControl(BundleContext context, PendingCheck check, GateCore core, AuditSink audit,
            UnaryOperator<AttestationCheck> decorate) {
        this.context = context;
        this.check = check;
        this.core = core;
        this.audit = audit;
        this.decorate = decorate;
        this.windowSize = windowSize(context.getProperty(WINDOW));
    }

    static int windowSize(String v) {
        if (v == null || v.isBlank()) {
            return DEFAULT_WINDOW;
        }
        try {
            return Math.max(0, Math.min(16, Integer.parseInt(v.strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_WINDOW;
        }
    }

    /** Loads the anchor of {@code dir} (and its window) and puts it in force. */
    public synchronized TrustAnchor load(Path dir, Path ownerFile, CryptoService crypto) throws TrustAnchorException {
        byte[] owner = TrustAnchor.readOwnerPublicKey(ownerFile);
        TrustAnchor anchor = TrustAnchor.load(dir, owner, crypto);
        List<AttestationVerifier> window = loadWindow(dir, owner, crypto, anchor);
        enforce(new State(dir, owner, crypto, anchor, window));
        audit.append("gate.anchor loaded " + dir + " " + anchor + " window=" + serials(window));
        return anchor;
    }

    /** The anchor in force, if one is. */
    public Optional<Info> info() {
        State s = state;
        return s == null ? Optional.empty() : Optional.of(info(s));
    }

    /**
     * Installs the registry in {@code source} (a directory holding {@code registry.json},
     * {@code registry.sig} and {@code verifying.key}, or the path of that {@code registry.json}) and
     * puts it in force. Nothing changes unless every check passes.
     */
    public synchronized Installed install(Path source) throws TrustAnchorException {
        State s = state;
        if (s == null) {
            throw new TrustAnchorException("no trust anchor is in force: fix etc/trust/ and restart first");
        }
        Path from = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        if (from == null) {
            throw new TrustAnchorException("no directory for " + source);
        }
        byte[] json = read(Files.isDirectory(source) ? from.resolve(TrustAnchor.REGISTRY_FILE) : source);
        byte[] sig = read(from.resolve(TrustAnchor.SIGNATURE_FILE));
        byte[] vk = read(from.resolve(TrustAnchor.VERIFYING_KEY_FILE));
        TrustAnchor next = TrustAnchor.fromBytes(json, sig, vk, s.ownerKey(), s.crypto());
        if (Long.compareUnsigned(next.serial(), s.anchor().serial()) <= 0) {
            throw new TrustAnchorException("refused: the registry's serial " + Long.toUnsignedString(next.serial())
                    + " is not newer than the installed serial " + Long.toUnsignedString(s.anchor().serial()));
        }
        if (Long.compareUnsigned(next.epoch(), s.anchor().epoch()) < 0) {
            throw new TrustAnchorException("refused: the registry's epoch " + Long.toUnsignedString(next.epoch())
                    + " is older than the installed epoch " + Long.toUnsignedString(s.anchor().epoch()));
        }
        keepInWindow(s.dir(), s.anchor());
        TrustAnchor installed = TrustAnchor.install(s.dir(), json, sig, vk, s.ownerKey(), s.crypto());
        List<AttestationVerifier> window = new ArrayList<>();
        window.add(AttestationVerifier.create(s.anchor(), s.crypto()));
        window.addAll(s.window());
        window = window.subList(0, Math.min(window.size(), windowSize));
        pruneWindow(s.dir(), window);
        State n = new State(s.dir(), s.ownerKey(), s.crypto(), installed, List.copyOf(window));
        enforce(n);
        audit.append("gate.anchor installed " + s.dir() + " from " + from + " " + installed + " window=" + serials(state.window()));
        List<String> stopped = recheck();
        return new Installed(info(state), stopped);
    }

    private void enforce(State s) {
        WindowCheck w = new WindowCheck(AttestationVerifier.create(s.anchor(), s.crypto()), s.window());
        state = new State(s.dir(), s.ownerKey(), s.crypto(), s.anchor(), w.window());
        check.ready(decorate.apply(w));
        core.invalidate();
    }

    /**
     * Judges again every bundle accepted by attestation; stops and unresolves those that no longer
     * pass, so that they cannot start again under the new root.
     */
    private List<String> recheck() {
        List<String> stopped = new ArrayList<>();
        List<Bundle> refresh = new ArrayList<>();
        for (Decision before : core.decisions()) {
            if (before.trust() != Trust.ATTESTED) {
                continue;
            }
            Bundle b = context.getBundle(before.bundleId());
            BundleRevision rev = b == null ? null : b.adapt(BundleRevision.class);
            if (rev == null) {
                continue;
            }
            Decision now = core.decide(rev);
            if (!now.accepted()) {
                try {
                    b.stop();
                } catch (BundleException | IllegalStateException e) {
                    audit.append("gate.anchor stop of " + b.getBundleId() + " failed: " + e.getMessage());
                }
                refresh.add(b);
                stopped.add(b.getBundleId() + ":" + b.getSymbolicName() + " " + now.reason());
                audit.append("gate.anchor stopped " + b.getBundleId() + ":" + b.getSymbolicName() + " reason=" + now.reason());
            }
        }
        if (!refresh.isEmpty()) {
            // Wait for the refresh: until it is done a stopped bundle is still resolved and could
            // be started again by anyone; after it, resolving goes through the hook, which refuses.
            CountDownLatch done = new CountDownLatch(1);
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(refresh, e -> done.countDown());
            try {
                if (!done.await(REFRESH_WAIT_S, TimeUnit.SECONDS)) {
                    audit.append("gate.anchor refresh of the stopped bundles still running after " + REFRESH_WAIT_S + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stopped;
    }

    /** The earlier anchors kept in {@code dir/previous/}: valid, older, at most the window's size, newest first. */
    private List<AttestationVerifier> loadWindow(Path dir, byte[] owner, CryptoService crypto, TrustAnchor current) {
        List<TrustAnchor> found = new ArrayList<>();
        Path prev = dir.resolve(PREVIOUS);
        if (windowSize == 0 || !Files.isDirectory(prev)) {
            return List.of();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(prev)) {
            for (Path p : ds) {
                if (!Files.isDirectory(p) || p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    TrustAnchor a = TrustAnchor.load(p, owner, crypto);
                    if (Long.compareUnsigned(a.serial(), current.serial()) < 0) {
                        found.add(a);
                    }
                } catch (TrustAnchorException e) {
                    audit.append("gate.anchor window entry " + p + " refused: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            audit.append("gate.anchor window " + prev + " unreadable: " + e.getMessage());
        }
        found.sort(Comparator.comparing(TrustAnchor::serial, Long::compareUnsigned).reversed());
        return found.stream().limit(windowSize).map(a -> AttestationVerifier.create(a, crypto)).toList();
    }

    /** Copies the anchor being replaced to {@code dir/previous/<serial>/} (a complete directory, renamed into place). */
    private void keepInWindow(Path dir, TrustAnchor replaced) throws TrustAnchorException {
        if (windowSize == 0) {
            return;
        }
        Path prev = dir.resolve(PREVIOUS);
        Path target = prev.resolve(Long.toUnsignedString(replaced.serial()));
        if (Files.isDirectory(target)) {
            return;
        }
        Path tmp = prev.resolve("." + Long.toUnsignedString(replaced.serial()) + ".tmp");
        try {
            Files.createDirectories(prev);
            deleteTree(tmp);
            Files.createDirectory(tmp);
            for (String f : List.of(TrustAnchor.VERIFYING_KEY_FILE, TrustAnchor.REGISTRY_FILE, TrustAnchor.SIGNATURE_FILE)) {
                Files.copy(dir.resolve(f), tmp.resolve(f));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (IOException e) {
            throw new TrustAnchorException("cannot keep the current registry in " + prev + ": " + e.getMessage(), e);
        }
    }

    /** Removes window directories no longer in the window (best effort: a left-over one is ignored at load). */
    private void pruneWindow(Path dir, List<AttestationVerifier> window) {
        Path prev = dir.resolve(PREVIOUS);
        if (!Files.isDirectory(prev)) {
            return;
        }
        List<String> keep = window.stream().map(v -> Long.toUnsignedString(v.anchor().serial())).toList();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(prev)) {
            for (Path p : ds) {
                if (!keep.contains(p.getFileName().toString())) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            audit.append("gate.anchor window prune " + prev + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }

    private static byte[] read(Path f) throws TrustAnchorException {
        try {
            if (!Files.isRegularFile(f)) {
                throw new TrustAnchorException("no file " + f);
            }
            if (Files.size(f) > MAX_FILE) {
                throw new TrustAnchorException(f + " is larger than " + MAX_FILE + " bytes");
            }
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new TrustAnchorException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private Info info(State s) {
        HexFormat hex = HexFormat.of();
        String vkDigest;
        Instant installed;
        try {
            vkDigest = "blake3:" + hex.formatHex(s.crypto().blake3(Files.readAllBytes(s.dir().resolve(TrustAnchor.VERIFYING_KEY_FILE)), 32));
            installed = Files.getLastModifiedTime(s.dir().resolve(TrustAnchor.REGISTRY_FILE)).toInstant();
        } catch (IOException e) {
            vkDigest = "unreadable";
            installed = Instant.EPOCH;
        }
        return new Info(s.dir(), s.anchor().serial(), s.anchor().epoch(), s.anchor().root().toString(16),
                "blake3:" + hex.formatHex(s.crypto().blake3(s.ownerKey(), 32)), vkDigest, s.anchor().vendors().size(),
                installed, s.window().stream().map(v -> v.anchor().serial()).toList());
    }

    private static String serials(List<AttestationVerifier> window) {
        return window.stream().map(v -> Long.toUnsignedString(v.anchor().serial())).toList().toString();
    }
}
