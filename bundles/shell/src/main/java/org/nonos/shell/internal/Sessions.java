// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.CommandSession;

/**
 * Who is behind each Gogo session. Kept here, not in session variables, because a user can assign
 * any session variable from the command line.
 */
public final class Sessions {
    private final Map<CommandSession, Principal> bySession = new ConcurrentHashMap<>();

    void bind(CommandSession s, Principal p) {
        bySession.put(s, p);
    }

    void unbind(CommandSession s) {
        bySession.remove(s);
    }

    public Optional<Principal> principal(CommandSession s) {
        return s == null ? Optional.empty() : Optional.ofNullable(bySession.get(s));
    }

    /** The principal of an admin session, or a {@link CommandFailure} saying that only an admin may. */
    public Principal requireAdmin(CommandSession s, String what) {
        Principal p = principal(s).orElseThrow(() -> new CommandFailure(what + ": only from a logged-in shell session"));
        if (!p.isAdmin()) {
            throw new CommandFailure(what + ": only an admin may do this");
        }
        return p;
    }
}
