// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nonos.crypto.Argon2Profile;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.HkdfHash;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;

/**
 * Bad input of every kind ends in a CryptoException with the right error: wrong sizes, truncated
 * ciphertexts, each flipped tag bit, non-canonical encodings, empty inputs, gigantic lengths.
 */
class BadInputTest {
    private final CryptoService crypto = new CryptoServiceImpl(new OsSeedSource());

    private static void expect(CryptoError error, Executable call) {
        CryptoException e = assertThrows(CryptoException.class, call);
        assertEquals(error, e.error(), e.getMessage());
    }

    @Test
    void aeadSizes() {
        byte[] k = new byte[32];
        for (int n : new int[] {0, 1, 16, 31, 33, 64}) {
            expect(CryptoError.INVALID_KEY, () -> Aead.seal(new byte[n], new byte[12], new byte[0], new byte[1]));
            expect(CryptoError.INVALID_KEY, () -> Aead.openX(new byte[n], new byte[24], new byte[0], new byte[16]));
        }
        for (int n : new int[] {0, 8, 11, 13, 16, 23, 25}) {
            expect(CryptoError.INVALID_NONCE, () -> Aead.seal(k, new byte[n], new byte[0], new byte[1]));
            if (n != 24) {
                expect(CryptoError.INVALID_NONCE, () -> Aead.sealX(k, new byte[n], new byte[0], new byte[1]));
            }
        }
        expect(CryptoError.INVALID_ARGUMENT, () -> Aead.seal(k, new byte[12], null, new byte[1]));
        expect(CryptoError.INVALID_ARGUMENT, () -> Aead.seal(k, new byte[12], new byte[0], null));
    }

    @Test
    void truncatedCiphertextsAndEveryFlippedTagBit() {
        byte[] k = new byte[32];
        byte[] nonce = new byte[24];
        byte[] ct = Aead.sealX(k, nonce, new byte[0], new byte[40]);
        for (int len = 0; len < 16; len++) {
            int n = len;
            expect(CryptoError.INVALID_LENGTH, () -> Aead.openX(k, nonce, new byte[0], Arrays.copyOf(ct, n)));
        }
        for (int len = 16; len < ct.length; len++) {
            int n = len;
            expect(CryptoError.AUTHENTICATION_FAILED, () -> Aead.openX(k, nonce, new byte[0], Arrays.copyOf(ct, n)));
        }
        for (int bit = 0; bit < ct.length * 8; bit++) {
            byte[] bad = ct.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            expect(CryptoError.AUTHENTICATION_FAILED, () -> Aead.openX(k, nonce, new byte[0], bad));
            expect(CryptoError.AUTHENTICATION_FAILED, () -> BcAead.open(true, k, nonce, new byte[0], bad));
        }
    }

    @Test
    void keyHandlesOfTheWrongType() {
        try (KeyHandle ed = crypto.generateKey(KeyType.ED25519); KeyHandle aead = crypto.generateKey(KeyType.CHACHA20_POLY1305)) {
            expect(CryptoError.INVALID_KEY, () -> crypto.seal(ed, new byte[12], new byte[0], new byte[1]));
            expect(CryptoError.INVALID_KEY, () -> crypto.agree(aead, new byte[32]));
            expect(CryptoError.INVALID_KEY, () -> crypto.decapsulate(ed, new byte[1088]));
            expect(CryptoError.INVALID_KEY, () -> crypto.sign(aead, new byte[1], new byte[0]));
            expect(CryptoError.INVALID_KEY, () -> crypto.streamSealer(aead, new byte[0], 4096));
            expect(CryptoError.INVALID_KEY, () -> crypto.seal(new ForeignKey(), new byte[12], new byte[0], new byte[1]));
            expect(CryptoError.INVALID_ARGUMENT, () -> crypto.encapsulate(KeyType.X25519, new byte[32]));
            expect(CryptoError.INVALID_ARGUMENT, () -> crypto.verify(KeyType.X25519, new byte[32], new byte[1], new byte[0], new byte[64]));
        }
    }

