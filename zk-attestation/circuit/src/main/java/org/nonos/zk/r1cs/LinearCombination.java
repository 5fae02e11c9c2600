// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.r1cs;

import java.math.BigInteger;
import java.util.List;

/**
 * A sparse linear combination Σ coefficient·wire. Terms are kept as given (builders merge
 * duplicates and drop zeros before they hand a system over).
 */
public record LinearCombination(List<Term> terms) {
    public LinearCombination {
        terms = List.copyOf(terms);
    }

    public static LinearCombination of(Term... terms) {
        return new LinearCombination(List.of(terms));
    }

    /** Σ coefficient·assignment[wire] mod r. */
    public BigInteger evaluate(BigInteger[] assignment) {
        BigInteger sum = BigInteger.ZERO;
        for (Term t : terms) {
            sum = sum.add(t.coefficient().multiply(assignment[t.wire()]));
        }
        return ScalarField.reduce(sum);
    }

    /** The largest wire index used, or -1 when empty. */
    public int maxWire() {
        int max = -1;
        for (Term t : terms) {
            max = Math.max(max, t.wire());
        }
        return max;
    }
}
