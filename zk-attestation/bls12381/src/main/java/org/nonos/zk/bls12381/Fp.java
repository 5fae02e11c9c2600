// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;

/** Constants and checks for the BLS12-381 base field Fp (only what encodings need; blst does the arithmetic). */
public final class Fp {
    /** p, the base-field modulus (381 bits). */
    public static final BigInteger MODULUS = new BigInteger(
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);
    /** Bytes of one big-endian Fp element in Zcash encodings. */
    public static final int BYTES = 48;

    private Fp() {}

    /**
     * The 48-byte big-endian encoding of a canonical Fp element.
     *
     * @throws MalformedException NOT_CANONICAL when v is negative or ≥ p
     */
    public static byte[] toBytes(BigInteger v) throws MalformedException {
        checkCanonical(v);
        byte[] raw = v.toByteArray();
        byte[] out = new byte[BYTES];
        int n = Math.min(raw.length, BYTES);
        System.arraycopy(raw, raw.length - n, out, BYTES - n, n);
        return out;
    }

    public static void checkCanonical(BigInteger v) throws MalformedException {
        if (v.signum() < 0 || v.compareTo(MODULUS) >= 0) {
            throw new MalformedException(MalformedException.Reason.NOT_CANONICAL, "Fp coordinate not in [0, p)");
        }
    }

    /** A 48-byte big-endian slice as a number. */
    public static BigInteger fromBytes(byte[] b, int off) {
        byte[] be = new byte[BYTES + 1];
        System.arraycopy(b, off, be, 1, BYTES);
        return new BigInteger(be);
    }
}
