// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.nonos.driver.serial.LineGoneException;
import org.nonos.driver.serial.SerialConnection;
import org.nonos.driver.serial.SerialLine;

/**
 * The getty of the serial line: connect, run one session, close, and again, until the line is gone
 * or the thread is interrupted (the bundle stops). A failure to open the line is reported once on
 * standard error and retried.
 */
final class ConsoleLoop implements Runnable {
    static final long RETRY_MS = 2000;

    private final SerialLine line;
    private final Function<Endpoint, Runnable> sessions;
    private volatile boolean stopped;
    private volatile SerialConnection current;

    ConsoleLoop(SerialLine line, Function<Endpoint, Runnable> sessions) {
        this.line = line;
        this.sessions = sessions;
    }

    void stop() {
        stopped = true;
        SerialConnection c = current;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void run() {
        String lastError = null;
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            SerialConnection c;
            try {
                c = line.connect();
            } catch (LineGoneException e) {
                return;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException | LinkageError e) {
                // LinkageError: the line's native binding failed to load; said once, then retried.
                String msg = CommandErrors.clean(e.getMessage() != null ? e.getMessage() : e.toString());
                if (!msg.equals(lastError)) {
                    System.err.println("nonos shell: serial line " + line.name() + ": " + msg);
                    lastError = msg;
                }
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            lastError = null;
            current = c;
            try {
                if (!stopped) {
                    sessions.apply(endpoint(c)).run();
                }
            } finally {
                current = null;
                c.close();
            }
        }
    }

    static Endpoint endpoint(SerialConnection c) {
        return new Endpoint() {
            @Override
            public InputStream input() {
                return c.input();
            }

            @Override
            public OutputStream output() {
                return c.output();
            }

            @Override
            public boolean hungUp() {
                return c.isHungUp();
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }
}
