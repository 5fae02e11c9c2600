// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

/** The seed of a property test: -Dseed=N replays a run; otherwise a fresh seed, printed. */
final class Seeds {
    private Seeds() {}

    static long seed() {
        String given = System.getProperty("seed");
        long seed = given != null ? Long.parseLong(given) : new java.security.SecureRandom().nextLong();
        System.out.println("property test seed: " + seed + " (replay with -Dseed=" + seed + ")");
        return seed;
    }
}
