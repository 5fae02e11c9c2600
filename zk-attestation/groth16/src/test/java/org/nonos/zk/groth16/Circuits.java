// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nonos.zk.r1cs.Constraint;
import org.nonos.zk.r1cs.LinearCombination;
import org.nonos.zk.r1cs.R1cs;
import org.nonos.zk.r1cs.ScalarField;
import org.nonos.zk.r1cs.Term;

/** Small circuits written directly as R1CS records, and their witnesses. */
final class Circuits {
    private Circuits() {}

    static Term t(int wire) {
        return new Term(wire, BigInteger.ONE);
    }

    static Term t(int wire, long c) {
        return new Term(wire, ScalarField.reduce(BigInteger.valueOf(c)));
    }

    /** x · y = z; wires: 0 = 1, 1 = z (public), 2 = x, 3 = y. The circom Multiplier's shape. */
    static R1cs multiplier() {
        return new R1cs(4, 1, List.of(new Constraint(LinearCombination.of(t(2)), LinearCombination.of(t(3)),
                LinearCombination.of(t(1)))));
    }

    static BigInteger[] multiplierWitness(long x, long y) {
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger by = BigInteger.valueOf(y);
        return new BigInteger[] {BigInteger.ONE, ScalarField.reduce(bx.multiply(by)), bx, by};
    }

    /**
     * A chain: public (out, k), private x; s_1 = x·x, s_{i+1} = s_i·x + k·1 ... ; out = s_len.
     * Wires: 0 = 1, 1 = out, 2 = k, 3 = x, 4.. = s_i.
     */
    static R1cs chain(int len) {
        List<Constraint> cs = new ArrayList<>();
        cs.add(new Constraint(LinearCombination.of(t(3)), LinearCombination.of(t(3)), LinearCombination.of(t(4))));
        for (int i = 1; i < len; i++) {
            int s = 3 + i;
            // (s_i + k) · x = s_{i+1}
            cs.add(new Constraint(LinearCombination.of(t(s), t(2)), LinearCombination.of(t(3)), LinearCombination.of(t(s + 1))));
        }
        // out · 1 = s_len (a copy, through a 3-term check: (out + 2·x) · 1 = s_len + 2·x)
        int last = 3 + len;
        cs.add(new Constraint(LinearCombination.of(t(1), t(3, 2)), LinearCombination.of(t(0)),
                LinearCombination.of(t(last), t(3, 2))));
        return new R1cs(last + 1, 2, cs);
    }

    static BigInteger[] chainWitness(int len, BigInteger k, BigInteger x) {
        BigInteger[] w = new BigInteger[len + 4];
        w[0] = BigInteger.ONE;
        w[2] = k;
        w[3] = x;
        w[4] = ScalarField.reduce(x.multiply(x));
        for (int i = 1; i < len; i++) {
            w[4 + i] = ScalarField.reduce(w[3 + i].add(k).multiply(x));
        }
        w[1] = w[3 + len];
        return w;
    }

    static BigInteger randomScalar(Random rnd) {
        return new BigInteger(320, rnd).mod(ScalarField.MODULUS);
    }
}
