// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import java.math.BigInteger;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.ValueFunction;
import org.nonos.zk.circuit.Variable;
import org.nonos.zk.circuit.WireValues;
import org.nonos.zk.circuit.poseidon.Poseidon;
import org.nonos.zk.circuit.poseidon.PoseidonParameters;

/**
 * The Poseidon permutation and hash modes in circuit, the same functions as the native
 * {@link Poseidon}. Round-constant additions and the MDS product are linear, hence free; each
 * S-box x^5 costs three constraints (x2 = x·x, x4 = x2·x2, x5 = x4·x), except on a constant input,
 * which is computed while building. A permutation of width t costs 3·(R_F·t + R_P) constraints
 * less 3 per constant S-box input (in the first round: the capacity tag and zero padding).
 *
 * <p>State elements stay linear expressions between rounds, so the partial rounds' expressions
 * grow to at most t + R_P terms; no extra wire is spent on them.
 */
public final class PoseidonGadget {
    private PoseidonGadget() {}

    /** The permutation of {@code p} on a state of t expressions. */
    public static LinearExpr[] permute(CircuitBuilder cb, PoseidonParameters p, LinearExpr[] state, String name) {
        int t = p.width();
        if (state.length != t) {
            throw new IllegalArgumentException("state has " + state.length + " elements, width is " + t);
        }
        // Witness: one native run per pass gives every S-box value, instead of evaluating the long
        // partial-round expressions wire by wire. The constraints below check it all the same.
        LinearExpr[] input = state.clone();
        Object traceKey = new Object();
        ValueFunction[] trace = new ValueFunction[3 * Poseidon.sboxCount(p)];
        for (int k = 0; k < trace.length; k++) {
            int index = k;
            trace[k] = w -> w.shared(traceKey, pass -> Poseidon.sboxTrace(p, evalAll(pass, input)))[index];
        }
        LinearExpr[] s = state.clone();
        int sbox = 0;
        for (int round = 0; round < p.rounds(); round++) {
            for (int i = 0; i < t; i++) {
                s[i] = s[i].plusConstant(cb, p.roundConstant(round, i));
            }
            int sboxes = p.isFullRound(round) ? t : 1;
            for (int i = 0; i < sboxes; i++, sbox++) {
                s[i] = sbox(cb, s[i], trace, 3 * sbox, name + ".r" + round + ".s" + i);
            }
            LinearExpr[] next = new LinearExpr[t];
            for (int i = 0; i < t; i++) {
                LinearExpr acc = LinearExpr.zero();
                for (int j = 0; j < t; j++) {
                    acc = acc.plus(s[j].times(p.mds(i, j)));
                }
                next[i] = acc;
            }
            s = next;
        }
        return s;
    }

    /** x^5 with x2 = x·x, x4 = x2·x2, x5 = x4·x; values from the trace at {@code at}, at + 1, at + 2. */
    private static LinearExpr sbox(CircuitBuilder cb, LinearExpr x, ValueFunction[] trace, int at, String name) {
        if (x.isConstant()) {
            return cb.constant(Fr.pow5(x.constantValue()));
        }
        Variable x2 = cb.witness(name + ".x2", trace[at]);
        cb.constrain(x, x, x2.expr(), name + ".x2");
        Variable x4 = cb.witness(name + ".x4", trace[at + 1]);
        cb.constrain(x2.expr(), x2.expr(), x4.expr(), name + ".x4");
        Variable x5 = cb.witness(name + ".x5", trace[at + 2]);
        cb.constrain(x4.expr(), x, x5.expr(), name + ".x5");
        return x5.expr();
    }

    private static BigInteger[] evalAll(WireValues w, LinearExpr[] e) {
        BigInteger[] v = new BigInteger[e.length];
        for (int i = 0; i < e.length; i++) {
            v[i] = w.eval(e[i]);
        }
        return v;
    }

    /** Merkle node hash, as {@link Poseidon#hashNode}: perm_3([3, left, right])[1]. */
    public static LinearExpr hashNode(CircuitBuilder cb, LinearExpr left, LinearExpr right, String name) {
        LinearExpr[] s = {cb.constant(Poseidon.NODE_TAG), left, right};
        return permute(cb, PoseidonParameters.T3, s, name)[1];
    }

    /** One-input hash, as {@link Poseidon#hash1}: perm_3([2^64, x, 0])[1]. */
    public static LinearExpr hash1(CircuitBuilder cb, LinearExpr x, String name) {
        LinearExpr[] s = {cb.constant(Poseidon.fixedLengthTag(1)), x, LinearExpr.zero()};
        return permute(cb, PoseidonParameters.T3, s, name)[1];
    }

    /** Three-input hash, as {@link Poseidon#hash3}: perm_5([3·2^64, x, y, z, 0])[1]. */
    public static LinearExpr hash3(CircuitBuilder cb, LinearExpr x, LinearExpr y, LinearExpr z, String name) {
        LinearExpr[] s = {cb.constant(Poseidon.fixedLengthTag(3)), x, y, z, LinearExpr.zero()};
        return permute(cb, PoseidonParameters.T5, s, name)[1];
    }
}
