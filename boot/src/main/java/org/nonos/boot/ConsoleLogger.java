// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;

/**
 * The framework's log, one line a message on standard error ("nonos: felix: ..."), the cause's
 * message on the same line. Felix's default logger writes to standard output, which the launcher
 * keeps for the pseudo-terminal's path; a stack trace never reaches the console.
 */
final class ConsoleLogger extends Logger {
    @Override
    protected void doLogOut(int level, String msg, Throwable throwable) {
        StringBuilder sb = new StringBuilder("nonos: felix: ").append(levelName(level)).append(": ").append(msg);
        for (Throwable t = throwable; t != null && t != t.getCause(); t = t.getCause()) {
            sb.append(" (").append(t).append(')');
        }
        System.err.println(sb);
    }

    @Override
    protected void doLog(Bundle bundle, @SuppressWarnings("rawtypes") org.osgi.framework.ServiceReference sr, int level, String msg,
            Throwable throwable) {
        doLogOut(level, bundle == null ? msg : bundle.getSymbolicName() + ": " + msg, throwable);
    }

    private static String levelName(int level) {
        return switch (level) {
            case LOG_ERROR -> "error";
            case LOG_WARNING -> "warning";
            case LOG_INFO -> "info";
            default -> "debug";
        };
    }
}
