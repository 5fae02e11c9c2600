// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ed25519 against Wycheproof (verify; no "acceptable" cases in this file) and BoringSSL (sign and verify). */
class Ed25519VectorsTest {

    @Test
    void wycheproof() {
        int count = 0;
        for (Vectors.Case c : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/ed25519_test.json"))) {
            JsonNode t = c.test();
            byte[] pk = Vectors.hex(c.group().required("publicKey"), "pk");
            byte[] msg = Vectors.hex(t, "msg");
            byte[] sig = Vectors.hex(t, "sig");
            String id = c.id() + " " + t.path("flags");
            switch (c.result()) {
                case "valid" -> assertTrue(Ed25519Sig.verify(pk, msg, sig), id);
                case "invalid" -> assertFalse(Ed25519Sig.verify(pk, msg, sig), id);
                default -> fail(id + ": unexpected result " + c.result());
            }
            count++;
        }
        assertEquals(151, count);
    }

    /** ed25519.cr.yp.to's sign.input: PRIV is seed || public key; Ed25519 is deterministic. */
    @Test
    void boringSsl() {
        int count = 0;
        for (Map<String, String> b : Vectors.blocks("boringssl-vectors/ed25519_tests.txt")) {
            byte[] priv = Vectors.value(b.get("PRIV"));
            byte[] seed = Arrays.copyOf(priv, 32);
            byte[] pub = Vectors.value(b.get("PUB"));
            byte[] msg = Vectors.value(b.get("MESSAGE"));
            byte[] sig = Vectors.value(b.get("SIG"));
            String id = "case " + count;
            assertArrayEquals(pub, Arrays.copyOfRange(priv, 32, 64), id);
            assertArrayEquals(pub, Ed25519Sig.publicKey(seed), id);
            assertArrayEquals(sig, Ed25519Sig.sign(seed, msg), id);
            assertTrue(Ed25519Sig.verify(pub, msg, sig), id);
            count++;
        }
        assertEquals(514, count);
    }
}
