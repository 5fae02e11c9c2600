// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * ChaCha20-Poly1305 and XChaCha20-Poly1305 against Wycheproof and BoringSSL. Every valid case is
 * sealed and opened on both paths (JDK and Bouncy Castle) and must match byte for byte; every
 * invalid case must be refused by both. Wycheproof has no "acceptable" AEAD cases.
 */
class AeadVectorsTest {

    @Test
    void wycheproofChaCha20Poly1305() {
        assertEquals(325, wycheproof("wycheproof/testvectors_v1/chacha20_poly1305_test.json", false));
    }

    @Test
    void wycheproofXChaCha20Poly1305() {
        assertEquals(315, wycheproof("wycheproof/testvectors_v1/xchacha20_poly1305_test.json", true));
    }

    @Test
    void boringSslChaCha20Poly1305() {
        assertEquals(81, boringSsl("boringssl-vectors/chacha20_poly1305_tests.txt", false));
    }

    @Test
    void boringSslXChaCha20Poly1305() {
        assertEquals(52, boringSsl("boringssl-vectors/xchacha20_poly1305_tests.txt", true));
    }

    private static int wycheproof(String file, boolean extended) {
        int count = 0;
        for (Vectors.Case c : Vectors.wycheproofTests(Vectors.json(file))) {
            JsonNode t = c.test();
            byte[] key = Vectors.hex(t, "key");
            byte[] iv = Vectors.hex(t, "iv");
            byte[] aad = Vectors.hex(t, "aad");
            byte[] msg = Vectors.hex(t, "msg");
            byte[] sealed = HybridKem.concat(Vectors.hex(t, "ct"), Vectors.hex(t, "tag"));
            String id = file + " " + c.id();
            switch (c.result()) {
                case "valid" -> checkValid(extended, key, iv, aad, msg, sealed, id);
                case "invalid" -> checkInvalid(extended, key, iv, aad, sealed, id);
                default -> fail(id + ": unexpected result " + c.result());
            }
            count++;
        }
        return count;
    }

    private static int boringSsl(String file, boolean extended) {
        int count = 0;
        for (Map<String, String> b : Vectors.blocks(file)) {
            byte[] key = Vectors.value(b.get("KEY"));
            byte[] nonce = Vectors.value(b.get("NONCE"));
            byte[] in = Vectors.value(b.get("IN"));
            byte[] ad = Vectors.value(b.get("AD"));
            byte[] sealed = HybridKem.concat(Vectors.value(b.get("CT")), Vectors.value(b.get("TAG")));
            String id = file + " case " + count;
            if (b.containsKey("FAILS") || Vectors.value(b.get("TAG")).length != Aead.TAG_LENGTH) {
                checkInvalid(extended, key, nonce, ad, sealed, id);
            } else {
                checkValid(extended, key, nonce, ad, in, sealed, id);
            }
            count++;
        }
        return count;
    }

    private static void checkValid(boolean x, byte[] key, byte[] iv, byte[] aad, byte[] msg, byte[] sealed, String id) {
        assertArrayEquals(sealed, x ? Aead.sealX(key, iv, aad, msg) : Aead.seal(key, iv, aad, msg), id + " JDK seal");
        assertArrayEquals(msg, x ? Aead.openX(key, iv, aad, sealed) : Aead.open(key, iv, aad, sealed), id + " JDK open");
        assertArrayEquals(sealed, BcAead.seal(x, key, iv, aad, msg), id + " BC seal");
        assertArrayEquals(msg, BcAead.open(x, key, iv, aad, sealed), id + " BC open");
    }

    private static void checkInvalid(boolean x, byte[] key, byte[] iv, byte[] aad, byte[] sealed, String id) {
        CryptoException e = assertThrows(CryptoException.class,
                () -> {
                    byte[] ignored = x ? Aead.openX(key, iv, aad, sealed) : Aead.open(key, iv, aad, sealed);
                }, id + " JDK must reject");
        assertEquals(true, e.error() == CryptoError.AUTHENTICATION_FAILED || e.error() == CryptoError.INVALID_NONCE
                || e.error() == CryptoError.INVALID_LENGTH, id + ": " + e.error());
        assertThrows(CryptoException.class, () -> BcAead.open(x, key, iv, aad, sealed), id + " BC must reject");
    }
}
