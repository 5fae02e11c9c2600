// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockoutTest {
    private final MutableClock clock = new MutableClock();
    private final Lockout lockout = new Lockout(clock, Duration.ofSeconds(30), Duration.ofSeconds(200));

    @Test
    void fourFailuresDoNotLock() {
        for (int i = 0; i < 4; i++) {
            assertEquals(Duration.ZERO, lockout.failure());
        }
        assertEquals(Duration.ZERO, lockout.remaining());
    }

    @Test
    void fifthFailureLocksAndEachFurtherOneDoublesUpToTheCap() {
        for (int i = 0; i < 4; i++) {
            lockout.failure();
        }
        assertEquals(Duration.ofSeconds(30), lockout.failure());
        assertEquals(Duration.ofSeconds(30), lockout.remaining());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(20), lockout.remaining());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Duration.ZERO, lockout.remaining());
        assertEquals(Duration.ofSeconds(60), lockout.failure());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(120), lockout.failure());
        clock.advance(Duration.ofSeconds(120));
        assertEquals(Duration.ofSeconds(200), lockout.failure(), "capped at the maximum");
        clock.advance(Duration.ofSeconds(200));
        assertEquals(Duration.ofSeconds(200), lockout.failure());
    }

    @Test
    void successResets() {
        for (int i = 0; i < 5; i++) {
            lockout.failure();
        }
        clock.advance(Duration.ofSeconds(30));
        lockout.success();
        assertEquals(0, lockout.failures());
        for (int i = 0; i < 4; i++) {
            assertEquals(Duration.ZERO, lockout.failure());
        }
        assertEquals(Duration.ofSeconds(30), lockout.failure(), "a fresh run starts at the base delay again");
    }

    @Test
    void badDelaysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Lockout(clock, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Lockout(clock, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
