// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

/** What a new password must be: 8 to 1024 characters, no control characters. */
public final class PasswordPolicy {
    public static final int MIN = 8;
    public static final int MAX = 1024;

    private PasswordPolicy() {
    }

    /** Null when acceptable, otherwise the reason in one line. */
    public static String check(char[] pw) {
        if (pw.length < MIN) {
            return "password too short (at least " + MIN + " characters)";
        }
        if (pw.length > MAX) {
            return "password too long (at most " + MAX + " characters)";
        }
        for (char c : pw) {
            if (c < 0x20 || c == 0x7f) {
                return "password contains a control character";
            }
        }
        return null;
    }
}
