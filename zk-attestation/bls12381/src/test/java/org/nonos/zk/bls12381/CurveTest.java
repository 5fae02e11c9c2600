// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CurveTest {
    @Test
    void encodingsRoundTrip() throws Exception {
        Random rnd = Seeds.random("CurveTest.encodings");
        for (int i = 0; i < 10; i++) {
            G1Point p = G1Point.generator().multiply(Seeds.scalar(rnd));
            assertEquals(p, G1Point.decode(p.toCompressed()));
            assertEquals(p, G1Point.decode(p.toUncompressed()));
            assertEquals(p, G1Point.fromAffine(p.x(), p.y()));
            G2Point q = G2Point.generator().multiply(Seeds.scalar(rnd));
            assertEquals(q, G2Point.decode(q.toCompressed()));
            assertEquals(q, G2Point.decode(q.toUncompressed()));
            BigInteger[] c = q.coordinates();
            assertEquals(q, G2Point.fromAffine(c[0], c[1], c[2], c[3]));
        }
        assertTrue(G1Point.decode(G1Point.identity().toCompressed()).isIdentity());
        assertTrue(G2Point.decode(G2Point.identity().toUncompressed()).isIdentity());
        // the compressed generator of G1 per the Zcash format
        assertEquals("97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb",
                java.util.HexFormat.of().formatHex(G1Point.generator().toCompressed()));
    }

    @Test
    void groupLaw() {
        Random rnd = Seeds.random("CurveTest.groupLaw");
        BigInteger a = Seeds.scalar(rnd);
        BigInteger b = Seeds.scalar(rnd);
        G1Point g = G1Point.generator();
        assertEquals(g.multiply(a.add(b)), g.multiply(a).add(g.multiply(b)));
        assertTrue(g.multiply(a).add(g.multiply(a).negate()).isIdentity());
        assertEquals(g.add(g), g.multiply(BigInteger.TWO));
        assertTrue(g.multiply(Fr.MODULUS).isIdentity());
        G2Point h = G2Point.generator();
        assertEquals(h.multiply(a.add(b)), h.multiply(a).add(h.multiply(b)));
        assertEquals(h.add(h), h.multiply(BigInteger.TWO));
        assertTrue(h.multiply(a).add(h.multiply(a).negate()).isIdentity());
    }

    @Test
    void rejectsBadEncodings() throws Exception {
        byte[] g = G1Point.generator().toUncompressed();
        assertReason(MalformedException.Reason.BAD_LENGTH, () -> G1Point.decode(new byte[95]));
        assertReason(MalformedException.Reason.BAD_LENGTH, () -> G1Point.decode(null));
        byte[] flagged = g.clone();
        flagged[0] |= (byte) 0x80; // compressed flag on a 96-byte encoding
        assertReason(MalformedException.Reason.BAD_ENCODING, () -> G1Point.decode(flagged));
        byte[] shortUnflagged = G1Point.generator().toCompressed();
        shortUnflagged[0] &= 0x7f;
        assertReason(MalformedException.Reason.BAD_ENCODING, () -> G1Point.decode(shortUnflagged));
        byte[] offCurve = g.clone();
        offCurve[95] ^= 1;
        assertReason(MalformedException.Reason.NOT_ON_CURVE, () -> G1Point.decode(offCurve));
        // x ≥ p: p itself, in a coordinate slot
        byte[] big = g.clone();
        byte[] p = Fp.MODULUS.toByteArray();
        System.arraycopy(p, p.length - 48, big, 0, 48);
        assertThrows(MalformedException.class, () -> G1Point.decode(big));
        assertReason(MalformedException.Reason.NOT_CANONICAL, () -> G1Point.fromAffine(Fp.MODULUS, BigInteger.ONE));
        assertReason(MalformedException.Reason.NOT_CANONICAL, () -> G1Point.fromAffine(BigInteger.ONE.negate(), BigInteger.ONE));
        assertReason(MalformedException.Reason.NOT_ON_CURVE, () -> G1Point.fromAffine(BigInteger.ZERO, BigInteger.ZERO));
        // infinity flag with stray bits
        byte[] inf = new byte[48];
        inf[0] = (byte) 0xc0;
        inf[47] = 1;
        assertReason(MalformedException.Reason.BAD_ENCODING, () -> G1Point.decode(inf));
        assertReason(MalformedException.Reason.BAD_LENGTH, () -> G2Point.decode(new byte[191]));
    }

    @Test
    void rejectsPointsOutsideTheSubgroup() throws Exception {
        // Points on E(Fp) with x = small integers are, with overwhelming probability, outside G1
        // (the cofactor is ~2^126); find one and check it is refused.
        BigInteger p = Fp.MODULUS;
        int found = 0;
        for (int x = 1; x < 200 && found < 3; x++) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger rhs = bx.pow(3).add(BigInteger.valueOf(4)).mod(p);
            // p ≡ 3 mod 4: sqrt = rhs^((p+1)/4)
            BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            if (y.multiply(y).mod(p).equals(rhs)) {
                found++;
                assertReason(MalformedException.Reason.NOT_IN_SUBGROUP, () -> G1Point.fromAffine(bx, y));
            }
        }
        assertTrue(found > 0);
    }

    @Test
    void pairingIsBilinear() {
        Random rnd = Seeds.random("CurveTest.pairing");
        BigInteger a = Seeds.scalar(rnd);
        BigInteger b = Seeds.scalar(rnd);
        G1Point g = G1Point.generator();
        G2Point h = G2Point.generator();
        Fp12 lhs = Pairing.pairing(g.multiply(a), h.multiply(b));
        Fp12 rhs = Pairing.pairing(g.multiply(a.multiply(b)), h);
        assertEquals(lhs, rhs);
        assertNotEquals(lhs, Pairing.pairing(g, h));
        assertFalse(lhs.isOne());
        assertTrue(Pairing.pairingCheck(List.of(g.multiply(a), g.multiply(a.multiply(b)).negate()), List.of(h.multiply(b), h)));
        assertFalse(Pairing.pairingCheck(List.of(g.multiply(a), g.multiply(a.multiply(b))), List.of(h.multiply(b), h)));
        PreparedG2 prepared = new PreparedG2(h.multiply(b));
        assertEquals(lhs, prepared.millerLoop(g.multiply(a)).finalExponentiation());
        assertTrue(Pairing.pairingCheck(List.of(G1Point.identity(), g), List.of(h, G2Point.identity())));
    }

    @Test
    void multiScalarMultiplication() {
        Random rnd = Seeds.random("CurveTest.msm");
        for (int n : new int[] {0, 1, 2, 7, 40, 1500}) {
            List<G1Point> ps = new ArrayList<>();
            List<G2Point> qs = new ArrayList<>();
            BigInteger[] ks = new BigInteger[n];
            BigInteger expected = BigInteger.ZERO;
            G1Point base = G1Point.generator().multiply(Seeds.scalar(rnd));
            G2Point base2 = G2Point.generator().multiply(Seeds.scalar(rnd));
            for (int i = 0; i < n; i++) {
                BigInteger d = BigInteger.valueOf(i % 5 == 3 ? 0 : i + 1);
                ps.add(d.signum() == 0 ? G1Point.identity() : base.multiply(d));
                qs.add(d.signum() == 0 ? G2Point.identity() : base2.multiply(d));
                ks[i] = i % 7 == 2 ? BigInteger.ZERO : Seeds.scalar(rnd);
                expected = expected.add(d.multiply(ks[i]));
            }
            assertEquals(base.multiply(expected), new G1Bases(ps).multiply(ks), "G1 n=" + n);
            if (n <= 40) {
                assertEquals(base2.multiply(expected), new G2Bases(qs).multiply(ks), "G2 n=" + n);
                long[] v = Fr.vector(n);
                for (int i = 0; i < n; i++) {
                    Fr.set(v, i, ks[i]);
                }
                assertEquals(base.multiply(expected), new G1FixedBaseTable(ps).multiply(v), "fixed n=" + n);
            }
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static void assertReason(MalformedException.Reason reason, Body body) {
        MalformedException e = assertThrows(MalformedException.class, body::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