    @Test
    void keyEncodings() {
        expect(CryptoError.MALFORMED_ENCODING, () -> crypto.importKey(new byte[0]));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.importKey(null));
        byte[] good;
        try (KeyHandle k = crypto.generateKey(KeyType.ML_DSA_65)) {
            good = crypto.exportKey(k);
        }
        for (int n = 0; n < good.length; n++) {
            int len = n;
            expect(CryptoError.MALFORMED_ENCODING, () -> crypto.importKey(Arrays.copyOf(good, len)));
        }
        expect(CryptoError.MALFORMED_ENCODING, () -> crypto.importKey(Arrays.copyOf(good, good.length + 1)));
        byte[] version = good.clone();
        version[2] = 2;
        expect(CryptoError.MALFORMED_ENCODING, () -> crypto.importKey(version));
        byte[] type = good.clone();
        type[3] = 99;
        expect(CryptoError.MALFORMED_ENCODING, () -> crypto.importKey(type));
        byte[] wrongType = good.clone();
        wrongType[3] = (byte) KeyType.ML_KEM_768.code();
        expect(CryptoError.MALFORMED_ENCODING, () -> crypto.importKey(wrongType));
    }

    @Test
    void kemAndAgreementSizes() {
        for (int n : new int[] {0, 31, 33}) {
            expect(CryptoError.INVALID_KEY, () -> X25519Kex.agree(new byte[32], new byte[n]));
            expect(CryptoError.INVALID_KEY, () -> X25519Kex.agree(new byte[n], new byte[32]));
        }
        expect(CryptoError.INVALID_KEY, () -> crypto.encapsulate(KeyType.ML_KEM_768, new byte[1183]));
        expect(CryptoError.INVALID_KEY, () -> crypto.encapsulate(KeyType.HYBRID_X25519_ML_KEM_768, new byte[1184]));
        byte[] unreduced = new byte[1184];
        Arrays.fill(unreduced, (byte) 0xff);
        expect(CryptoError.MALFORMED_ENCODING, () -> crypto.encapsulate(KeyType.ML_KEM_768, unreduced));
        try (KeyHandle k = crypto.generateKey(KeyType.HYBRID_X25519_ML_KEM_768)) {
            expect(CryptoError.INVALID_LENGTH, () -> crypto.decapsulate(k, new byte[1119]));
            expect(CryptoError.INVALID_LENGTH, () -> crypto.decapsulate(k, new byte[0]));
            // A zero X25519 share inside a hybrid ciphertext is refused, not silently accepted.
            expect(CryptoError.ZERO_SHARED_SECRET, () -> crypto.decapsulate(k, new byte[1120]));
        }
    }

    @Test
    void signatureInputs() {
        try (KeyHandle k = crypto.generateKey(KeyType.ML_DSA_65)) {
            expect(CryptoError.INVALID_ARGUMENT, () -> crypto.sign(k, new byte[1], new byte[256]));
            expect(CryptoError.INVALID_ARGUMENT, () -> crypto.sign(k, null, new byte[0]));
            byte[] sig = crypto.sign(k, new byte[0], new byte[0]);
            assertFalse(crypto.verify(KeyType.ML_DSA_65, k.publicKey(), new byte[0], new byte[256], sig));
            assertFalse(crypto.verify(KeyType.ML_DSA_65, k.publicKey(), new byte[0], new byte[0], Arrays.copyOf(sig, sig.length - 1)));
            assertFalse(crypto.verify(KeyType.ML_DSA_65, new byte[0], new byte[0], new byte[0], sig));
            assertFalse(crypto.verify(KeyType.ML_DSA_65, k.publicKey(), null, new byte[0], sig));
            assertFalse(crypto.verify(KeyType.HYBRID_ED25519_ML_DSA_65, new byte[1984], new byte[0], new byte[0], new byte[3373]));
            assertFalse(crypto.verify(KeyType.ED25519, new byte[32], new byte[0], new byte[0], new byte[63]));
        }
    }

    @Test
    void hashAndKdfLengths() {
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.blake3(new byte[0], 0));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.blake3(new byte[0], Integer.MAX_VALUE));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.shake(256, new byte[0], -1));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.shake(512, new byte[0], 32));
        expect(CryptoError.INVALID_KEY, () -> crypto.blake3Keyed(new byte[31], new byte[0], 32));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.blake3DeriveKey("", new byte[1], 32));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.hkdf(HkdfHash.SHA256, new byte[1], new byte[0], new byte[0], 255 * 32 + 1));
        expect(CryptoError.INVALID_LENGTH, () -> crypto.hkdf(HkdfHash.SHA512, new byte[0], new byte[0], new byte[0], 32));
        expect(CryptoError.INVALID_ARGUMENT, () -> new Argon2Profile(Integer.MAX_VALUE, 4, 1));
        expect(CryptoError.INVALID_ARGUMENT, () -> new Argon2Profile(64, 0, 1));
        expect(CryptoError.INVALID_ARGUMENT, () -> new Argon2Profile(64, 1, 0));
        expect(CryptoError.INVALID_ARGUMENT, () -> new Argon2Profile(15, 1, 2));
        expect(CryptoError.INVALID_LENGTH, () -> crypto.argon2id(new byte[1], new byte[7], new Argon2Profile(64, 1, 1), 32));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.argon2id(new byte[1], new byte[8], new Argon2Profile(64, 1, 1), 3));
        expect(CryptoError.INVALID_ARGUMENT, () -> crypto.randomBytes(null));
    }

    @Test
    void phcStrings() {
        String good = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        for (String bad : new String[] {
                "", "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=0256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=9999999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=4294967296,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHR$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQ",
                good + "!", good + "xy", good + "$"}) {
            expect(CryptoError.MALFORMED_ENCODING, () -> crypto.argon2idVerify(new byte[0], bad));
        }
        expect(CryptoError.MALFORMED_ENCODING, () -> crypto.argon2idVerify(new byte[0], null));
    }

    @Test
    void streamHeaders() {
        try (KeyHandle k = crypto.generateKey(KeyType.XCHACHA20_POLY1305)) {
            expect(CryptoError.INVALID_ARGUMENT, () -> crypto.streamSealer(k, new byte[0], 1023));
            expect(CryptoError.INVALID_ARGUMENT, () -> crypto.streamSealer(k, new byte[0], Integer.MAX_VALUE));
            byte[] header = crypto.streamSealer(k, new byte[0], 4096).header();
            expect(CryptoError.MALFORMED_ENCODING, () -> crypto.streamOpener(k, new byte[0], Arrays.copyOf(header, 27)));
            byte[] magic = header.clone();
            magic[3] = 2;
            expect(CryptoError.MALFORMED_ENCODING, () -> crypto.streamOpener(k, new byte[0], magic));
            byte[] huge = header.clone();
            huge[4] = 0x7f;
            expect(CryptoError.MALFORMED_ENCODING, () -> crypto.streamOpener(k, new byte[0], huge));
            byte[] reserved = header.clone();
            reserved[27] = 1;
            expect(CryptoError.MALFORMED_ENCODING, () -> crypto.streamOpener(k, new byte[0], reserved));
        }
    }

    /** A KeyHandle that the service did not make. */
    private static final class ForeignKey implements KeyHandle {
        @Override
        public KeyType type() {
            return KeyType.CHACHA20_POLY1305;
        }

        @Override
        public byte[] publicKey() {
            return new byte[0];
        }

        @Override
        public boolean isDestroyed() {
            return false;
        }

        @Override
        public void close() {}
    }
}
