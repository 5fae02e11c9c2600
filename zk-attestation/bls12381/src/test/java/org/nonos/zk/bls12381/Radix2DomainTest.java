// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Radix2DomainTest {
    private static final BigInteger R = Fr.MODULUS;

    @Test
    void fftEvaluatesThePolynomialAtPowersOfOmega() {
        Random rnd = Seeds.random("Radix2DomainTest.fft");
        Radix2Domain d = new Radix2Domain(13);
        int n = d.size();
        assertEquals(16, n);
        BigInteger[] coeffs = new BigInteger[n];
        long[] v = Fr.vector(n);
        for (int i = 0; i < n; i++) {
            coeffs[i] = Seeds.scalar(rnd);
            Fr.set(v, i, coeffs[i]);
        }
        long[] original = v.clone();
        d.fft(v);
        BigInteger w = Fr.get(d.omega(), 0);
        assertEquals(BigInteger.ONE, w.modPow(BigInteger.valueOf(n), R));
        assertEquals(R.subtract(BigInteger.ONE), w.modPow(BigInteger.valueOf(n / 2), R));
        for (int i = 0; i < n; i++) {
            assertEquals(eval(coeffs, w.modPow(BigInteger.valueOf(i), R)), Fr.get(v, i), "point " + i);
        }
        d.ifft(v);
        assertArrayEquals(original, v);

        long[] c = original.clone();
        d.cosetFft(c);
        BigInteger g = Fr.MULTIPLICATIVE_GENERATOR;
        for (int i = 0; i < n; i++) {
            assertEquals(eval(coeffs, g.multiply(w.modPow(BigInteger.valueOf(i), R)).mod(R)), Fr.get(c, i));
        }
        d.cosetIfft(c);
        assertArrayEquals(original, c);
        assertEquals(g.modPow(BigInteger.valueOf(n), R).subtract(BigInteger.ONE).mod(R), Fr.get(d.vanishingOnCoset(), 0));
    }

    @Test
    void sizes() {
        assertEquals(1, new Radix2Domain(1).size());
        assertEquals(1024, new Radix2Domain(1000).size());
        assertThrows(IllegalArgumentException.class, () -> new Radix2Domain(0));
        assertThrows(IllegalArgumentException.class, () -> new Radix2Domain((1L << 32) + 1));
        assertThrows(IllegalArgumentException.class, () -> new Radix2Domain(8).fft(Fr.vector(4)));
    }

    private static BigInteger eval(BigInteger[] coeffs, BigInteger x) {
        BigInteger acc = BigInteger.ZERO;
        for (int i = coeffs.length - 1; i >= 0; i--) {
            acc = acc.multiply(x).add(coeffs[i]).mod(R);
        }
        return acc;
    }
}
