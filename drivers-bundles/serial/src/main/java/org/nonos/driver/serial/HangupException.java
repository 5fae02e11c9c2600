// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

import java.io.IOException;

/**
 * The peer went away: end of file, EIO from the tty, or POLLHUP. The connection is finished; the line
 * can be connected again with {@link SerialLine#connect()} for the next session.
 */
public class HangupException extends IOException {
    private static final long serialVersionUID = 1L;

    public HangupException(String message) {
        super(message);
    }
}
