// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

/**
 * Where the line is, as given by the launcher in the framework property {@code nonos.serial.path}:
 * {@code stdio} (the process's standard input and output), {@code fd:N} or {@code fd:IN,OUT} (host file
 * descriptors the launcher opened in this process, e.g. the master side of a pseudo-terminal, or a pipe
 * pair), or an absolute device path ({@code /dev/ttyS0}, {@code /dev/pts/3}).
 *
 * @param kind  which of the three
 * @param fd    the (input) descriptor for {@link Kind#FD}, otherwise -1
 * @param outFd the output descriptor for {@link Kind#FD} (equal to {@code fd} for one read-write
 *              descriptor), otherwise -1
 * @param path  the device path for {@link Kind#PATH}, otherwise null
 */
public record LineAddress(Kind kind, int fd, int outFd, String path) {

    /** The three ways to name a line. */
    public enum Kind { STDIO, FD, PATH }

    /** Parses the property text; throws {@link IllegalArgumentException} with a one-line reason. */
    public static LineAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("serial line not given (expected stdio, fd:N or /dev/...)");
        }
        String t = text.strip();
        if (t.equals("stdio")) {
            return new LineAddress(Kind.STDIO, -1, -1, null);
        }
        if (t.startsWith("fd:")) {
            String[] fds = t.substring(3).split(",", -1);
            if (fds.length > 2) {
                throw new IllegalArgumentException("bad file descriptor in serial line '" + t + "'");
            }
            int in = descriptor(fds[0], t);
            int out = fds.length == 2 ? descriptor(fds[1], t) : in;
            return new LineAddress(Kind.FD, in, out, null);
        }
        if (t.startsWith("/") && t.indexOf('\0') < 0) {
            return new LineAddress(Kind.PATH, -1, -1, t);
        }
        throw new IllegalArgumentException("serial line '" + t + "' is not stdio, fd:N or an absolute path");
    }

    private static int descriptor(String s, String whole) {
        try {
            int fd = Integer.parseInt(s);
            if (fd >= 0) {
                return fd;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad file descriptor in serial line '" + whole + "'");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STDIO -> "stdio";
            case FD -> "fd:" + fd + (outFd == fd ? "" : "," + outFd);
            case PATH -> path;
        };
    }
}
