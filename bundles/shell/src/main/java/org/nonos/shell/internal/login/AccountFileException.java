// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.io.IOException;

/** The account file is unreadable or damaged; the message says where and why, in one line. */
public final class AccountFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public AccountFileException(String message) {
        super(message);
    }
}
