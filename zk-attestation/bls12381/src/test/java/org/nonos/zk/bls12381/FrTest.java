// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FrTest {
    private static final BigInteger R = Fr.MODULUS;

    @Test
    void arithmeticAgreesWithBigInteger() {
        Random rnd = Seeds.random("FrTest.arithmetic");
        long[] z = Fr.vector(1);
        for (int i = 0; i < 5000; i++) {
            BigInteger a = edgeOrRandom(rnd);
            BigInteger b = edgeOrRandom(rnd);
            long[] x = Fr.of(a);
            long[] y = Fr.of(b);
            assertEquals(a, Fr.get(x, 0));
            Fr.mul(x, 0, y, 0, z, 0);
            assertEquals(a.multiply(b).mod(R), Fr.get(z, 0), "mul " + a + " " + b);
            Fr.add(x, 0, y, 0, z, 0);
            assertEquals(a.add(b).mod(R), Fr.get(z, 0), "add " + a + " " + b);
            Fr.sub(x, 0, y, 0, z, 0);
            assertEquals(a.subtract(b).mod(R), Fr.get(z, 0), "sub " + a + " " + b);
        }
    }

    private static BigInteger edgeOrRandom(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> R.subtract(BigInteger.ONE);
            case 2 -> R.subtract(BigInteger.valueOf(rnd.nextInt(1000) + 1));
            case 3 -> BigInteger.valueOf(rnd.nextInt(1000));
            default -> Seeds.scalar(rnd);
        };
    }

    @Test
    void inversesAndLittleEndian() {
        Random rnd = Seeds.random("FrTest.inverses");
        long[] v = Fr.vector(20);
        BigInteger[] vals = new BigInteger[20];
        for (int i = 0; i < 20; i++) {
            vals[i] = Seeds.scalar(rnd).add(BigInteger.ONE).mod(R);
            if (vals[i].signum() == 0) {
                vals[i] = BigInteger.ONE;
            }
            Fr.set(v, i, vals[i]);
        }
        Fr.batchInverse(v, 0, 20);
        for (int i = 0; i < 20; i++) {
            assertEquals(vals[i].modInverse(R), Fr.get(v, i));
        }
        byte[] le = new byte[32];
        Fr.toLittleEndian(Fr.of(BigInteger.valueOf(0x0102)), 0, le, 0);
        assertEquals(2, le[0]);
        assertEquals(1, le[1]);
        assertThrows(IllegalArgumentException.class, () -> Fr.of(R));
        assertThrows(IllegalArgumentException.class, () -> Fr.of(BigInteger.ONE.negate()));
        assertThrows(ArithmeticException.class, () -> Fr.inverse(Fr.vector(1), 0, Fr.vector(1), 0));
    }
}
