// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.MalformedException;
import org.nonos.zk.r1cs.R1cs;

class Groth16Test {
    static final SecureRandom RANDOM = new SecureRandom();
    static final int LEN = 40;
    static R1cs circuit;
    static KeyPair keys;
    static KeyPair otherKeys;
    static Prover prover;
    static PreparedVerifyingKey pvk;
    static Random rnd;

    @BeforeAll
    static void setUp() {
        rnd = new Random(Long.getLong("seed", System.nanoTime()));
        circuit = Circuits.chain(LEN);
        keys = Setup.generate(circuit, RANDOM);
        otherKeys = Setup.generate(circuit, RANDOM);
        prover = new Prover(circuit, keys.provingKey());
        pvk = new PreparedVerifyingKey(keys.verifyingKey());
    }

    static BigInteger[] witness() {
        return Circuits.chainWitness(LEN, Circuits.randomScalar(rnd), Circuits.randomScalar(rnd));
    }

    static BigInteger[] publicOf(BigInteger[] w) {
        return circuit.publicInputs(w);
    }

    @Test
    void validProofsVerify() throws Exception {
        for (int i = 0; i < 3; i++) {
            BigInteger[] w = witness();
            assertTrue(circuit.isSatisfiedBy(w));
            Proof p = prover.prove(w, RANDOM);
            assertTrue(pvk.verify(p, publicOf(w)));
        }
        // randomised: two proofs of the same witness differ
        BigInteger[] w = witness();
        assertFalse(prover.prove(w, RANDOM).equals(prover.prove(w, RANDOM)));
    }

    @Test
    void multiplierCircuit() throws Exception {
        R1cs m = Circuits.multiplier();
        KeyPair k = Setup.generate(m, RANDOM);
        Proof p = new Prover(m, k.provingKey()).prove(Circuits.multiplierWitness(3, 11), RANDOM);
        PreparedVerifyingKey v = new PreparedVerifyingKey(k.verifyingKey());
        assertTrue(v.verify(p, new BigInteger[] {BigInteger.valueOf(33)}));
        assertFalse(v.verify(p, new BigInteger[] {BigInteger.valueOf(34)}));
    }

    @Test
    void wrongInputsTamperedAndForeignProofsFail() throws Exception {
        BigInteger[] w = witness();
        BigInteger[] x = publicOf(w);
        Proof p = prover.prove(w, RANDOM);
        BigInteger[] wrong = x.clone();
        wrong[0] = wrong[0].add(BigInteger.ONE).mod(Fr.MODULUS);
        assertFalse(pvk.verify(p, wrong));
        BigInteger[] swappedInputs = {x[1], x[0]};
        assertFalse(pvk.verify(p, swappedInputs));
        // tampered points
        G1Point g = G1Point.generator();
        assertFalse(pvk.verify(new Proof(p.a().add(g), p.b(), p.c()), x));
        assertFalse(pvk.verify(new Proof(p.a(), p.b(), p.c().add(g)), x));
        assertFalse(pvk.verify(new Proof(p.a(), p.b().add(org.nonos.zk.bls12381.G2Point.generator()), p.c()), x));
        assertFalse(pvk.verify(new Proof(p.c(), p.b(), p.a()), x));
        // a proof for other inputs, and a proof under another key
        BigInteger[] w2 = witness();
        assertFalse(pvk.verify(prover.prove(w2, RANDOM), x));
        Proof foreign = new Prover(circuit, otherKeys.provingKey()).prove(w, RANDOM);
        assertFalse(pvk.verify(foreign, x));
        assertTrue(new PreparedVerifyingKey(otherKeys.verifyingKey()).verify(foreign, x));
        // inputs out of range or of the wrong count: typed errors
        BigInteger[] big = {Fr.MODULUS, x[1]};
        assertEquals(MalformedException.Reason.NOT_CANONICAL,
                assertThrows(MalformedException.class, () -> pvk.verify(p, big)).reason());
        BigInteger[] negative = {BigInteger.ONE.negate(), x[1]};
        assertThrows(MalformedException.class, () -> pvk.verify(p, negative));
        assertEquals(MalformedException.Reason.BAD_LENGTH,
                assertThrows(MalformedException.class, () -> pvk.verify(p, new BigInteger[] {x[0]})).reason());
    }

    @Test
    void proverRefusesBadAssignments() {
        BigInteger[] w = witness();
        w[5] = w[5].add(BigInteger.ONE).mod(Fr.MODULUS);
        assertThrows(IllegalArgumentException.class, () -> prover.prove(w, RANDOM));
        BigInteger[] tooShort = new BigInteger[3];
        assertThrows(IllegalArgumentException.class, () -> prover.prove(tooShort, RANDOM));
        BigInteger[] big = witness();
        big[3] = Fr.MODULUS;
        assertThrows(IllegalArgumentException.class, () -> prover.prove(big, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> new Prover(Circuits.multiplier(), keys.provingKey()));
    }

    @Test
    void batchVerification() throws Exception {
        List<Proof> proofs = new ArrayList<>();
        List<BigInteger[]> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            BigInteger[] w = witness();
            proofs.add(prover.prove(w, RANDOM));
            inputs.add(publicOf(w));
        }
        assertTrue(pvk.verifyBatch(proofs, inputs, RANDOM));
        assertTrue(pvk.verifyBatch(List.of(), List.of(), RANDOM));
        List<BigInteger[]> bad = new ArrayList<>(inputs);
        BigInteger[] changed = bad.get(2).clone();
        changed[1] = changed[1].add(BigInteger.ONE).mod(Fr.MODULUS);
        bad.set(2, changed);
        assertFalse(pvk.verifyBatch(proofs, bad, RANDOM));
        List<Proof> swapped = new ArrayList<>(proofs);
        swapped.set(0, proofs.get(1));
        swapped.set(1, proofs.get(0));
        assertFalse(pvk.verifyBatch(swapped, inputs, RANDOM));
        assertThrows(MalformedException.class, () -> pvk.verifyBatch(proofs, inputs.subList(0, 3), RANDOM));
    }
}
