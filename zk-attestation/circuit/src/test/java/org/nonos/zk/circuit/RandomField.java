// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;
import java.util.SplittableRandom;

/** Random integers and field elements for the circuit's property tests (org.nonos.test.support.Seeded). */
public final class RandomField {
    private RandomField() {}

    /** A uniform n-bit non-negative integer. */
    public static BigInteger bits(SplittableRandom random, int n) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < n; i += 63) {
            v = v.shiftLeft(63).or(BigInteger.valueOf(random.nextLong() >>> 1));
        }
        return v.mod(BigInteger.ONE.shiftLeft(n));
    }

    /** A field element, uniform enough for tests. */
    public static BigInteger fieldElement(SplittableRandom random) {
        return bits(random, 320).mod(Fr.R);
    }
}
