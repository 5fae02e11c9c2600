// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.nonos.zk.bls12381.Fp12;
import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.bls12381.G1Bases;
import org.nonos.zk.bls12381.G1FixedBaseTable;
import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.MalformedException;
import org.nonos.zk.bls12381.Pairing;
import org.nonos.zk.bls12381.PreparedG2;

/**
 * A verifying key with everything that does not depend on the proof computed once.
 *
 * <p>The Groth16 check (Groth 2016 §3.2 "Verify") is
 * e(A, B) = e(α, β) · e(Σ x_i·IC_i, γ) · e(C, δ), with x_0 = 1. It is evaluated as
 * <pre>  FE( ML(A, B) · ML(vk_x, −γ) · ML(C, −δ) ) == e(α, β)</pre>
 * where ML is the Miller loop and FE the final exponentiation: e(α, β) is precomputed, the line
 * functions of −γ and −δ are precomputed (blst_precompute_lines), vk_x = Σ x_i·IC_i uses
 * windowed tables of the IC points, so a verification costs one full Miller loop, two
 * line-evaluation loops, one final exponentiation and a small fixed-base MSM.
 *
 * <p>Proof points arrive subgroup-checked ({@link Proof} holds only validated points); public
 * inputs must be in [0, r).
 */
public final class PreparedVerifyingKey {
    private final VerifyingKey vk;
    private final Fp12 alphaBeta;
    private final PreparedG2 negGamma;
    private final PreparedG2 negDelta;
    private final PreparedG2 beta;
    private final G1FixedBaseTable inputs;

    public PreparedVerifyingKey(VerifyingKey vk) {
        this.vk = vk;
        this.alphaBeta = Pairing.pairing(vk.alpha1(), vk.beta2());
        this.negGamma = new PreparedG2(vk.gamma2().negate());
        this.negDelta = new PreparedG2(vk.delta2().negate());
        this.beta = new PreparedG2(vk.beta2());
        this.inputs = new G1FixedBaseTable(vk.ic().subList(1, vk.ic().size()));
    }

    public VerifyingKey verifyingKey() {
        return vk;
    }

    /**
     * Checks a proof against public inputs.
     *
     * @return whether the proof is valid for these inputs
     * @throws MalformedException BAD_LENGTH for a wrong number of inputs, NOT_CANONICAL for an
     *                            input outside [0, r)
     */
    public boolean verify(Proof proof, BigInteger[] publicInputs) throws MalformedException {
        G1Point vkX = inputPoint(publicInputs);
        Fp12 f = Pairing.millerLoop(proof.a(), proof.b())
                .multiply(negGamma.millerLoop(vkX))
                .multiply(negDelta.millerLoop(proof.c()));
        return f.finalExponentiation().equals(alphaBeta);
    }

    /** vk_x = IC_0 + Σ x_i·IC_i. */
    private G1Point inputPoint(BigInteger[] publicInputs) throws MalformedException {
        long[] x = inputVector(publicInputs);
        return vk.ic().get(0).add(inputs.multiply(x));
    }

    private long[] inputVector(BigInteger[] publicInputs) throws MalformedException {
        if (publicInputs == null || publicInputs.length != vk.numPublic()) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH,
                    "the key takes " + vk.numPublic() + " public inputs");
        }
        long[] x = Fr.vector(publicInputs.length);
        for (int i = 0; i < publicInputs.length; i++) {
            BigInteger v = publicInputs[i];
            if (v == null || v.signum() < 0 || v.compareTo(Fr.MODULUS) >= 0) {
                throw new MalformedException(MalformedException.Reason.NOT_CANONICAL, "public input " + i + " not in [0, r)");
            }
            Fr.set(x, i, v);
        }
        return x;
    }

    /**
     * Checks many proofs at once with a random linear combination: with fresh 128-bit ρ_k,
     * <pre>  Π_k e(ρ_k·A_k, B_k) · e(Σ ρ_k·vk_x,k, −γ) · e(Σ ρ_k·C_k, −δ) · e(−(Σ ρ_k)·α, β) = 1</pre>
     * in one multi-Miller loop and one final exponentiation. If any proof is invalid the check
     * fails except with probability about 2^-128; it says only "all valid" or "not all valid".
     *
     * @throws MalformedException for a wrong number of inputs or an input outside [0, r)
     */
    public boolean verifyBatch(List<Proof> proofs, List<BigInteger[]> publicInputs, SecureRandom random)
            throws MalformedException {
        if (proofs.size() != publicInputs.size()) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, proofs.size() + " proofs for "
                    + publicInputs.size() + " input lists");
        }
        int k = proofs.size();
        if (k == 0) {
            return true;
        }
        int np = vk.numPublic();
        long[][] xs = new long[k][];
        for (int i = 0; i < k; i++) {
            xs[i] = inputVector(publicInputs.get(i));
        }
        long[] rho = Fr.vector(k);
        byte[] buf = new byte[16];
        for (int i = 0; i < k; i++) {
            random.nextBytes(buf);
            Fr.set(rho, i, new BigInteger(1, buf));
        }
        // Σ ρ_k and the combined inputs Σ_k ρ_k·x_k,i
        long[] rhoSum = Fr.vector(1);
        long[] combined = Fr.vector(np);
        long[] t = Fr.vector(1);
        for (int i = 0; i < k; i++) {
            Fr.add(rhoSum, 0, rho, i, rhoSum, 0);
            for (int j = 0; j < np; j++) {
                Fr.mul(rho, i, xs[i], j, t, 0);
                Fr.add(combined, j, t, 0, combined, j);
            }
        }
        G1Point vkX = vk.ic().get(0).multiply(rhoSum, 0).add(inputs.multiply(combined));
        List<G1Point> cs = new ArrayList<>(k);
        List<G1Point> scaledA = new ArrayList<>(k);
        List<G2Point> bs = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Proof p = proofs.get(i);
            cs.add(p.c());
            scaledA.add(p.a().multiply(rho, i));
            bs.add(p.b());
        }
        G1Point sumC = new G1Bases(cs).multiply(rho, 0);
        Fp12 f = Pairing.multiMillerLoop(scaledA, bs)
                .multiply(negGamma.millerLoop(vkX))
                .multiply(negDelta.millerLoop(sumC))
                .multiply(beta.millerLoop(vk.alpha1().multiply(rhoSum, 0).negate()));
        return f.finalExponentiation().isOne();
    }
}
