// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.bls12381.G1Bases;
import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Bases;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.Radix2Domain;
import org.nonos.zk.groth16.internal.ConstraintMatrices;
import org.nonos.zk.r1cs.R1cs;
import org.nonos.zk.r1cs.ScalarField;

/**
 * The Groth16 prover for one circuit and proving key (Groth 2016 §3.2 "Prove").
 *
 * <p>Read this first. For a satisfying assignment w:
 * <ol>
 *   <li>the QAP: evaluate A·w, B·w, C·w on the rows (= the FFT domain H), interpolate
 *       (inverse FFT), evaluate on the coset g·H (FFT), where Z(x) = x^n − 1 is the constant
 *       g^n − 1, so h = (a·b − c)/Z pointwise; interpolate h back to coefficients;</li>
 *   <li>with fresh r, s: A = α + Σ w_i·u_i(τ) + r·δ, B = β + Σ w_i·v_i(τ) + s·δ (in G2 and, for C,
 *       in G1), C = Σ_private w_i·L_i + Σ h_j·H_j + s·A + r·B₁ − r·s·δ, the sums being multi-scalar
 *       multiplications over the proving key's queries.</li>
 * </ol>
 * Instances are thread-safe; the native tables of the key are built once here.
 */
public final class Prover {
    private static final ExecutorService FFT_POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "nonos-groth16-fft");
        t.setDaemon(true);
        return t;
    });

    private final ProvingKey pk;
    private final ConstraintMatrices matrices;
    private final G1Bases a;
    private final G1Bases b1;
    private final G2Bases b2;
    private final G1Bases l;
    private final G1Bases h;

    /**
     * @throws IllegalArgumentException when the key was not made for a circuit of this shape
     */
    public Prover(R1cs r1cs, ProvingKey pk) {
        this.pk = pk;
        this.matrices = new ConstraintMatrices(r1cs);
        if (r1cs.numWires() != pk.numWires() || r1cs.numPublic() != pk.numPublic()
                || r1cs.constraints().size() != pk.numConstraints() || matrices.domain.size() != pk.domainSize()) {
            throw new IllegalArgumentException("proving key does not match the circuit's shape");
        }
        this.a = new G1Bases(pk.a());
        this.b1 = new G1Bases(pk.b1());
        this.b2 = new G2Bases(pk.b2());
        this.l = new G1Bases(pk.l());
        this.h = new G1Bases(pk.h());
    }

    /**
     * Proves knowledge of a satisfying assignment.
     *
     * @param assignment the full assignment (wire 0 = 1, then public inputs, then private wires)
     * @param random     the source of the blinding factors r and s
     * @throws IllegalArgumentException when the assignment has the wrong shape, a value ≥ r, or
     *                                  does not satisfy every constraint
     */
    public Proof prove(BigInteger[] assignment, SecureRandom random) {
        int nw = pk.numWires();
        if (assignment == null || assignment.length != nw) {
            throw new IllegalArgumentException("assignment needs " + nw + " values");
        }
        if (!BigInteger.ONE.equals(assignment[0])) {
            throw new IllegalArgumentException("wire 0 must be the constant 1");
        }
        long[] w = Fr.vector(nw);
        for (int i = 0; i < nw; i++) {
            if (assignment[i] == null || !ScalarField.isCanonical(assignment[i])) {
                throw new IllegalArgumentException("assignment value " + i + " missing or not in [0, r)");
            }
            Fr.set(w, i, assignment[i]);
        }
        long[] hCoefficients = quotient(w);

        long[] rs = Fr.vector(3);
        Fr.set(rs, 0, randomScalar(random));
        Fr.set(rs, 1, randomScalar(random));
        Fr.mul(rs, 0, rs, 1, rs, 2);

        int np = pk.numPublic();
        G1Point sumA = a.multiply(w, 0);
        G1Point sumB1 = b1.multiply(w, 0);
        G2Point sumB2 = b2.multiply(w, 0);
        G1Point sumL = l.multiply(w, np + 1);
        G1Point sumH = h.multiply(hCoefficients, 0);

        G1Point delta1 = pk.delta1();
        G1Point proofA = pk.vk().alpha1().add(sumA).add(delta1.multiply(rs, 0));
        G1Point proofB1 = pk.beta1().add(sumB1).add(delta1.multiply(rs, 1));
        G2Point proofB = pk.vk().beta2().add(sumB2).add(pk.vk().delta2().multiply(rs, 1));
        G1Point proofC = sumL.add(sumH)
                .add(proofA.multiply(rs, 1))
                .add(proofB1.multiply(rs, 0))
                .add(delta1.multiply(rs, 2).negate());
        java.util.Arrays.fill(rs, 0);
        return new Proof(proofA, proofB, proofC);
    }

    /** The coefficients h_0..h_{n−1} of h = (a·b − c)/Z (h_{n−1} = 0 for a satisfying witness). */
    private long[] quotient(long[] w) {
        Radix2Domain d = matrices.domain;
        long[][] abc = matrices.evaluate(w);
        long[] t = Fr.vector(1);
        for (int row = 0; row < matrices.numConstraints; row++) {
            Fr.mul(abc[0], row, abc[1], row, t, 0);
            if (!Fr.equal(t, 0, abc[2], row)) {
                throw new IllegalArgumentException("the assignment does not satisfy constraint " + row);
            }
        }
        CompletableFuture<?> ta = CompletableFuture.runAsync(() -> toCoset(d, abc[0]), FFT_POOL);
        CompletableFuture<?> tb = CompletableFuture.runAsync(() -> toCoset(d, abc[1]), FFT_POOL);
        toCoset(d, abc[2]);
        ta.join();
        tb.join();
        long[] zInv = d.vanishingOnCoset();
        Fr.inverse(zInv, 0, zInv, 0);
        long[] hv = abc[0];
        int n = d.size();
        for (int i = 0; i < n; i++) {
            Fr.mul(hv, i, abc[1], i, hv, i);
            Fr.sub(hv, i, abc[2], i, hv, i);
            Fr.mul(hv, i, zInv, 0, hv, i);
        }
        d.cosetIfft(hv);
        return hv;
    }

    private static void toCoset(Radix2Domain d, long[] v) {
        d.ifft(v);
        d.cosetFft(v);
    }

    /** Uniform in Fr: 64 random bytes reduced mod r. */
    static BigInteger randomScalar(SecureRandom random) {
        byte[] buf = new byte[65];
        random.nextBytes(buf);
        buf[0] = 0;
        BigInteger v = new BigInteger(buf).mod(Fr.MODULUS);
        java.util.Arrays.fill(buf, (byte) 0);
        return v;
    }
}
