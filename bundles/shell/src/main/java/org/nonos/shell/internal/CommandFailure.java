// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

/** A command that cannot do what was asked; the message is the one line the user sees. */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message, null, false, false);
    }
}
