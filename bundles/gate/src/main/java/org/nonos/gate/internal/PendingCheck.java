// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The check in force: the attestation verifier once the trust anchor is loaded, until then (or
 * when it cannot load) a check that refuses every bundle with a reason and caches nothing. The
 * hook is registered before the verifier can exist (the crypto service it needs may come later,
 * and the anchor loads off the boot path: {@link VerifierSetup}), and must fail closed meanwhile.
 *
 * <p>A check asked while the verifier is still being made waits for it, bounded by the wait given
 * at construction: a jar dropped into deploy/ during the boot is verified a moment later instead
 * of being refused for a reason that is gone a few hundred milliseconds after. Once the anchor has
 * failed to load, or the wait runs out, the check answers the refusal at once.
 */
public final class PendingCheck implements AttestationCheck {
    /** How long a check waits for a verifier that is being made, by default. */
    static final long DEFAULT_WAIT_MS = 15_000;

    /** Told when the verifier is put in force or cannot be made (the boot bundles wait for that). */
    public interface Listener {
        void ready(AttestationCheck verifier);

        void failed(String code, String why);
    }

    private final long waitNanos;
    private final Object lock = new Object();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private AttestationCheck delegate;
    /** True from the first call of {@link #ready} or {@link #failed}: nothing more to wait for. */
    private boolean settled;
    private boolean failed;
    private String reason = "NOT_READY";
    private String detail = "the gate's verifier is not ready yet (trust anchor or crypto service missing)";
    private Runnable onAsked = () -> { };
    /** True once the verifier was needed: a maker set up later ({@link #whenAsked}) hurries at once. */
    private boolean asked;

    /** A check that refuses at once while no verifier is in force (no waiting). */
    public PendingCheck() {
        this(0);
    }

    /** A check that waits up to {@code waitMs} for a verifier being made. */
    public PendingCheck(long waitMs) {
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMs));
    }

    /** Puts the verifier in force. */
    public void ready(AttestationCheck verifier) {
        synchronized (lock) {
            delegate = verifier;
            failed = false;
            settled = true;
            lock.notifyAll();
        }
        listeners.forEach(l -> l.ready(verifier));
    }

    /** The verifier cannot be made: every unmeasured bundle is refused with this reason. */
    public void failed(String code, String why) {
        synchronized (lock) {
            delegate = null;
            reason = code;
            detail = why;
            failed = true;
            settled = true;
            lock.notifyAll();
        }
        listeners.forEach(l -> l.failed(code, why));
    }

    /** Adds a listener, told at once if the verifier is already ready or failed. */
    public void listen(Listener l) {
        listeners.add(l);
        AttestationCheck d;
        boolean f;
        String r;
        String why;
        synchronized (lock) {
            d = delegate;
            f = failed;
            r = reason;
            why = detail;
        }
        if (d != null) {
            l.ready(d);
        } else if (f) {
            l.failed(r, why);
        }
    }

    /**
     * Runs {@code r} whenever the verifier is needed and not in force (its maker may hurry up), and
     * at once if it was needed before {@code r} was given: the boot's verification asks when the gate
     * starts, before the verifier's maker is set up, and that request must not be lost (the maker
     * would then wait for its deadline, seconds of a first boot).
     */
    public void whenAsked(Runnable r) {
        boolean askedBefore;
        synchronized (lock) {
            onAsked = r;
            askedBefore = asked && delegate == null;
        }
        if (askedBefore) {
            r.run();
        }
    }

    /** Says the verifier is needed now (e.g. boot bundles without a cached verdict). */
    public void needed() {
        Runnable r;
        synchronized (lock) {
            if (delegate != null) {
                return;
            }
            asked = true;
            r = onAsked;
        }
        r.run();
    }

    public boolean isReady() {
        synchronized (lock) {
            return delegate != null;
        }
    }

    @Override
    public Outcome check(JarContent content) {
        AttestationCheck d = awaitVerifier();
        return d == null ? refusal() : d.check(content);
    }

    @Override
    public Outcome checkJar(byte[] jar) {
        AttestationCheck d = awaitVerifier();
        return d == null ? refusal() : d.checkJar(jar);
    }

    /** The verifier, after waiting (bounded) for one being made; null when there is none. */
    private AttestationCheck awaitVerifier() {
        needed();
        synchronized (lock) {
            long deadline = System.nanoTime() + waitNanos;
            long left = waitNanos;
            while (!settled && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                left = deadline - System.nanoTime();
            }
            return delegate;
        }
    }

    private Outcome refusal() {
        synchronized (lock) {
            return new Outcome("", false, reason, detail, List.of(), false);
        }
    }
}
