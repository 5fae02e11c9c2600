// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

import java.io.IOException;

/**
 * A serial line: a real tty, a pseudo-terminal, or the console. Registered as an OSGi service by the
 * serial driver; the admin shell runs one session per {@link #connect()}.
 */
public interface SerialLine extends AutoCloseable {

    /** What the line is, for messages: a device path, {@code stdio} or {@code fd:N}. */
    String name();

    /** The settings applied on each connection. */
    LineSettings settings();

    /**
     * Waits until a peer is there (the line can be opened and reports no hang-up), puts it in raw mode
     * with {@link #settings()} and returns the session's connection. The previous connection must be
     * closed first.
     *
     * @throws LineGoneException    the line can never be connected again
     * @throws IOException          the line cannot be opened or configured (message says why)
     * @throws InterruptedException the waiting thread was interrupted
     */
    SerialConnection connect() throws IOException, InterruptedException;

    /** Closes the line; a thread waiting in {@link #connect()} gets {@link LineGoneException}. */
    @Override
    void close();
}
