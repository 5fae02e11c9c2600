// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * Calls through endpoint capabilities: authorised by the kernel, dispatched to the serving
 * object itself (no copy), refused at once after revocation, also while other threads call.
 */
class EndpointTest {

    /** A service whose result is the server's own state, to show that nothing is copied. */
    interface Store {
        List<String> items();
    }

    private static DomainImpl server;
    private static DomainImpl client;

    @BeforeAll
    static void domains() {
        server = Fixture.domain("server");
        client = Fixture.domain("client");
    }

    @AfterAll
    static void destroy() {
        Fixture.root().destroy(server.id());
        Fixture.root().destroy(client.id());
    }

    @Test
    void callsReachTheServingObjectItself() {
        Capability original = Fixture.root().createEndpoint();
        try {
            Capability serving = server.capability(original.transfer(server.id()));
            List<String> state = new ArrayList<>();
            Store service = () -> state;
            Endpoint.Serving serves = server.serve(serving, Store.class, service);
            Capability granted = client.capability(serving.derive(Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER),
                    Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER)).transfer(client.id()));
            Endpoint<Store> ep = granted.endpoint(Store.class);
            assertSame(state, ep.call(Store::items), "the caller reaches the server's own object");
            ep.run(store -> store.items().add("hello"));
            assertEquals(List.of("hello"), state);
            serves.close();
            Capability caller = client.capability(serving.transfer(client.id()));
            Fixture.rejected(KernelError.WOULD_BLOCK, "call", () -> caller.endpoint(Store.class).call(Store::items));
        } finally {
            original.close();
        }
    }

    @Test
    void aServerTellsClientsApartByTheirBadges() {
        Capability original = Fixture.root().createEndpoint();
        try {
            Capability serving = server.capability(original.transfer(server.id()));
            server.serveBadged(serving, Greeting.class, badge -> () -> "client " + badge.value());
            Rights callAndPass = Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER);
            Capability alice = client.capability(
                    serving.derive(callAndPass, callAndPass, Badge.of(1), 0).transfer(client.id()));
            Capability bob = client.capability(
                    serving.derive(callAndPass, callAndPass, Badge.of(2), 0).transfer(client.id()));
            assertEquals(Badge.of(1), alice.badge(), "the badge travels with the transfer");
            assertEquals("client 1", alice.endpoint(Greeting.class).call(Greeting::get));
            assertEquals("client 2", bob.endpoint(Greeting.class).call(Greeting::get));
            Capability unbadged = client.capability(serving.transfer(client.id()));
            assertEquals("client 0", unbadged.endpoint(Greeting.class).call(Greeting::get));
            Fixture.rejected(KernelError.WRONG_TYPE, "call",
                    () -> alice.endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
            Fixture.rejected(KernelError.INVAL, "serve", () -> server.serveBadged(serving, Greeting.class, null));
        } finally {
            original.close();
        }
    }

    /** A service per client: the result names the badge it was chosen for. */
    interface Greeting {
        String get();
    }

    @Test
    void callNeedsTheCallRightAndAnEndpoint() {
        Capability original = Fixture.root().createEndpoint();
        Capability ntfn = Fixture.root().createNotification();
        try {
            Capability mine = client.capability(original.transfer(client.id()));
            server.serve(server.capability(original.transfer(server.id())), IntSupplier.class, () -> 1);
            Capability noCall = mine.derive(Rights.ALL.without(Rights.Right.CALL), Rights.ALL);
            Fixture.rejected(KernelError.RIGHTS, "call", () -> noCall.endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
            Fixture.rejected(KernelError.WRONG_TYPE, "call", () -> Fixture.root().capability(ntfn.handle()).endpoint(Runnable.class));
            Fixture.rejected(KernelError.WRONG_TYPE, "call", () -> mine.endpoint(Runnable.class).run(Runnable::run));
            Capability noRecv = mine.derive(Rights.of(Rights.Right.CALL), Rights.NONE);
            Fixture.rejected(KernelError.RIGHTS, "serve", () -> client.serve(noRecv, IntSupplier.class, () -> 2));
            assertEquals(1, mine.endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
        } finally {
            original.close();
            ntfn.close();
        }
    }

    @Test
    void aRevokedCapabilityFailsItsNextCallEvenUnderConcurrentCalls() throws Exception {
        Capability original = Fixture.root().createEndpoint();
        try {
            Capability serving = server.capability(original.transfer(server.id()));
            AtomicLong served = new AtomicLong();
            server.serve(serving, Runnable.class, served::incrementAndGet);
            Capability granted = client.capability(serving.transfer(client.id()));
            Endpoint<Runnable> ep = granted.endpoint(Runnable.class);
            AtomicBoolean revoked = new AtomicBoolean();
            AtomicReference<Throwable> wrong = new AtomicReference<>();
            CountDownLatch running = new CountDownLatch(4);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    running.countDown();
                    for (int i = 0; i < 2_000_000; i++) {
                        boolean revokedBefore = revoked.get();
                        try {
                            ep.run(Runnable::run);
                            if (revokedBefore) {
                                wrong.compareAndSet(null, new AssertionError("a call started after revoke was granted"));
                                return;
                            }
                        } catch (CapabilityException e) {
                            if (!revokedBefore && !revoked.get()) {
                                wrong.compareAndSet(null, e);
                            }
                            if (e.error() != KernelError.BAD_HANDLE && e.error() != KernelError.REVOKED) {
                                wrong.compareAndSet(null, e);
                            }
                            return;
                        }
                    }
                });
                threads.add(th);
                th.start();
            }
            running.await();
            while (served.get() < 1000) {
                Thread.onSpinWait();
            }
            serving.revoke();
            revoked.set(true);
            for (Thread th : threads) {
                th.join();
            }
            if (wrong.get() != null) {
                throw new AssertionError(wrong.get());
            }
            assertTrue(served.get() >= 1000);
            assertTrue(RevokeTest.alive(serving), "revoke keeps the capability itself");
        } finally {
            original.close();
        }
    }
}
