// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;

/**
 * The BLS12-381 scalar field Fr in Montgomery form on four 64-bit limbs, for the prover's
 * inner loops where a native call per operation would cost more than the operation.
 *
 * <p>Read this first: values live in {@code long[]} "vectors", element {@code i} at limbs
 * {@code 4i .. 4i+3}, least significant limb first, always fully reduced (in [0, r)) and in
 * Montgomery form {@code x·R mod r} with {@code R = 2^256}. Methods take (array, element index)
 * pairs so that large vectors need no per-element objects. Multiplication is the
 * "no-carry" CIOS Montgomery product (Koç, Acar, Kaliski 1996; the no-carry variant applies
 * because the top limb of r is below 2^63 − 1).
 */
public final class Fr {
    /** r, the order of G1, G2 and GT. */
    public static final BigInteger MODULUS =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    /** Fr* has order r − 1 = 2^32 · t with t odd: the largest power-of-two FFT domain is 2^32. */
    public static final int TWO_ADICITY = 32;
    /** 7 generates Fr*; cosets of FFT domains are shifted by it. */
    public static final BigInteger MULTIPLICATIVE_GENERATOR = BigInteger.valueOf(7);

    static final long R0 = 0xffffffff00000001L;
    static final long R1 = 0x53bda402fffe5bfeL;
    static final long R2 = 0x3339d80809a1d805L;
    static final long R3 = 0x73eda753299d7d48L;
    /** −r^{-1} mod 2^64. */
    static final long INV;
    /** R^2 mod r in plain form, to enter Montgomery form. */
    private static final long[] R_SQUARED;
    /** 1 in Montgomery form (R mod r). */
    private static final long[] ONE;

    static {
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        INV = BigInteger.valueOf(R0).and(two64.subtract(BigInteger.ONE)).modInverse(two64).negate().mod(two64).longValue();
        R_SQUARED = limbs(BigInteger.ONE.shiftLeft(512).mod(MODULUS));
        ONE = limbs(BigInteger.ONE.shiftLeft(256).mod(MODULUS));
    }

    private Fr() {}

    /** A vector of n zero elements. */
    public static long[] vector(int n) {
        return new long[4 * n];
    }

    /** The number of elements in a vector. */
    public static int length(long[] v) {
        return v.length / 4;
    }

    /** z[zi] = x[xi] · y[yi]. */
    public static void mul(long[] x, int xi, long[] y, int yi, long[] z, int zi) {
        int xo = 4 * xi;
        int yo = 4 * yi;
        long a0 = x[xo], a1 = x[xo + 1], a2 = x[xo + 2], a3 = x[xo + 3];
        long b0 = y[yo], b1 = y[yo + 1], b2 = y[yo + 2], b3 = y[yo + 3];
        long t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (int i = 0; i < 4; i++) {
            long b = i == 0 ? b0 : i == 1 ? b1 : i == 2 ? b2 : b3;
            long lo, hi, s, s2, carryA, carryC, m;
            // (A, t0) = a0·b + t0
            lo = a0 * b;
            hi = Math.unsignedMultiplyHigh(a0, b);
            s = lo + t0;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t0 = s;
            carryA = hi;
            m = t0 * INV;
            // C = high(m·r0 + t0)
            lo = m * R0;
            hi = Math.unsignedMultiplyHigh(m, R0);
            s = lo + t0;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            carryC = hi;
            // j = 1: (A, t1) = a1·b + t1 + A; (C, t0) = m·r1 + t1 + C
            lo = a1 * b;
            hi = Math.unsignedMultiplyHigh(a1, b);
            s = lo + t1;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            s2 = s + carryA;
            hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t1 = s2;
            carryA = hi;
            lo = m * R1;
            hi = Math.unsignedMultiplyHigh(m, R1);
            s = lo + t1;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            s2 = s + carryC;
            hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t0 = s2;
            carryC = hi;
            // j = 2
            lo = a2 * b;
            hi = Math.unsignedMultiplyHigh(a2, b);
            s = lo + t2;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            s2 = s + carryA;
            hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t2 = s2;
            carryA = hi;
            lo = m * R2;
            hi = Math.unsignedMultiplyHigh(m, R2);
            s = lo + t2;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            s2 = s + carryC;
            hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t1 = s2;
            carryC = hi;
            // j = 3
            lo = a3 * b;
            hi = Math.unsignedMultiplyHigh(a3, b);
            s = lo + t3;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            s2 = s + carryA;
            hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t3 = s2;
            carryA = hi;
            lo = m * R3;
            hi = Math.unsignedMultiplyHigh(m, R3);
            s = lo + t3;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            s2 = s + carryC;
            hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t2 = s2;
            carryC = hi;
            t3 = carryC + carryA;
        }
        reduceOnce(t0, t1, t2, t3, z, 4 * zi);
    }

