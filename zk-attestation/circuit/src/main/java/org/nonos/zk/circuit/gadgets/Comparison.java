// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import java.math.BigInteger;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.Variable;

/**
 * Comparison of n-bit values. Precondition for soundness: both operands are already known to lie
 * in [0, 2^n) (range-checked by the caller, e.g. with {@link Bits#decompose}); n ≤ {@link #MAX_BITS}.
 */
public final class Comparison {
    /** Keeps 2^(n+1) well below r, so that b − a + 2^n cannot wrap around. */
    public static final int MAX_BITS = 252;

    private Comparison() {}

    /**
     * Constrains a ≤ b (n + 1 constraints) by range-checking b − a to n bits: when b ≥ a it is in
     * [0, 2^n); when b &lt; a it is r − (a − b) ≥ r − 2^n > 2^n, which has no n-bit decomposition.
     */
    public static void assertLessOrEqual(CircuitBuilder cb, LinearExpr a, LinearExpr b, int n, String name) {
        checkWidth(n);
        Bits.rangeCheck(cb, b.minus(a), n, name);
    }

    /**
     * The boolean [a ≤ b] (n + 2 constraints): b − a + 2^n lies in [1, 2^(n+1)); its bit n is 1
     * exactly when b ≥ a.
     */
    public static Variable lessOrEqual(CircuitBuilder cb, LinearExpr a, LinearExpr b, int n, String name) {
        checkWidth(n);
        LinearExpr shifted = b.minus(a).plusConstant(cb, BigInteger.ONE.shiftLeft(n));
        return Bits.decompose(cb, shifted, n + 1, name)[n];
    }

    private static void checkWidth(int n) {
        if (n < 1 || n > MAX_BITS) {
            throw new IllegalArgumentException("comparison width " + n + " outside 1.." + MAX_BITS);
        }
    }
}
