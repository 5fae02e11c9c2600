// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;

/**
 * Computes a wire's value in the witness pass from wires allocated before it. It must return a
 * canonical element of Fr and read only earlier wires (reading a later one fails the pass).
 */
@FunctionalInterface
public interface ValueFunction {
    BigInteger compute(WireValues values);
}
