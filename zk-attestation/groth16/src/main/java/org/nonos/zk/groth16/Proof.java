// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.util.Objects;

import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.MalformedException;

/**
 * A Groth16 proof (A ∈ G1, B ∈ G2, C ∈ G1). The points are already checked to lie on the curve
 * and in the prime-order subgroups (every {@link G1Point}/{@link G2Point} is); the identity is
 * refused, since an honest prover produces it only with negligible probability.
 */
public record Proof(G1Point a, G2Point b, G1Point c) {
    public Proof {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
    }

    /** A proof from decoded points, refusing the identity in any of them. */
    public static Proof of(G1Point a, G2Point b, G1Point c) throws MalformedException {
        if (a.isIdentity() || b.isIdentity() || c.isIdentity()) {
            throw new MalformedException(MalformedException.Reason.IDENTITY, "a proof point is the point at infinity");
        }
        return new Proof(a, b, c);
    }
}
