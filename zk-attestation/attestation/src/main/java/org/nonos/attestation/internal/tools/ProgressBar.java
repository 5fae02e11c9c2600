// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal.tools;

import java.io.PrintStream;
import java.util.Locale;
import org.nonos.attestation.internal.Attester;

/**
 * A one-line progress bar on stderr: the stage, its share of the work, and, while a long stage
 * runs (proving), a spinner with the elapsed seconds, redrawn five times a second.
 */
final class ProgressBar implements Attester.Progress, AutoCloseable {
    private static final int WIDTH = 30;
    private static final char[] SPIN = {'|', '/', '-', '\\'};
    private final PrintStream err;
    private final long start = System.nanoTime();
    private final Thread ticker;
    private volatile String stage = "starting";
    private volatile int percent;
    private int tick;

    ProgressBar(PrintStream err) {
        this.err = err;
        this.ticker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(200);
                    render();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nonos-sign-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void stage(String name, int p) {
        stage = name;
        percent = Math.max(0, Math.min(100, p));
        render();
    }

    private synchronized void render() {
        int filled = percent * WIDTH / 100;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.print(String.format(Locale.ROOT, "\r[%s] %3d%% %c %-24s %6.1f s", bar, percent,
                percent == 100 ? ' ' : SPIN[tick++ & 3], stage, seconds));
        err.flush();
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        render();
        err.println();
    }
}
