// SPDX-License-Identifier: Apache-2.0
package org.nonos.test.support;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A small seeded property harness on JUnit 5: a property runs for a number of trials, each
 * with its own generator derived from one seed. The seed is printed, and carried in every
 * failure's message; {@code -Dseed=<n>} replays a run exactly.
 */
public final class Seeded {

    /** One trial of a property, told its number. */
    @FunctionalInterface
    public interface Trial {
        void run(SplittableRandom random, int trial) throws Exception;
    }

    /** One property, checked against a generator. */
    @FunctionalInterface
    public interface Property {
        void check(SplittableRandom random) throws Exception;
    }

    private Seeded() {
    }

    /** The seed of this run: {@code -Dseed} when given, else a fresh random one. */
    public static long seed() {
        String given = System.getProperty("seed");
        return given != null && !given.isBlank() ? Long.decode(given.trim()) : new SecureRandom().nextLong();
    }

    /** Runs {@code trials} trials of {@code property}; a failure names the seed to replay it. */
    public static void check(String property, int trials, Trial trial) {
        long seed = seed();
        System.out.println("[seeded] " + property + " seed=" + seed + " (replay with -Dseed=" + seed + ")");
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < trials; i++) {
            SplittableRandom r = master.split();
            try {
                trial.run(r, i);
            } catch (Throwable t) {
                throw new AssertionError(property + " failed at trial " + i + " (replay with -Dseed=" + seed + "): "
                        + t.getMessage(), t);
            }
        }
    }

    /** {@link #check} for a property that does not need the trial's number. */
    public static void forAll(String property, int trials, Property check) {
        check(property, trials, (random, trial) -> check.check(random));
    }
}
