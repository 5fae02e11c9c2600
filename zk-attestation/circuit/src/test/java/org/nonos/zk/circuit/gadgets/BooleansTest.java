// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Variable;

class BooleansTest {
    @Test
    void bitAndSelect() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable in = cb.publicInput("in");
        Variable x = cb.privateInput("x");
        Variable y = cb.privateInput("y");
        Variable b = Booleans.bit(cb, "b", w -> w.get(in));
        Variable both = Booleans.and(cb, b.expr(), Booleans.not(cb, b.expr()), "both");
        Variable s = Booleans.select(cb, b.expr(), x.expr(), y.expr(), "s");
        cb.assertEqual(b.expr(), in.expr(), "b=in");
        Circuit c = cb.build();
        BigInteger x0 = BigInteger.valueOf(11);
        BigInteger y0 = BigInteger.valueOf(22);
        for (int bit = 0; bit < 2; bit++) {
            BigInteger[] w = c.witness(Map.of(in, BigInteger.valueOf(bit), x, x0, y, y0));
            assertTrue(c.isSatisfiedBy(w));
            assertEquals(bit == 1 ? x0 : y0, c.valueOf(s, w));
            assertEquals(BigInteger.ZERO, c.valueOf(both, w));
        }
        BigInteger[] w = c.witness(Map.of(in, BigInteger.TWO, x, x0, y, y0));
        assertFalse(c.isSatisfiedBy(w));
        assertEquals("b.boolean", c.firstUnsatisfied(w).orElseThrow());
    }
}
