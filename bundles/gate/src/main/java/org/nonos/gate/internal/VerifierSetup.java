// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.crypto.CryptoService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Makes the attestation verifier when the crypto service appears, on its own thread: loads the trust anchor from
 * {@value #TRUST_DIR} (default {@code <home>/etc/trust}) with the owner's public key from
 * {@value #OWNER_KEY} (default {@code <home>/etc/owner.pub}: configuration, outside the
 * directory it vouches for), then puts the verifier in force. A missing or bad anchor leaves the
 * gate refusing every unmeasured bundle with reason {@code NO_TRUST_ANCHOR}: fail closed.
 */
final class VerifierSetup {
    static final String TRUST_DIR = "nonos.trust.dir";
    static final String OWNER_KEY = "nonos.trust.owner";

    private final BundleContext context;
    private final PendingCheck check;
    private final TrustControl trust;
    private final AuditSink audit;
    private final ServiceTracker<CryptoService, ServiceReference<CryptoService>> tracker;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Released when the anchor may load: see {@link #open}. */
    private final CountDownLatch go = new CountDownLatch(1);
    /** Released when a check needs the verifier (or on close): the anchor loads at once then. */
    private final CountDownLatch asked = new CountDownLatch(1);
    private final FrameworkListener bootDone = e -> {
        if (e.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
            go.countDown();
        }
    };
    private volatile boolean closed;

    VerifierSetup(BundleContext context, PendingCheck check, TrustControl trust, AuditSink audit) {
        this.context = context;
        this.check = check;
        this.trust = trust;
        this.audit = audit;
        this.tracker = new ServiceTracker<>(context, CryptoService.class, null) {
            @Override
            public ServiceReference<CryptoService> addingService(ServiceReference<CryptoService> ref) {
                if (!check.isReady() && started.compareAndSet(false, true)) {
                    Thread t = new Thread(() -> loadFrom(ref), "nonos-gate-anchor");
                    t.setDaemon(true);
                    t.start();
                }
                return ref;
            }
        };
    }

    /**
     * Starts tracking the crypto service. The anchor loads once the boot has raised the start
     * level past the gate's (so its work, the crypto self-test among it, does not compete with the
     * boot for the processor), at once when a check needs the verifier, when the framework is
     * already up, and at the latest {@value #DEFER_MS} ms after the crypto service appeared.
     */
    void open() {
        context.addFrameworkListener(bootDone);
        check.whenAsked(() -> {
            asked.countDown();
            go.countDown();
        });
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            go.countDown();
        }
        tracker.open();
    }

    void close() {
        closed = true;
        asked.countDown();
        go.countDown();
        context.removeFrameworkListener(bootDone);
        tracker.close();
    }

    /** The longest the anchor waits for the boot before it loads anyway. */
    static final long DEFER_MS = 3000;
    /**
     * How long after the boot's last start level the anchor still waits, unless a check asks for it:
     * the admin shell builds its first session and writes the login prompt then, and the anchor's
     * work (the crypto self-test, Poseidon's constants, the registry's signatures: about 100 ms of
     * processor time) would compete with it on a small machine.
     */
    static final long SETTLE_MS = 400;

    /**
     * Off the framework's start-level thread: getting the crypto service activates it (its
     * power-on self-test), and the anchor needs the proof system's native library. Boot bundles do
     * not wait for this (they are trusted by measurement); other bundles' checks wait for it in
     * {@link PendingCheck}.
     */
    private void loadFrom(ServiceReference<CryptoService> ref) {
        try {
            if (go.await(DEFER_MS, TimeUnit.MILLISECONDS)) {
                asked.await(SETTLE_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (closed) {
            return;
        }
        CryptoService crypto;
        try {
            crypto = context.getService(ref);
        } catch (IllegalStateException | SecurityException e) {
            if (!closed) {
                fail("the crypto service could not be obtained: " + e.getMessage());
            }
            return;
        }
        if (closed) {
            return;
        }
        if (crypto == null) {
            fail("the crypto service did not activate");
            started.set(false); // gone or failed to activate: the next registration tries again
            return;
        }
        try {
            load(crypto);
        } catch (RuntimeException | LinkageError e) {
            fail("the verifier could not be made: " + e);
        }
    }

    private void load(CryptoService crypto) {
        String home = context.getProperty("nonos.home");
        Path dir = path(TRUST_DIR, home, "etc/trust");
        Path owner = path(OWNER_KEY, home, "etc/owner.pub");
        if (dir == null || owner == null) {
            fail("no trust anchor configured (" + TRUST_DIR + ", " + OWNER_KEY + ", or nonos.home)");
            return;
        }
        try {
            trust.load(dir, owner, crypto);
        } catch (TrustAnchorException e) {
            fail("trust anchor " + dir + " refused: " + e.getMessage());
        }
    }

    private void fail(String why) {
        check.failed("NO_TRUST_ANCHOR", why);
        audit.append("gate.anchor " + why);
    }

    private Path path(String property, String home, String fallback) {
        String v = context.getProperty(property);
        if (v != null && !v.isBlank()) {
            return Path.of(v);
        }
        return home == null ? null : Path.of(home, fallback);
    }
}
