// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;
import java.util.Arrays;

import org.nonos.zk.bls12381.internal.Blst;
import org.nonos.zk.bls12381.internal.BlstLibrary;

/**
 * A point of G1, the order-r subgroup of E(Fp): y² = x³ + 4. Immutable; every instance is on
 * the curve and in the subgroup (the decoders check both; the group law keeps them).
 *
 * <p>Encodings are Zcash's (draft-irtf-cfrg-pairing-friendly-curves-11 appendix C; the
 * {@code zkcrypto/pairing} serialization): 48 bytes compressed, 96 bytes uncompressed,
 * big-endian, flag bits in the three top bits of the first byte (compressed, infinity, y sign).
 */
public final class G1Point {
    /** Bytes of the compressed encoding. */
    public static final int COMPRESSED_BYTES = 48;
    /** Bytes of the uncompressed encoding. */
    public static final int UNCOMPRESSED_BYTES = 96;

    private static final G1Point IDENTITY = new G1Point(new byte[Blst.P1_AFFINE]);
    private static volatile G1Point generator;

    /** blst_p1_affine: x, y in Montgomery form, little-endian limbs; all zero = infinity. */
    private final byte[] affine;

    private G1Point(byte[] affine) {
        this.affine = affine;
    }

    /** The point at infinity. */
    public static G1Point identity() {
        return IDENTITY;
    }

