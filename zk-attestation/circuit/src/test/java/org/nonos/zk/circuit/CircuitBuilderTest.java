// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.r1cs.Constraint;
import org.nonos.zk.r1cs.LinearCombination;
import org.nonos.zk.r1cs.R1cs;
import org.nonos.zk.r1cs.Term;

class CircuitBuilderTest {
    private static BigInteger b(long v) {
        return BigInteger.valueOf(v);
    }

    /** out = (x + 3)·y, with a private input allocated before the public one. */
    private record Sample(Circuit circuit, Variable x, Variable y, Variable out) {
        static Sample build() {
            CircuitBuilder cb = new CircuitBuilder();
            Variable x = cb.privateInput("x");
            Variable y = cb.privateInput("y");
            Variable sum = cb.witness("sum", w -> Fr.add(w.get(x), b(3)));
            cb.assertEqual(sum.expr(), x.expr().plusConstant(cb, b(3)), "sum");
            Variable out = cb.publicOutput("out", w -> Fr.mul(w.get(sum), w.get(y)));
            cb.constrain(sum.expr(), y.expr(), out.expr(), "product");
            return new Sample(cb.build(), x, y, out);
        }
    }

    @Test
    void publicWiresComeFirstWhateverTheAllocationOrder() {
        Sample s = Sample.build();
        assertEquals(1, s.circuit().r1cs().numPublic());
        assertEquals(1, s.circuit().wireIndex(s.out()));
        assertEquals(2, s.circuit().wireIndex(s.x()));
        assertEquals(List.of(s.out()), s.circuit().publicVariables());
        BigInteger[] w = s.circuit().witness(Map.of(s.x(), b(4), s.y(), b(5)));
        assertArrayEquals(new BigInteger[] {b(1), b(35), b(4), b(5), b(7)}, w);
        assertTrue(s.circuit().isSatisfiedBy(w));
    }

    @Test
    void theSystemIsCanonical() {
        R1cs r = Sample.build().circuit().r1cs();
        // sum − x − 3 = 0, terms sorted by wire: one (wire 0), x (2), sum (4)
        Constraint first = r.constraints().get(0);
        assertEquals(new LinearCombination(List.of(new Term(0, Fr.of(-3)), new Term(2, Fr.of(-1)), new Term(4, b(1)))),
                first.a());
        assertEquals(r, Sample.build().circuit().r1cs());
    }

    @Test
    void aWrongValueFailsAtItsNamedConstraint() {
        Sample s = Sample.build();
        BigInteger[] w = s.circuit().witness(Map.of(s.x(), b(4), s.y(), b(5)));
        w[1] = b(36);
        assertFalse(s.circuit().isSatisfiedBy(w));
        assertEquals("product", s.circuit().firstUnsatisfied(w).orElseThrow());
    }

    @Test
    void witnessInputsAreChecked() {
        Sample s = Sample.build();
        assertThrows(IllegalArgumentException.class, () -> s.circuit().witness(Map.of(s.x(), b(4))));
        assertThrows(IllegalArgumentException.class,
                () -> s.circuit().witness(Map.of(s.x(), b(4), s.y(), Fr.R)));
        assertThrows(IllegalArgumentException.class,
                () -> s.circuit().witness(Map.of(s.x(), b(4), s.y(), b(-1))));
        Map<Variable, BigInteger> computed = new HashMap<>(Map.of(s.x(), b(4), s.y(), b(5)));
        computed.put(s.out(), b(35));
        assertThrows(IllegalArgumentException.class, () -> s.circuit().witness(computed));
        Sample other = Sample.build();
        assertThrows(IllegalArgumentException.class,
                () -> s.circuit().witness(Map.of(other.x(), b(4), s.y(), b(5))));
    }

    @Test
    void aValueFunctionCannotReadALaterWire() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable[] later = new Variable[1];
        cb.witness("early", w -> w.get(later[0]));
        later[0] = cb.witness("late", w -> BigInteger.ONE);
        Circuit c = cb.build();
        assertThrows(IllegalStateException.class, () -> c.witness(Map.of()));
    }

    @Test
    void aValueFunctionMustReturnAFieldElement() {
        CircuitBuilder cb = new CircuitBuilder();
        cb.witness("bad", w -> Fr.R);
        Circuit c = cb.build();
        assertThrows(IllegalStateException.class, () -> c.witness(Map.of()));
    }

    @Test
    void buildersDoNotMix() {
        CircuitBuilder a = new CircuitBuilder();
        CircuitBuilder b = new CircuitBuilder();
        Variable x = a.privateInput("x");
        Variable y = b.privateInput("y");
        assertThrows(IllegalArgumentException.class, () -> x.expr().plus(y));
        assertThrows(IllegalArgumentException.class, () -> b.assertBoolean(x.expr(), "x"));
        a.build();
        assertThrows(IllegalStateException.class, () -> a.privateInput("z"));
        assertThrows(IllegalStateException.class, a::build);
    }

    @Test
    void linearExpressionsMergeAndDropZeros() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable x = cb.privateInput("x");
        Variable y = cb.privateInput("y");
        LinearExpr e = x.expr().times(5).plus(y).minus(x.expr().times(5));
        assertEquals(1, e.size());
        assertEquals(y, e.variable(0));
        assertTrue(x.expr().minus(x).isConstant());
        assertEquals(0, x.expr().minus(x).size());
        assertEquals(b(7), cb.constant(3).plus(cb.constant(4)).constantValue());
        assertEquals(Fr.of(-1), cb.constant(-1).constantValue());
    }

    @Test
    void fieldArithmeticWrapsModR() {
        Seeded.forAll("fr-ring-laws", 200, rnd -> {
            BigInteger a = RandomField.fieldElement(rnd);
            BigInteger c = RandomField.fieldElement(rnd);
            assertEquals(a.add(c).mod(Fr.R), Fr.add(a, c));
            assertEquals(a.subtract(c).mod(Fr.R), Fr.sub(a, c));
            assertEquals(BigInteger.ZERO, Fr.add(a, Fr.neg(a)));
            if (a.signum() != 0) {
                assertEquals(BigInteger.ONE, Fr.mul(a, Fr.inverse(a)));
            }
            assertEquals(a.pow(5).mod(Fr.R), Fr.pow5(a));
        });
        assertThrows(ArithmeticException.class, () -> Fr.inverse(BigInteger.ZERO));
    }
}
