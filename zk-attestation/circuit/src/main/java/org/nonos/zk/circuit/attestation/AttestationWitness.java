// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import java.math.BigInteger;
import java.util.Objects;
import org.nonos.zk.circuit.Fr;

/**
 * The private side of an attestation proof: the vendor secret (a field element), the vendor's
 * allowed-capability mask and expiry epoch (unsigned 64-bit, as in its registry leaf), and the
 * Merkle path of its leaf.
 */
public record AttestationWitness(BigInteger secret, long allowedMask, long expiry, MerklePath path) {
    public AttestationWitness {
        Fr.requireCanonical(secret, "secret");
        Objects.requireNonNull(path, "Merkle path");
    }

    /** The registry leaf this witness claims: H5(H1(secret), allowedMask, expiry). */
    public BigInteger leaf() {
        return TrustRegistryTree.leaf(secret, allowedMask, expiry);
    }

    @Override
    public String toString() {
        return "AttestationWitness[secret=<hidden>, allowedMask=" + Long.toHexString(allowedMask)
                + ", expiry=" + Long.toUnsignedString(expiry) + ", depth=" + path.depth() + "]";
    }
}
