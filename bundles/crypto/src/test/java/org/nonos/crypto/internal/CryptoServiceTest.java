// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nonos.crypto.Argon2Profile;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.Encapsulation;
import org.nonos.crypto.HkdfHash;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.crypto.SelfTestReport;

/** The service as other bundles see it: handles, every primitive end to end, the self-test. */
class CryptoServiceTest {
    private final CryptoServiceImpl impl = new CryptoServiceImpl(new OsSeedSource());
    private final CryptoService crypto = impl;
    private static final byte[] MSG = "attested bundle digest".getBytes(StandardCharsets.US_ASCII);

    private boolean same(KeyHandle x, KeyHandle y) {
        return crypto.<Boolean>withSecret(x, a -> crypto.<Boolean>withSecret(y, b -> Arrays.equals(a, b)));
    }

    @Test
    void everyKeyTypeRoundTripsThroughItsSerialisation() {
        for (KeyType type : KeyType.values()) {
            try (KeyHandle k = crypto.generateKey(type)) {
                byte[] encoded = crypto.exportKey(k);
                assertEquals(4 + type.privateLength(), encoded.length, type.toString());
                assertEquals('N', encoded[0]);
                assertEquals(1, encoded[2]);
                assertEquals(type.code(), encoded[3]);
                try (KeyHandle back = crypto.importKey(encoded)) {
                    assertEquals(type, back.type());
                    assertArrayEquals(k.publicKey(), back.publicKey(), type.toString());
                    assertEquals(type.publicLength(), back.publicKey().length, type.toString());
                }
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    @Test
    void closedKeysAreZeroedAndRefused() {
        KeyHandle k = crypto.generateKey(KeyType.XCHACHA20_POLY1305);
        byte[][] lent = new byte[1][];
        crypto.withSecret(k, s -> lent[0] = s);
        assertTrue(Checks.isAllZero(lent[0]), "the lent copy is zeroed after use");
        k.close();
        assertTrue(k.isDestroyed());
        assertTrue(Checks.isAllZero(((ServiceKey) k).materialForTest()));
        CryptoException e = assertThrows(CryptoException.class, () -> crypto.seal(k, new byte[24], new byte[0], MSG));
        assertEquals(CryptoError.KEY_DESTROYED, e.error());
        assertThrows(CryptoException.class, () -> crypto.exportKey(k));
        // Keys with a cached expanded form (ML-DSA, ML-KEM) are refused after close too.
        KeyHandle ml = crypto.generateKey(KeyType.ML_DSA_65);
        crypto.sign(ml, new byte[1], new byte[0]);
        ml.close();
        CryptoException d = assertThrows(CryptoException.class, () -> crypto.sign(ml, new byte[1], new byte[0]));
        assertEquals(CryptoError.KEY_DESTROYED, d.error());
    }

    @Test
    void aeadBothTypes() {
        for (KeyType type : List.of(KeyType.CHACHA20_POLY1305, KeyType.XCHACHA20_POLY1305)) {
            try (KeyHandle k = crypto.generateKey(type)) {
                byte[] nonce = new byte[type == KeyType.CHACHA20_POLY1305 ? 12 : 24];
                crypto.randomBytes(nonce);
                byte[] ct = crypto.seal(k, nonce, new byte[] {7}, MSG);
                assertEquals(MSG.length + 16, ct.length);
                assertArrayEquals(MSG, crypto.open(k, nonce, new byte[] {7}, ct));
                CryptoException e = assertThrows(CryptoException.class, () -> crypto.open(k, nonce, new byte[] {8}, ct));
                assertEquals(CryptoError.AUTHENTICATION_FAILED, e.error());
            }
        }
    }

    @Test
    void x25519AgreementAndZeroSecret() {
        try (KeyHandle a = crypto.generateKey(KeyType.X25519); KeyHandle b = crypto.generateKey(KeyType.X25519);
             KeyHandle ab = crypto.agree(a, b.publicKey()); KeyHandle ba = crypto.agree(b, a.publicKey())) {
            assertEquals(KeyType.SECRET, ab.type());
            assertTrue(same(ab, ba));
            byte[] order2 = Vectors.value("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
            CryptoException e = assertThrows(CryptoException.class, () -> crypto.agree(a, order2));
            assertEquals(CryptoError.ZERO_SHARED_SECRET, e.error());
            assertThrows(CryptoException.class, () -> crypto.agree(a, new byte[32]));
        }
    }

    @Test
    void kemsRoundTripAndRejectImplicitly() {
        for (KeyType type : List.of(KeyType.ML_KEM_768, KeyType.HYBRID_X25519_ML_KEM_768)) {
            try (KeyHandle k = crypto.generateKey(type)) {
                Encapsulation enc = crypto.encapsulate(type, k.publicKey());
                try (KeyHandle s = crypto.decapsulate(k, enc.ciphertext())) {
                    assertTrue(same(s, enc.secret()), type.toString());
                }
                byte[] tampered = enc.ciphertext();
                tampered[5] ^= 1;
                try (KeyHandle s = crypto.decapsulate(k, tampered)) {
                    assertFalse(same(s, enc.secret()), type + ": implicit rejection");
                }
                enc.secret().close();
            }
        }
    }

    @Test
    void signaturesWithContexts() {
        byte[] ctx = "nonos.attestation".getBytes(StandardCharsets.US_ASCII);
        for (KeyType type : List.of(KeyType.ED25519, KeyType.ML_DSA_65, KeyType.HYBRID_ED25519_ML_DSA_65)) {
            byte[] c = type == KeyType.ED25519 ? new byte[0] : ctx;
            try (KeyHandle k = crypto.generateKey(type)) {
                byte[] sig = crypto.sign(k, MSG, c);
                assertTrue(crypto.verify(type, k.publicKey(), MSG, c, sig), type.toString());
                assertFalse(crypto.verify(type, k.publicKey(), Arrays.copyOf(MSG, MSG.length - 1), c, sig), type.toString());
                if (type != KeyType.ED25519) {
                    assertFalse(crypto.verify(type, k.publicKey(), MSG, new byte[0], sig), type + ": context is bound");
                }
            }
        }
        try (KeyHandle ed = crypto.generateKey(KeyType.ED25519)) {
            CryptoException e = assertThrows(CryptoException.class, () -> crypto.sign(ed, MSG, ctx));
            assertEquals(CryptoError.INVALID_ARGUMENT, e.error());
        }
    }

    @Test
    void hybridSignatureNeedsBothHalves() {
        try (KeyHandle k = crypto.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65)) {
            byte[] pk = k.publicKey();
            byte[] sig = crypto.sign(k, MSG, new byte[0]);
            assertTrue(crypto.verify(KeyType.HYBRID_ED25519_ML_DSA_65, pk, MSG, new byte[0], sig));
            byte[] badEd = sig.clone();
            badEd[10] ^= 1;
            assertFalse(crypto.verify(KeyType.HYBRID_ED25519_ML_DSA_65, pk, MSG, new byte[0], badEd), "Ed25519 half broken");
            byte[] badMl = sig.clone();
            badMl[64 + 100] ^= 1;
            assertFalse(crypto.verify(KeyType.HYBRID_ED25519_ML_DSA_65, pk, MSG, new byte[0], badMl), "ML-DSA half broken");
            // No stripping: the halves are not plain signatures over the caller's message.
            assertFalse(crypto.verify(KeyType.ED25519, Arrays.copyOf(pk, 32), MSG, new byte[0], Arrays.copyOf(sig, 64)));
            assertFalse(crypto.verify(KeyType.ML_DSA_65, Arrays.copyOfRange(pk, 32, pk.length), MSG, new byte[0], Arrays.copyOfRange(sig, 64, sig.length)));
        }
    }

    @Test
    void hkdfIntoHandlesMatchesBytes() {
        try (KeyHandle secret = crypto.generateKey(KeyType.SECRET);
             KeyHandle aead = crypto.hkdf(HkdfHash.SHA256, secret, new byte[] {1}, new byte[] {2}, KeyType.XCHACHA20_POLY1305)) {
            byte[] direct = crypto.withSecret(secret, s -> crypto.hkdf(HkdfHash.SHA256, s, new byte[] {1}, new byte[] {2}, 32));
            assertTrue(crypto.<Boolean>withSecret(aead, a -> Arrays.equals(a, direct)).booleanValue());
            assertThrows(CryptoException.class, () -> crypto.hkdf(HkdfHash.SHA256, secret, new byte[0], new byte[0], KeyType.ED25519));
            try (KeyHandle signing = crypto.generateKey(KeyType.ED25519)) {
                CryptoException e = assertThrows(CryptoException.class,
                        () -> crypto.hkdf(HkdfHash.SHA256, signing, new byte[0], new byte[0], KeyType.SECRET));
                assertEquals(CryptoError.INVALID_KEY, e.error());
            }
        }
    }

    @Test
    void argon2idDefaultProfileStoresItsParameters() {
        byte[] pw = "correct horse".getBytes(StandardCharsets.UTF_8);
        String phc = crypto.argon2idHash(pw, Argon2Profile.DEFAULT);
        assertTrue(phc.startsWith("$argon2id$v=19$m=65536,t=4,p=1$"), phc);
        assertTrue(crypto.argon2idVerify(pw, phc));
        assertFalse(crypto.argon2idVerify("wrong".getBytes(StandardCharsets.UTF_8), phc));
        String small = crypto.argon2idHash(pw, new Argon2Profile(64, 1, 2));
        assertTrue(crypto.argon2idVerify(pw, small));
        assertNotEquals(small, crypto.argon2idHash(pw, new Argon2Profile(64, 1, 2)), "fresh salt per hash");
    }

    /**
     * Encoded hashes written by the reference C implementation's CLI (Debian package argon2,
     * 20190702): {@code echo -n password | argon2 somesalt -id -t 2 -k 256 -p 1 -l 32 -e} and
     * {@code echo -n pässword | argon2 saltsaltsalt -id -t 3 -k 1024 -p 4 -l 24 -e} (UTF-8).
     */
    @Test
    void argon2idVerifiesHashesOfTheReferenceImplementation() {
        String a = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        String b = "$argon2id$v=19$m=1024,t=3,p=4$c2FsdHNhbHRzYWx0$nOlX6//MyFOEKtn4Qi2KAuG+hEcLfehN";
        assertTrue(crypto.argon2idVerify("password".getBytes(StandardCharsets.UTF_8), a));
        assertFalse(crypto.argon2idVerify("Password".getBytes(StandardCharsets.UTF_8), a));
        assertTrue(crypto.argon2idVerify("pässword".getBytes(StandardCharsets.UTF_8), b));
        assertEquals(a, PhcString.parse(a).emit(), "our encoding is the reference encoding");
        assertEquals(b, PhcString.parse(b).emit());
    }

    @Test
    void randomnessAndReseed() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        crypto.randomBytes(a);
        crypto.randomBytes(b);
        assertFalse(Arrays.equals(a, b));
        long before = impl.reseedCount();
        crypto.reseed();
        assertEquals(before + 1, impl.reseedCount());
    }

    @Test
    void selfTestPassesAndCoversEveryPrimitive() {
        SelfTestReport report = crypto.selfTest();
        assertTrue(report.passed(), report.toString());
        assertEquals(13, report.results().size());
    }

    @Test
    void aFailingSelfTestStopsActivation() {
        CryptoException e = assertThrows(CryptoException.class, () -> new CryptoServiceImpl(new FixedSeeds(1),
                drbg -> new SelfTestReport(List.of(new SelfTestReport.Result("broken", false, "wrong answer")))));
        assertEquals(CryptoError.SELF_TEST_FAILED, e.error());
        CryptoException seed = assertThrows(CryptoException.class, () -> new CryptoServiceImpl(new org.nonos.crypto.SeedSource() {
            @Override
            public void fill(byte[] s) {
                throw new IllegalStateException("no entropy");
            }

            @Override
            public String name() {
                return "broken";
            }
        }));
        assertEquals(CryptoError.SELF_TEST_FAILED, seed.error());
    }

    @Test
    void selftestCommand() throws Exception {
        String out = new CryptoCommands(crypto).selftest();
        assertTrue(out.endsWith("self-test passed"), out);
        assertEquals(13, out.lines().filter(l -> l.startsWith("PASS ")).count());
        assertTrue(CryptoCommands.class.getMethod("selftest").isAnnotationPresent(org.apache.felix.service.command.Descriptor.class));
    }
}
