// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import org.nonos.shell.internal.login.Account;

/** Who is logged in on a session, and on which line. */
public record Principal(String user, Account.Role role, String line) {
    public boolean isAdmin() {
        return role == Account.Role.ADMIN;
    }
}
