// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.ArrayList;
import java.util.List;
import org.nonos.attestation.AttestationVerifier;
import org.nonos.attestation.BundleDigest;
import org.nonos.attestation.Capability;
import org.nonos.attestation.Verdict;

/**
 * The attestation check of {@code org.nonos.attestation}: the verifier of the attestation format
 * (docs/attestation.md) under the trust anchor of {@code etc/trust/}. The digest the gate reports
 * is the format's {@link BundleDigest} (BLAKE3 over the sorted entries), so the gate's audit
 * records and the vendor's attestation name a bundle the same way.
 */
public final class VerifierCheck implements AttestationCheck {
    private final AttestationVerifier verifier;

    public VerifierCheck(AttestationVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Outcome check(JarContent content) {
        return checkJar(content.jar());
    }

    /** The verifier reads the jar's bytes strictly itself (docs/attestation.md "Content digest"). */
    @Override
    public Outcome checkJar(byte[] jar) {
        return outcome(verifier.verify(jar));
    }

    /** The gate's outcome for a verdict of the attestation verifier. */
    static Outcome outcome(Verdict v) {
        String digest = v.digest().map(BundleDigest::toString).orElse("");
        if (v instanceof Verdict.Accepted a) {
            List<String> caps = new ArrayList<>();
            for (Capability c : a.granted()) {
                caps.add(c.toString());
            }
            return new Outcome(digest, true, "OK", "attested by vendor " + a.vendor(), caps, true);
        }
        Verdict.Rejected r = (Verdict.Rejected) v;
        return new Outcome(digest, false, r.reason().name(), r.message(), List.of(), true);
    }
}
