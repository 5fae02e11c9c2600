// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import org.nonos.zk.bls12381.internal.Blst;
import org.nonos.zk.bls12381.internal.BlstLibrary;

/**
 * An element of Fp12: a Miller-loop value, or after {@link #finalExponentiation()} an element
 * of GT. Immutable.
 */
public final class Fp12 {
    private final byte[] value;

    Fp12(byte[] value) {
        this.value = value;
    }

    public Fp12 multiply(Fp12 other) {
        byte[] out = new byte[Blst.FP12];
        BlstLibrary.get().blst_fp12_mul(out, value, other.value);
        return new Fp12(out);
    }

    /** f^((p^12 − 1)/r). */
    public Fp12 finalExponentiation() {
        byte[] out = new byte[Blst.FP12];
        BlstLibrary.get().blst_final_exp(out, value);
        return new Fp12(out);
    }

    public boolean isOne() {
        return BlstLibrary.get().blst_fp12_is_one(value) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp12 f && BlstLibrary.get().blst_fp12_is_equal(value, f.value) != 0;
    }

    @Override
    public int hashCode() {
        // blst keeps Fp limbs fully reduced in Montgomery form, so equal elements have equal bytes
        return java.util.Arrays.hashCode(value);
    }
}
