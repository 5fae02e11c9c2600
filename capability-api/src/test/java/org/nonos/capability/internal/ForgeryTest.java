// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Capability;
import org.nonos.capability.KernelError;
import org.nonos.test.support.Seeded;

/**
 * Handles cannot be forged (kernel.h, handle layout: a keyed tag over domain, slot and
 * generation): another domain's handle, a guessed one, a stale one are all unknown
 * ({@link KernelError#BAD_HANDLE}), audited, and change nothing.
 */
class ForgeryTest {

    private static DomainImpl alice;
    private static DomainImpl mallory;
    private static Capability original;
    private static Capability alices;

    @BeforeAll
    static void setUp() {
        alice = Fixture.domain("alice");
        mallory = Fixture.domain("mallory");
        original = Fixture.root().createEndpoint();
        alices = alice.capability(original.transfer(alice.id()));
        Fixture.kernel().servers().register(alices.info().objectId(), (IntSupplier) () -> 7);
    }

    @AfterAll
    static void tearDown() {
        original.close();
        Fixture.root().destroy(alice.id());
        Fixture.root().destroy(mallory.id());
    }

    /** A Java view of {@code handle} as if {@code holder} held it: what a forger would build. */
    private static Capability forged(DomainImpl holder, long handle) {
        return new CapabilityImpl(holder, handle, alices.info());
    }

    @Test
    void anotherDomainsHandleIsUnknown() {
        long h = alices.handle();
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.info", () -> mallory.capability(h));
        Fixture.rejected(KernelError.BAD_HANDLE, "call",
                () -> forged(mallory, h).endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.derive", () -> forged(mallory, h).derive(alices.rights(), alices.deriveMask()));
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.transfer", () -> forged(mallory, h).transfer(mallory.id()));
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.revoke", () -> forged(mallory, h).revoke());
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.delete", () -> forged(mallory, h).delete());
        assertEquals(7, alices.endpoint(IntSupplier.class).call(IntSupplier::getAsInt), "the owner's capability still works");
        assertEquals(0, mallory.handles().length, "nothing reached the forger's domain");
    }

    @Test
    void guessedHandlesAreUnknown() {
        long h = alices.handle();
        Seeded.check("guessed handles are unknown", 300, (r, trial) -> {
            long guess = switch (r.nextInt(4)) {
                case 0 -> h ^ (1L << r.nextInt(64));            // one bit of slot, generation or tag
                case 1 -> h ^ (r.nextLong() & 0xffff_ffff_0000_0000L); // another tag
                case 2 -> (h & 0xffff_ffff_0000_0000L) | (r.nextLong() & 0xffff_ffffL); // another slot/generation
                default -> r.nextLong();
            };
            if (guess == h) {
                return;
            }
            Fixture.rejected(KernelError.BAD_HANDLE, "cap.info", () -> alice.capability(guess));
            Fixture.rejected(KernelError.BAD_HANDLE, "call", () -> forged(alice, guess).endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
        });
        assertTrue(alices.info().rights().contains(org.nonos.capability.Rights.Right.CALL));
    }

    @Test
    void staleHandlesAreUnknown() {
        Capability child = alices.derive(alices.rights(), alices.deriveMask());
        long stale = child.handle();
        child.delete();
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.info", () -> alice.capability(stale));
        Capability reused = alices.derive(alices.rights(), alices.deriveMask()); // may take the same slot
        Fixture.rejected(KernelError.BAD_HANDLE, "call", () -> forged(alice, stale).endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
        reused.close();
    }

    @Test
    void zeroIsNeverAHandle() {
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.info", () -> alice.capability(0));
    }
}
