// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc calls the host line needs (POSIX.1-2017 termios, poll, open/read/write/close), bound with
 * jnr-ffi. Structures are passed as byte arrays laid out by {@link Termios} and {@link PollFd}.
 */
public interface LibC {

    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    @ssize_t long read(int fd, @Out byte[] buf, @size_t long count);

    @SaveError
    @ssize_t long write(int fd, @In byte[] buf, @size_t long count);

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}. */
    @SaveError
    int poll(byte[] fds, long nfds, int timeoutMs);

    @SaveError
    int isatty(int fd);

    @SaveError
    int tcgetattr(int fd, @Out byte[] termios);

    @SaveError
    int tcsetattr(int fd, int optionalActions, @In byte[] termios);

    void cfmakeraw(byte[] termios);

    int cfsetispeed(byte[] termios, int speed);

    int cfsetospeed(byte[] termios, int speed);

    String strerror(int errnum);

    /** Binds libc once, on first use: binding costs a few hundred milliseconds in a cold JVM. */
    final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

        private Holder() {
        }
    }

    static LibC get() {
        return Holder.LIBC;
    }

    /** errno of the last call on this thread that saves it. */
    static int errno() {
        return Holder.RUNTIME.getLastError();
    }
}
