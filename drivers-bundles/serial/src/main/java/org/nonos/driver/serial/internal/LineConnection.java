// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nonos.driver.serial.HangupException;
import org.nonos.driver.serial.SerialConnection;

/** A {@link SerialConnection} over one {@link LineIo}. Reads wait in short slices so that close is seen. */
final class LineConnection implements SerialConnection {
    /** How long one read waits before it looks at the closed flag again. */
    static final int READ_SLICE_MS = 100;

    private final LineIo io;
    private final String name;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean hungUp = new AtomicBoolean();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    LineConnection(LineIo io, String name, Runnable onClose) {
        this.io = io;
        this.name = name;
        this.onClose = onClose;
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public boolean isHungUp() {
        return hungUp.get();
    }

    @Override
    public void onHangup(Runnable listener) {
        listeners.add(listener);
        if (hungUp.get() && listeners.remove(listener)) {
            listener.run();
        }
    }

    private HangupException sawHangup(HangupException e) {
        if (hungUp.compareAndSet(false, true)) {
            for (Runnable r : listeners) {
                if (listeners.remove(r)) {
                    r.run();
                }
            }
        }
        return e;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            io.close();
            onClose.run();
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            int n = read(b, 0, 1);
            return n < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (closed.get()) {
                    return -1;
                }
                if (hungUp.get()) {
                    throw new HangupException(name + ": hang-up");
                }
                int n;
                try {
                    n = io.read(b, off, len, READ_SLICE_MS);
                } catch (HangupException e) {
                    throw sawHangup(e);
                } catch (IOException e) {
                    if (closed.get()) {
                        return -1;
                    }
                    throw e;
                }
                if (n > 0) {
                    return n;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException(name + ": read interrupted");
                }
            }
        }

        @Override
        public void close() {
            LineConnection.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (closed.get()) {
                throw new IOException(name + ": connection closed");
            }
            if (hungUp.get()) {
                throw new HangupException(name + ": hang-up");
            }
            try {
                io.write(b, off, len);
            } catch (HangupException e) {
                throw sawHangup(e);
            }
        }

        @Override
        public void close() {
            LineConnection.this.close();
        }
    }
}
