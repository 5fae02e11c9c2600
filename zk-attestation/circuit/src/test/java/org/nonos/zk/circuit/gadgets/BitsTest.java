// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.RandomField;
import org.nonos.zk.circuit.Variable;

class BitsTest {
    /** x public, decomposed into n bits. */
    private record Decomposition(Circuit circuit, Variable x, Variable[] bits) {
        static Decomposition of(int n) {
            CircuitBuilder cb = new CircuitBuilder();
            Variable x = cb.publicInput("x");
            Variable[] bits = Bits.decompose(cb, x.expr(), n, "x");
            return new Decomposition(cb.build(), x, bits);
        }

        BigInteger[] assign(BigInteger value) {
            return circuit.witness(Map.of(x, value));
        }
    }

    @Test
    void costIsOneConstraintPerBitPlusOne() {
        assertEquals(65, Decomposition.of(64).circuit().constraintCount());
    }

    @Test
    void inRangeValuesDecomposeAndOutOfRangeOnesCannot() {
        Seeded.forAll("bits-range", 300, rnd -> {
            int n = 1 + rnd.nextInt(Bits.MAX_BITS);
            Decomposition d = Decomposition.of(n);
            BigInteger top = BigInteger.ONE.shiftLeft(n);
            BigInteger inside = switch (rnd.nextInt(4)) {
                case 0 -> BigInteger.ZERO;
                case 1 -> top.subtract(BigInteger.ONE);
                default -> RandomField.bits(rnd, n);
            };
            BigInteger[] w = d.assign(inside);
            assertTrue(d.circuit().isSatisfiedBy(w), "value " + inside + " in " + n + " bits");
            for (int i = 0; i < n; i++) {
                assertEquals(inside.testBit(i) ? BigInteger.ONE : BigInteger.ZERO, d.circuit().valueOf(d.bits()[i], w));
            }
            // 2^n, a random value above it, and r − 1 have no n-bit decomposition: the honest
            // witness (the low n bits) fails the sum check.
            BigInteger outside = switch (rnd.nextInt(3)) {
                case 0 -> top;
                case 1 -> top.add(RandomField.bits(rnd, 200)).mod(Fr.R).max(top);
                default -> Fr.R.subtract(BigInteger.ONE);
            };
            assertFalse(d.circuit().isSatisfiedBy(d.assign(outside)), "value " + outside + " in " + n + " bits");
        });
    }

    @Test
    void aNonBooleanBitIsRejectedEvenWhenTheSumMatches() {
        Decomposition d = Decomposition.of(2);
        BigInteger[] w = d.assign(BigInteger.TWO); // honest bits 0, 1
        assertTrue(d.circuit().isSatisfiedBy(w));
        w[d.circuit().wireIndex(d.bits()[0])] = BigInteger.TWO; // 2·1 + 0·2 = 2 still
        w[d.circuit().wireIndex(d.bits()[1])] = BigInteger.ZERO;
        assertEquals("x.bit0.boolean", d.circuit().firstUnsatisfied(w).orElseThrow());
    }

    @Test
    void aFlippedBitIsRejected() {
        Seeded.forAll("bits-flip", 50, rnd -> {
            int n = 1 + rnd.nextInt(64);
            Decomposition d = Decomposition.of(n);
            BigInteger[] w = d.assign(RandomField.bits(rnd, n));
            int i = d.circuit().wireIndex(d.bits()[rnd.nextInt(n)]);
            w[i] = BigInteger.ONE.subtract(w[i]);
            assertFalse(d.circuit().isSatisfiedBy(w));
        });
    }

    @Test
    void widthsAreChecked() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable x = cb.publicInput("x");
        assertThrows(IllegalArgumentException.class, () -> Bits.decompose(cb, x.expr(), 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> Bits.decompose(cb, x.expr(), Bits.MAX_BITS + 1, "x"));
    }
}
