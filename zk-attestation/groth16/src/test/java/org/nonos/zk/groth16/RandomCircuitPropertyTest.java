// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.r1cs.Constraint;
import org.nonos.zk.r1cs.LinearCombination;
import org.nonos.zk.r1cs.R1cs;
import org.nonos.zk.r1cs.ScalarField;
import org.nonos.zk.r1cs.Term;

/**
 * Property: for random satisfiable R1CS (0–3 public inputs used anywhere in A, B and C,
 * repeated wires and constant terms in linear combinations, empty B or C sides), a proof of
 * the witness verifies, and changing any one public input makes it fail. Seeded; prints the
 * seed, replays with -Dseed=.
 */
class RandomCircuitPropertyTest {
    @Test
    void randomCircuitsProveAndVerify() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("RandomCircuitPropertyTest seed=" + seed + " (replay with -Dseed=" + seed + ")");
        Random rnd = new Random(seed);
        SecureRandom secure = new SecureRandom();
        for (int round = 0; round < 6; round++) {
            int numPublic = rnd.nextInt(4);
            int numPrivateInputs = 1 + rnd.nextInt(3);
            int numConstraints = 1 + rnd.nextInt(12);
            int numWires = 1 + numPublic + numPrivateInputs + numConstraints;
            BigInteger[] w = new BigInteger[numWires];
            w[0] = BigInteger.ONE;
            for (int i = 1; i <= numPublic + numPrivateInputs; i++) {
                w[i] = value(rnd);
            }
            List<Constraint> cs = new ArrayList<>();
            int next = 1 + numPublic + numPrivateInputs;
            for (int k = 0; k < numConstraints; k++) {
                LinearCombination a = randomLc(rnd, next);
                LinearCombination b = rnd.nextInt(6) == 0 ? LinearCombination.of() : randomLc(rnd, next);
                BigInteger product = ScalarField.reduce(a.evaluate(w).multiply(b.evaluate(w)));
                // C = coefficient·new + rest, with new = (product − rest)/coefficient
                LinearCombination rest = rnd.nextBoolean() ? randomLc(rnd, next) : LinearCombination.of();
                BigInteger coefficient = BigInteger.valueOf(1 + rnd.nextInt(5));
                BigInteger restValue = rest.evaluate(w);
                w[next] = ScalarField.reduce(product.subtract(restValue).multiply(coefficient.modInverse(Fr.MODULUS)));
                List<Term> c = new ArrayList<>(rest.terms());
                c.add(new Term(next, coefficient));
                cs.add(new Constraint(a, b, new LinearCombination(c)));
                next++;
            }
            R1cs r1cs = new R1cs(numWires, numPublic, cs);
            assertTrue(r1cs.isSatisfiedBy(w));
            KeyPair keys = Setup.generate(r1cs, secure);
            Proof proof = new Prover(r1cs, keys.provingKey()).prove(w, secure);
            PreparedVerifyingKey pvk = new PreparedVerifyingKey(keys.verifyingKey());
            BigInteger[] x = r1cs.publicInputs(w);
            assertTrue(pvk.verify(proof, x), "round " + round + " seed " + seed);
            for (int i = 0; i < numPublic; i++) {
                BigInteger[] changed = x.clone();
                changed[i] = changed[i].add(BigInteger.ONE).mod(Fr.MODULUS);
                assertFalse(pvk.verify(proof, changed), "round " + round + " input " + i + " seed " + seed);
            }
        }
    }

    private static BigInteger value(Random rnd) {
        return rnd.nextBoolean() ? BigInteger.valueOf(rnd.nextInt(3)) : new BigInteger(320, rnd).mod(Fr.MODULUS);
    }

    private static LinearCombination randomLc(Random rnd, int wires) {
        int n = 1 + rnd.nextInt(3);
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            terms.add(new Term(rnd.nextInt(wires), value(rnd)));
        }
        return new LinearCombination(terms);
    }
}
