// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal.swap.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nonos.deploy.internal.swap.Echo;
import org.nonos.deploy.internal.swap.LoadReport;
import org.nonos.deploy.internal.swap.Unavailable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The test client: four threads call the driver as fast as they can. A call refused by a stopping
 * revision is made again, with the same number, on whichever revision comes next.
 */
public final class EchoClient implements BundleActivator, LoadReport {
    private static final int THREADS = 4;
    private static final long WAIT_FOR_DRIVER_MS = 10_000;

    private final AtomicLong next = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Set<Integer> revisions = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private ServiceTracker<Echo, Echo> tracker;

    @Override
    public void start(BundleContext context) {
        tracker = new ServiceTracker<>(context, Echo.class, null);
        tracker.open();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(this::load, "echo-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        context.registerService(LoadReport.class, this, null);
    }

    private void load() {
        while (running) {
            long x = next.incrementAndGet();
            while (true) {
                Echo echo;
                try {
                    echo = tracker.waitForService(WAIT_FOR_DRIVER_MS);
                } catch (InterruptedException e) {
                    lost.incrementAndGet();
                    return;
                }
                if (echo == null) {
                    lost.incrementAndGet();
                    break;
                }
                try {
                    long r = echo.echo(x);
                    if (r / 1000 == x) {
                        revisions.add((int) (r % 1000));
                        answered.incrementAndGet();
                    } else {
                        lost.incrementAndGet();
                    }
                    break;
                } catch (Unavailable e) {
                    retries.incrementAndGet();
                    // The old revision is draining; its successor registers in a few ms.
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                } catch (RuntimeException e) {
                    lost.incrementAndGet();
                    break;
                }
            }
        }
    }

    @Override
    public long issued() {
        return next.get();
    }

    @Override
    public long answered() {
        return answered.get();
    }

    @Override
    public long lost() {
        return lost.get();
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public Set<Integer> revisions() {
        return Set.copyOf(revisions);
    }

    @Override
    public void finish() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        finish();
        tracker.close();
    }
}
