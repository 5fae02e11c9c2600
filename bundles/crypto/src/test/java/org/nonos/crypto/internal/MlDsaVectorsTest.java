// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Arrays;
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
        for (Vectors.Case c : Vectors.wycheproofTests(Vectors.json(file))) {
            JsonNode g = c.group();
            JsonNode t = c.test();
            byte[] key = Vectors.hex(g, seeded ? "privateSeed" : "privateKey");
            byte[] ctx = t.has("ctx") ? Vectors.hex(t, "ctx") : new byte[0];
            byte[] rnd = t.has("rnd") ? Vectors.hex(t, "rnd") : null;
            String id = file + " " + c.id();
            switch (c.result()) {
                case "valid" -> {
                    MLDSAPrivateKeyParameters sk = seeded ? MlDsa65.privateKey(key) : MlDsa65.expandedPrivateKey(key);
                    byte[] pk = Vectors.hex(g, "publicKey");
                    assertArrayEquals(pk, sk.getPublicKey(), id + " public key");
                    byte[] mu;
                    if (t.has("msg")) {
                        mu = MlDsa65.mu(pk, MlDsa65.messagePrime(Vectors.hex(t, "msg"), ctx));
                        if (t.has("mu")) {
                            assertArrayEquals(Vectors.hex(t, "mu"), mu, id + " mu");
                        }
                    } else {
                        mu = Vectors.hex(t, "mu");
                    }
                    byte[] sig = Vectors.hex(t, "sig");
                    assertArrayEquals(sig, MlDsa65.signMu(sk, mu, rnd), id + " signature");
                    assertTrue(MlDsa65.verifyMu(pk, mu, sig), id + " verify mu");
                    if (t.has("msg")) {
                        assertTrue(MlDsa65.verify(pk, Vectors.hex(t, "msg"), ctx, sig), id + " verify");
                    }
                }
                case "invalid" -> assertThrows(CryptoException.class, () -> {
                    if (seeded) {
                        MlDsa65.sign(key, Vectors.hex(t, "msg"), ctx, new SecureRandom());
                    } else {
                        MLDSAPrivateKeyParameters sk = MlDsa65.expandedPrivateKey(key);
                        MlDsa65.messagePrime(Vectors.hex(t, "msg"), ctx);
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
        for (Vectors.Case c : Vectors.wycheproofTests(Vectors.json("wycheproof/testvectors_v1/mldsa_65_verify_test.json"))) {
            JsonNode t = c.test();
            byte[] pk = Vectors.hex(c.group(), "publicKey");
            byte[] ctx = t.has("ctx") ? Vectors.hex(t, "ctx") : new byte[0];
            boolean ok = MlDsa65.verify(pk, Vectors.hex(t, "msg"), ctx, Vectors.hex(t, "sig"));
            String id = c.id();
            switch (c.result()) {
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
        for (JsonNode g : Vectors.acvpGroups("nist-acvp-mldsa/ML-DSA-key-gen-FIPS204.internalProjection.json", "ML-DSA-65")) {
            for (JsonNode t : Vectors.array(g, "tests")) {
                String id = "tcId " + Vectors.integer(t, "tcId");
                MLDSAPrivateKeyParameters sk = MlDsa65.privateKey(Vectors.hex(t, "seed"));
                assertArrayEquals(Vectors.hex(t, "pk"), sk.getPublicKey(), id);
                assertArrayEquals(Vectors.hex(t, "sk"),
                        sk.getParametersWithFormat(MLDSAPrivateKeyParameters.EXPANDED_KEY).getEncoded(), id);
                count++;
            }
        }
        assertEquals(25, count);
    }

    /** Sign_internal: message is M'; mu = SHAKE256(tr || M') with tr read from the expanded key. */
    @Test
    void acvpSigGen() {
        int count = 0;
        for (JsonNode g : Vectors.acvpGroups("nist-acvp-mldsa/ML-DSA-sig-gen-FIPS204.internalProjection.json", "ML-DSA-65")) {
            boolean deterministic = Vectors.bool(g, "deterministic");
            for (JsonNode t : Vectors.array(g, "tests")) {
                String id = "tcId " + Vectors.integer(t, "tcId");
                byte[] skBytes = Vectors.hex(t, "sk");
                MLDSAPrivateKeyParameters sk = MlDsa65.expandedPrivateKey(skBytes);
                byte[] mu = MlDsa65.muFromTr(Arrays.copyOfRange(skBytes, 64, 128), Vectors.hex(t, "message"));
                byte[] rnd = deterministic ? null : Vectors.hex(t, "rnd");
                byte[] sig = MlDsa65.signMu(sk, mu, rnd);
                assertArrayEquals(Vectors.hex(t, "signature"), sig, id);
                assertTrue(MlDsa65.verifyMu(sk.getPublicKey(), mu, sig), id);
                count++;
            }
        }
        assertEquals(20, count);
    }

    @Test
    void acvpSigVer() {
        int count = 0;
        for (JsonNode g : Vectors.acvpGroups("nist-acvp-mldsa/ML-DSA-sig-ver-FIPS204.internalProjection.json", "ML-DSA-65")) {
            byte[] pk = Vectors.hex(g, "pk");
            for (JsonNode t : Vectors.array(g, "tests")) {
                boolean ok = MlDsa65.verifyMu(pk, MlDsa65.mu(pk, Vectors.hex(t, "message")), Vectors.hex(t, "signature"));
                assertEquals(Vectors.bool(t, "testPassed"), ok, "tcId " + Vectors.integer(t, "tcId") + " " + t.path("reason").asText(""));
                count++;
            }
        }
        assertEquals(15, count);
    }
}
