// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeapTrimTest {
    @Test
    void requestsWhileACollectionRunsAreFoldedIntoIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger collections = new AtomicInteger();
        HeapTrim trim = new HeapTrim(() -> {
            collections.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        trim.run();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        trim.run();
        trim.run();
        assertEquals(1, collections.get(), "the requests while it ran were folded into it");
        release.countDown();
        // Once the running one is done, a new request starts a new collection.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (collections.get() == 1 && System.nanoTime() < deadline) {
            trim.run();
            Thread.sleep(10);
        }
        assertEquals(2, collections.get(), "one collection for the three requests, then one more");
    }

    @Test
    void everyDerivationIsFollowedByATrimEvenWhenItFails() {
        AtomicInteger trims = new AtomicInteger();
        PasswordCrypto crypto = new PasswordCrypto() {
            @Override
            public byte[] argon2id(byte[] password, byte[] salt, Argon2Profile profile, int length) {
                if (password.length == 0) {
                    throw new CryptoUnavailableException("no service");
                }
                return new byte[length];
            }

            @Override
            public void randomBytes(byte[] out) {
            }
        };
        PasswordHasher hasher = new PasswordHasher(new Argon2Profile(8, 1, 1), crypto, SecretEquality.CONSTANT_TIME,
                trims::incrementAndGet);
        PasswordHash h = hasher.hash("secret".toCharArray());
        assertEquals(1, trims.get());
        hasher.verify("secret".toCharArray(), h);
        assertEquals(2, trims.get());
        assertThrows(PasswordCrypto.CryptoUnavailableException.class, () -> hasher.verify(new char[0], h));
        assertEquals(3, trims.get());
    }
}
