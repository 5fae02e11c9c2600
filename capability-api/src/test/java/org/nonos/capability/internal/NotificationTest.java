// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.KernelError;
import org.nonos.capability.Notification;
import org.nonos.capability.Rights;

/** Notifications: signals OR their capability's badge into the word; wait and poll take it. */
class NotificationTest {

    private static DomainImpl domain;

    @BeforeAll
    static void domain() {
        domain = Fixture.domain("ntfn");
    }

    @AfterAll
    static void destroy() {
        Fixture.root().destroy(domain.id());
    }

    @Test
    void signalsCarryBadges() throws Exception {
        Capability original = Fixture.root().createNotification();
        try {
            Capability mine = domain.capability(original.transfer(domain.id()));
            Notification waiter = mine.derive(Rights.of(Rights.Right.WAIT), Rights.NONE).notification();
            Notification a = mine.derive(Rights.of(Rights.Right.SIGNAL), Rights.NONE, Badge.of(0b01), 0).notification();
            Notification b = mine.derive(Rights.of(Rights.Right.SIGNAL), Rights.NONE, Badge.of(0b10), 0).notification();
            assertEquals(0, waiter.poll());
            a.signal();
            b.signal();
            assertEquals(0b11, waiter.poll());
            assertEquals(0, waiter.poll(), "poll clears the word");
            Thread later = new Thread(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                b.signal();
            });
            later.start();
            assertEquals(0b10, waiter.await(Duration.ofSeconds(10)));
            later.join();
            Fixture.rejected(KernelError.TIMEOUT, "wait", () -> waiter.await(Duration.ofMillis(5)));
            Fixture.rejected(KernelError.RIGHTS, "signal", waiter::signal);
            Fixture.rejected(KernelError.RIGHTS, "poll", a::poll);
            Fixture.rejected(KernelError.INVAL, "wait", () -> waiter.await(null));
            Fixture.rejected(KernelError.INVAL, "wait", () -> waiter.await(Duration.ofMillis(-1)));
        } finally {
            original.close();
        }
    }
}
