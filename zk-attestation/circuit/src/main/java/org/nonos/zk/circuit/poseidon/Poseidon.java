// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.poseidon;

import java.math.BigInteger;
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
        int t = p.width();
        if (state.length != t) {
            throw new IllegalArgumentException("state has " + state.length + " elements, width is " + t);
        }
        BigInteger[] s = new BigInteger[t];
        for (int i = 0; i < t; i++) {
            s[i] = Fr.requireCanonical(state[i], "state element " + i);
        }
        BigInteger[] next = new BigInteger[t];
        for (int round = 0; round < p.rounds(); round++) {
            for (int i = 0; i < t; i++) {
                s[i] = Fr.add(s[i], p.roundConstant(round, i));
            }
            if (p.isFullRound(round)) {
                for (int i = 0; i < t; i++) {
                    s[i] = Fr.pow5(s[i]);
                }
            } else {
                s[0] = Fr.pow5(s[0]);
            }
            for (int i = 0; i < t; i++) {
                BigInteger acc = BigInteger.ZERO;
                for (int j = 0; j < t; j++) {
                    acc = acc.add(p.mds(i, j).multiply(s[j]));
                }
                next[i] = acc.mod(Fr.R);
            }
            System.arraycopy(next, 0, s, 0, t);
        }
        return s;
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
