// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.crypto.CryptoException;

/** ML-KEM-768 against Wycheproof (four files), NIST ACVP (keyGen, encapDecap) and BoringSSL. No "acceptable" cases exist here. */
class MlKemVectorsTest {

    /** seed (d || z) -> ek, and decapsulation of c -> K; invalid: wrong seed or ciphertext lengths. */
    @Test
    void wycheproofCombined() {
        int count = 0;
        for (Vectors.Case wc : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_test.json"))) {
            JsonNode t = wc.test();
            byte[] seed = Vectors.hex(t, "seed");
            byte[] c = Vectors.hex(t, "c");
            String id = wc.id();
            switch (wc.result()) {
                case "valid" -> {
                    assertArrayEquals(Vectors.hex(t, "ek"), MlKem768.publicKey(seed), id);
                    assertArrayEquals(Vectors.hex(t, "K"), MlKem768.decapsulate(seed, c), id);
                }
                case "invalid" -> assertThrows(CryptoException.class, () -> MlKem768.decapsulate(seed, c), id);
                default -> fail(id + ": unexpected result");
            }
            count++;
        }
        assertEquals(193, count);
    }

    @Test
    void wycheproofEncaps() {
        int count = 0;
        for (Vectors.Case wc : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_encaps_test.json"))) {
            JsonNode t = wc.test();
            byte[] ek = Vectors.hex(t, "ek");
            byte[] m = Vectors.hex(t, "m");
            String id = wc.id();
            switch (wc.result()) {
                case "valid" -> {
                    byte[][] r = MlKem768.encapsulateInternal(ek, m);
                    assertArrayEquals(Vectors.hex(t, "K"), r[0], id);
                    assertArrayEquals(Vectors.hex(t, "c"), r[1], id);
                }
                case "invalid" -> assertThrows(CryptoException.class, () -> MlKem768.encapsulateInternal(ek, m), id);
                default -> fail(id + ": unexpected result");
            }
            count++;
        }
        assertEquals(265, count);
    }

    @Test
    void wycheproofKeygenSeed() {
        int count = 0;
        for (Vectors.Case wc : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_keygen_seed_test.json"))) {
            JsonNode t = wc.test();
            byte[] seed = Vectors.hex(t, "seed");
            assertEquals("valid", wc.result());
            assertArrayEquals(Vectors.hex(t, "ek"), MlKem768.publicKey(seed), wc.id());
            assertArrayEquals(Vectors.hex(t, "dk"), MlKem768.expandedPrivateKey(seed), wc.id());
            count++;
        }
        assertEquals(100, count);
    }

    @Test
    void wycheproofSemiExpandedDecaps() {
        int count = 0;
        for (Vectors.Case wc : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_semi_expanded_decaps_test.json"))) {
            JsonNode t = wc.test();
            byte[] dk = Vectors.hex(t, "dk");
            byte[] c = Vectors.hex(t, "c");
            String id = wc.id();
            switch (wc.result()) {
                case "valid" -> assertArrayEquals(Vectors.hex(t, "K"), MlKem768.decapsulateExpanded(dk, c), id);
                case "invalid" -> assertThrows(CryptoException.class, () -> MlKem768.decapsulateExpanded(dk, c), id);
                default -> fail(id + ": unexpected result");
            }
            count++;
        }
        assertEquals(9, count);
    }

    @Test
    void acvpKeyGen() {
        Map<String, JsonNode> expected = results("nist-acvp-mlkem/acvp_v1.1.0.40_keyGen_expectedResults.json");
        int count = 0;
        for (JsonNode g : Vectors.acvpGroups("nist-acvp-mlkem/acvp_v1.1.0.40_keyGen_prompt.json", "ML-KEM-768")) {
            for (JsonNode t : Vectors.array(g, "tests")) {
                String id = "tgId " + Vectors.integer(g, "tgId") + " tcId " + Vectors.integer(t, "tcId");
                JsonNode r = expected.get(id);
                assertNotNull(r, id + ": no expected result");
                byte[] seed = HybridKem.concat(Vectors.hex(t, "d"), Vectors.hex(t, "z"));
                assertArrayEquals(Vectors.hex(r, "ek"), MlKem768.publicKey(seed), id);
                assertArrayEquals(Vectors.hex(r, "dk"), MlKem768.expandedPrivateKey(seed), id);
                count++;
            }
        }
        assertEquals(25, count);
    }

