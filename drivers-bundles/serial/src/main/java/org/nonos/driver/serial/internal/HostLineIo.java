// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nonos.driver.serial.HangupException;

/**
 * {@link LineIo} on host file descriptors through libc: poll, then read or write. A hang-up is any of
 * POLLHUP/POLLERR without pending input, read returning 0 (end of file), or EIO/ENXIO/EPIPE (a tty whose
 * other side closed: Linux's pty master reads EIO once every slave descriptor is closed, pty(7)).
 */
final class HostLineIo implements LineIo {
    private static final int CHUNK = 4096;

    private final LibC libc;
    private final String name;
    private final int readFd;
    private final int writeFd;
    private final boolean ownsFds;
    private final byte[] savedTermios;
    private final Runnable onHangup;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param savedTermios the settings found on {@code readFd} before raw mode, restored at close; null
     *                     when the descriptor is not a terminal
     * @param ownsFds      close the descriptors at close (a path this driver opened)
     * @param onHangup     told once when a hang-up is seen
     */
    HostLineIo(LibC libc, String name, int readFd, int writeFd, boolean ownsFds, byte[] savedTermios,
               Runnable onHangup) {
        this.libc = libc;
        this.name = name;
        this.readFd = readFd;
        this.writeFd = writeFd;
        this.ownsFds = ownsFds;
        this.savedTermios = savedTermios;
        this.onHangup = onHangup;
    }

    private HangupException hangup(String why) {
        onHangup.run();
        return new HangupException(name + ": " + why);
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        if (closed.get()) {
            throw new IOException(name + ": closed");
        }
        if (len == 0) {
            return 0;
        }
        byte[] pfd = PollFd.of(readFd, PollFd.POLLIN);
        int r = libc.poll(pfd, 1, timeoutMs);
        if (r < 0) {
            int e = LibC.errno();
            if (e == Errno.EINTR) {
                return 0;
            }
            throw new IOException(name + ": poll failed: " + libc.strerror(e));
        }
        if (r == 0) {
            return 0;
        }
        short ev = PollFd.revents(pfd);
        if ((ev & PollFd.POLLNVAL) != 0) {
            throw hangup("descriptor is no longer open");
        }
        if ((ev & PollFd.POLLIN) == 0) {
            // POLLHUP or POLLERR with nothing left to read.
            throw hangup("hang-up");
        }
        byte[] tmp = new byte[Math.min(len, CHUNK)];
        long n = libc.read(readFd, tmp, tmp.length);
        if (n > 0) {
            System.arraycopy(tmp, 0, buf, off, (int) n);
            return (int) n;
        }
        if (n == 0) {
            throw hangup("end of file");
        }
        int e = LibC.errno();
        if (e == Errno.EAGAIN || e == Errno.EINTR) {
            return 0;
        }
        if (e == Errno.EIO || e == Errno.ENXIO || e == Errno.EBADF) {
            throw hangup("hang-up (" + libc.strerror(e) + ")");
        }
        throw new IOException(name + ": read failed: " + libc.strerror(e));
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (closed.get()) {
            throw new IOException(name + ": closed");
        }
        byte[] tmp = new byte[Math.min(Math.max(len, 1), CHUNK)];
        int done = 0;
        while (done < len) {
            int n = Math.min(len - done, tmp.length);
            System.arraycopy(buf, off + done, tmp, 0, n);
            long w = libc.write(writeFd, tmp, n);
            if (w > 0) {
                // A partial write leaves the rest for the next turn.
                done += (int) w;
                continue;
            }
            int e = LibC.errno();
            if (w == 0 || e == Errno.EAGAIN || e == Errno.EINTR) {
                awaitWritable();
                continue;
            }
            if (e == Errno.EIO || e == Errno.EPIPE || e == Errno.ENXIO || e == Errno.EBADF) {
                throw hangup("hang-up (" + libc.strerror(e) + ")");
            }
            throw new IOException(name + ": write failed: " + libc.strerror(e));
        }
    }

    private void awaitWritable() throws IOException {
        byte[] pfd = PollFd.of(writeFd, PollFd.POLLOUT);
        int r = libc.poll(pfd, 1, 1000);
        if (r > 0 && (PollFd.revents(pfd) & (PollFd.POLLHUP | PollFd.POLLERR | PollFd.POLLNVAL)) != 0) {
            throw hangup("hang-up");
        }
        if (closed.get()) {
            throw new IOException(name + ": closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (savedTermios != null) {
            // Best effort: the terminal may be gone already (hang-up); nothing to report then.
            libc.tcsetattr(readFd, Termios.TCSANOW, savedTermios);
        }
        if (ownsFds) {
            libc.close(readFd);
            if (writeFd != readFd) {
                libc.close(writeFd);
            }
        }
    }
}
