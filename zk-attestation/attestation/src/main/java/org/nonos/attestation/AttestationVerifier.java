// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.nio.file.Path;
import java.util.List;
import org.nonos.attestation.internal.Verifier;
import org.nonos.crypto.CryptoService;

/**
 * Verifies bundle jars against one trust anchor. Every check runs before a bundle is accepted
 * (docs/attestation.md "Verification"): jar format, attestation format, capability header,
 * content digest, root and epoch, registered signing key, allowed capabilities, hybrid
 * signature, Groth16 proof. Never throws on bad input: every failure is a {@link Verdict.Rejected}.
 * Thread-safe.
 */
public interface AttestationVerifier {

    /** A verifier for {@code anchor}, using {@code crypto} for hashes and signatures. */
    static AttestationVerifier create(TrustAnchor anchor, CryptoService crypto) {
        return new Verifier(anchor, crypto);
    }

    TrustAnchor anchor();

    Verdict verify(Path jar);

    Verdict verify(byte[] jar);

    /**
     * Verifies many bundles, checking their Groth16 proofs in one batch (one random linear
     * combination, one final exponentiation); when the batch fails, each proof is checked on its
     * own so that every verdict is exact. Verdicts come in the order of {@code jars}.
     */
    List<Verdict> verifyAll(List<Path> jars);
}
