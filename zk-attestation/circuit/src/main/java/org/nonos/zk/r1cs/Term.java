// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.r1cs;

import java.math.BigInteger;
import java.util.Objects;

/** One term {@code coefficient · wire[wire]} of a linear combination; the coefficient is canonical. */
public record Term(int wire, BigInteger coefficient) {
    public Term {
        if (wire < 0) {
            throw new IllegalArgumentException("negative wire index " + wire);
        }
        Objects.requireNonNull(coefficient, "coefficient");
        if (!ScalarField.isCanonical(coefficient)) {
            throw new IllegalArgumentException("coefficient not in [0, r)");
        }
    }
}
