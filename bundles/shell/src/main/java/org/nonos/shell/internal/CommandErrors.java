// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import org.apache.felix.gogo.runtime.CommandNotFoundException;

/** Turns any failure of a command into the one line the user sees: no stack trace, no control bytes. */
final class CommandErrors {
    static final int MAX = 200;

    private CommandErrors() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException
            || t.getMessage() == null) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof CommandNotFoundException c) {
            return "unknown command '" + clean(c.getCommand()) + "' (type 'help' for the list)";
        }
        String msg = t.getMessage();
        return clean(msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg);
    }

    /** First line only, control characters dropped, at most {@link #MAX} characters. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String first = nl >= 0 ? s.substring(0, nl) : s;
        StringBuilder sb = new StringBuilder();
        first.codePoints().filter(c -> c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)).forEach(sb::appendCodePoint);
        return sb.length() > MAX ? sb.substring(0, MAX) + "…" : sb.toString();
    }
}
