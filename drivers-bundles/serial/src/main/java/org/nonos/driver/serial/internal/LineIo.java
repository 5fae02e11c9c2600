// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * The I/O seam: the only place where bytes cross to the host. {@link HostLineIo} does it with libc on a
 * host descriptor; the kernel's device capability ({@code nk_dev_read}/{@code nk_dev_write}) is the
 * other implementation to come, and nothing above this interface changes with it.
 */
interface LineIo extends Closeable {

    /**
     * Reads up to {@code len} bytes, waiting at most {@code timeoutMs}.
     *
     * @return the number of bytes read (&gt; 0), or 0 when the time ran out
     * @throws org.nonos.driver.serial.HangupException the peer went away (EOF, EIO, POLLHUP)
     */
    int read(byte[] buf, int off, int len, int timeoutMs) throws IOException;

    /** Writes all bytes; throws {@link org.nonos.driver.serial.HangupException} when the peer went away. */
    void write(byte[] buf, int off, int len) throws IOException;

    /** Gives the host side back (restores the terminal settings found at open). Idempotent. */
    @Override
    void close();
}
