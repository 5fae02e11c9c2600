// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

/** Why a bundle was rejected. One flat list; docs/attestation.md gives the check order. */
public enum RejectReason {
    /** The jar carries no {@code META-INF/NONOS/ATTESTATION}. */
    NO_ATTESTATION,
    /** The jar, the attestation or the capability header does not follow its format. */
    MALFORMED,
    /** The bundle's content (or its capability header) differs from what was attested. */
    DIGEST_MISMATCH,
    /** The vendor's hybrid Ed25519 + ML-DSA-65 signature does not verify. */
    BAD_SIGNATURE,
    /** The signing key is not registered to any vendor of the current registry. */
    UNKNOWN_VENDOR,
    /**
     * The attestation names another registry root than the trust anchor's: the vendor was
     * revoked, the registry changed since the bundle was attested, or the system's anchor is
     * older than the bundle's.
     */
    WRONG_ROOT,
    /** The attestation was made for an earlier epoch than the trust anchor's (re-attest). */
    EXPIRED,
    /**
     * The requested capabilities exceed what the registry allows the vendor. The proof states
     * requested ⊆ allowed, so such a bundle fails the proof; the verifier names this reason when
     * the registry's public entry for the signing vendor shows the excess.
     */
    CAPABILITIES_EXCEED,
    /** The Groth16 proof does not verify against the anchor's key, root, epoch and the bundle. */
    BAD_PROOF
}
