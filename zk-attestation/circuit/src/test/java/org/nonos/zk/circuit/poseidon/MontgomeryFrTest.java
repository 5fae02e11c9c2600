// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.poseidon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.RandomField;

/** Montgomery arithmetic agrees with BigInteger arithmetic mod r, edge values included. */
class MontgomeryFrTest {
    private static BigInteger pick(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.ONE;
            case 2 -> Fr.R.subtract(BigInteger.ONE);
            case 3 -> Fr.R.subtract(RandomField.bits(rnd, 64)).subtract(BigInteger.ONE).max(BigInteger.ZERO);
            case 4 -> RandomField.bits(rnd, 1 + rnd.nextInt(64));
            default -> RandomField.fieldElement(rnd);
        };
    }

    @Test
    void agreesWithBigInteger() {
        Seeded.forAll("montgomery-fr", 2000, rnd -> {
            BigInteger a = pick(rnd);
            BigInteger b = pick(rnd);
            long[] ma = MontgomeryFr.fromBigInteger(a);
            long[] mb = MontgomeryFr.fromBigInteger(b);
            assertEquals(a, MontgomeryFr.toBigInteger(ma));
            long[] out = new long[MontgomeryFr.LIMBS];
            MontgomeryFr.mul(ma, mb, out);
            assertEquals(Fr.mul(a, b), MontgomeryFr.toBigInteger(out), "mul " + a + " " + b);
            MontgomeryFr.add(ma, mb, out);
            assertEquals(Fr.add(a, b), MontgomeryFr.toBigInteger(out), "add " + a + " " + b);
            MontgomeryFr.mul(ma, ma, ma); // aliasing
            assertEquals(Fr.mul(a, a), MontgomeryFr.toBigInteger(ma), "square " + a);
        });
    }
}
