// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.util.Random;

/** The seed of a property test: -Dseed=N replays one run; otherwise a fresh seed, printed. */
final class Seeds {
    private Seeds() {}

    static Random random(String test) {
        String given = System.getProperty("seed");
        long seed = given != null ? Long.parseLong(given) : new Random().nextLong();
        System.out.println(test + " seed=" + seed + " (replay with -Dseed=" + seed + ")");
        return new Random(seed);
    }
}
