// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/** A pseudo-terminal pair for tests: the master side plays the terminal (or the launcher). */
final class Pty implements AutoCloseable {
    /** posix_openpt(3), grantpt(3), unlockpt(3), ptsname(3). */
    public interface PtyLib {
        @SaveError
        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        String ptsname(int fd);
    }

    private static final PtyLib PTY = LibraryLoader.create(PtyLib.class).load("c");
    private static final int O_RDWR = 02;
    private static final int O_NOCTTY = 0400;

    final int master;
    final String slavePath;
    private boolean closed;

    Pty() throws IOException {
        master = PTY.posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0 || PTY.grantpt(master) != 0 || PTY.unlockpt(master) != 0) {
            throw new IOException("cannot open a pseudo-terminal");
        }
        slavePath = PTY.ptsname(master);
    }

    /** Writes text to the master side (what a user types). */
    void type(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (LibC.get().write(master, b, b.length) != b.length) {
            throw new IOException("write to pty master failed");
        }
    }

    /** Reads what is there within {@code timeoutMs} (empty when nothing came). */
    String drain(int timeoutMs) {
        StringBuilder sb = new StringBuilder();
        long end = System.currentTimeMillis() + timeoutMs;
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < end) {
            byte[] pfd = PollFd.of(master, PollFd.POLLIN);
            if (LibC.get().poll(pfd, 1, 50) <= 0 || (PollFd.revents(pfd) & PollFd.POLLIN) == 0) {
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            long n = LibC.get().read(master, buf, buf.length);
            if (n <= 0) {
                break;
            }
            sb.append(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.get().close(master);
        }
    }
}
