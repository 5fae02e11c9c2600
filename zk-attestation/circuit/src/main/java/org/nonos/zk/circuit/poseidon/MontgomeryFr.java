// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.poseidon;

import java.math.BigInteger;
import org.nonos.zk.circuit.Fr;

/**
 * Fr in Montgomery form on four 64-bit limbs (little-endian), for the native Poseidon: an element
 * a is held as a·2^256 mod r. Multiplication is the CIOS method (Koç, Acar, Kaliski, "Analyzing
 * and Comparing Montgomery Multiplication Algorithms", IEEE Micro 1996), about ten times faster
 * than BigInteger multiply-and-mod. Values are canonical (< r) after every operation.
 */
final class MontgomeryFr {
    static final int LIMBS = 4;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long[] R = limbs(Fr.R);
    /** −r^{-1} mod 2^64. */
    private static final long INV = Fr.R.negate().modInverse(TWO_64).longValue();
    /** 2^512 mod r, to enter Montgomery form with one multiplication. */
    private static final long[] R2 = limbs(BigInteger.ONE.shiftLeft(512).mod(Fr.R));
    private static final long[] ONE = {1, 0, 0, 0};

    private MontgomeryFr() {}

    private static long[] limbs(BigInteger x) {
        long[] out = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            out[i] = x.shiftRight(64 * i).longValue();
        }
        return out;
    }

    /** The Montgomery form of a canonical element. */
    static long[] fromBigInteger(BigInteger x) {
        long[] out = new long[LIMBS];
        mul(limbs(x), R2, out);
        return out;
    }

    /** The canonical BigInteger of a Montgomery-form element. */
    static BigInteger toBigInteger(long[] a) {
        long[] plain = new long[LIMBS];
        mul(a, ONE, plain);
        byte[] bytes = new byte[1 + 8 * LIMBS]; // leading zero byte: non-negative
        for (int i = 0; i < LIMBS; i++) {
            long limb = plain[LIMBS - 1 - i];
            for (int b = 0; b < 8; b++) {
                bytes[1 + 8 * i + b] = (byte) (limb >>> (56 - 8 * b));
            }
        }
        return new BigInteger(bytes);
    }

    /** out = a + b mod r (out may alias a or b). */
    static void add(long[] a, long[] b, long[] out) {
        // a, b < r < 2^255, so the sum fits in four limbs; subtract r once if needed.
        long s0 = a[0] + b[0];
        long c = Long.compareUnsigned(s0, a[0]) < 0 ? 1 : 0;
        long x = a[1] + b[1];
        long c1 = Long.compareUnsigned(x, a[1]) < 0 ? 1 : 0;
        long s1 = x + c;
        c = c1 + (Long.compareUnsigned(s1, x) < 0 ? 1 : 0);
        x = a[2] + b[2];
        c1 = Long.compareUnsigned(x, a[2]) < 0 ? 1 : 0;
        long s2 = x + c;
        c = c1 + (Long.compareUnsigned(s2, x) < 0 ? 1 : 0);
        long s3 = a[3] + b[3] + c;
        reduceOnce(s0, s1, s2, s3, out);
    }

    /** out = a·b·2^-256 mod r, the Montgomery product (out may alias a or b). */
    static void mul(long[] a, long[] b, long[] out) {
        long t0 = 0;
        long t1 = 0;
        long t2 = 0;
        long t3 = 0;
        long t4 = 0;
        for (int i = 0; i < LIMBS; i++) {
            long bi = b[i];
            // t += a·b_i
            long lo = a[0] * bi;
            long hi = Math.unsignedMultiplyHigh(a[0], bi);
            long s = t0 + lo;
            long c = (Long.compareUnsigned(s, t0) < 0 ? 1 : 0) + hi;
            t0 = s;
            lo = a[1] * bi;
            hi = Math.unsignedMultiplyHigh(a[1], bi);
            s = t1 + lo;
            long c2 = Long.compareUnsigned(s, t1) < 0 ? 1 : 0;
            long s2 = s + c;
            c2 += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t1 = s2;
            c = hi + c2;
            lo = a[2] * bi;
            hi = Math.unsignedMultiplyHigh(a[2], bi);
            s = t2 + lo;
            c2 = Long.compareUnsigned(s, t2) < 0 ? 1 : 0;
            s2 = s + c;
            c2 += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t2 = s2;
            c = hi + c2;
            lo = a[3] * bi;
            hi = Math.unsignedMultiplyHigh(a[3], bi);
            s = t3 + lo;
            c2 = Long.compareUnsigned(s, t3) < 0 ? 1 : 0;
            s2 = s + c;
            c2 += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t3 = s2;
            c = hi + c2;
            s = t4 + c;
            long t5 = Long.compareUnsigned(s, t4) < 0 ? 1 : 0;
            t4 = s;

            // t = (t + m·r) / 2^64 with m chosen so that the lowest limb vanishes
            long m = t0 * INV;
            lo = m * R[0];
            hi = Math.unsignedMultiplyHigh(m, R[0]);
            s = t0 + lo;
            c = (Long.compareUnsigned(s, t0) < 0 ? 1 : 0) + hi;
            lo = m * R[1];
            hi = Math.unsignedMultiplyHigh(m, R[1]);
            s = t1 + lo;
            c2 = Long.compareUnsigned(s, t1) < 0 ? 1 : 0;
            s2 = s + c;
            c2 += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t0 = s2;
            c = hi + c2;
            lo = m * R[2];
            hi = Math.unsignedMultiplyHigh(m, R[2]);
            s = t2 + lo;
            c2 = Long.compareUnsigned(s, t2) < 0 ? 1 : 0;
            s2 = s + c;
            c2 += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t1 = s2;
            c = hi + c2;
            lo = m * R[3];
            hi = Math.unsignedMultiplyHigh(m, R[3]);
            s = t3 + lo;
            c2 = Long.compareUnsigned(s, t3) < 0 ? 1 : 0;
            s2 = s + c;
            c2 += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            t2 = s2;
            c = hi + c2;
            s = t4 + c;
            t3 = s;
            t4 = t5 + (Long.compareUnsigned(s, t4) < 0 ? 1 : 0);
        }
        // t < 2r here; with r < 2^255, t4 is 0 and one conditional subtraction makes t canonical.
        reduceOnce(t0, t1, t2, t3, out);
    }

    /** out = s − r when s ≥ r, else s (s < 2r), for s = (s0, s1, s2, s3) little-endian. */
    private static void reduceOnce(long s0, long s1, long s2, long s3, long[] out) {
        long d0 = s0 - R[0];
        long borrow = Long.compareUnsigned(s0, R[0]) < 0 ? 1 : 0;
        long x = s1 - R[1];
        long b1 = Long.compareUnsigned(s1, R[1]) < 0 ? 1 : 0;
        long d1 = x - borrow;
        borrow = b1 + (Long.compareUnsigned(x, borrow) < 0 ? 1 : 0);
        x = s2 - R[2];
        b1 = Long.compareUnsigned(s2, R[2]) < 0 ? 1 : 0;
        long d2 = x - borrow;
        borrow = b1 + (Long.compareUnsigned(x, borrow) < 0 ? 1 : 0);
        x = s3 - R[3];
        b1 = Long.compareUnsigned(s3, R[3]) < 0 ? 1 : 0;
        long d3 = x - borrow;
        borrow = b1 + (Long.compareUnsigned(x, borrow) < 0 ? 1 : 0);
        if (borrow == 0) {
            out[0] = d0;
            out[1] = d1;
            out[2] = d2;
            out[3] = d3;
        } else {
            out[0] = s0;
            out[1] = s1;
            out[2] = s2;
            out[3] = s3;
        }
    }
}