    /** Encapsulation (AFT), decapsulation (VAL, incl. implicit rejection), and both key checks. */
    @Test
    void acvpEncapDecap() {
        Map<String, JsonNode> expected = results("nist-acvp-mlkem/acvp_v1.1.0.40_encapDecap_expectedResults.json");
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode g : Vectors.acvpGroups("nist-acvp-mlkem/acvp_v1.1.0.40_encapDecap_prompt.json", "ML-KEM-768")) {
            String function = Vectors.text(g, "function");
            for (JsonNode t : Vectors.array(g, "tests")) {
                String key = "tgId " + Vectors.integer(g, "tgId") + " tcId " + Vectors.integer(t, "tcId");
                JsonNode r = expected.get(key);
                assertNotNull(r, key + ": no expected result");
                String id = function + " " + key;
                switch (function) {
                    case "encapsulation" -> {
                        byte[][] kc = MlKem768.encapsulateInternal(Vectors.hex(t, "ek"), Vectors.hex(t, "m"));
                        assertArrayEquals(Vectors.hex(r, "k"), kc[0], id);
                        assertArrayEquals(Vectors.hex(r, "c"), kc[1], id);
                    }
                    case "decapsulation" -> assertArrayEquals(Vectors.hex(r, "k"),
                            MlKem768.decapsulateExpanded(Vectors.hex(t, "dk"), Vectors.hex(t, "c")), id);
                    case "decapsulationKeyCheck" -> keyCheck(Vectors.bool(r, "testPassed"), () -> MlKem768.checkedExpandedKey(Vectors.hex(t, "dk")), id);
                    case "encapsulationKeyCheck" -> keyCheck(Vectors.bool(r, "testPassed"), () -> MlKem768.checkedPublicKey(Vectors.hex(t, "ek")), id);
                    default -> fail("unknown function " + function);
                }
                counts.merge(function, 1, Integer::sum);
            }
        }
        assertEquals(Map.of("encapsulation", 25, "decapsulation", 10, "decapsulationKeyCheck", 10, "encapsulationKeyCheck", 10), counts);
    }

    @Test
    void boringSslKeygen() {
        int count = 0;
        for (Map<String, String> b : Vectors.blocks("boringssl-vectors/mlkem768_nist_keygen_tests.txt")) {
            byte[] seed = HybridKem.concat(Vectors.value(b.get("d")), Vectors.value(b.get("z")));
            assertArrayEquals(Vectors.value(b.get("ek")), MlKem768.publicKey(seed), "case " + count);
            assertArrayEquals(Vectors.value(b.get("dk")), MlKem768.expandedPrivateKey(seed), "case " + count);
            count++;
        }
        assertEquals(25, count);
    }

    @Test
    void boringSslDecap() {
        List<Map<String, String>> blocks = Vectors.blocks("boringssl-vectors/mlkem768_nist_decap_tests.txt");
        byte[] dk = Vectors.value(blocks.get(0).get("dk"));
        int count = 0;
        for (Map<String, String> b : blocks.subList(1, blocks.size())) {
            assertArrayEquals(Vectors.value(b.get("k")), MlKem768.decapsulateExpanded(dk, Vectors.value(b.get("c"))), "case " + count);
            count++;
        }
        assertEquals(10, count);
    }

    private static void keyCheck(boolean passes, Runnable check, String id) {
        if (passes) {
            assertDoesNotThrow(check::run, id);
        } else {
            assertThrows(CryptoException.class, check::run, id);
        }
    }

    /** ACVP expected results, keyed "tgId N tcId M". */
    static Map<String, JsonNode> results(String file) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode g : Vectors.array(Vectors.json(file), "testGroups")) {
            for (JsonNode t : Vectors.array(g, "tests")) {
                out.put("tgId " + Vectors.integer(g, "tgId") + " tcId " + Vectors.integer(t, "tcId"), t);
            }
        }
        return out;
    }
}
