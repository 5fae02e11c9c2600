// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/** A session's line made of pipes: the test types into it and reads what the shell wrote. */
final class SessionHarness implements Endpoint {
    private final PipedInputStream in;
    private final PipedOutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final AtomicBoolean hungUp = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private int mark;

    SessionHarness() throws IOException {
        in = new PipedInputStream(1 << 16);
        keyboard = new PipedOutputStream(in);
    }

    @Override
    public InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (hungUp.get()) {
                    throw new IOException("hang-up");
                }
                if (closed.get()) {
                    return -1;
                }
                return in.read(b, off, len);
            }
        };
    }

    @Override
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (hungUp.get()) {
                    throw new IOException("hang-up");
                }
                synchronized (screen) {
                    screen.write(b);
                    screen.notifyAll();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (hungUp.get()) {
                    throw new IOException("hang-up");
                }
                synchronized (screen) {
                    screen.write(b, off, len);
                    screen.notifyAll();
                }
            }
        };
    }

    @Override
    public boolean hungUp() {
        return hungUp.get();
    }

    @Override
    public void close() {
        closed.set(true);
        try {
            keyboard.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    void hangUp() {
        hungUp.set(true);
        close();
    }

    void type(String s) throws IOException {
        keyboard.write(s.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    void type(byte[] b) throws IOException {
        keyboard.write(b);
        keyboard.flush();
    }

    String all() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until {@code text} appears after the last mark; returns everything since the mark and moves it. */
    String await(String text) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (true) {
            String s;
            synchronized (screen) {
                byte[] all = screen.toByteArray();
                s = new String(all, mark, all.length - mark, StandardCharsets.UTF_8);
                int at = s.indexOf(text);
                if (at >= 0) {
                    String seen = s.substring(0, at + text.length());
                    mark += seen.getBytes(StandardCharsets.UTF_8).length;
                    return seen;
                }
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("'" + text + "' did not appear; screen since mark:\n" + s);
            }
            Thread.sleep(20);
        }
    }
}
