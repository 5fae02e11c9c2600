// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.poseidon;

import java.math.BigInteger;
import java.util.Arrays;
import org.nonos.zk.circuit.Fr;

/**
 * The Poseidon permutation and the hash modes NØNOS uses, out of circuit. The in-circuit gadget
 * ({@link org.nonos.zk.circuit.gadgets.PoseidonGadget}) computes the same functions; a test checks
 * that they agree.
 *
 * <p>Permutation (Poseidon paper §2, unoptimised form): for each of R_F/2 full rounds, R_P partial
 * rounds, R_F/2 full rounds: add the round constants to every element, apply x^5 to every element
 * (full round) or to element 0 only (partial round), multiply by the MDS matrix
 * (s'_i = Σ_j M[i][j]·s_j).
 *
 * <p>Hash modes: fixed-length sponge with one absorption. The state is [capacity, x_1, ..., x_k,
 * 0, ...] (capacity first, as in the reference code's test vectors), the output is element 1 of the
 * permuted state (the first rate element). The capacity holds a domain-separation tag following
 * the Poseidon paper §4.2: 2^k − 1 for a Merkle node of arity k, and 2^64·k for fixed-length
 * hashing of k inputs with one output. So
 * <ul>
 *   <li>{@link #hashNode}(a, b) = perm_3([3, a, b])[1]             (Merkle node, t = 3)</li>
 *   <li>{@link #hash1}(x)       = perm_3([2^64, x, 0])[1]          (one input, t = 3)</li>
 *   <li>{@link #hash3}(x, y, z) = perm_5([3·2^64, x, y, z, 0])[1]  (three inputs, t = 5)</li>
 * </ul>
 */
public final class Poseidon {
    /** Capacity tag of a 2-to-1 Merkle node: 2^2 − 1 (Poseidon paper §4.2, Merkle tree). */
    public static final BigInteger NODE_TAG = BigInteger.valueOf(3);
    /** Capacity tag of fixed-length hashing of k inputs into one output: 2^64·k (paper §4.2). */
    public static BigInteger fixedLengthTag(int k) {
        return BigInteger.valueOf(k).shiftLeft(64);
    }

    private Poseidon() {}

    /** Applies the permutation of {@code p} to a copy of {@code state} (length t, canonical elements). */
    public static BigInteger[] permute(PoseidonParameters p, BigInteger[] state) {
        return run(p, state, null);
    }

    /**
     * The S-box trace of the permutation, for witness generation: for every S-box in order (round by
     * round, element 0 first; t per full round, 1 per partial round) the three values x^2, x^4, x^5
     * of its input x. Length 3·(R_F·t + R_P).
     */
    public static BigInteger[] sboxTrace(PoseidonParameters p, BigInteger[] state) {
        BigInteger[] trace = new BigInteger[3 * sboxCount(p)];
        run(p, state, trace);
        return trace;
    }

    /** The number of S-boxes in one permutation: R_F·t + R_P. */
    public static int sboxCount(PoseidonParameters p) {
        return p.fullRounds() * p.width() + p.partialRounds();
    }

    /** The permutation in Montgomery form; fills {@code trace} (x^2, x^4, x^5 per S-box) when given. */
    private static BigInteger[] run(PoseidonParameters p, BigInteger[] state, BigInteger[] trace) {
        int t = p.width();
        if (state.length != t) {
            throw new IllegalArgumentException("state has " + state.length + " elements, width is " + t);
        }
        long[][] s = new long[t][];
        for (int i = 0; i < t; i++) {
            s[i] = MontgomeryFr.fromBigInteger(Fr.requireCanonical(state[i], "state element " + i));
        }
        long[][] next = new long[t][MontgomeryFr.LIMBS];
        long[] x2 = new long[MontgomeryFr.LIMBS];
        long[] x4 = new long[MontgomeryFr.LIMBS];
        long[] product = new long[MontgomeryFr.LIMBS];
        int k = 0;
        for (int round = 0; round < p.rounds(); round++) {
            for (int i = 0; i < t; i++) {
                MontgomeryFr.add(s[i], p.roundConstantsMont[round * t + i], s[i]);
            }
            int sboxes = p.isFullRound(round) ? t : 1;
            for (int i = 0; i < sboxes; i++) {
                MontgomeryFr.mul(s[i], s[i], x2);
                MontgomeryFr.mul(x2, x2, x4);
                MontgomeryFr.mul(x4, s[i], s[i]);
                if (trace != null) {
                    trace[k++] = MontgomeryFr.toBigInteger(x2);
                    trace[k++] = MontgomeryFr.toBigInteger(x4);
                    trace[k++] = MontgomeryFr.toBigInteger(s[i]);
                }
            }
            for (int i = 0; i < t; i++) {
                Arrays.fill(next[i], 0);
                for (int j = 0; j < t; j++) {
                    MontgomeryFr.mul(p.mdsMont[i][j], s[j], product);
                    MontgomeryFr.add(next[i], product, next[i]);
                }
            }
            for (int i = 0; i < t; i++) {
                System.arraycopy(next[i], 0, s[i], 0, MontgomeryFr.LIMBS);
            }
        }
        BigInteger[] out = new BigInteger[t];
        for (int i = 0; i < t; i++) {
            out[i] = MontgomeryFr.toBigInteger(s[i]);
        }
        return out;
    }

    /** Merkle node hash: perm_3([3, left, right])[1]. */
    public static BigInteger hashNode(BigInteger left, BigInteger right) {
        return permute(PoseidonParameters.T3, new BigInteger[] {NODE_TAG, left, right})[1];
    }

    /** One-input hash: perm_3([2^64, x, 0])[1]. */
    public static BigInteger hash1(BigInteger x) {
        return permute(PoseidonParameters.T3, new BigInteger[] {fixedLengthTag(1), x, BigInteger.ZERO})[1];
    }

    /** Three-input hash: perm_5([3·2^64, x, y, z, 0])[1]. */
    public static BigInteger hash3(BigInteger x, BigInteger y, BigInteger z) {
        return permute(PoseidonParameters.T5,
                new BigInteger[] {fixedLengthTag(3), x, y, z, BigInteger.ZERO})[1];
    }
}