    /** z[zi] = x[xi] + y[yi]. */
    public static void add(long[] x, int xi, long[] y, int yi, long[] z, int zi) {
        int xo = 4 * xi, yo = 4 * yi;
        long s0 = x[xo] + y[yo];
        long c = Long.compareUnsigned(s0, x[xo]) < 0 ? 1 : 0;
        long s1 = x[xo + 1] + y[yo + 1];
        long c1 = Long.compareUnsigned(s1, x[xo + 1]) < 0 ? 1 : 0;
        s1 += c;
        c = c1 | (s1 == 0 && c == 1 ? 1 : 0);
        long s2 = x[xo + 2] + y[yo + 2];
        long c2 = Long.compareUnsigned(s2, x[xo + 2]) < 0 ? 1 : 0;
        s2 += c;
        c = c2 | (s2 == 0 && c == 1 ? 1 : 0);
        long s3 = x[xo + 3] + y[yo + 3] + c; // both < 2^255: no carry out of the top limb
        reduceOnce(s0, s1, s2, s3, z, 4 * zi);
    }

    /** z[zi] = x[xi] − y[yi]. */
    public static void sub(long[] x, int xi, long[] y, int yi, long[] z, int zi) {
        int xo = 4 * xi, yo = 4 * yi;
        long a0 = x[xo], a1 = x[xo + 1], a2 = x[xo + 2], a3 = x[xo + 3];
        long b0 = y[yo], b1 = y[yo + 1], b2 = y[yo + 2], b3 = y[yo + 3];
        long d0 = a0 - b0;
        long br = Long.compareUnsigned(a0, b0) < 0 ? 1 : 0;
        long d1 = a1 - b1 - br;
        br = (Long.compareUnsigned(a1, b1) < 0 || (a1 == b1 && br == 1)) ? 1 : 0;
        long d2 = a2 - b2 - br;
        br = (Long.compareUnsigned(a2, b2) < 0 || (a2 == b2 && br == 1)) ? 1 : 0;
        long d3 = a3 - b3 - br;
        br = (Long.compareUnsigned(a3, b3) < 0 || (a3 == b3 && br == 1)) ? 1 : 0;
        int zo = 4 * zi;
        if (br != 0) {
            // add r back
            long e0 = d0 + R0;
            long c = Long.compareUnsigned(e0, d0) < 0 ? 1 : 0;
            long e1 = d1 + R1;
            long c1 = Long.compareUnsigned(e1, d1) < 0 ? 1 : 0;
            e1 += c;
            c = c1 | (e1 == 0 && c == 1 ? 1 : 0);
            long e2 = d2 + R2;
            long c2 = Long.compareUnsigned(e2, d2) < 0 ? 1 : 0;
            e2 += c;
            c = c2 | (e2 == 0 && c == 1 ? 1 : 0);
            long e3 = d3 + R3 + c;
            z[zo] = e0;
            z[zo + 1] = e1;
            z[zo + 2] = e2;
            z[zo + 3] = e3;
        } else {
            z[zo] = d0;
            z[zo + 1] = d1;
            z[zo + 2] = d2;
            z[zo + 3] = d3;
        }
    }

    /** Writes t − r when t ≥ r, else t (t &lt; 2r). */
    private static void reduceOnce(long t0, long t1, long t2, long t3, long[] z, int zo) {
        long d0 = t0 - R0;
        long br = Long.compareUnsigned(t0, R0) < 0 ? 1 : 0;
        long d1 = t1 - R1 - br;
        br = (Long.compareUnsigned(t1, R1) < 0 || (t1 == R1 && br == 1)) ? 1 : 0;
        long d2 = t2 - R2 - br;
        br = (Long.compareUnsigned(t2, R2) < 0 || (t2 == R2 && br == 1)) ? 1 : 0;
        long d3 = t3 - R3 - br;
        br = (Long.compareUnsigned(t3, R3) < 0 || (t3 == R3 && br == 1)) ? 1 : 0;
        if (br == 0) {
            z[zo] = d0;
            z[zo + 1] = d1;
            z[zo + 2] = d2;
            z[zo + 3] = d3;
        } else {
            z[zo] = t0;
            z[zo + 1] = t1;
            z[zo + 2] = t2;
            z[zo + 3] = t3;
        }
    }

