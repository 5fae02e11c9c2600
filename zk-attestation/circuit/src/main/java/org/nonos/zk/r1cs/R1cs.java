// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.r1cs;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;

/**
 * An immutable rank-1 constraint system.
 *
 * @param numWires     total wires, including wire 0 (the constant one) and the public inputs
 * @param numPublic    number of public inputs; they occupy wires 1..numPublic
 * @param constraints  the constraints, in order
 */
public record R1cs(int numWires, int numPublic, List<Constraint> constraints) {
    public R1cs {
        if (numPublic < 0 || numWires < 1 + numPublic) {
            throw new IllegalArgumentException("need numWires ≥ 1 + numPublic, got " + numWires + ", " + numPublic);
        }
        constraints = List.copyOf(constraints);
        for (Constraint k : constraints) {
            int max = Math.max(k.a().maxWire(), Math.max(k.b().maxWire(), k.c().maxWire()));
            if (max >= numWires) {
                throw new IllegalArgumentException("constraint uses wire " + max + " of " + numWires);
            }
        }
    }

    /**
     * Checks a full assignment (length numWires, wire 0 = 1, every value canonical).
     *
     * @return the index of the first unsatisfied constraint, or empty when all hold
     * @throws IllegalArgumentException when the assignment has the wrong shape
     */
    public OptionalInt firstUnsatisfied(BigInteger[] assignment) {
        checkAssignment(assignment);
        for (int i = 0; i < constraints.size(); i++) {
            if (!constraints.get(i).isSatisfiedBy(assignment)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public boolean isSatisfiedBy(BigInteger[] assignment) {
        return firstUnsatisfied(assignment).isEmpty();
    }

    /** The public inputs of a full assignment: wires 1..numPublic. */
    public BigInteger[] publicInputs(BigInteger[] assignment) {
        checkAssignment(assignment);
        BigInteger[] out = new BigInteger[numPublic];
        System.arraycopy(assignment, 1, out, 0, numPublic);
        return out;
    }

    private void checkAssignment(BigInteger[] assignment) {
        if (assignment.length != numWires) {
            throw new IllegalArgumentException("assignment has " + assignment.length + " wires, system has " + numWires);
        }
        if (!BigInteger.ONE.equals(assignment[0])) {
            throw new IllegalArgumentException("wire 0 must be the constant 1");
        }
        for (BigInteger v : assignment) {
            if (v == null || !ScalarField.isCanonical(v)) {
                throw new IllegalArgumentException("assignment value missing or not in [0, r)");
            }
        }
    }
}
