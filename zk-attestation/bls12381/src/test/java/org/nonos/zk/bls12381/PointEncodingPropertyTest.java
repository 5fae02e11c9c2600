// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nonos.test.support.Mutation;

/**
 * Properties of the Zcash point encodings (draft-irtf-cfrg-pairing-friendly-curves-11 appendix
 * C) as {@link G1Point#decode} and {@link G2Point#decode} read them from outside:
 * <ul>
 * <li>both forms of k·G round-trip, identity included, with the flags the format prescribes;</li>
 * <li>any edit of an encoding is refused with a {@link MalformedException}, or decodes to a
 * point whose encoding of the same form is exactly the edited bytes and which has order
 * dividing r (checked apart from the decoder: (r − 1)·Q = −Q);</li>
 * <li>points on E(Fp) but outside G1 (random x with x³ + 4 a square: the cofactor is about
 * 2^126, so they are outside G1 with overwhelming probability) are refused as
 * NOT_IN_SUBGROUP in both forms, x with no square root as NOT_ON_CURVE, and an uncompressed
 * (x, y) with y² ≠ x³ + 4 as NOT_ON_CURVE;</li>
 * <li>a coordinate at or above p is refused.</li>
 * </ul>
 * Curve arithmetic for the "apart from the decoder" checks is plain BigInteger over Fp.
 */
class PointEncodingPropertyTest {
    private static final BigInteger P = Fp.MODULUS;
    private static final BigInteger FOUR = BigInteger.valueOf(4);
    private static final BigInteger R_MINUS_1 = Fr.MODULUS.subtract(BigInteger.ONE);

