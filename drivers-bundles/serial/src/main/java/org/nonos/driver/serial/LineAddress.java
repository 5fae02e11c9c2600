// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

/**
 * Where the line is, as given by the launcher in the framework property {@code nonos.serial.path}:
 * {@code stdio} (the process's standard input and output), {@code fd:N} (a host file descriptor the
 * launcher opened and left to the process, e.g. the master side of a pseudo-terminal), or an absolute
 * device path ({@code /dev/ttyS0}, {@code /dev/pts/3}).
 *
 * @param kind which of the three
 * @param fd   the descriptor for {@link Kind#FD}, otherwise -1
 * @param path the device path for {@link Kind#PATH}, otherwise null
 */
public record LineAddress(Kind kind, int fd, String path) {

    /** The three ways to name a line. */
    public enum Kind { STDIO, FD, PATH }

    /** Parses the property text; throws {@link IllegalArgumentException} with a one-line reason. */
    public static LineAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("serial line not given (expected stdio, fd:N or /dev/...)");
        }
        String t = text.strip();
        if (t.equals("stdio")) {
            return new LineAddress(Kind.STDIO, -1, null);
        }
        if (t.startsWith("fd:")) {
            int fd;
            try {
                fd = Integer.parseInt(t.substring(3));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad file descriptor in serial line '" + t + "'");
            }
            if (fd < 0) {
                throw new IllegalArgumentException("bad file descriptor in serial line '" + t + "'");
            }
            return new LineAddress(Kind.FD, fd, null);
        }
        if (t.startsWith("/") && t.indexOf('\0') < 0) {
            return new LineAddress(Kind.PATH, -1, t);
        }
        throw new IllegalArgumentException("serial line '" + t + "' is not stdio, fd:N or an absolute path");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STDIO -> "stdio";
            case FD -> "fd:" + fd;
            case PATH -> path;
        };
    }
}
