// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;

/** blst_scalar conversions: 32 bytes, little-endian. */
final class Scalars {
    private Scalars() {}

    /** A non-negative value below 2^256 as a blst_scalar. */
    static byte[] littleEndian(BigInteger v) {
        byte[] out = new byte[32];
        put(v, out, 0);
        return out;
    }

    static void put(BigInteger v, byte[] out, int off) {
        byte[] be = v.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[off + i] = be[be.length - 1 - i];
        }
    }
}
