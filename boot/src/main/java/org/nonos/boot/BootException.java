// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

/** A boot that cannot go on: bad configuration, a framework that fails to start. */
public final class BootException extends Exception {
    public BootException(String message) {
        super(message);
    }

    public BootException(String message, Throwable cause) {
        super(message, cause);
    }
}
