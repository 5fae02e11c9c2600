// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.RandomField;
import org.nonos.zk.circuit.Variable;

class ComparisonTest {
    /** a, b range-checked to n bits; both the assertion and the boolean form. */
    private record Compare(Circuit asserting, Variable a1, Variable b1, Circuit computing, Variable a2, Variable b2,
            Variable le) {
        static Compare of(int n) {
            CircuitBuilder cb = new CircuitBuilder();
            Variable a1 = cb.publicInput("a");
            Variable b1 = cb.publicInput("b");
            Bits.rangeCheck(cb, a1.expr(), n, "a");
            Bits.rangeCheck(cb, b1.expr(), n, "b");
            Comparison.assertLessOrEqual(cb, a1.expr(), b1.expr(), n, "le");
            CircuitBuilder cb2 = new CircuitBuilder();
            Variable a2 = cb2.publicInput("a");
            Variable b2 = cb2.publicInput("b");
            Bits.rangeCheck(cb2, a2.expr(), n, "a");
            Bits.rangeCheck(cb2, b2.expr(), n, "b");
            Variable le = Comparison.lessOrEqual(cb2, a2.expr(), b2.expr(), n, "le");
            return new Compare(cb.build(), a1, b1, cb2.build(), a2, b2, le);
        }

        void check(BigInteger a, BigInteger b) {
            boolean expected = a.compareTo(b) <= 0;
            BigInteger[] w = asserting.witness(Map.of(a1, a, b1, b));
            assertEquals(expected, asserting.isSatisfiedBy(w), a + " ≤ " + b);
            BigInteger[] w2 = computing.witness(Map.of(a2, a, b2, b));
            assertTrue(computing.isSatisfiedBy(w2), a + " ≤? " + b);
            assertEquals(expected ? BigInteger.ONE : BigInteger.ZERO, computing.valueOf(le, w2));
            // The other answer is not provable: flip the result bit.
            int i = computing.wireIndex(le);
            w2[i] = BigInteger.ONE.subtract(w2[i]);
            assertTrue(!computing.isSatisfiedBy(w2), "flipped result for " + a + ", " + b);
        }
    }

    private static BigInteger pick(SplittableRandom rnd, int n, BigInteger other) {
        BigInteger max = BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE);
        return switch (rnd.nextInt(7)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> max;
            case 2 -> other; // equal values
            case 3 -> other.add(BigInteger.ONE).min(max);
            case 4 -> other.subtract(BigInteger.ONE).max(BigInteger.ZERO);
            default -> RandomField.bits(rnd, n);
        };
    }

    @Test
    void edgeCasesAndRandomValues() {
        Seeded.forAll("less-or-equal", 120, rnd -> {
            int n = switch (rnd.nextInt(4)) {
                case 0 -> 1;
                case 1 -> 64;
                case 2 -> Comparison.MAX_BITS;
                default -> 1 + rnd.nextInt(Comparison.MAX_BITS);
            };
            Compare c = Compare.of(n);
            BigInteger a = RandomField.bits(rnd, n);
            BigInteger b = pick(rnd, n, a);
            if (rnd.nextBoolean()) {
                c.check(a, b);
            } else {
                c.check(b, a);
            }
        });
    }

    @Test
    void fixedEdges() {
        Compare c = Compare.of(64);
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        c.check(BigInteger.ZERO, BigInteger.ZERO);
        c.check(max, max);
        c.check(BigInteger.ZERO, max);
        c.check(max, BigInteger.ZERO);
        c.check(max.subtract(BigInteger.ONE), max);
        c.check(max, max.subtract(BigInteger.ONE));
    }

    @Test
    void withoutRangeChecksTheAssertionWouldBeMeaningless() {
        // Why the precondition matters: a = r − 1 ("−1") passes a ≤ 5 when a is not range-checked.
        CircuitBuilder cb = new CircuitBuilder();
        Variable a = cb.publicInput("a");
        Variable b = cb.publicInput("b");
        Comparison.assertLessOrEqual(cb, a.expr(), b.expr(), 8, "le");
        Circuit c = cb.build();
        assertTrue(c.isSatisfiedBy(c.witness(Map.of(a, Fr.R.subtract(BigInteger.ONE), b, BigInteger.valueOf(5)))));
    }

    @Test
    void widthsAreChecked() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable a = cb.publicInput("a");
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.assertLessOrEqual(cb, a.expr(), a.expr(), Comparison.MAX_BITS + 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> Comparison.lessOrEqual(cb, a.expr(), a.expr(), 0, "x"));
    }
}
