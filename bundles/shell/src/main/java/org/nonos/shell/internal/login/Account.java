// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.util.regex.Pattern;

/** One login: name, role and password hash. */
public record Account(String name, Role role, PasswordHash password) {
    /** Login names: a lower-case letter or underscore, then up to 31 of letters, digits, '_', '-'. */
    static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /** What an account may do. Only an admin may derive or revoke capabilities or stop the system. */
    public enum Role { ADMIN, OPERATOR }

    public Account {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad account name (a-z, 0-9, '_', '-'; at most 32)");
        }
        if (role == null || password == null) {
            throw new IllegalArgumentException("account needs a role and a password hash");
        }
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
