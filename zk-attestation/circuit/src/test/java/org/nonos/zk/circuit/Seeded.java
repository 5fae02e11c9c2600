// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * A small seeded property harness on JUnit 5: runs a property for a number of trials from one
 * seed, prints the seed, and names it in the failure so the run can be replayed with
 * {@code -Dseed=<value>}.
 */
public final class Seeded {
    /** One property, checked against a generator. */
    @FunctionalInterface
    public interface Property {
        void check(SplittableRandom random) throws Exception;
    }

    private Seeded() {}

    /** The seed of this run: -Dseed when given, otherwise fresh. */
    public static long seed() {
        String s = System.getProperty("seed");
        return s == null || s.isBlank() ? System.nanoTime() ^ 0x9E3779B97F4A7C15L : Long.parseLong(s.trim());
    }

    /** Runs {@code trials} trials; a failure is rethrown with the seed and trial number. */
    public static void forAll(String name, int trials, Property property) {
        long seed = seed();
        System.out.println("property " + name + ": seed=" + seed + " (replay with -Dseed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < trials; i++) {
            SplittableRandom trial = random.split();
            try {
                property.check(trial);
            } catch (Throwable t) {
                throw new AssertionError("property " + name + " failed at trial " + i + " with -Dseed=" + seed + ": " + t, t);
            }
        }
    }

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
