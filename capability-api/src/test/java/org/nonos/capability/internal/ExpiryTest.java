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
 * on a loaded machine: a granted call must have started before {@code t}, a refused one must
 * have ended at or after {@code t} (so no call is refused early), and it must be
 * {@link KernelError#EXPIRED}.
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
        // Whether a call lands in the very last millisecond depends on the scheduler (this
        // machine is shared); the two bracket assertions below do not: no call is refused
        // before expiry, none is granted from it on. The closest grant is reported.
        long closest = Long.MAX_VALUE;
        int granted = 0;
        for (int round = 0; round < 3; round++) {
            long expiry = domain.nowMs() + 100;
            Capability timed = mine.derive(Rights.of(Rights.Right.CALL), Rights.NONE, Badge.NONE, expiry);
            assertEquals(expiry, timed.expiryMs());
            Endpoint<IntSupplier> ep = timed.endpoint(IntSupplier.class);
            while (true) {
                long t0 = domain.nowMs();
                try {
                    assertEquals(7, ep.call(IntSupplier::getAsInt));
                    long t1 = domain.nowMs();
                    assertTrue(t0 < expiry, "granted a call started at " + t0 + " on a capability expiring at " + expiry);
                    closest = Math.min(closest, Math.max(0, expiry - t1));
                    granted++;
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
        }
        assertTrue(granted > 0, "calls were granted before expiry");
        System.out.println("[expiry] " + granted + " calls granted; the closest ended " + closest + " ms before expiry");
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
