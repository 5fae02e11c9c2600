// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/**
 * The part of blst's C API (bindings/blst.h) that this bundle calls, bound with jnr-ffi.
 *
 * <p>Sizes of blst's structures, in bytes: blst_fp 48, blst_fp2 96, blst_fp6 288,
 * blst_fp12 576, blst_p1 144 (Jacobian x, y, z), blst_p1_affine 96, blst_p2 288,
 * blst_p2_affine 192, blst_scalar 32 (little-endian). The point at infinity in affine form
 * is all zero bytes.
 *
 * <p>Only {@link org.nonos.zk.bls12381} calls these, and only after it has checked every
 * length and range in Java: blst trusts its callers with buffer sizes.
 *
 * <p>C {@code bool} results are declared {@code byte}: the x86-64 and AArch64 ABIs define only
 * the low eight bits of a {@code _Bool} return.
 */
public interface Blst {
    int FP = 48;
    int FP2 = 96;
    int FP6 = 288;
    int FP12 = 576;
    int P1 = 144;
    int P1_AFFINE = 96;
    int P2 = 288;
    int P2_AFFINE = 192;
    int SCALAR = 32;
    /** blst_precompute_lines fills 68 blst_fp6 values. */
    int LINES = 68 * FP6;

    // BLST_ERROR codes (bindings/blst.h)
    int BLST_SUCCESS = 0;
    int BLST_BAD_ENCODING = 1;
    int BLST_POINT_NOT_ON_CURVE = 2;
    int BLST_POINT_NOT_IN_GROUP = 3;

    // Zcash serialization
    int blst_p1_deserialize(@Out byte[] out, @In byte[] in);
    int blst_p2_deserialize(@Out byte[] out, @In byte[] in);
    void blst_p1_affine_serialize(@Out byte[] out, @In byte[] in);
    void blst_p1_affine_compress(@Out byte[] out, @In byte[] in);
    void blst_p2_affine_serialize(@Out byte[] out, @In byte[] in);
    void blst_p2_affine_compress(@Out byte[] out, @In byte[] in);

    byte blst_p1_affine_in_g1(@In byte[] p);
    byte blst_p2_affine_in_g2(@In byte[] p);
    byte blst_p1_affine_on_curve(@In byte[] p);
    byte blst_p2_affine_on_curve(@In byte[] p);

    // Group law, Jacobian in and out
    void blst_p1_from_affine(@Out byte[] out, @In byte[] in);
    void blst_p2_from_affine(@Out byte[] out, @In byte[] in);
    void blst_p1_to_affine(@Out byte[] out, @In byte[] in);
    void blst_p2_to_affine(@Out byte[] out, @In byte[] in);
    void blst_p1_add_or_double(@Out byte[] out, @In byte[] a, @In byte[] b);
    void blst_p2_add_or_double(@Out byte[] out, @In byte[] a, @In byte[] b);
    void blst_p1_add_or_double_affine(@Out byte[] out, @In byte[] a, @In byte[] b);
    void blst_p2_add_or_double_affine(@Out byte[] out, @In byte[] a, @In byte[] b);
    void blst_p1_cneg(byte[] p, @size_t long cbit);
    void blst_p2_cneg(byte[] p, @size_t long cbit);
    void blst_p1_mult(@Out byte[] out, @In byte[] p, @In byte[] scalar, @size_t long nbits);
    void blst_p2_mult(@Out byte[] out, @In byte[] p, @In byte[] scalar, @size_t long nbits);
    void blst_p1s_to_affine(Pointer dst, Pointer points, @size_t long npoints);
    void blst_p2s_to_affine(Pointer dst, Pointer points, @size_t long npoints);

    // Multi-scalar multiplication (src/multi_scalar.c). points and scalars are arrays of
    // pointers; {base, NULL} means "base is one contiguous array".
    @size_t long blst_p1s_mult_pippenger_scratch_sizeof(@size_t long npoints);
    @size_t long blst_p2s_mult_pippenger_scratch_sizeof(@size_t long npoints);
    void blst_p1s_mult_pippenger(Pointer ret, Pointer points, @size_t long npoints, Pointer scalars,
            @size_t long nbits, Pointer scratch);
    void blst_p2s_mult_pippenger(Pointer ret, Pointer points, @size_t long npoints, Pointer scalars,
            @size_t long nbits, Pointer scratch);
    @size_t long blst_p1s_mult_wbits_precompute_sizeof(@size_t long wbits, @size_t long npoints);
    void blst_p1s_mult_wbits_precompute(Pointer table, @size_t long wbits, Pointer points, @size_t long npoints);
    @size_t long blst_p1s_mult_wbits_scratch_sizeof(@size_t long npoints);
    void blst_p1s_mult_wbits(Pointer ret, Pointer table, @size_t long wbits, @size_t long npoints, Pointer scalars,
            @size_t long nbits, Pointer scratch);

    // Pairing (src/pairing.c)
    void blst_miller_loop(@Out byte[] ret, @In byte[] q, @In byte[] p);
    void blst_miller_loop_n(@Out byte[] ret, Pointer qs, Pointer ps, @size_t long n);
    void blst_precompute_lines(@Out byte[] lines, @In byte[] q);
    void blst_miller_loop_lines(@Out byte[] ret, @In byte[] lines, @In byte[] p);
    void blst_final_exp(@Out byte[] ret, @In byte[] f);
    void blst_fp12_mul(@Out byte[] ret, @In byte[] a, @In byte[] b);
    byte blst_fp12_is_equal(@In byte[] a, @In byte[] b);
    byte blst_fp12_is_one(@In byte[] a);
    byte blst_fp12_in_group(@In byte[] a);
}
