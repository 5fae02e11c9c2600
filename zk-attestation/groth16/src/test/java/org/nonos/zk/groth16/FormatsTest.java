// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.zk.bls12381.Fp;
import org.nonos.zk.bls12381.MalformedException;
import org.nonos.zk.bls12381.MalformedException.Reason;
import org.nonos.zk.r1cs.R1cs;

class FormatsTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static KeyPair keys;
    static Proof proof;
    static BigInteger[] inputs;

    @BeforeAll
    static void setUp() {
        R1cs m = Circuits.multiplier();
        keys = Setup.generate(m, RANDOM);
        proof = new Prover(m, keys.provingKey()).prove(Circuits.multiplierWitness(5, 7), RANDOM);
        inputs = new BigInteger[] {BigInteger.valueOf(35)};
    }

    static String resource(String name) throws IOException {
        try (InputStream in = FormatsTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, "missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static void assertReason(Reason reason, Body body) {
        MalformedException e = assertThrows(MalformedException.class, body::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }

    @Test
    void binaryRoundTrips() throws Exception {
        byte[] p = BinaryFormat.encodeProof(proof);
        assertEquals(200, p.length);
        assertEquals(proof, BinaryFormat.decodeProof(p));
        byte[] vk = BinaryFormat.encodeVerifyingKey(keys.verifyingKey());
        assertEquals(keys.verifyingKey(), BinaryFormat.decodeVerifyingKey(vk));
        byte[] pk = BinaryFormat.encodeProvingKey(keys.provingKey());
        ProvingKey back = BinaryFormat.decodeProvingKey(pk);
        assertEquals(keys.provingKey(), back);
        assertArrayEquals(pk, BinaryFormat.encodeProvingKey(back));
        // a proof made with the decoded key verifies under the decoded verifying key
        Proof again = new Prover(Circuits.multiplier(), back).prove(Circuits.multiplierWitness(5, 7), RANDOM);
        assertTrue(new PreparedVerifyingKey(BinaryFormat.decodeVerifyingKey(vk)).verify(again, inputs));
    }

    @Test
    void binaryRejectsMalformedInput() {
        byte[] p = BinaryFormat.encodeProof(proof);
        assertReason(Reason.BAD_LENGTH, () -> BinaryFormat.decodeProof(java.util.Arrays.copyOf(p, 199)));
        assertReason(Reason.BAD_LENGTH, () -> BinaryFormat.decodeProof(null));
        byte[] magic = p.clone();
        magic[0] = 'X';
        assertReason(Reason.BAD_ENCODING, () -> BinaryFormat.decodeProof(magic));
        byte[] version = p.clone();
        version[4] = 2;
        assertReason(Reason.UNSUPPORTED, () -> BinaryFormat.decodeProof(version));
        byte[] curve = p.clone();
        curve[5] = 9;
        assertReason(Reason.UNSUPPORTED, () -> BinaryFormat.decodeProof(curve));
        byte[] flipped = p.clone();
        flipped[8 + 20] ^= 0x10; // inside A's x: (almost surely) no point with that x, or not in G1
        assertThrows(MalformedException.class, () -> BinaryFormat.decodeProof(flipped));
        byte[] identityA = p.clone();
        identityA[8] = (byte) 0xc0;
        java.util.Arrays.fill(identityA, 9, 8 + 48, (byte) 0);
        assertReason(Reason.IDENTITY, () -> BinaryFormat.decodeProof(identityA));

        byte[] vk = BinaryFormat.encodeVerifyingKey(keys.verifyingKey());
        assertReason(Reason.BAD_LENGTH, () -> BinaryFormat.decodeVerifyingKey(java.util.Arrays.copyOf(vk, vk.length - 1)));
        byte[] count = vk.clone();
        count[8 + 48 + 288 + 3] = (byte) 0xff; // IC count no longer matches the length
        assertReason(Reason.BAD_LENGTH, () -> BinaryFormat.decodeVerifyingKey(count));
        byte[] hugeCount = vk.clone();
        hugeCount[8 + 48 + 288] = (byte) 0xff;
        assertReason(Reason.BAD_LENGTH, () -> BinaryFormat.decodeVerifyingKey(hugeCount));

        byte[] pk = BinaryFormat.encodeProvingKey(keys.provingKey());
        assertReason(Reason.BAD_LENGTH, () -> BinaryFormat.decodeProvingKey(java.util.Arrays.copyOf(pk, pk.length - 96)));
        byte[] hugeWires = pk.clone();
        hugeWires[8] = 0x7f;
        assertReason(Reason.BAD_ENCODING, () -> BinaryFormat.decodeProvingKey(hugeWires));
    }

    @Test
    void snarkjsJsonRoundTrips() throws Exception {
        VerifyingKey vk = SnarkjsJson.readVerifyingKey(SnarkjsJson.writeVerifyingKey(keys.verifyingKey()));
        assertEquals(keys.verifyingKey(), vk);
        assertEquals(proof, SnarkjsJson.readProof(SnarkjsJson.writeProof(proof)));
        assertArrayEquals(inputs, SnarkjsJson.readPublicInputs(SnarkjsJson.writePublicInputs(inputs)));
    }

    @Test
    void snarkjsGoldenProofVerifies() throws Exception {
        VerifyingKey vk = SnarkjsJson.readVerifyingKey(resource("snarkjs/verification_key.json"));
        Proof p = SnarkjsJson.readProof(resource("snarkjs/proof.json"));
        BigInteger[] x = SnarkjsJson.readPublicInputs(resource("snarkjs/public.json"));
        assertArrayEquals(new BigInteger[] {BigInteger.valueOf(33)}, x);
        PreparedVerifyingKey pvk = new PreparedVerifyingKey(vk);
        assertTrue(pvk.verify(p, x));
        assertFalse(pvk.verify(p, new BigInteger[] {BigInteger.valueOf(34)}));
        assertFalse(pvk.verify(new Proof(p.c(), p.b(), p.a()), x));
        assertFalse(new PreparedVerifyingKey(keys.verifyingKey()).verify(p, x));
    }

    @Test
    void snarkjsJsonRejectsMalformedInput() throws Exception {
        String proofJson = resource("snarkjs/proof.json");
        String vkJson = resource("snarkjs/verification_key.json");
        BigInteger ax = new BigInteger(proofJson.split("\"")[3]);
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readProof("{"));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readProof("[]"));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readProof(""));
        assertReason(Reason.UNSUPPORTED, () -> SnarkjsJson.readProof(proofJson.replace("bls12381", "bn128")));
        assertReason(Reason.UNSUPPORTED, () -> SnarkjsJson.readProof(proofJson.replace("groth16", "plonk")));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readProof(proofJson.replace("\"pi_c\"", "\"pi_x\"")));
        // coordinate ≥ p, huge numbers, non-decimal strings, numbers not as strings
        assertReason(Reason.NOT_CANONICAL, () -> SnarkjsJson.readProof(proofJson.replace(ax.toString(), ax.add(Fp.MODULUS).toString())));
        assertReason(Reason.NOT_CANONICAL, () -> SnarkjsJson.readProof(proofJson.replace(ax.toString(), "9".repeat(5000))));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readProof(proofJson.replace(ax.toString(), "-" + ax)));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readProof(proofJson.replace(ax.toString(), "0x12")));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readProof(proofJson.replace("\"" + ax + "\"", ax.toString())));
        // not on the curve; identity refused in a proof
        assertReason(Reason.NOT_ON_CURVE, () -> SnarkjsJson.readProof(proofJson.replace(ax.toString(), ax.add(BigInteger.ONE).toString())));
        // on the curve, outside G1: x = 4 gives y² = 68, a square mod p (CurveTest finds such points)
        BigInteger p = Fp.MODULUS;
        BigInteger y = null;
        BigInteger x = null;
        for (int i = 1; y == null; i++) {
            BigInteger bx = BigInteger.valueOf(i);
            BigInteger rhs = bx.pow(3).add(BigInteger.valueOf(4)).mod(p);
            BigInteger r = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            if (r.multiply(r).mod(p).equals(rhs)) {
                x = bx;
                y = r;
            }
        }
        String[] parts = proofJson.split("\"");
        String ay = parts[5];
        String outside = proofJson.replace(ax.toString(), x.toString()).replace(ay, y.toString());
        assertReason(Reason.NOT_IN_SUBGROUP, () -> SnarkjsJson.readProof(outside));
        String identity = proofJson.replace(ax.toString(), "0").replace(ay, "1").replaceFirst("\"1\"\n ]", "\"0\"\n ]");
        assertReason(Reason.IDENTITY, () -> SnarkjsJson.readProof(identity));
        // keys: nPublic mismatch, missing fields
        assertReason(Reason.BAD_LENGTH, () -> SnarkjsJson.readVerifyingKey(vkJson.replace("\"nPublic\": 1", "\"nPublic\": 2")));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readVerifyingKey(vkJson.replace("vk_delta_2", "vk_delta")));
        // public inputs
        assertReason(Reason.NOT_CANONICAL, () -> SnarkjsJson.readPublicInputs("[\"" + org.nonos.zk.bls12381.Fr.MODULUS + "\"]"));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readPublicInputs("[33]"));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readPublicInputs("{\"a\": \"1\"}"));
        assertReason(Reason.BAD_ENCODING, () -> SnarkjsJson.readPublicInputs("[" + "[".repeat(100) + "]".repeat(100) + "]"));
    }
}
