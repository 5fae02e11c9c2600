// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.r1cs;

import java.math.BigInteger;

/** The BLS12-381 scalar field Fr: the field every constraint and witness value lives in. */
public final class ScalarField {
    /** r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001 (BLS12-381 group order). */
    public static final BigInteger MODULUS =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

    private ScalarField() {}

    /** The canonical representative of {@code x} in [0, r). */
    public static BigInteger reduce(BigInteger x) {
        return x.mod(MODULUS);
    }

    /** Whether {@code x} is already canonical, i.e. 0 ≤ x &lt; r. */
    public static boolean isCanonical(BigInteger x) {
        return x.signum() >= 0 && x.compareTo(MODULUS) < 0;
    }
}
