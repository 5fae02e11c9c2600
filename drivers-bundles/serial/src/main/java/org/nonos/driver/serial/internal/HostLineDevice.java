// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nonos.driver.serial.LineAddress;
import org.nonos.driver.serial.LineGoneException;
import org.nonos.driver.serial.LineSettings;

/**
 * {@link LineDevice} for a host line named by a {@link LineAddress}:
 * <ul>
 * <li>a device path is opened anew for every session and closed at its hang-up (a tty that dropped
 * carrier, a pty slave), so a busy or absent device is retried;</li>
 * <li>{@code fd:N} is kept open: a session starts when the descriptor stops reporting POLLHUP (for a pty
 * master: when a terminal opened the slave side);</li>
 * <li>{@code stdio} is standard input and output; at its end the line is gone for good.</li>
 * </ul>
 */
final class HostLineDevice implements LineDevice {
    // Linux open(2) flags (asm-generic/fcntl.h).
    private static final int O_RDWR = 02;
    private static final int O_NOCTTY = 0400;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;

    private final LineAddress address;
    private final AtomicBoolean stdinEnded = new AtomicBoolean();
    private LibC libc;

    HostLineDevice(LineAddress address) {
        this.address = address;
    }

    @Override
    public String name() {
        return address.toString();
    }

    @Override
    public LineIo tryOpen(LineSettings settings) throws IOException {
        if (libc == null) {
            libc = LibC.get();
        }
        return switch (address.kind()) {
            case STDIO -> openStdio(settings);
            case FD -> openFd(settings);
            case PATH -> openPath(settings);
        };
    }

    private LineIo openStdio(LineSettings settings) throws IOException {
        if (stdinEnded.get()) {
            throw new LineGoneException("stdio: standard input has ended");
        }
        byte[] saved = configure(0, settings);
        return new HostLineIo(libc, name(), 0, 1, false, saved, () -> stdinEnded.set(true));
    }

    private LineIo openFd(LineSettings settings) throws IOException {
        int fd = address.fd();
        byte[] pfd = PollFd.of(fd, PollFd.POLLIN);
        if (libc.poll(pfd, 1, 0) > 0) {
            short ev = PollFd.revents(pfd);
            if ((ev & PollFd.POLLNVAL) != 0) {
                throw new LineGoneException(name() + ": descriptor is not open");
            }
            if ((ev & PollFd.POLLHUP) != 0 && (ev & PollFd.POLLIN) == 0) {
                return null;
            }
        }
        byte[] saved = configure(fd, settings);
        return new HostLineIo(libc, name(), fd, address.outFd(), false, saved, () -> { });
    }

    private LineIo openPath(LineSettings settings) throws IOException {
        int fd = libc.open(address.path(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            int e = LibC.errno();
            if (e == Errno.ENOENT || e == Errno.ENXIO || e == Errno.EIO) {
                return null;
            }
            if (e == Errno.EBUSY) {
                throw new IOException(name() + ": device is busy (another program holds it)");
            }
            throw new IOException(name() + ": cannot open: " + libc.strerror(e));
        }
        byte[] pfd = PollFd.of(fd, PollFd.POLLIN);
        if (libc.poll(pfd, 1, 0) > 0 && (PollFd.revents(pfd) & (PollFd.POLLHUP | PollFd.POLLIN)) == PollFd.POLLHUP) {
            libc.close(fd);
            return null;
        }
        byte[] saved;
        try {
            saved = configure(fd, settings);
        } catch (IOException e) {
            libc.close(fd);
            throw e;
        }
        return new HostLineIo(libc, name(), fd, fd, true, saved, () -> { });
    }

    /**
     * Raw mode and the line settings, when {@code fd} is a terminal; returns the settings found, to be
     * restored at close, or null for a pipe or file (nothing to configure).
     */
    private byte[] configure(int fd, LineSettings settings) throws IOException {
        if (libc.isatty(fd) != 1) {
            return null;
        }
        byte[] saved = new byte[Termios.SIZE];
        if (libc.tcgetattr(fd, saved) != 0) {
            throw new IOException(name() + ": tcgetattr failed: " + libc.strerror(LibC.errno()));
        }
        byte[] t = saved.clone();
        libc.cfmakeraw(t);
        Termios.applyFrame(t, settings);
        int speed = Termios.speedConstant(settings.baud());
        if (libc.cfsetispeed(t, speed) != 0 || libc.cfsetospeed(t, speed) != 0) {
            throw new IOException(name() + ": speed " + settings.baud() + " refused by the line");
        }
        if (libc.tcsetattr(fd, Termios.TCSADRAIN, t) != 0) {
            throw new IOException(name() + ": tcsetattr failed: " + libc.strerror(LibC.errno()));
        }
        return saved;
    }
}
