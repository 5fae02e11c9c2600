// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import org.nonos.driver.serial.LineSettings;

/** Opens {@link LineIo}s on one line: the second half of the I/O seam (see {@link LineIo}). */
interface LineDevice {

    /**
     * Tries once to open the line with a peer present and configure it.
     *
     * @return the open I/O, or null when no peer is there yet (no carrier, pty slave closed, device
     *         absent) and the caller should try again later
     * @throws org.nonos.driver.serial.LineGoneException never again (standard input at its end)
     * @throws IOException                                a lasting error, with a one-line message
     */
    LineIo tryOpen(LineSettings settings) throws IOException;

    /** For messages. */
    String name();
}
