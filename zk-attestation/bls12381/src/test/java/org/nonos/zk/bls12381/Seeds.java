// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;
import java.util.Random;

/** The seeded generator of the property tests: prints its seed, replays with -Dseed=. */
final class Seeds {
    private Seeds() {}

    static Random random(String test) {
        String fixed = System.getProperty("seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        System.out.println(test + " seed=" + seed + " (replay with -Dseed=" + seed + ")");
        return new Random(seed);
    }

    static BigInteger scalar(Random rnd) {
        return new BigInteger(320, rnd).mod(Fr.MODULUS);
    }
}
