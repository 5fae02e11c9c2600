// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.nonos.crypto.CryptoException;

/**
 * ML-DSA-65 against Wycheproof (sign with seed, sign with expanded key, verify; see
 * vectors/wycheproof/mldsa.md) and NIST ACVP (keyGen, sigGen, sigVer on the "internal"
 * interface, where the message is M'). No "acceptable" cases exist in these files.
 *
 * <p>Signing: vectors without {@code rnd} are deterministic (rnd = 0^32); with {@code rnd} the one
 * randomness read of ML-DSA.Sign is fed that value (mldsa.md, approach 3). Vectors with only
 * {@code mu} (flag Internal) go through the external-mu interface. Every produced signature is
 * also verified.
 */
class MlDsaVectorsTest {

    @Test
    void wycheproofSignSeed() {
        assertEquals(105, wycheproofSign("wycheproof/testvectors_v1/mldsa_65_sign_seed_test.json", true));
    }

    @Test
    void wycheproofSignNoSeed() {
        assertEquals(78, wycheproofSign("wycheproof/testvectors_v1/mldsa_65_sign_noseed_test.json", false));
    }

    private static int wycheproofSign(String file, boolean seeded) {
        int count = 0;
        for (Map<String, Object> t : Vectors.wycheproofTests(Vectors.json(file))) {
            Map<String, Object> g = Json.object(t.get("_group"));
            byte[] key = Vectors.hex(g.get(seeded ? "privateSeed" : "privateKey"));
            byte[] ctx = t.containsKey("ctx") ? Vectors.hex(t.get("ctx")) : new byte[0];
            byte[] rnd = t.containsKey("rnd") ? Vectors.hex(t.get("rnd")) : null;
            String id = file + " tcId " + t.get("tcId") + " " + t.get("comment");
            switch ((String) t.get("result")) {
                case "valid" -> {
                    MLDSAPrivateKeyParameters sk = seeded ? MlDsa65.privateKey(key) : MlDsa65.expandedPrivateKey(key);
                    byte[] pk = Vectors.hex(g.get("publicKey"));
                    assertArrayEquals(pk, sk.getPublicKey(), id + " public key");
                    byte[] mu;
                    if (t.containsKey("msg")) {
                        mu = MlDsa65.mu(pk, MlDsa65.messagePrime(Vectors.hex(t.get("msg")), ctx));
                        if (t.containsKey("mu")) {
                            assertArrayEquals(Vectors.hex(t.get("mu")), mu, id + " mu");
                        }
                    } else {
                        mu = Vectors.hex(t.get("mu"));
                    }
                    byte[] sig = Vectors.hex(t.get("sig"));
                    assertArrayEquals(sig, MlDsa65.signMu(sk, mu, rnd), id + " signature");
                    assertTrue(MlDsa65.verifyMu(pk, mu, sig), id + " verify mu");
                    if (t.containsKey("msg")) {
                        assertTrue(MlDsa65.verify(pk, Vectors.hex(t.get("msg")), ctx, sig), id + " verify");
                    }
                }
                case "invalid" -> assertThrows(CryptoException.class, () -> {
                    if (seeded) {
                        MlDsa65.sign(key, Vectors.hex(t.get("msg")), ctx, new SecureRandom());
                    } else {
                        MLDSAPrivateKeyParameters sk = MlDsa65.expandedPrivateKey(key);
                        MlDsa65.messagePrime(Vectors.hex(t.get("msg")), ctx);
                        fail(id + ": accepted " + sk);
                    }
                }, id);
                default -> fail(id + ": unexpected result");
            }
            count++;
        }
        return count;
    }

    @Test
    void wycheproofVerify() {
        int count = 0;
        for (Map<String, Object> t : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mldsa_65_verify_test.json"))) {
            Map<String, Object> g = Json.object(t.get("_group"));
            byte[] pk = Vectors.hex(g.get("publicKey"));
            byte[] ctx = t.containsKey("ctx") ? Vectors.hex(t.get("ctx")) : new byte[0];
            boolean ok = MlDsa65.verify(pk, Vectors.hex(t.get("msg")), ctx, Vectors.hex(t.get("sig")));
            String id = "tcId " + t.get("tcId") + " " + t.get("comment");
            switch ((String) t.get("result")) {
                case "valid" -> assertTrue(ok, id);
                case "invalid" -> assertFalse(ok, id);
                default -> fail(id + ": unexpected result");
            }
            count++;
        }
        assertEquals(210, count);
    }

    @Test
    void acvpKeyGen() {
        int count = 0;
        for (Map<String, Object> g : MlKemVectorsTest.groups("nist-acvp-mldsa/ML-DSA-key-gen-FIPS204.internalProjection.json", "ML-DSA-65")) {
            for (Object o : Json.array(g.get("tests"))) {
                Map<String, Object> t = Json.object(o);
                MLDSAPrivateKeyParameters sk = MlDsa65.privateKey(Vectors.hex(t.get("seed")));
                assertArrayEquals(Vectors.hex(t.get("pk")), sk.getPublicKey(), "tcId " + t.get("tcId"));
                assertArrayEquals(Vectors.hex(t.get("sk")),
                        sk.getParametersWithFormat(MLDSAPrivateKeyParameters.EXPANDED_KEY).getEncoded(), "tcId " + t.get("tcId"));
                count++;
            }
        }
        assertEquals(25, count);
    }

    /** Sign_internal: message is M'; mu = SHAKE256(tr || M') with tr read from the expanded key. */
    @Test
    void acvpSigGen() {
        int count = 0;
        for (Map<String, Object> g : MlKemVectorsTest.groups("nist-acvp-mldsa/ML-DSA-sig-gen-FIPS204.internalProjection.json", "ML-DSA-65")) {
            boolean deterministic = (Boolean) g.get("deterministic");
            for (Object o : Json.array(g.get("tests"))) {
                Map<String, Object> t = Json.object(o);
                byte[] skBytes = Vectors.hex(t.get("sk"));
                MLDSAPrivateKeyParameters sk = MlDsa65.expandedPrivateKey(skBytes);
                byte[] mu = MlDsa65.muFromTr(Arrays.copyOfRange(skBytes, 64, 128), Vectors.hex(t.get("message")));
                byte[] rnd = deterministic ? null : Vectors.hex(t.get("rnd"));
                byte[] sig = MlDsa65.signMu(sk, mu, rnd);
                assertArrayEquals(Vectors.hex(t.get("signature")), sig, "tcId " + t.get("tcId"));
                assertTrue(MlDsa65.verifyMu(sk.getPublicKey(), mu, sig), "tcId " + t.get("tcId"));
                count++;
            }
        }
        assertEquals(20, count);
    }

    @Test
    void acvpSigVer() {
        int count = 0;
        for (Map<String, Object> g : MlKemVectorsTest.groups("nist-acvp-mldsa/ML-DSA-sig-ver-FIPS204.internalProjection.json", "ML-DSA-65")) {
            byte[] pk = Vectors.hex(g.get("pk"));
            for (Object o : Json.array(g.get("tests"))) {
                Map<String, Object> t = Json.object(o);
                boolean ok = MlDsa65.verifyMu(pk, MlDsa65.mu(pk, Vectors.hex(t.get("message"))), Vectors.hex(t.get("signature")));
                assertEquals(t.get("testPassed"), ok, "tcId " + t.get("tcId") + " " + t.get("reason"));
                count++;
            }
        }
        assertEquals(15, count);
    }
}
