// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.r1cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class R1csTest {
    private static final BigInteger ONE = BigInteger.ONE;

    /** x · x = y with y public (wire 1) and x private (wire 2). */
    private static R1cs square() {
        LinearCombination x = LinearCombination.of(new Term(2, ONE));
        LinearCombination y = LinearCombination.of(new Term(1, ONE));
        return new R1cs(3, 1, List.of(new Constraint(x, x, y)));
    }

    @Test
    void satisfiedAssignmentPasses() {
        BigInteger[] w = {ONE, BigInteger.valueOf(49), BigInteger.valueOf(7)};
        assertTrue(square().isSatisfiedBy(w));
        assertEquals(List.of(BigInteger.valueOf(49)), List.of(square().publicInputs(w)));
    }

    @Test
    void wrongAssignmentFailsAtItsConstraint() {
        BigInteger[] w = {ONE, BigInteger.valueOf(50), BigInteger.valueOf(7)};
        assertFalse(square().isSatisfiedBy(w));
        assertEquals(0, square().firstUnsatisfied(w).getAsInt());
    }

    @Test
    void arithmeticIsModR() {
        // (r-1)·(r-1) = 1 mod r
        BigInteger minusOne = ScalarField.MODULUS.subtract(ONE);
        BigInteger[] w = {ONE, ONE, minusOne};
        assertTrue(square().isSatisfiedBy(w));
    }

    @Test
    void malformedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> square().isSatisfiedBy(new BigInteger[] {ONE, ONE}));
        assertThrows(IllegalArgumentException.class,
                () -> square().isSatisfiedBy(new BigInteger[] {BigInteger.TWO, ONE, ONE}));
        assertThrows(IllegalArgumentException.class,
                () -> square().isSatisfiedBy(new BigInteger[] {ONE, ScalarField.MODULUS, ONE}));
        assertThrows(IllegalArgumentException.class, () -> new Term(0, ScalarField.MODULUS));
        LinearCombination far = LinearCombination.of(new Term(9, ONE));
        assertThrows(IllegalArgumentException.class,
                () -> new R1cs(3, 1, List.of(new Constraint(far, far, far))));
    }
}
