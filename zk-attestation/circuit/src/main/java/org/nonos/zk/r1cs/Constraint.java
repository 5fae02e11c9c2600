// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.r1cs;

import java.math.BigInteger;
import java.util.Objects;

/** One rank-1 constraint: ⟨a, w⟩ · ⟨b, w⟩ = ⟨c, w⟩ over Fr. */
public record Constraint(LinearCombination a, LinearCombination b, LinearCombination c) {
    public Constraint {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
    }

    public boolean isSatisfiedBy(BigInteger[] assignment) {
        BigInteger left = ScalarField.reduce(a.evaluate(assignment).multiply(b.evaluate(assignment)));
        return left.equals(c.evaluate(assignment));
    }
}
