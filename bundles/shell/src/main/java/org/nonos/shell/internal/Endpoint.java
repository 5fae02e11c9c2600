// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.io.InputStream;
import java.io.OutputStream;

/** The two byte streams of one session and what the line knows about them. */
public interface Endpoint {
    InputStream input();

    OutputStream output();

    /** True once the peer hung up. */
    boolean hungUp();

    /** Ends the streams: a read blocked in another thread returns end of stream or fails. */
    void close();
}
