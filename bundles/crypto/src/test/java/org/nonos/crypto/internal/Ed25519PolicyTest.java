// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stated Ed25519 policy (see {@link Ed25519Sig}): small-order, mixed-order and
 * non-canonically encoded public keys are rejected; S must be below L. The edge points are
 * computed here with plain affine Edwards arithmetic over BigInteger (RFC 8032 §5.1), independent
 * of Bouncy Castle.
 */
class Ed25519PolicyTest {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RFC_PK = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] RFC_SEED = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    record Point(BigInteger x, BigInteger y) {}

    static Point add(Point a, Point b) {
        BigInteger t = D.multiply(a.x).multiply(b.x).multiply(a.y).multiply(b.y).mod(P);
        BigInteger x = a.x.multiply(b.y).add(b.x.multiply(a.y)).multiply(BigInteger.ONE.add(t).modInverse(P)).mod(P);
        BigInteger y = a.y.multiply(b.y).add(a.x.multiply(b.x)).multiply(BigInteger.ONE.subtract(t).mod(P).modInverse(P)).mod(P);
        return new Point(x, y);
    }

    static Point mul(BigInteger k, Point p) {
        Point r = new Point(BigInteger.ZERO, BigInteger.ONE);
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = add(r, r);
            if (k.testBit(i)) {
                r = add(r, p);
            }
        }
        return r;
    }

    /** RFC 8032 §5.1.3 decoding (returns null if not on the curve). */
    static Point decode(byte[] enc) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = enc[31 - i];
        }
        boolean sign = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        BigInteger y = new BigInteger(1, be);
        BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
        BigInteger x = u.multiply(v.modInverse(P)).modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        BigInteger x2 = x.multiply(x).multiply(v).mod(P);
        if (!x2.equals(u)) {
            x = x.multiply(SQRT_M1).mod(P);
            if (!x.multiply(x).multiply(v).mod(P).equals(u)) {
                return null;
            }
        }
        if (x.testBit(0) != sign) {
            x = P.subtract(x).mod(P);
        }
        return new Point(x, y);
    }

    static byte[] encode(Point p) {
        byte[] be = p.y.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        if (p.x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** The eight points of order dividing 8, as the canonical encodings. */
    static List<byte[]> torsion() {
        // A point of order 8: decode the y of a known 8-torsion point and check its order.
        Point t8 = decode(HEX.parseHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"));
        List<byte[]> out = new ArrayList<>();
        Point q = new Point(BigInteger.ZERO, BigInteger.ONE);
        for (int i = 0; i < 8; i++) {
            out.add(encode(q));
            q = add(q, t8);
        }
        assertEquals(new Point(BigInteger.ZERO, BigInteger.ONE), q, "8 T = identity");
        assertTrue(!mul(BigInteger.valueOf(4), t8).equals(new Point(BigInteger.ZERO, BigInteger.ONE)), "T has order exactly 8");
        return out;
    }

    @Test
    void smallOrderKeysAreRejectedEvenForTheTrivialForgery() {
        // With A of small order, R = identity and S = 0 satisfy [S]B = R + [k]A whenever [k]A = identity:
        // the policy must refuse such keys before the equation.
        byte[] identity = encode(new Point(BigInteger.ZERO, BigInteger.ONE));
        byte[] forgery = new byte[64];
        System.arraycopy(identity, 0, forgery, 0, 32);
        for (byte[] t : torsion()) {
            assertFalse(Ed25519Sig.acceptsPublicKey(t), HEX.formatHex(t));
            for (int m = 0; m < 8; m++) {
                assertFalse(Ed25519Sig.verify(t, new byte[] {(byte) m}, forgery));
            }
        }
    }

    @Test
    void mixedOrderKeysAreRejected() {
        Point a = decode(RFC_PK);
        assertTrue(Ed25519Sig.acceptsPublicKey(RFC_PK));
        for (byte[] t : torsion().subList(1, 8)) {
            byte[] mixed = encode(add(a, decode(t)));
            assertTrue(decode(mixed) != null, "on the curve");
            assertFalse(Ed25519Sig.acceptsPublicKey(mixed), HEX.formatHex(mixed));
        }
        assertEquals(new Point(BigInteger.ZERO, BigInteger.ONE), mul(L, a), "the RFC key has prime order");
    }

    @Test
    void nonCanonicalKeyEncodingsAreRejected() {
        // y = p + 1 encodes y = 1 (the identity) non-canonically; and x = 0 with the sign bit set.
        byte[] yOverP = encodeLittle(P.add(BigInteger.ONE));
        assertFalse(Ed25519Sig.acceptsPublicKey(yOverP));
        byte[] negativeZero = encode(new Point(BigInteger.ZERO, BigInteger.ONE));
        negativeZero[31] |= (byte) 0x80;
        assertFalse(Ed25519Sig.acceptsPublicKey(negativeZero));
        // The RFC key's y + p does not fit below 2^255 only for y >= 19; build y' = y + p where it fits:
        byte[] small = encodeLittle(BigInteger.valueOf(2).add(P));
        assertFalse(Ed25519Sig.acceptsPublicKey(small));
    }

    @Test
    void nonCanonicalScalarIsRejected() {
        byte[] msg = {1, 2, 3};
        byte[] sig = Ed25519Sig.sign(RFC_SEED, msg);
        assertTrue(Ed25519Sig.verify(RFC_PK, msg, sig));
        byte[] sBytes = new byte[32];
        for (int i = 0; i < 32; i++) {
            sBytes[i] = sig[63 - i];
        }
        BigInteger s = new BigInteger(1, sBytes).add(L);
        byte[] malleated = sig.clone();
        System.arraycopy(encodeLittle(s), 0, malleated, 32, 32);
        assertFalse(Ed25519Sig.verify(RFC_PK, msg, malleated), "S + L must not verify");
    }

    @Test
    void pointArithmeticAgreesWithBouncyCastle() {
        Point b = new Point(new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202"),
                new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960"));
        BigInteger a = clampedScalar(RFC_SEED);
        assertArrayEquals(RFC_PK, encode(mul(a, b)));
    }

    private static BigInteger clampedScalar(byte[] seed) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-512").digest(seed);
            h[0] &= (byte) 248;
            h[31] &= 127;
            h[31] |= 64;
            byte[] be = new byte[32];
            for (int i = 0; i < 32; i++) {
                be[i] = h[31 - i];
            }
            return new BigInteger(1, be);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] encodeLittle(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
