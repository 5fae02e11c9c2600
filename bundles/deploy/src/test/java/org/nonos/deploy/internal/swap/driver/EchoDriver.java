// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal.swap.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.nonos.deploy.internal.swap.Echo;
import org.nonos.deploy.internal.swap.Unavailable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The test driver. Its revision number comes from {@code revision.txt} in its own jar. Stopping
 * refuses new calls ({@link Unavailable}) and waits for the calls in flight to finish on this
 * revision: a call either completes here or is refused before it started.
 */
public final class EchoDriver implements BundleActivator, Echo {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;
    private int revision;

    @Override
    public void start(BundleContext context) throws IOException {
        try (InputStream in = context.getBundle().getEntry("revision.txt").openStream()) {
            revision = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
        context.registerService(Echo.class, this, null);
    }

    @Override
    public long echo(long x) {
        inFlight.incrementAndGet();
        try {
            if (closing) {
                throw new Unavailable();
            }
            // A little work, so that calls are really in flight when the update comes.
            long deadline = System.nanoTime() + 20_000;
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return x * 1000 + revision;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        closing = true;
        while (inFlight.get() > 0) {
            Thread.sleep(0, 100_000);
        }
    }
}