    /** Copies element x[xi] to z[zi]. */
    public static void copy(long[] x, int xi, long[] z, int zi) {
        System.arraycopy(x, 4 * xi, z, 4 * zi, 4);
    }

    public static boolean isZero(long[] x, int xi) {
        int o = 4 * xi;
        return (x[o] | x[o + 1] | x[o + 2] | x[o + 3]) == 0;
    }

    public static boolean equal(long[] x, int xi, long[] y, int yi) {
        int a = 4 * xi, b = 4 * yi;
        return x[a] == y[b] && x[a + 1] == y[b + 1] && x[a + 2] == y[b + 2] && x[a + 3] == y[b + 3];
    }

    /** Sets z[zi] to one. */
    public static void setOne(long[] z, int zi) {
        System.arraycopy(ONE, 0, z, 4 * zi, 4);
    }

    /**
     * Sets z[zi] to {@code v}.
     *
     * @throws IllegalArgumentException when v is not in [0, r)
     */
    public static void set(long[] z, int zi, BigInteger v) {
        if (v.signum() < 0 || v.compareTo(MODULUS) >= 0) {
            throw new IllegalArgumentException("scalar not in [0, r)");
        }
        long[] plain = limbs(v);
        mul(plain, 0, R_SQUARED, 0, z, zi);
    }

    /** Element x[xi] as a BigInteger in [0, r). */
    public static BigInteger get(long[] x, int xi) {
        long[] plain = new long[4];
        fromMontgomery(x, xi, plain, 0);
        byte[] be = new byte[33];
        for (int l = 0; l < 4; l++) {
            for (int b = 0; b < 8; b++) {
                be[32 - 8 * l - b] = (byte) (plain[l] >>> (8 * b));
            }
        }
        return new BigInteger(be);
    }

    /** One element, from a value in [0, r). */
    public static long[] of(BigInteger v) {
        long[] z = vector(1);
        set(z, 0, v);
        return z;
    }

    /**
     * Writes x[xi] in plain (not Montgomery) form as 32 little-endian bytes at out[off]: the
     * layout of blst_scalar.
     */
    public static void toLittleEndian(long[] x, int xi, byte[] out, int off) {
        long[] plain = new long[4];
        fromMontgomery(x, xi, plain, 0);
        for (int l = 0; l < 4; l++) {
            long w = plain[l];
            for (int b = 0; b < 8; b++) {
                out[off + 8 * l + b] = (byte) (w >>> (8 * b));
            }
        }
    }

    private static final long[] PLAIN_ONE = {1, 0, 0, 0};

    private static void fromMontgomery(long[] x, int xi, long[] z, int zi) {
        mul(x, xi, PLAIN_ONE, 0, z, zi);
    }

    /** z[zi] = x[xi]^e for a non-negative exponent. */
    public static void pow(long[] x, int xi, BigInteger e, long[] z, int zi) {
        long[] base = vector(1);
        copy(x, xi, base, 0);
        long[] acc = vector(1);
        setOne(acc, 0);
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            mul(acc, 0, acc, 0, acc, 0);
            if (e.testBit(i)) {
                mul(acc, 0, base, 0, acc, 0);
            }
        }
        copy(acc, 0, z, zi);
    }

    /**
     * z[zi] = x[xi]^{-1}.
     *
     * @throws ArithmeticException when x[xi] is zero
     */
    public static void inverse(long[] x, int xi, long[] z, int zi) {
        if (isZero(x, xi)) {
            throw new ArithmeticException("zero has no inverse in Fr");
        }
        pow(x, xi, MODULUS.subtract(BigInteger.TWO), z, zi);
    }

    /**
     * Replaces every element of v[from, to) by its inverse with Montgomery's trick (one
     * inversion, 3(n−1) products).
     *
     * @throws ArithmeticException when an element is zero
     */
    public static void batchInverse(long[] v, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        long[] prefix = vector(n);
        copy(v, from, prefix, 0);
        for (int i = 1; i < n; i++) {
            mul(prefix, i - 1, v, from + i, prefix, i);
        }
        long[] inv = vector(1);
        inverse(prefix, n - 1, inv, 0);
        long[] tmp = vector(1);
        for (int i = n - 1; i > 0; i--) {
            mul(inv, 0, prefix, i - 1, tmp, 0);   // 1/v[i]
            mul(inv, 0, v, from + i, inv, 0);     // 1/(v[0..i-1])
            copy(tmp, 0, v, from + i);
        }
        copy(inv, 0, v, from);
    }

    private static long[] limbs(BigInteger v) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = v.shiftRight(64 * i).longValue();
        }
        return out;
    }
}
