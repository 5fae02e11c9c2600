// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

/**
 * What the shell reports: who, on which line, what kind of event, and a detail (for a command, its
 * text). Never a password or other typed secret: callers pass names and command lines only.
 */
public record AuditEvent(String line, String user, Kind kind, String detail) {
    /** Kinds of shell events. */
    public enum Kind {
        SETUP, LOGIN, LOGIN_FAILED, LOCKED, LOGOUT, HANGUP, IDLE_TIMEOUT, COMMAND, COMMAND_FAILED, SHUTDOWN, REBOOT
    }

    public AuditEvent {
        line = line == null ? "-" : line;
        user = user == null ? "-" : user;
        detail = detail == null ? "" : detail;
    }
}
