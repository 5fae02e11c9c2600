// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands the memory of a password check back to the host. Argon2id fills its whole memory cost
 * (64 MiB by default) with blocks that are garbage the moment the hash is done; they outlive the
 * young generation, so without a full collection they stay in the heap, and the process keeps
 * them resident (about 70 MB more after the first login). A login is rare and the boot's resident
 * set is small, so after each password check one full collection runs on a thread of its own: the
 * answer on the line does not wait for it, and the JVM then shrinks the heap
 * ({@code -XX:MaxHeapFreeRatio} in etc/jvm.options) and returns the pages. Requests that arrive
 * while one runs are folded into it.
 */
public final class HeapTrim implements Runnable {
    private final Runnable collect;
    private final AtomicBoolean running = new AtomicBoolean();

    /** Over {@code collect}: a full collection (tests count calls instead). */
    public HeapTrim(Runnable collect) {
        this.collect = collect;
    }

    /** Over {@link System#gc()}. */
    public static HeapTrim ofTheJvm() {
        return new HeapTrim(System::gc);
    }

    /** Starts a collection unless one is running; returns at once. */
    @Override
    public void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                collect.run();
            } finally {
                running.set(false);
            }
        }, "nonos-heap-trim");
        t.setDaemon(true);
        t.start();
    }
}
