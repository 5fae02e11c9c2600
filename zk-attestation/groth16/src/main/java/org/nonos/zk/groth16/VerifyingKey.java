// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.util.List;

import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.MalformedException;

/**
 * A Groth16 verifying key: [α]₁, [β]₂, [γ]₂, [δ]₂ and the public-input points
 * IC_i = [(β·u_i(τ) + α·v_i(τ) + w_i(τ))/γ]₁ for wires 0..numPublic.
 */
public record VerifyingKey(G1Point alpha1, G2Point beta2, G2Point gamma2, G2Point delta2, List<G1Point> ic) {
    public VerifyingKey {
        ic = List.copyOf(ic);
    }

    /**
     * A key from decoded points, refusing the identity for α, β, γ and δ (a key with one of them
     * at infinity accepts proofs of anything) and an empty IC.
     */
    public static VerifyingKey of(G1Point alpha1, G2Point beta2, G2Point gamma2, G2Point delta2, List<G1Point> ic)
            throws MalformedException {
        if (alpha1.isIdentity() || beta2.isIdentity() || gamma2.isIdentity() || delta2.isIdentity()) {
            throw new MalformedException(MalformedException.Reason.IDENTITY, "α, β, γ and δ must not be the point at infinity");
        }
        if (ic.isEmpty()) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "IC needs at least the constant wire's point");
        }
        return new VerifyingKey(alpha1, beta2, gamma2, delta2, ic);
    }

    /** The number of public inputs the key verifies. */
    public int numPublic() {
        return ic.size() - 1;
    }
}
