// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed-login lockout of one line. After {@link #THRESHOLD} failures in a row the line is locked for
 * the base delay; every further failure after that doubles the delay, up to the maximum. A success
 * resets it. The state belongs to the line, not to a session: hanging up does not clear a lock.
 */
public final class Lockout {
    public static final int THRESHOLD = 5;

    private final Clock clock;
    private final Duration base;
    private final Duration max;
    private int failures;
    private Instant lockedUntil = Instant.MIN;

    public Lockout(Clock clock, Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("lockout delays must be positive and base <= max");
        }
        this.clock = clock;
        this.base = base;
        this.max = max;
    }

    /** Time left before the next attempt is allowed; zero when the line is not locked. */
    public synchronized Duration remaining() {
        Duration d = Duration.between(clock.instant(), lockedUntil);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public synchronized int failures() {
        return failures;
    }

    /** Records a failure; returns the lock it causes (zero below the threshold). */
    public synchronized Duration failure() {
        failures++;
        if (failures < THRESHOLD) {
            return Duration.ZERO;
        }
        Duration d = delayFor(failures);
        lockedUntil = clock.instant().plus(d);
        return d;
    }

    public synchronized void success() {
        failures = 0;
        lockedUntil = Instant.MIN;
    }

    /** base × 2^(failures − THRESHOLD), capped at max. */
    Duration delayFor(int failureCount) {
        int doublings = failureCount - THRESHOLD;
        Duration d = base;
        for (int i = 0; i < doublings && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
