// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nonos.zk.r1cs.Constraint;
import org.nonos.zk.r1cs.LinearCombination;
import org.nonos.zk.r1cs.R1cs;
import org.nonos.zk.r1cs.ScalarField;
import org.nonos.zk.r1cs.Term;

class MultiplierTest {
    @Test
    void theSystemIsCircomsLayout() {
        R1cs r = Multiplier.create().circuit().r1cs();
        // snarkjs r1cs print: [ −1·main.x ] * [ main.y ] - [ −1·main.z ] = 0
        BigInteger minusOne = ScalarField.MODULUS.subtract(BigInteger.ONE);
        LinearCombination x = LinearCombination.of(new Term(2, minusOne));
        LinearCombination y = LinearCombination.of(new Term(3, BigInteger.ONE));
        LinearCombination z = LinearCombination.of(new Term(1, minusOne));
        assertEquals(new R1cs(4, 1, List.of(new Constraint(x, y, z))), r);
    }

    @Test
    void assignmentIsOneZXY() {
        Multiplier m = Multiplier.create();
        BigInteger[] w = m.assignment(BigInteger.valueOf(3), BigInteger.valueOf(11));
        assertArrayEquals(new BigInteger[] {BigInteger.ONE, BigInteger.valueOf(33), BigInteger.valueOf(3),
            BigInteger.valueOf(11)}, w);
        assertTrue(m.circuit().isSatisfiedBy(w));
        w[1] = BigInteger.valueOf(34);
        assertFalse(m.circuit().isSatisfiedBy(w));
    }
}
