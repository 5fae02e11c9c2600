// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The check in force while the verifier is being made: waits (bounded), then answers. */
class PendingCheckTest {
    private static final AttestationCheck.Outcome ACCEPT =
            new AttestationCheck.Outcome("blake3:00", true, "", "", List.of(), true);

    @Test
    void aCheckAskedWhileTheVerifierIsMadeGetsTheVerifiersAnswer() throws Exception {
        PendingCheck pending = new PendingCheck(10_000);
        CompletableFuture<AttestationCheck.Outcome> asked = CompletableFuture.supplyAsync(() -> pending.check(null));
        Thread.sleep(50);
        assertFalse(asked.isDone(), "it waits for the verifier");
        pending.ready(content -> ACCEPT);
        assertTrue(asked.get(5, TimeUnit.SECONDS).valid());
    }

    @Test
    void aFailedAnchorAnswersAtOnceWithItsReason() throws Exception {
        PendingCheck pending = new PendingCheck(60_000);
        CompletableFuture<AttestationCheck.Outcome> asked = CompletableFuture.supplyAsync(() -> pending.check(null));
        pending.failed("NO_TRUST_ANCHOR", "etc/trust: bad signature");
        AttestationCheck.Outcome o = asked.get(5, TimeUnit.SECONDS);
        assertFalse(o.valid());
        assertEquals("NO_TRUST_ANCHOR", o.reason());
        assertFalse(o.definitive(), "a refusal for want of a verifier is not remembered");
        assertEquals("NO_TRUST_ANCHOR", pending.check(null).reason(), "and later checks do not wait");
    }

    @Test
    void aCheckThatFindsNoVerifierTellsTheMaker() throws Exception {
        PendingCheck pending = new PendingCheck(10_000);
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        pending.whenAsked(() -> {
            asked.countDown();
            pending.ready(content -> ACCEPT); // the maker, told, finishes
        });
        assertTrue(pending.check(null).valid());
        assertEquals(0, asked.getCount());
    }

    @Test
    void aMakerSetUpAfterTheVerifierWasNeededHearsOfItAtOnce() {
        // The gate's start: the boot's verification asks first, the verifier's maker is set up after.
        PendingCheck pending = new PendingCheck(10_000);
        pending.needed();
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        pending.whenAsked(told::incrementAndGet);
        assertEquals(1, told.get(), "the earlier request is not lost");

        PendingCheck inForce = new PendingCheck(10_000);
        inForce.needed();
        inForce.ready(content -> ACCEPT);
        java.util.concurrent.atomic.AtomicInteger notTold = new java.util.concurrent.atomic.AtomicInteger();
        inForce.whenAsked(notTold::incrementAndGet);
        assertEquals(0, notTold.get(), "a verifier in force needs no hurry");

        PendingCheck neverAsked = new PendingCheck(10_000);
        neverAsked.whenAsked(notTold::incrementAndGet);
        assertEquals(0, notTold.get(), "nobody asked");
    }

    @Test
    void theWaitIsBoundedAndFailsClosed() {
        PendingCheck pending = new PendingCheck(30);
        AttestationCheck.Outcome o = pending.check(null);
        assertFalse(o.valid());
        assertEquals("NOT_READY", o.reason());
        assertFalse(o.definitive());
    }
}
