// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Endpoint;
import org.nonos.capability.KernelError;
import org.nonos.capability.Rights;

/**
 * Expiry is enforced to the millisecond on the kernel's monotonic clock: a capability with
 * expiry {@code t} works for calls made while the clock reads less than {@code t} and fails
 * every use from {@code t} on. Each call is bracketed by two clock reads, so the test holds
 * on a loaded machine: a granted call must have started before {@code t}, a call started at
 * or after {@code t} must be refused with {@link KernelError#EXPIRED}.
 */
class ExpiryTest {

    private static DomainImpl domain;
    private static Capability original;
    private static Capability mine;

    @BeforeAll
    static void setUp() {
        domain = Fixture.domain("expiry");
        original = Fixture.root().createEndpoint();
        mine = domain.capability(original.transfer(domain.id()));
        domain.serve(mine, IntSupplier.class, () -> 7);
    }

    @AfterAll
    static void tearDown() {
        original.close();
        Fixture.root().destroy(domain.id());
    }

    @Test
    void callsWorkUntilTheMillisecondOfExpiryAndFailFromIt() {
        // The last millisecond must be seen granted at least once; a descheduled thread may
        // miss it, so a few rounds are allowed to show it.
        for (int round = 0; round < 5; round++) {
            long expiry = domain.nowMs() + 25;
            Capability timed = mine.derive(Rights.of(Rights.Right.CALL), Rights.NONE, Badge.NONE, expiry);
            assertEquals(expiry, timed.expiryMs());
            Endpoint<IntSupplier> ep = timed.endpoint(IntSupplier.class);
            boolean lastMillisecondGranted = false;
            while (true) {
                long t0 = domain.nowMs();
                try {
                    assertEquals(7, ep.call(IntSupplier::getAsInt));
                    long t1 = domain.nowMs();
                    assertTrue(t0 < expiry, "granted a call started at " + t0 + " on a capability expiring at " + expiry);
                    lastMillisecondGranted |= t1 >= expiry - 1;
                } catch (CapabilityException e) {
                    long t1 = domain.nowMs();
                    assertEquals(KernelError.EXPIRED, e.error());
                    assertTrue(t1 >= expiry, "refused a call ended at " + t1 + " before expiry " + expiry);
                    break;
                }
                if (t0 > expiry + 1000) {
                    fail("the capability never expired");
                }
            }
            long after = domain.nowMs();
            assertTrue(after >= expiry);
            long before = Fixture.kernel().auditCount();
            CapabilityException again = org.junit.jupiter.api.Assertions.assertThrows(CapabilityException.class,
                    () -> ep.call(IntSupplier::getAsInt));
            assertEquals(KernelError.EXPIRED, again.error(), "every use after expiry fails");
            Fixture.assertAudited(before, "call", KernelError.EXPIRED);
            Fixture.rejected(KernelError.EXPIRED, "cap.info", timed::info);
            timed.close();
            if (lastMillisecondGranted) {
                return;
            }
        }
        fail("in five rounds, no call was granted in the millisecond before expiry");
    }

    @Test
    void expiryCannotBeExtendedOrInThePast() {
        long expiry = domain.nowMs() + 60_000;
        Capability timed = mine.derive(Rights.ALL, Rights.ALL, Badge.NONE, expiry);
        try {
            Fixture.rejected(KernelError.INVAL, "cap.derive",
                    () -> timed.derive(Rights.ALL, Rights.ALL, Badge.NONE, expiry + 1));
            Fixture.rejected(KernelError.INVAL, "cap.derive",
                    () -> mine.derive(Rights.ALL, Rights.ALL, Badge.NONE, domain.nowMs() - 1));
            Fixture.rejected(KernelError.INVAL, "cap.derive",
                    () -> mine.derive(Rights.ALL, Rights.ALL, Badge.NONE, -5));
            assertEquals(expiry, timed.derive(Rights.ALL, Rights.ALL).expiryMs(), "expiry 0 inherits the parent's");
            assertEquals(expiry - 1, timed.derive(Rights.ALL, Rights.ALL, Badge.NONE, expiry - 1).expiryMs());
        } finally {
            timed.close();
        }
    }
}
