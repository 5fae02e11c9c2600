// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;

/** Read access to the wires computed so far in a witness pass. */
public interface WireValues {
    /** The value of {@code v}; fails when {@code v} has not been computed yet. */
    BigInteger get(Variable v);

    /** The value of the expression, mod r. */
    BigInteger eval(LinearExpr e);
}
