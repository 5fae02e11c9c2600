// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import java.math.BigInteger;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.Variable;

/**
 * Bit decomposition: x = Σ_{i<n} 2^i·b_i with every b_i boolean (n + 1 constraints). Because
 * 2^n ≤ r for n ≤ {@link #MAX_BITS}, the decomposition is unique and doubles as the range check
 * 0 ≤ x &lt; 2^n: a value outside the range has no satisfying bits.
 */
public final class Bits {
    /** The widest decomposition: 2^254 &lt; r &lt; 2^255. */
    public static final int MAX_BITS = 254;

    private Bits() {}

    /** The n bits of x, least significant first, constrained as above. */
    public static Variable[] decompose(CircuitBuilder cb, LinearExpr x, int n, String name) {
        if (n < 1 || n > MAX_BITS) {
            throw new IllegalArgumentException("bit width " + n + " outside 1.." + MAX_BITS);
        }
        Variable[] bits = new Variable[n];
        for (int i = 0; i < n; i++) {
            bits[i] = Booleans.bit(cb, name + ".bit" + i, Booleans.bitOf(x, i));
        }
        cb.assertEqual(pack(bits), x, name + ".sum");
        return bits;
    }

    /** Constrains 0 ≤ x &lt; 2^n (n + 1 constraints). */
    public static void rangeCheck(CircuitBuilder cb, LinearExpr x, int n, String name) {
        decompose(cb, x, n, name);
    }

    /** Σ 2^i·bits[i] as an expression (free). */
    public static LinearExpr pack(Variable[] bits) {
        LinearExpr sum = LinearExpr.zero();
        for (int i = 0; i < bits.length; i++) {
            sum = sum.plus(bits[i].expr().times(BigInteger.ONE.shiftLeft(i)));
        }
        return sum;
    }
}
