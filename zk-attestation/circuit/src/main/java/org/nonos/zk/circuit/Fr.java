// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;
import org.nonos.zk.r1cs.ScalarField;

/**
 * Arithmetic in the BLS12-381 scalar field Fr on canonical {@link BigInteger}s in [0, r).
 *
 * <p>BigInteger is fast enough here: the attestation witness (23 Poseidon permutations) costs a few
 * milliseconds; the proof system has its own Fr for the heavy work.
 */
public final class Fr {
    public static final BigInteger R = ScalarField.MODULUS;
    private static final BigInteger R_MINUS_2 = R.subtract(BigInteger.TWO);

    private Fr() {}

    public static BigInteger add(BigInteger a, BigInteger b) {
        BigInteger s = a.add(b);
        return s.compareTo(R) >= 0 ? s.subtract(R) : s;
    }

    public static BigInteger sub(BigInteger a, BigInteger b) {
        BigInteger d = a.subtract(b);
        return d.signum() < 0 ? d.add(R) : d;
    }

    public static BigInteger neg(BigInteger a) {
        return a.signum() == 0 ? a : R.subtract(a);
    }

    public static BigInteger mul(BigInteger a, BigInteger b) {
        return a.multiply(b).mod(R);
    }

    /** a^5, the Poseidon S-box for alpha = 5. */
    public static BigInteger pow5(BigInteger a) {
        BigInteger a2 = mul(a, a);
        return mul(mul(a2, a2), a);
    }

    /** The multiplicative inverse (Fermat: a^(r-2)); {@code a} must be non-zero. */
    public static BigInteger inverse(BigInteger a) {
        if (a.signum() == 0) {
            throw new ArithmeticException("zero has no inverse in Fr");
        }
        return a.modPow(R_MINUS_2, R);
    }

    /** The canonical representative of any integer, negative ones included. */
    public static BigInteger of(BigInteger x) {
        return x.mod(R);
    }

    public static BigInteger of(long x) {
        return BigInteger.valueOf(x).mod(R);
    }

    /** Checks that {@code x} is a canonical field element, with a clear error when not. */
    public static BigInteger requireCanonical(BigInteger x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!ScalarField.isCanonical(x)) {
            throw new IllegalArgumentException(what + " is not a field element in [0, r)");
        }
        return x;
    }
}
