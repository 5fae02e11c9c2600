// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import java.io.PrintStream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.nonos.shell.internal.CommandFailure;
import org.nonos.shell.internal.Power;
import org.nonos.shell.internal.Principal;
import org.nonos.shell.internal.Sessions;
import org.nonos.shell.internal.audit.AuditEvent;
import org.nonos.shell.internal.audit.AuditException;
import org.nonos.shell.internal.audit.AuditLog;

/**
 * {@code shutdown} and {@code reboot}, for an admin; each is audited before it happens. The command
 * says what happens on the line, flushed, before it asks for it: the stop closes the session, and
 * nothing after it would reach the line.
 */
public final class PowerCommands {
    private final Sessions sessions;
    private final AuditLog audit;
    private final Power power;

    public PowerCommands(Sessions sessions, AuditLog audit, Power power) {
        this.sessions = sessions;
        this.audit = audit;
        this.power = power;
    }

    @Descriptor("stop every bundle, the framework and the system (admin)")
    public void shutdown(CommandSession session) {
        Principal p = sessions.requireAdmin(session, "shutdown");
        record(p, AuditEvent.Kind.SHUTDOWN);
        say(session, "system is shutting down");
        power.shutdown();
    }

    @Descriptor("warm boot: restart the framework and every bundle in the same process (admin)")
    public void reboot(CommandSession session) {
        Principal p = sessions.requireAdmin(session, "reboot");
        record(p, AuditEvent.Kind.REBOOT);
        say(session, "system is rebooting");
        power.reboot();
    }

    private static void say(CommandSession session, String what) {
        PrintStream console = session.getConsole();
        console.println(what);
        console.flush();
    }

    private void record(Principal p, AuditEvent.Kind kind) {
        try {
            audit.append(new AuditEvent(p.line(), p.user(), kind, ""));
        } catch (AuditException e) {
            throw new CommandFailure(kind.name().toLowerCase() + " refused: the audit log cannot be written");
        }
    }
}
