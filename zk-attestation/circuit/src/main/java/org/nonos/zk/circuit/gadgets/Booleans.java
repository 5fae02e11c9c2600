// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import java.math.BigInteger;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.ValueFunction;
import org.nonos.zk.circuit.Variable;

/** Boolean wires: allocation with the constraint b·b = b, negation, conjunction, selection. */
public final class Booleans {
    private Booleans() {}

    /** A private computed wire constrained to {0, 1} (1 constraint). */
    public static Variable bit(CircuitBuilder cb, String name, ValueFunction f) {
        Variable b = cb.witness(name, f);
        cb.assertBoolean(b.expr(), name + ".boolean");
        return b;
    }

    /** 1 − b (free). */
    public static LinearExpr not(CircuitBuilder cb, LinearExpr b) {
        return cb.constant(1).minus(b);
    }

    /** a ∧ b = a·b for boolean a, b (1 constraint; the product of booleans is boolean). */
    public static Variable and(CircuitBuilder cb, LinearExpr a, LinearExpr b, String name) {
        return cb.mul(a, b, name);
    }

    /** b ? x : y = y + b·(x − y) for boolean b, as a new wire (2 constraints: product, output). */
    public static Variable select(CircuitBuilder cb, LinearExpr b, LinearExpr x, LinearExpr y, String name) {
        Variable d = cb.mul(b, x.minus(y), name + ".diff");
        Variable out = cb.witness(name, w -> Fr.add(w.eval(y), w.get(d)));
        cb.assertEqual(out.expr(), y.plus(d), name);
        return out;
    }

    /** The value function "bit i of the expression's value" (for bit decompositions). */
    static ValueFunction bitOf(LinearExpr x, int i) {
        return w -> w.eval(x).testBit(i) ? BigInteger.ONE : BigInteger.ZERO;
    }
}
