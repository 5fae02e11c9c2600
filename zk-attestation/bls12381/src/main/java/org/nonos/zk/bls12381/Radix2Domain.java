// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;

/**
 * A multiplicative subgroup H = ⟨ω⟩ of Fr* of size n = 2^k (k ≤ 32), with the number-theoretic
 * transforms a Groth16 prover needs: evaluations on H ↔ coefficients, and the same on the coset
 * g·H (g = 7, the generator of Fr*, which is outside every H).
 *
 * <p>Vectors are {@link Fr} vectors of exactly n elements, transformed in place
 * (iterative Cooley–Tukey, decimation in time after a bit-reversal permutation).
 */
public final class Radix2Domain {
    private final int size;
    private final int logSize;
    /** ω^i for i in [0, n/2). */
    private final long[] twiddles;
    /** ω^{-i} for i in [0, n/2). */
    private final long[] inverseTwiddles;
    private final long[] sizeInverse;
    private final long[] cosetPowers;
    private final long[] inverseCosetPowers;
    private final long[] omega;

    /**
     * @param minSize the smallest number of points needed; the domain is the next power of two
     * @throws IllegalArgumentException when more than 2^32 points are asked for
     */
    public Radix2Domain(long minSize) {
        if (minSize < 1 || minSize > (1L << Fr.TWO_ADICITY)) {
            throw new IllegalArgumentException("domain size must be in [1, 2^32], got " + minSize);
        }
        int log = 0;
        while ((1L << log) < minSize) {
            log++;
        }
        if (log > 30) {
            throw new IllegalArgumentException("domain of 2^" + log + " points does not fit a Java array");
        }
        this.logSize = log;
        this.size = 1 << log;
        BigInteger r = Fr.MODULUS;
        BigInteger w = Fr.MULTIPLICATIVE_GENERATOR.modPow(r.subtract(BigInteger.ONE).shiftRight(log), r);
        this.omega = Fr.of(w);
        int half = Math.max(1, size / 2);
        this.twiddles = powers(omega, half);
        long[] omegaInv = Fr.vector(1);
        Fr.inverse(omega, 0, omegaInv, 0);
        this.inverseTwiddles = powers(omegaInv, half);
        this.sizeInverse = Fr.of(BigInteger.valueOf(size).modInverse(r));
        long[] g = Fr.of(Fr.MULTIPLICATIVE_GENERATOR);
        this.cosetPowers = powers(g, size);
        long[] gInv = Fr.vector(1);
        Fr.inverse(g, 0, gInv, 0);
        this.inverseCosetPowers = powers(gInv, size);
    }

    private static long[] powers(long[] base, int count) {
        long[] out = Fr.vector(count);
        Fr.setOne(out, 0);
        for (int i = 1; i < count; i++) {
            Fr.mul(out, i - 1, base, 0, out, i);
        }
        return out;
    }

    public int size() {
        return size;
    }

    /** The generator ω of H, as a one-element vector. */
    public long[] omega() {
        return omega.clone();
    }

    /** Coefficients → evaluations on H. */
    public void fft(long[] v) {
        check(v);
        transform(v, twiddles);
    }

    /** Evaluations on H → coefficients. */
    public void ifft(long[] v) {
        check(v);
        transform(v, inverseTwiddles);
        for (int i = 0; i < size; i++) {
            Fr.mul(v, i, sizeInverse, 0, v, i);
        }
    }

    /** Coefficients → evaluations on g·H. */
    public void cosetFft(long[] v) {
        check(v);
        for (int i = 1; i < size; i++) {
            Fr.mul(v, i, cosetPowers, i, v, i);
        }
        transform(v, twiddles);
    }

    /** Evaluations on g·H → coefficients. */
    public void cosetIfft(long[] v) {
        ifft(v);
        for (int i = 1; i < size; i++) {
            Fr.mul(v, i, inverseCosetPowers, i, v, i);
        }
    }

    /** The vanishing polynomial Z(x) = x^n − 1 at the coset points, which is the constant g^n − 1. */
    public long[] vanishingOnCoset() {
        long[] z = Fr.vector(1);
        Fr.pow(Fr.of(Fr.MULTIPLICATIVE_GENERATOR), 0, BigInteger.valueOf(size), z, 0);
        long[] one = Fr.vector(1);
        Fr.setOne(one, 0);
        Fr.sub(z, 0, one, 0, z, 0);
        return z;
    }

    private void check(long[] v) {
        if (v.length != 4 * size) {
            throw new IllegalArgumentException("vector of " + v.length / 4 + " elements for a domain of " + size);
        }
    }

    private void transform(long[] v, long[] w) {
        // bit-reversal permutation
        for (int i = 0; i < size; i++) {
            int j = Integer.reverse(i) >>> (32 - logSize);
            if (logSize > 0 && i < j) {
                for (int l = 0; l < 4; l++) {
                    long t = v[4 * i + l];
                    v[4 * i + l] = v[4 * j + l];
                    v[4 * j + l] = t;
                }
            }
        }
        long[] t = Fr.vector(1);
        for (int len = 2; len <= size; len <<= 1) {
            int halfLen = len >>> 1;
            int step = size / len;
            for (int start = 0; start < size; start += len) {
                for (int k = 0; k < halfLen; k++) {
                    int a = start + k;
                    int b = a + halfLen;
                    Fr.mul(v, b, w, k * step, t, 0);
                    Fr.sub(v, a, t, 0, v, b);
                    Fr.add(v, a, t, 0, v, a);
                }
            }
        }
    }
}
