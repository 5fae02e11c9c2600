// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.groth16.BinaryFormat;

/** The canonical JSON form: round trips, strictness, limits. */
class AttestationJsonTest {

    /** A well-formed attestation with random contents (not a valid proof: the parser does not check proofs). */
    static Attestation random(Random r) throws MalformedException {
        byte[] digest = new byte[32];
        r.nextBytes(digest);
        long mask = r.nextLong() & CapabilityTable.DEFINED_BITS;
        CapabilityRequest req = CapabilityRequest.ofMask(mask);
        byte[] key = new byte[1984];
        r.nextBytes(key);
        byte[] sig = new byte[3373];
        r.nextBytes(sig);
        byte[] proof = new byte[BinaryFormat.PROOF_BYTES];
        r.nextBytes(proof);
        List<BigInteger> inputs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inputs.add(new BigInteger(255, r).mod(Fr.R));
        }
        return new Attestation(BundleDigest.of(digest), req.canonical(), mask, CapabilityTable.VERSION, key,
                new BigInteger(255, r).mod(Fr.R), r.nextLong(), sig, proof, inputs);
    }

    @Test
    void roundTrip() throws Exception {
        Random r = Seeds.random("AttestationJsonTest.roundTrip");
        for (int i = 0; i < 200; i++) {
            Attestation a = random(r);
            byte[] json = a.emit();
            Attestation b = Attestation.parse(json);
            assertEquals(a, b);
            assertArrayEquals(json, b.emit());
            assertEquals(a.hashCode(), b.hashCode());
        }
    }

    @Test
    void goldenLayout() throws Exception {
        Attestation a = random(new Random(1));
        String s = new String(a.emit(), StandardCharsets.UTF_8);
        assertTrue(s.startsWith("{\"format\":\"nonos-attestation\",\"version\":1,\"digest\":\"blake3:"), s);
        assertTrue(s.contains("\"signingKey\":{\"type\":\"ed25519+ml-dsa-65\",\"publicKey\":\""), s);
        assertTrue(s.contains("\"proof\":{\"system\":\"groth16-bls12-381\",\"proof\":\""), s);
        assertTrue(s.length() < Attestation.MAX_BYTES);
    }

    static void malformed(String json) {
        assertThrows(MalformedException.class, () -> Attestation.parse(json.getBytes(StandardCharsets.UTF_8)), json.length() > 200
                ? json.substring(0, 200) : json);
    }

    @Test
    void strict() throws Exception {
        String good = new String(random(new Random(2)).emit(), StandardCharsets.UTF_8);
        malformed("");
        malformed("{}");
        malformed("[]");
        malformed(good + " ");
        malformed(good + "{}");
        malformed(" " + good);
        malformed(good.replace(",\"version\":1,", ", \"version\":1,"));                 // not canonical
        malformed(good.replace("\"version\":1", "\"version\":2"));                      // unknown version
        malformed(good.replace("\"version\":1", "\"version\":1.0"));
        malformed(good.replace("\"capabilityTable\":1", "\"capabilityTable\":2"));
        malformed(good.replace("{\"format\"", "{\"unknown\":0,\"format\""));            // unknown member
        malformed(good.replace("{\"format\":\"nonos-attestation\",", "{\"format\":\"nonos-attestation\",\"format\":\"nonos-attestation\","));
        malformed(good.replace("\"digest\":\"blake3:", "\"digest\":\"sha256:"));
        malformed(good.replace("\"epoch\":\"", "\"epoch\":\"0"));
        malformed(good.replaceAll("\"capabilityMask\":\"0x[0-9a-f]{16}\"", "\"capabilityMask\":\"0xffffffffffffffff\""));
        malformed(good.replace("ed25519+ml-dsa-65", "ed25519"));
        malformed(good.replace("groth16-bls12-381", "plonk"));
        malformed("{\"a\":".repeat(100) + "1" + "}".repeat(100));
        byte[] big = new byte[Attestation.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThrows(MalformedException.class, () -> Attestation.parse(big));
        assertThrows(MalformedException.class, () -> Attestation.parse(null));
    }

    @Test
    void theFuzzSeedCorpusHoldsAValidAttestation() throws Exception {
        try (var in = AttestationJsonTest.class.getResourceAsStream("AttestationParserFuzzTestInputs/attestation/valid")) {
            byte[] json = in.readAllBytes();
            assertArrayEquals(json, Attestation.parse(json).emit());
        }
    }

    @Test
    void aRootAtTheModulusIsRefused() throws Exception {
        Attestation a = random(new Random(3));
        String s = new String(a.emit(), StandardCharsets.UTF_8);
        String root = String.format("%064x", Fr.R);
        malformed(s.replaceAll("\"registryRoot\":\"[0-9a-f]{64}\"", "\"registryRoot\":\"" + root + "\""));
    }
}
