// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

/** The errno values the host line tells apart (Linux, asm-generic/errno-base.h). */
final class Errno {
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EPIPE = 32;

    private Errno() {
    }
}