    @Provide
    Arbitrary<BigInteger> scalars() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> new BigInteger(1, b));
    }

    @Provide
    Arbitrary<BigInteger> fieldElements() {
        return Arbitraries.bytes().array(byte[].class).ofSize(48).map(b -> new BigInteger(1, b).mod(P));
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Property(tries = 60)
    void g1EncodingsRoundTrip(@ForAll("scalars") BigInteger k) throws MalformedException {
        G1Point p = G1Point.generator().multiply(k);
        byte[] c = p.toCompressed();
        byte[] u = p.toUncompressed();
        assertEquals(0x80, c[0] & 0x80, "compression flag");
        assertEquals(0, u[0] & 0x80);
        assertEquals(p.isIdentity() ? 0x40 : 0, c[0] & 0x40, "infinity flag");
        assertEquals(p, G1Point.decode(c));
        assertEquals(p, G1Point.decode(u));
        assertArrayEquals(c, G1Point.decode(c).toCompressed());
        assertArrayEquals(u, G1Point.decode(u).toUncompressed());
    }

    @Property(tries = 60)
    void g2EncodingsRoundTrip(@ForAll("scalars") BigInteger k) throws MalformedException {
        G2Point p = G2Point.generator().multiply(k);
        byte[] c = p.toCompressed();
        byte[] u = p.toUncompressed();
        assertEquals(0x80, c[0] & 0x80, "compression flag");
        assertEquals(0, u[0] & 0x80);
        assertEquals(p, G2Point.decode(c));
        assertEquals(p, G2Point.decode(u));
        assertArrayEquals(c, G2Point.decode(c).toCompressed());
        assertArrayEquals(u, G2Point.decode(u).toUncompressed());
    }

    @Property(tries = 150)
    void anEditedG1EncodingIsRefusedOrIsAnotherPointOfG1(@ForAll("scalars") BigInteger k, @ForAll boolean compressed,
            @ForAll("mutations") Mutation m) {
        G1Point p = G1Point.generator().multiply(k);
        byte[] damaged = m.apply(compressed ? p.toCompressed() : p.toUncompressed());
        G1Point q;
        try {
            q = G1Point.decode(damaged);
        } catch (MalformedException refused) {
            return;
        }
        assertArrayEquals(damaged, damaged.length == G1Point.COMPRESSED_BYTES ? q.toCompressed() : q.toUncompressed());
        assertEquals(q.negate(), q.multiply(R_MINUS_1), "decoded a point of order not dividing r");
    }

    @Property(tries = 100)
    void anEditedG2EncodingIsRefusedOrIsAnotherPointOfG2(@ForAll("scalars") BigInteger k, @ForAll boolean compressed,
            @ForAll("mutations") Mutation m) {
        G2Point p = G2Point.generator().multiply(k);
        byte[] damaged = m.apply(compressed ? p.toCompressed() : p.toUncompressed());
        G2Point q;
        try {
            q = G2Point.decode(damaged);
        } catch (MalformedException refused) {
            return;
        }
        assertArrayEquals(damaged, damaged.length == G2Point.COMPRESSED_BYTES ? q.toCompressed() : q.toUncompressed());
        assertEquals(q.negate(), q.multiply(R_MINUS_1), "decoded a point of order not dividing r");
    }

    @Property(tries = 100)
    void g1PointsOffTheSubgroupOrOffTheCurveAreRefused(@ForAll("fieldElements") BigInteger x,
            @ForAll("fieldElements") BigInteger otherY) throws MalformedException {
        BigInteger rhs = x.pow(3).add(FOUR).mod(P);
        // p ≡ 3 (mod 4): a square root of a square a is a^((p+1)/4).
        BigInteger y = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
        boolean onCurve = y.multiply(y).mod(P).equals(rhs);
        byte[] compressed = Fp.toBytes(x);
        compressed[0] |= (byte) 0x80;
        if (onCurve) {
            assertReason(MalformedException.Reason.NOT_IN_SUBGROUP, () -> G1Point.decode(uncompressed(x, y)));
            compressed[0] |= (byte) (y.compareTo(P.subtract(y)) > 0 ? 0x20 : 0);
            assertReason(MalformedException.Reason.NOT_IN_SUBGROUP, () -> G1Point.decode(compressed));
        } else {
            assertReason(MalformedException.Reason.NOT_ON_CURVE, () -> G1Point.decode(compressed));
        }
        if (!otherY.multiply(otherY).mod(P).equals(rhs)) {
            assertReason(MalformedException.Reason.NOT_ON_CURVE, () -> G1Point.decode(uncompressed(x, otherY)));
        }
    }

    @Property(tries = 60)
    void g2CompressedXOutsideG2IsRefused(@ForAll("fieldElements") BigInteger x0, @ForAll("fieldElements") BigInteger x1,
            @ForAll boolean sign) throws MalformedException {
        byte[] enc = new byte[G2Point.COMPRESSED_BYTES];
        System.arraycopy(Fp.toBytes(x1), 0, enc, 0, 48);
        System.arraycopy(Fp.toBytes(x0), 0, enc, 48, 48);
        enc[0] |= (byte) (0x80 | (sign ? 0x20 : 0));
        // The cofactor of G2 is about 2^380: a random x is never the x of a point of G2.
        try {
            G2Point.decode(enc);
            throw new AssertionError("a random x decoded to a point of G2");
        } catch (MalformedException e) {
            assertTrue(Set.of(MalformedException.Reason.NOT_ON_CURVE, MalformedException.Reason.NOT_IN_SUBGROUP)
                    .contains(e.reason()), e.getMessage());
        }
    }

    @Property(tries = 60)
    void aCoordinateAtOrAboveTheModulusIsRefused(@ForAll("scalars") BigInteger k, @ForAll("excess") int excess,
            @ForAll boolean inY) throws MalformedException {
        G1Point p = G1Point.generator().multiply(k.max(BigInteger.ONE));
        BigInteger big = (inY ? p.y() : p.x()).add(P);
        if (big.bitLength() > 381) {
            big = P.add(BigInteger.valueOf(excess)); // stays below 2^381, so no flag bit is touched
        }
        byte[] enc = p.toUncompressed();
        byte[] raw = big.toByteArray();
        byte[] coordinate = new byte[48];
        System.arraycopy(raw, raw.length - Math.min(raw.length, 48), coordinate, 48 - Math.min(raw.length, 48), Math.min(raw.length, 48));
        System.arraycopy(coordinate, 0, enc, inY ? 48 : 0, 48);
        assertTrue(new BigInteger(1, coordinate).compareTo(P) >= 0);
        try {
            G1Point.decode(enc);
            throw new AssertionError("a coordinate ≥ p decoded");
        } catch (MalformedException expected) {
            // BAD_ENCODING from blst's range check (or NOT_ON_CURVE if it reduced first): refused either way.
        }
    }

    @Provide
    Arbitrary<Integer> excess() {
        return Arbitraries.integers().between(0, 1 << 20);
    }

    private static byte[] uncompressed(BigInteger x, BigInteger y) throws MalformedException {
        byte[] enc = new byte[G1Point.UNCOMPRESSED_BYTES];
        System.arraycopy(Fp.toBytes(x), 0, enc, 0, 48);
        System.arraycopy(Fp.toBytes(y), 0, enc, 48, 48);
        return enc;
    }

    interface Body {
        void run() throws Exception;
    }

    static void assertReason(MalformedException.Reason reason, Body body) {
        try {
            body.run();
            throw new AssertionError("accepted; expected " + reason);
        } catch (MalformedException e) {
            assertEquals(reason, e.reason(), e.getMessage());
        } catch (Exception e) {
            throw new AssertionError("expected MalformedException " + reason + ", got " + e, e);
        }
    }
}
