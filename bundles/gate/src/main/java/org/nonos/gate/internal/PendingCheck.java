// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.List;

/**
 * The check in force: the attestation verifier once the trust anchor is loaded, until then (or
 * when it cannot load) a check that refuses every bundle with a reason and caches nothing. The
 * hook is registered before the verifier can exist (the crypto service it needs may come later),
 * and must fail closed meanwhile.
 */
public final class PendingCheck implements AttestationCheck {
    private volatile AttestationCheck delegate;
    private volatile String reason = "NOT_READY";
    private volatile String detail = "the gate's verifier is not ready yet (trust anchor or crypto service missing)";

    /** Told when the verifier is put in force or cannot be made (the boot bundles wait for that). */
    public interface Listener {
        void ready(AttestationCheck verifier);

        void failed(String code, String why);
    }

    private final java.util.List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean failed;

    /** Puts the verifier in force. */
    public void ready(AttestationCheck verifier) {
        delegate = verifier;
        failed = false;
        listeners.forEach(l -> l.ready(verifier));
    }

    /** The verifier cannot be made: every unmeasured bundle is refused with this reason. */
    public void failed(String code, String why) {
        delegate = null;
        reason = code;
        detail = why;
        failed = true;
        listeners.forEach(l -> l.failed(code, why));
    }

    /** Adds a listener, told at once if the verifier is already ready or failed. */
    public void listen(Listener l) {
        listeners.add(l);
        AttestationCheck d = delegate;
        if (d != null) {
            l.ready(d);
        } else if (failed) {
            l.failed(reason, detail);
        }
    }

    public boolean isReady() {
        return delegate != null;
    }

    @Override
    public Outcome check(JarContent content) {
        AttestationCheck d = delegate;
        return d == null ? new Outcome("", false, reason, detail, List.of(), false) : d.check(content);
    }

    @Override
    public Outcome checkJar(byte[] jar) {
        AttestationCheck d = delegate;
        return d == null ? new Outcome("", false, reason, detail, List.of(), false) : d.checkJar(jar);
    }
}