    /** The standard generator (draft-irtf-cfrg-pairing-friendly-curves-11 §4.2.1). */
    public static G1Point generator() {
        G1Point g = generator;
        if (g == null) {
            byte[] enc = new byte[UNCOMPRESSED_BYTES];
            System.arraycopy(hex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"), 0, enc, 0, 48);
            System.arraycopy(hex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"), 0, enc, 48, 48);
            try {
                g = decode(enc);
            } catch (MalformedException e) {
                throw new IllegalStateException(e);
            }
            generator = g;
        }
        return g;
    }

    /**
     * Decodes a Zcash-encoded point, compressed (48 bytes) or uncompressed (96 bytes), and
     * checks that it is on the curve and in G1. The identity is accepted.
     */
    public static G1Point decode(byte[] encoded) throws MalformedException {
        ZcashEncoding.checkForm(encoded, "G1", COMPRESSED_BYTES, UNCOMPRESSED_BYTES);
        byte[] out = new byte[Blst.P1_AFFINE];
        int err = BlstLibrary.get().blst_p1_deserialize(out, encoded.clone());
        checkError(err);
        G1Point p = new G1Point(out);
        if (!p.isIdentity() && BlstLibrary.get().blst_p1_affine_in_g1(out) == 0) {
            throw new MalformedException(MalformedException.Reason.NOT_IN_SUBGROUP, "G1 point not in the order-r subgroup");
        }
        return p;
    }

    /**
     * A point from affine coordinates (each in [0, p)), checked on the curve and in G1. The
     * identity has no affine coordinates: use {@link #identity()}.
     */
    public static G1Point fromAffine(BigInteger x, BigInteger y) throws MalformedException {
        byte[] enc = new byte[UNCOMPRESSED_BYTES];
        System.arraycopy(Fp.toBytes(x), 0, enc, 0, 48);
        System.arraycopy(Fp.toBytes(y), 0, enc, 48, 48);
        G1Point p = decode(enc);
        if (p.isIdentity()) {
            throw new MalformedException(MalformedException.Reason.NOT_ON_CURVE, "(0, 0) is not on the curve");
        }
        return p;
    }

    static void checkError(int err) throws MalformedException {
        switch (err) {
            case Blst.BLST_SUCCESS -> { }
            case Blst.BLST_BAD_ENCODING -> throw new MalformedException(MalformedException.Reason.BAD_ENCODING,
                    "bad flags or a coordinate not in [0, p)");
            case Blst.BLST_POINT_NOT_ON_CURVE -> throw new MalformedException(MalformedException.Reason.NOT_ON_CURVE,
                    "point not on the curve");
            case Blst.BLST_POINT_NOT_IN_GROUP -> throw new MalformedException(MalformedException.Reason.NOT_IN_SUBGROUP,
                    "point not in the order-r subgroup");
            default -> throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "blst error " + err);
        }
    }

    /** Wraps blst affine bytes that are known to be a valid G1 point (the result of group operations). */
    static G1Point ofTrustedAffine(byte[] affine) {
        return new G1Point(affine);
    }

    /** Converts a blst_p1 (Jacobian) to a point. */
    static G1Point ofJacobian(byte[] jacobian) {
        byte[] out = new byte[Blst.P1_AFFINE];
        BlstLibrary.get().blst_p1_to_affine(out, jacobian);
        return new G1Point(out);
    }

    /** The blst_p1_affine bytes (a copy). */
    byte[] affine() {
        return affine.clone();
    }

    /** The blst_p1_affine bytes, not copied: callers must not change them. */
    byte[] affineView() {
        return affine;
    }

    byte[] jacobian() {
        byte[] j = new byte[Blst.P1];
        if (!isIdentity()) {
            BlstLibrary.get().blst_p1_from_affine(j, affine);
        }
        return j;
    }

    public boolean isIdentity() {
        for (byte b : affine) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public byte[] toCompressed() {
        byte[] out = new byte[COMPRESSED_BYTES];
        BlstLibrary.get().blst_p1_affine_compress(out, affine);
        return out;
    }

    public byte[] toUncompressed() {
        byte[] out = new byte[UNCOMPRESSED_BYTES];
        BlstLibrary.get().blst_p1_affine_serialize(out, affine);
        return out;
    }

    /** The affine x coordinate; the identity has none. */
    public BigInteger x() {
        requireAffine();
        return Fp.fromBytes(toUncompressed(), 0);
    }

    /** The affine y coordinate; the identity has none. */
    public BigInteger y() {
        requireAffine();
        return Fp.fromBytes(toUncompressed(), 48);
    }

    private void requireAffine() {
        if (isIdentity()) {
            throw new IllegalStateException("the point at infinity has no affine coordinates");
        }
    }

    public G1Point add(G1Point other) {
        if (isIdentity()) {
            return other;
        }
        if (other.isIdentity()) {
            return this;
        }
        byte[] out = new byte[Blst.P1];
        BlstLibrary.get().blst_p1_add_or_double_affine(out, jacobian(), other.affine);
        return ofJacobian(out);
    }

    public G1Point negate() {
        if (isIdentity()) {
            return this;
        }
        byte[] j = jacobian();
        BlstLibrary.get().blst_p1_cneg(j, 1);
        return ofJacobian(j);
    }

    /** k·P for any integer k (reduced mod r). */
    public G1Point multiply(BigInteger k) {
        BigInteger e = k.mod(Fr.MODULUS);
        if (isIdentity() || e.signum() == 0) {
            return IDENTITY;
        }
        byte[] out = new byte[Blst.P1];
        BlstLibrary.get().blst_p1_mult(out, jacobian(), Scalars.littleEndian(e), 255);
        return ofJacobian(out);
    }

    /**
     * k·P for the {@link Fr} element k = scalars[index], without making a BigInteger of it
     * (the scalar's bytes are wiped after use: setup multiplies by secrets).
     */
    public G1Point multiply(long[] scalars, int index) {
        if (isIdentity() || Fr.isZero(scalars, index)) {
            return IDENTITY;
        }
        byte[] k = new byte[32];
        byte[] out = new byte[Blst.P1];
        try {
            Fr.toLittleEndian(scalars, index, k, 0);
            BlstLibrary.get().blst_p1_mult(out, jacobian(), k, 255);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
        return ofJacobian(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof G1Point p && Arrays.equals(affine, p.affine);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(affine);
    }

    @Override
    public String toString() {
        return isIdentity() ? "G1(infinity)" : "G1(" + java.util.HexFormat.of().formatHex(toCompressed()) + ")";
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
