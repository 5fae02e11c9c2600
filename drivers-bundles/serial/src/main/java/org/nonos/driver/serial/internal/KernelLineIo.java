// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Device;
import org.nonos.capability.Device.Event;
import org.nonos.capability.KernelError;
import org.nonos.driver.serial.HangupException;
import org.nonos.driver.serial.LineGoneException;

/**
 * {@link LineIo} through the kernel's device capabilities: {@link Device#await} waits for input (or
 * room) with a timeout, {@link Device#readNow}/{@link Device#writeNow} move bytes without waiting, and
 * the kernel reports the hang-up (end of file, POLLHUP, EIO of a pty master whose terminal closed) as
 * {@link Device#HANGUP}. No host descriptor is touched here: the kernel does the host I/O and checks
 * the capability on every call.
 */
final class KernelLineIo implements LineIo {
    /** Largest piece handed to the kernel at once. */
    private static final int CHUNK = 4096;
    /** How long a write waits for room before it looks at the closed flag again. */
    private static final int WRITE_SLICE_MS = 1000;
    private static final Set<Event> IN = EnumSet.of(Event.READABLE);
    private static final Set<Event> OUT = EnumSet.of(Event.WRITABLE);

    private final Device in;
    private final Device out;
    private final String name;
    private final boolean restore;
    private final Runnable onHangup;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param restore  put the terminal settings back at close (the line was configured at open)
     * @param onHangup told when a hang-up is seen
     */
    KernelLineIo(Device in, Device out, String name, boolean restore, Runnable onHangup) {
        this.in = in;
        this.out = out;
        this.name = name;
        this.restore = restore;
        this.onHangup = onHangup;
    }

    private HangupException hangup() {
        onHangup.run();
        return new HangupException(name + ": hang-up");
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        if (closed.get()) {
            throw new IOException(name + ": closed");
        }
        if (len == 0) {
            return 0;
        }
        try {
            Set<Event> ready = in.await(IN, timeoutMs);
            if (ready.isEmpty()) {
                return 0;
            }
            if (!ready.contains(Event.READABLE)) {
                throw hangup();
            }
            int n = in.readNow(buf, off, Math.min(len, CHUNK));
            if (n == Device.HANGUP) {
                throw hangup();
            }
            return n;
        } catch (CapabilityException e) {
            throw failure(e);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        int done = 0;
        try {
            while (done < len) {
                if (closed.get()) {
                    throw new IOException(name + ": closed");
                }
                int n = out.writeNow(buf, off + done, Math.min(len - done, CHUNK));
                if (n == Device.HANGUP) {
                    throw hangup();
                }
                if (n > 0) {
                    done += n;
                    continue;
                }
                Set<Event> ready = out.await(OUT, WRITE_SLICE_MS);
                if (!ready.contains(Event.WRITABLE) && (ready.contains(Event.HANGUP) || ready.contains(Event.ERROR))) {
                    throw hangup();
                }
            }
        } catch (CapabilityException e) {
            throw failure(e);
        }
    }

    /**
     * A refusal by the kernel: the capability was revoked or deleted (the line was taken away: it is
     * gone for this driver), or the host failed.
     */
    static IOException failure(CapabilityException e) {
        KernelError err = e.error();
        if (err == KernelError.REVOKED || err == KernelError.BAD_HANDLE || err == KernelError.EXPIRED
                || err == KernelError.RIGHTS || err == KernelError.DEAD_DOMAIN) {
            return new LineGoneException("the line's device capability is no longer usable: " + e.getMessage());
        }
        return new IOException(e.getMessage(), e);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || !restore) {
            return;
        }
        try {
            in.restoreLine();
        } catch (CapabilityException e) {
            // Best effort: the terminal may be gone already (hang-up); the kernel restores the
            // settings again when the device is released.
        }
    }
}
