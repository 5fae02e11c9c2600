// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;
import java.util.Arrays;

import org.nonos.zk.bls12381.internal.Blst;
import org.nonos.zk.bls12381.internal.BlstLibrary;

/**
 * A point of G2, the order-r subgroup of E'(Fp2): y² = x³ + 4(u + 1), Fp2 = Fp[u]/(u² + 1).
 * Immutable; every instance is on the curve and in the subgroup.
 *
 * <p>Zcash encodings: 96 bytes compressed, 192 uncompressed; each Fp2 element c0 + c1·u is
 * written c1 first, then c0 (both 48-byte big-endian), flags in the top bits of byte 0.
 */
public final class G2Point {
    public static final int COMPRESSED_BYTES = 96;
    public static final int UNCOMPRESSED_BYTES = 192;

    private static final G2Point IDENTITY = new G2Point(new byte[Blst.P2_AFFINE]);
    private static volatile G2Point generator;

    /** blst_p2_affine bytes; all zero = infinity. */
    private final byte[] affine;

    private G2Point(byte[] affine) {
        this.affine = affine;
    }

    public static G2Point identity() {
        return IDENTITY;
    }

    /** The standard generator (draft-irtf-cfrg-pairing-friendly-curves-11 §4.2.1). */
    public static G2Point generator() {
        G2Point g = generator;
        if (g == null) {
            try {
                g = fromAffine(
                        new BigInteger("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8", 16),
                        new BigInteger("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e", 16),
                        new BigInteger("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801", 16),
                        new BigInteger("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be", 16));
            } catch (MalformedException e) {
                throw new IllegalStateException(e);
            }
            generator = g;
        }
        return g;
    }

    /** Decodes a Zcash-encoded point (96 or 192 bytes) and checks curve and subgroup; identity accepted. */
    public static G2Point decode(byte[] encoded) throws MalformedException {
        ZcashEncoding.checkForm(encoded, "G2", COMPRESSED_BYTES, UNCOMPRESSED_BYTES);
        byte[] out = new byte[Blst.P2_AFFINE];
        G1Point.checkError(BlstLibrary.get().blst_p2_deserialize(out, encoded.clone()));
        G2Point p = new G2Point(out);
        if (!p.isIdentity() && BlstLibrary.get().blst_p2_affine_in_g2(out) == 0) {
            throw new MalformedException(MalformedException.Reason.NOT_IN_SUBGROUP, "G2 point not in the order-r subgroup");
        }
        return p;
    }

    /** A point from affine coordinates x = x0 + x1·u, y = y0 + y1·u, each part in [0, p). */
    public static G2Point fromAffine(BigInteger x0, BigInteger x1, BigInteger y0, BigInteger y1) throws MalformedException {
        byte[] enc = new byte[UNCOMPRESSED_BYTES];
        System.arraycopy(Fp.toBytes(x1), 0, enc, 0, 48);
        System.arraycopy(Fp.toBytes(x0), 0, enc, 48, 48);
        System.arraycopy(Fp.toBytes(y1), 0, enc, 96, 48);
        System.arraycopy(Fp.toBytes(y0), 0, enc, 144, 48);
        G2Point p = decode(enc);
        if (p.isIdentity()) {
            throw new MalformedException(MalformedException.Reason.NOT_ON_CURVE, "(0, 0) is not on the curve");
        }
        return p;
    }

    static G2Point ofJacobian(byte[] jacobian) {
        byte[] out = new byte[Blst.P2_AFFINE];
        BlstLibrary.get().blst_p2_to_affine(out, jacobian);
        return new G2Point(out);
    }

    static G2Point ofTrustedAffine(byte[] affine) {
        return new G2Point(affine);
    }

    byte[] affineView() {
        return affine;
    }

    byte[] jacobian() {
        byte[] j = new byte[Blst.P2];
        if (!isIdentity()) {
            BlstLibrary.get().blst_p2_from_affine(j, affine);
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
        BlstLibrary.get().blst_p2_affine_compress(out, affine);
        return out;
    }

    public byte[] toUncompressed() {
        byte[] out = new byte[UNCOMPRESSED_BYTES];
        BlstLibrary.get().blst_p2_affine_serialize(out, affine);
        return out;
    }

    /** Affine coordinates {x0, x1, y0, y1} (x = x0 + x1·u); the identity has none. */
    public BigInteger[] coordinates() {
        if (isIdentity()) {
            throw new IllegalStateException("the point at infinity has no affine coordinates");
        }
        byte[] u = toUncompressed();
        return new BigInteger[] {Fp.fromBytes(u, 48), Fp.fromBytes(u, 0), Fp.fromBytes(u, 144), Fp.fromBytes(u, 96)};
    }

    public G2Point add(G2Point other) {
        if (isIdentity()) {
            return other;
        }
        if (other.isIdentity()) {
            return this;
        }
        byte[] out = new byte[Blst.P2];
        BlstLibrary.get().blst_p2_add_or_double_affine(out, jacobian(), other.affine);
        return ofJacobian(out);
    }

    public G2Point negate() {
        if (isIdentity()) {
            return this;
        }
        byte[] j = jacobian();
        BlstLibrary.get().blst_p2_cneg(j, 1);
        return ofJacobian(j);
    }

    public G2Point multiply(BigInteger k) {
        BigInteger e = k.mod(Fr.MODULUS);
        if (isIdentity() || e.signum() == 0) {
            return IDENTITY;
        }
        byte[] out = new byte[Blst.P2];
        BlstLibrary.get().blst_p2_mult(out, jacobian(), Scalars.littleEndian(e), 255);
        return ofJacobian(out);
    }

    /**
     * k·P for the {@link Fr} element k = scalars[index], without making a BigInteger of it
     * (the scalar's bytes are wiped after use: setup multiplies by secrets).
     */
    public G2Point multiply(long[] scalars, int index) {
        if (isIdentity() || Fr.isZero(scalars, index)) {
            return IDENTITY;
        }
        byte[] k = new byte[32];
        byte[] out = new byte[Blst.P2];
        try {
            Fr.toLittleEndian(scalars, index, k, 0);
            BlstLibrary.get().blst_p2_mult(out, jacobian(), k, 255);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
        return ofJacobian(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof G2Point p && Arrays.equals(affine, p.affine);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(affine);
    }

    @Override
    public String toString() {
        return isIdentity() ? "G2(infinity)" : "G2(" + java.util.HexFormat.of().formatHex(toCompressed()) + ")";
    }
}
