// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

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
        for (Map<String, Object> t : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_test.json"))) {
            byte[] seed = Vectors.hex(t.get("seed"));
            byte[] c = Vectors.hex(t.get("c"));
            String id = "tcId " + t.get("tcId") + " " + t.get("comment");
            switch ((String) t.get("result")) {
                case "valid" -> {
                    assertArrayEquals(Vectors.hex(t.get("ek")), MlKem768.publicKey(seed), id);
                    assertArrayEquals(Vectors.hex(t.get("K")), MlKem768.decapsulate(seed, c), id);
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
        for (Map<String, Object> t : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_encaps_test.json"))) {
            byte[] ek = Vectors.hex(t.get("ek"));
            byte[] m = Vectors.hex(t.get("m"));
            String id = "tcId " + t.get("tcId") + " " + t.get("comment");
            switch ((String) t.get("result")) {
                case "valid" -> {
                    byte[][] r = MlKem768.encapsulateInternal(ek, m);
                    assertArrayEquals(Vectors.hex(t.get("K")), r[0], id);
                    assertArrayEquals(Vectors.hex(t.get("c")), r[1], id);
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
        for (Map<String, Object> t : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_keygen_seed_test.json"))) {
            byte[] seed = Vectors.hex(t.get("seed"));
            assertEquals("valid", t.get("result"));
            assertArrayEquals(Vectors.hex(t.get("ek")), MlKem768.publicKey(seed), "tcId " + t.get("tcId"));
            assertArrayEquals(Vectors.hex(t.get("dk")), MlKem768.expandedPrivateKey(seed), "tcId " + t.get("tcId"));
            count++;
        }
        assertEquals(100, count);
    }

    @Test
    void wycheproofSemiExpandedDecaps() {
        int count = 0;
        for (Map<String, Object> t : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mlkem_768_semi_expanded_decaps_test.json"))) {
            byte[] dk = Vectors.hex(t.get("dk"));
            byte[] c = Vectors.hex(t.get("c"));
            String id = "tcId " + t.get("tcId") + " " + t.get("comment");
            switch ((String) t.get("result")) {
                case "valid" -> assertArrayEquals(Vectors.hex(t.get("K")), MlKem768.decapsulateExpanded(dk, c), id);
                case "invalid" -> assertThrows(CryptoException.class, () -> MlKem768.decapsulateExpanded(dk, c), id);
                default -> fail(id + ": unexpected result");
            }
            count++;
        }
        assertEquals(9, count);
    }

    @Test
    void acvpKeyGen() {
        Map<String, Map<String, Object>> expected = results("nist-acvp-mlkem/acvp_v1.1.0.40_keyGen_expectedResults.json");
        int count = 0;
        for (Map<String, Object> g : groups("nist-acvp-mlkem/acvp_v1.1.0.40_keyGen_prompt.json", "ML-KEM-768")) {
            for (Object o : Json.array(g.get("tests"))) {
                Map<String, Object> t = Json.object(o);
                Map<String, Object> r = expected.get(g.get("tgId") + "/" + t.get("tcId"));
                byte[] seed = HybridKem.concat(Vectors.hex(t.get("d")), Vectors.hex(t.get("z")));
                assertArrayEquals(Vectors.hex(r.get("ek")), MlKem768.publicKey(seed), "tcId " + t.get("tcId"));
                assertArrayEquals(Vectors.hex(r.get("dk")), MlKem768.expandedPrivateKey(seed), "tcId " + t.get("tcId"));
                count++;
            }
        }
        assertEquals(25, count);
    }

    /** Encapsulation (AFT), decapsulation (VAL, incl. implicit rejection), and both key checks. */
    @Test
    void acvpEncapDecap() {
        Map<String, Map<String, Object>> expected = results("nist-acvp-mlkem/acvp_v1.1.0.40_encapDecap_expectedResults.json");
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, Object> g : groups("nist-acvp-mlkem/acvp_v1.1.0.40_encapDecap_prompt.json", "ML-KEM-768")) {
            String function = (String) g.get("function");
            for (Object o : Json.array(g.get("tests"))) {
                Map<String, Object> t = Json.object(o);
                Map<String, Object> r = expected.get(g.get("tgId") + "/" + t.get("tcId"));
                String id = function + " tcId " + t.get("tcId");
                switch (function) {
                    case "encapsulation" -> {
                        byte[][] kc = MlKem768.encapsulateInternal(Vectors.hex(t.get("ek")), Vectors.hex(t.get("m")));
                        assertArrayEquals(Vectors.hex(r.get("k")), kc[0], id);
                        assertArrayEquals(Vectors.hex(r.get("c")), kc[1], id);
                    }
                    case "decapsulation" -> assertArrayEquals(Vectors.hex(r.get("k")),
                            MlKem768.decapsulateExpanded(Vectors.hex(t.get("dk")), Vectors.hex(t.get("c"))), id);
                    case "decapsulationKeyCheck" -> keyCheck((Boolean) r.get("testPassed"), () -> MlKem768.checkedExpandedKey(Vectors.hex(t.get("dk"))), id);
                    case "encapsulationKeyCheck" -> keyCheck((Boolean) r.get("testPassed"), () -> MlKem768.checkedPublicKey(Vectors.hex(t.get("ek"))), id);
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

    static List<Map<String, Object>> groups(String file, String parameterSet) {
        return Json.array(Vectors.json(file).get("testGroups")).stream().map(Json::object)
                .filter(g -> parameterSet.equals(g.get("parameterSet"))).toList();
    }

    static Map<String, Map<String, Object>> results(String file) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Object go : Json.array(Vectors.json(file).get("testGroups"))) {
            Map<String, Object> g = Json.object(go);
            for (Object to : Json.array(g.get("tests"))) {
                Map<String, Object> t = Json.object(to);
                out.put(g.get("tgId") + "/" + t.get("tcId"), t);
            }
        }
        return out;
    }
}
