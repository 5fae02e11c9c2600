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

    /** Puts the verifier in force. */
    public void ready(AttestationCheck verifier) {
        delegate = verifier;
    }

    /** The verifier cannot be made: every unmeasured bundle is refused with this reason. */
    public void failed(String code, String why) {
        delegate = null;
        reason = code;
        detail = why;
    }

    public boolean isReady() {
        return delegate != null;
    }

    @Override
    public Outcome check(JarContent content) {
        AttestationCheck d = delegate;
        return d == null ? new Outcome("", false, reason, detail, List.of(), false) : d.check(content);
    }
}
