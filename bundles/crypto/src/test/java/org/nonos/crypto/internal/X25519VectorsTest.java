// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * X25519 against Wycheproof, RFC 7748 §5.2 and BoringSSL.
 *
 * <p>Wycheproof "acceptable" cases (twist points, non-canonical u, low-order peers) are decided
 * by the service's policy: every u-coordinate is accepted and decoded as RFC 7748 §5 says, so an
 * acceptable case must give exactly the expected shared secret, except when that secret is all
 * zeros, which the service refuses (RFC 7748 §6.1) with ZERO_SHARED_SECRET.
 */
class X25519VectorsTest {

    @Test
    void wycheproof() {
        int count = 0;
        int refusedZero = 0;
        for (Vectors.Case c : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/x25519_test.json"))) {
            JsonNode t = c.test();
            byte[] priv = Vectors.hex(t, "private");
            byte[] pub = Vectors.hex(t, "public");
            byte[] shared = Vectors.hex(t, "shared");
            String id = c.id();
            String result = c.result();
            if (result.equals("invalid")) {
                assertThrows(CryptoException.class, () -> X25519Kex.agree(priv, pub), id);
            } else if (result.equals("valid") || result.equals("acceptable")) {
                if (Checks.isAllZero(shared)) {
                    assertEquals("acceptable", result, id + ": a valid case with a zero secret");
                    CryptoException e = assertThrows(CryptoException.class, () -> X25519Kex.agree(priv, pub), id);
                    assertEquals(CryptoError.ZERO_SHARED_SECRET, e.error());
                    refusedZero++;
                } else {
                    assertArrayEquals(shared, X25519Kex.agree(priv, pub), id);
                }
            } else {
                fail(id + ": unknown result " + result);
            }
            count++;
        }
        assertEquals(518, count);
        assertEquals(31, refusedZero, "every ZeroSharedSecret case is refused");
    }

    @Test
    void rfc7748() {
        int count = 0;
        for (Map<String, String> b : Vectors.blocks("rfc7748-x25519/rfc7748.txt")) {
            assertArrayEquals(Vectors.value(b.get("OUTPUT_U")),
                    X25519Kex.agree(Vectors.value(b.get("INPUT_SCALAR")), Vectors.value(b.get("INPUT_U"))), "COUNT " + b.get("COUNT"));
            count++;
        }
        assertEquals(3, count);
    }

    /** RFC 7748 §5.2: k = u = 9, then (k, u) = (X25519(k, u), k), 1,000 times. */
    @Test
    void rfc7748Iterated() {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 0; i < 1000; i++) {
            byte[] next = X25519Kex.agree(k, u);
            u = k;
            k = next;
        }
        assertArrayEquals(Vectors.value("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"), k);
    }

    /** BoringSSL's EVP test: the RFC vector, a small-order peer that must fail, and a public-only key. */
    @Test
    void boringSsl() {
        Map<String, Map<String, String>> keys = new HashMap<>();
        int derives = 0;
        for (Map<String, String> b : Vectors.blocks("boringssl-vectors/x25519_tests.txt")) {
            if (b.containsKey("Key")) {
                keys.put(b.get("Key"), b);
                continue;
            }
            String[] ours = b.get("Derive").split("/");
            Map<String, String> key = keys.get(ours[0]);
            byte[] peer = Vectors.value(keys.get(b.get("DerivePeer")).get("RawPublic"));
            String id = "Derive " + b.get("Derive") + " with " + b.get("DerivePeer");
            if (ours[1].equals("PublicOnly")) {
                // The service holds no public-only X25519 keys: a raw public key is not a key encoding.
                assertEquals("NOT_A_PRIVATE_KEY", b.get("Error"), id);
                CryptoException e = assertThrows(CryptoException.class, () -> KeyCodec.parse(Vectors.value(key.get("RawPublic"))), id);
                assertEquals(CryptoError.MALFORMED_ENCODING, e.error());
            } else if (b.containsKey("Error")) {
                assertThrows(CryptoException.class, () -> X25519Kex.agree(Vectors.value(key.get("RawPrivate")), peer), id);
            } else {
                assertArrayEquals(Vectors.value(key.get("RawPublic")), X25519Kex.publicKey(Vectors.value(key.get("RawPrivate"))), id);
                assertArrayEquals(Vectors.value(b.get("Output")), X25519Kex.agree(Vectors.value(key.get("RawPrivate")), peer), id);
            }
            derives++;
        }
        assertEquals(3, derives);
        assertFalse(keys.isEmpty());
    }
}
