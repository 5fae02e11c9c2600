// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One session on a serial line, from carrier to hang-up. The streams are raw bytes. After a hang-up every
 * read and write throws {@link HangupException}; after {@link #close()} reads return end of stream, so a
 * reader thread left behind by the session ends quietly and never takes bytes from the next session.
 */
public interface SerialConnection extends AutoCloseable {

    /** Bytes from the line. Reads block; they throw {@link HangupException} when the peer goes away. */
    InputStream input();

    /** Bytes to the line, unbuffered. Writes throw {@link HangupException} when the peer went away. */
    OutputStream output();

    /** True once the peer went away. */
    boolean isHungUp();

    /** Runs {@code listener} once, on the thread that sees the hang-up (or at once if it was seen already). */
    void onHangup(Runnable listener);

    /** Ends the session; the line itself stays open for the next {@link SerialLine#connect()}. */
    @Override
    void close();
}
