// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.zk.circuit.examples.Multiplier;
import org.nonos.zk.r1cs.R1cs;

/**
 * Interoperability with snarkjs 0.7.6 and circom2 (from npm, installed by
 * {@link SnarkjsToolchain}): x·y = z compiled by circom for BLS12-381 and proved by snarkjs
 * after a small fresh ceremony verifies here; and our proof of the same relation (built from
 * R1CS records), exported as snarkjs JSON, verifies in {@code snarkjs groth16 verify}.
 */
class SnarkjsInteropTest {
    static SnarkjsToolchain tools;
    static Path work;

    @BeforeAll
    static void install() throws Exception {
        tools = SnarkjsToolchain.get();
        work = Files.createDirectories(Path.of("target", "snarkjs-interop")).toAbsolutePath();
    }

    static void ok(SnarkjsToolchain.Result r, String what) {
        assertEquals(0, r.exit(), what + " failed:\n" + r.output());
    }

    @Test
    void snarkjsProofVerifiesHere() throws Exception {
        Path dir = Files.createDirectories(work.resolve("from-snarkjs"));
        try (var in = getClass().getResourceAsStream("multiplier.circom")) {
            Files.write(dir.resolve("multiplier.circom"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("input.json"), "{\"x\": \"6\", \"y\": \"7\"}");
        ok(tools.circom(dir, "multiplier.circom", "--r1cs", "--wasm", "--prime", "bls12381", "-o", "."), "circom");
        // a small ceremony: phase 1 at power 4 (16 constraints), one contribution each phase
        ok(tools.snarkjs(dir, "powersoftau", "new", "bls12-381", "4", "pot0.ptau"), "powersoftau new");
        ok(tools.snarkjs(dir, "powersoftau", "contribute", "pot0.ptau", "pot1.ptau", "--name=one",
                "-e=" + new BigInteger(128, new SecureRandom())), "powersoftau contribute");
        ok(tools.snarkjs(dir, "powersoftau", "prepare", "phase2", "pot1.ptau", "pot.ptau"), "prepare phase2");
        ok(tools.snarkjs(dir, "groth16", "setup", "multiplier.r1cs", "pot.ptau", "m0.zkey"), "groth16 setup");
        ok(tools.snarkjs(dir, "zkey", "contribute", "m0.zkey", "m.zkey", "--name=two",
                "-e=" + new BigInteger(128, new SecureRandom())), "zkey contribute");
        ok(tools.snarkjs(dir, "zkey", "export", "verificationkey", "m.zkey", "verification_key.json"), "export vk");
        ok(tools.snarkjs(dir, "wtns", "calculate", "multiplier_js/multiplier.wasm", "input.json", "w.wtns"), "witness");
        ok(tools.snarkjs(dir, "groth16", "prove", "m.zkey", "w.wtns", "proof.json", "public.json"), "prove");

        VerifyingKey vk = SnarkjsJson.readVerifyingKey(Files.readString(dir.resolve("verification_key.json")));
        Proof proof = SnarkjsJson.readProof(Files.readString(dir.resolve("proof.json")));
        BigInteger[] inputs = SnarkjsJson.readPublicInputs(Files.readString(dir.resolve("public.json")));
        assertEquals(BigInteger.valueOf(42), inputs[0]);
        PreparedVerifyingKey pvk = new PreparedVerifyingKey(vk);
        assertTrue(pvk.verify(proof, inputs));
        assertFalse(pvk.verify(proof, new BigInteger[] {BigInteger.valueOf(43)}));
        assertTrue(BinaryFormat.decodeVerifyingKey(BinaryFormat.encodeVerifyingKey(vk)).equals(vk));
    }

    @Test
    void ourProofVerifiesInSnarkjs() throws Exception {
        exportAndVerify("to-snarkjs", Circuits.multiplier(), Circuits.multiplierWitness(6, 7));
    }

    /** The same relation made with the circuit builder's Multiplier (the circom circuit's twin). */
    @Test
    void builderMultiplierProofVerifiesInSnarkjs() throws Exception {
        Multiplier m = Multiplier.create();
        exportAndVerify("builder-to-snarkjs", m.circuit().r1cs(), m.assignment(BigInteger.valueOf(6), BigInteger.valueOf(7)));
    }

    private static void exportAndVerify(String name, R1cs circuit, BigInteger[] assignment) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        SecureRandom random = new SecureRandom();
        KeyPair keys = Setup.generate(circuit, random);
        Proof proof = new Prover(circuit, keys.provingKey()).prove(assignment, random);
        Files.writeString(dir.resolve("verification_key.json"), SnarkjsJson.writeVerifyingKey(keys.verifyingKey()));
        Files.writeString(dir.resolve("proof.json"), SnarkjsJson.writeProof(proof));
        Files.writeString(dir.resolve("public.json"), SnarkjsJson.writePublicInputs(new BigInteger[] {BigInteger.valueOf(42)}));
        SnarkjsToolchain.Result good = tools.snarkjs(dir, "groth16", "verify", "verification_key.json", "public.json", "proof.json");
        ok(good, "snarkjs groth16 verify");
        assertTrue(good.output().contains("OK"), good.output());

        Files.writeString(dir.resolve("wrong.json"), SnarkjsJson.writePublicInputs(new BigInteger[] {BigInteger.valueOf(43)}));
        SnarkjsToolchain.Result bad = tools.snarkjs(dir, "groth16", "verify", "verification_key.json", "wrong.json", "proof.json");
        assertNotEquals(0, bad.exit(), "snarkjs accepted a wrong public input:\n" + bad.output());
    }
}
