// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Variable;

class MasksTest {
    private static BigInteger unsigned(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    @Test
    void subsetHoldsExactlyWhenNoRequestedBitIsMissing() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable requested = cb.publicInput("requested");
        Variable allowed = cb.privateInput("allowed");
        Masks.assertSubset(cb, requested.expr(), allowed.expr(), 64, "mask");
        Circuit c = cb.build();
        assertEquals(3 * 64 + 2, c.constraintCount());
        Seeded.forAll("subset-of-mask", 300, rnd -> {
            long a = switch (rnd.nextInt(4)) {
                case 0 -> 0L;
                case 1 -> -1L;
                default -> rnd.nextLong();
            };
            long r = switch (rnd.nextInt(5)) {
                case 0 -> a;                                   // equal
                case 1 -> a & rnd.nextLong();                  // a subset
                case 2 -> 0L;                                  // nothing requested
                case 3 -> (a & rnd.nextLong()) | (1L << rnd.nextInt(64)); // maybe one extra bit
                default -> rnd.nextLong();
            };
            boolean subset = (r & ~a) == 0;
            BigInteger[] w = c.witness(Map.of(requested, unsigned(r), allowed, unsigned(a)));
            assertEquals(subset, c.isSatisfiedBy(w), Long.toHexString(r) + " ⊆ " + Long.toHexString(a));
        });
    }

    @Test
    void masksOfDifferentWidthsAreRefused() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable[] two = Bits.decompose(cb, cb.publicInput("a").expr(), 2, "a");
        Variable[] three = Bits.decompose(cb, cb.publicInput("b").expr(), 3, "b");
        assertThrows(IllegalArgumentException.class, () -> Masks.assertSubset(cb, two, three, "m"));
    }
}
