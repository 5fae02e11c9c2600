// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;

/**
 * Host file descriptors for device tests: the launcher opens host resources in C and registers
 * them with the kernel; a test does the same through libc (Linux x86-64/aarch64 open flags).
 */
final class HostFiles {

    public interface LibC {
        int open(String path, int flags, int mode);

        int close(int fd);

        int pipe(@Out int[] fds);

        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        String ptsname(int fd);

        long write(int fd, byte[] buf, long len);

        long read(int fd, @Out byte[] buf, long len);
    }

    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;
    static final int O_NOCTTY = 0400;

    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

    private HostFiles() {
    }
}
