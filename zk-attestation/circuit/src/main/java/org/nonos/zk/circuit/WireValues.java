// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;
import java.util.function.Function;

/** Read access to the wires computed so far in a witness pass. */
public interface WireValues {
    /** The value of {@code v}; fails when {@code v} has not been computed yet. */
    BigInteger get(Variable v);

    /** The value of the expression, mod r. */
    BigInteger eval(LinearExpr e);

    /**
     * A value computed once per witness pass and shared by the wires that ask for it with the same
     * key (compared by identity), e.g. the native trace of a hash whose intermediate values feed
     * many wires. {@code compute} sees the same wires as the caller that first asks.
     */
    <T> T shared(Object key, Function<WireValues, T> compute);
}
