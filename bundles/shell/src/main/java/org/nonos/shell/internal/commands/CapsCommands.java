// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.Rights;
import org.nonos.shell.internal.CommandFailure;
import org.nonos.shell.internal.Principal;
import org.nonos.shell.internal.Sessions;
import org.nonos.shell.internal.audit.AuditEvent;
import org.nonos.shell.internal.audit.AuditException;
import org.nonos.shell.internal.audit.AuditLog;

/**
 * {@code caps}: the shell's protection domain and its capabilities; {@code derive} and {@code revoke}
 * for an admin. The capability API gives each bundle its own domain only, so this is the shell's
 * domain: capabilities granted to the shell show here, and what the admin derives from them can be
 * handed on. Every change is audited first; the kernel checks every right.
 */
public final class CapsCommands {
    private final Supplier<Domain> domain;
    private final Sessions sessions;
    private final AuditLog audit;

    public CapsCommands(Supplier<Domain> domain, Sessions sessions, AuditLog audit) {
        this.domain = domain;
        this.sessions = sessions;
        this.audit = audit;
    }

    private Domain domain() {
        Domain d = domain.get();
        if (d == null) {
            throw new CommandFailure("caps: the capability API is not running (no kernel domain for the shell)");
        }
        return d;
    }

    @Descriptor("the shell's domain and its capabilities (handle, type, rights, derive mask, badge, expiry)")
    public String caps(
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        Domain d = domain();
        List<Map<String, Object>> caps = new ArrayList<>();
        try {
            for (Capability c : d.capabilities()) {
                caps.add(describe(c));
            }
        } catch (CapabilityException e) {
            throw new CommandFailure("caps: " + e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", d.id().value());
        m.put("name", d.name());
        m.put("capabilities", caps);
        if (json) {
            return Json.of(m);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("domain ").append(d.id().value()).append(' ').append(d.name()).append('\n');
        if (caps.isEmpty()) {
            sb.append("(no capabilities)");
        }
        for (Map<String, Object> c : caps) {
            sb.append(String.format("%s %-12s rights=%s derive=%s badge=%s expiry=%s%n", c.get("handle"), c.get("type"),
                c.get("rights"), c.get("deriveMask"), c.get("badge"), c.get("expiryMs")));
        }
        return sb.toString().stripTrailing();
    }

    @Descriptor("'caps revoke HANDLE' (admin): deletes every capability derived from HANDLE, in every domain")
    public String caps(CommandSession session,
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("revoke") String action,
        @Descriptor("capability handle (hex 0x... or decimal)") String handle) {
        if (action.equals("derive")) {
            throw new CommandFailure("caps derive: 'caps derive HANDLE RIGHTS [DERIVE-MASK]'");
        }
        if (!action.equals("revoke")) {
            throw new CommandFailure("caps: unknown action '" + action + "' (revoke, derive)");
        }
        Principal p = sessions.requireAdmin(session, "caps revoke");
        Capability c = lookup(handle);
        record(p, "caps revoke " + hex(c.handle()));
        try {
            c.revoke();
        } catch (CapabilityException e) {
            throw new CommandFailure("caps revoke: " + e.getMessage());
        }
        return json ? Json.of(Map.of("revoked", hex(c.handle()))) : "revoked everything derived from " + hex(c.handle());
    }

    @Descriptor("'caps derive HANDLE RIGHTS' (admin): a child capability with RIGHTS (e.g. READ,WRITE), not derivable further")
    public String caps(CommandSession session,
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("derive") String action,
        @Descriptor("capability handle") String handle,
        @Descriptor("rights, comma separated: READ,WRITE,CALL,SIGNAL,WAIT,DERIVE,TRANSFER,REVOKE,MAP") String rights) {
        return caps(session, json, action, handle, rights, "none");
    }

    @Descriptor("'caps derive HANDLE RIGHTS DERIVE-MASK' (admin): a child capability; DERIVE-MASK says what it may pass on")
    public String caps(CommandSession session,
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("derive") String action,
        @Descriptor("capability handle") String handle,
        @Descriptor("rights") String rights,
        @Descriptor("derive mask") String deriveMask) {
        if (!action.equals("derive")) {
            throw new CommandFailure("caps: unknown action '" + action + "' with rights (derive)");
        }
        Principal p = sessions.requireAdmin(session, "caps derive");
        Rights r = parseRights(rights);
        Rights m = parseRights(deriveMask);
        Capability c = lookup(handle);
        record(p, "caps derive " + hex(c.handle()) + " " + r + " " + m);
        Capability child;
        try {
            child = c.derive(r, m);
        } catch (CapabilityException e) {
            throw new CommandFailure("caps derive: " + e.getMessage());
        }
        return json ? Json.of(describe(child)) : "derived " + hex(child.handle()) + " from " + hex(c.handle());
    }

    private Capability lookup(String handle) {
        long h;
        try {
            h = handle.startsWith("0x") ? Long.parseUnsignedLong(handle.substring(2), 16) : Long.parseUnsignedLong(handle);
        } catch (NumberFormatException e) {
            throw new CommandFailure("caps: '" + handle + "' is not a capability handle");
        }
        try {
            return domain().capability(h);
        } catch (CapabilityException e) {
            throw new CommandFailure("caps: " + e.getMessage());
        }
    }

    /** {@code READ,WRITE}, {@code none} or {@code all}; names as in the kernel ABI, any case. */
    static Rights parseRights(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("NONE")) {
            return Rights.NONE;
        }
        if (t.equals("ALL")) {
            return Rights.ALL;
        }
        List<Rights.Right> list = new ArrayList<>();
        for (String part : t.split(",")) {
            try {
                list.add(Rights.Right.valueOf(part.strip()));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("caps: unknown right '" + part.strip() + "'");
            }
        }
        return Rights.of(list.toArray(new Rights.Right[0]));
    }

    private void record(Principal p, String what) {
        try {
            audit.append(new AuditEvent(p.line(), p.user(), AuditEvent.Kind.COMMAND, what));
        } catch (AuditException e) {
            throw new CommandFailure("refused: the audit log cannot be written");
        }
    }

    private static Map<String, Object> describe(Capability c) {
        Capability.Info i = c.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handle", hex(c.handle()));
        m.put("type", i.type().name());
        m.put("rights", names(i.rights()));
        m.put("deriveMask", names(i.deriveMask()));
        m.put("badge", i.badge().value());
        m.put("expiryMs", i.expiryMs());
        return m;
    }

    private static String names(Rights r) {
        return r.isEmpty() ? "none" : String.join(",", r.toList().stream().map(Enum::name).toList());
    }

    private static String hex(long h) {
        return "0x" + Long.toHexString(h);
    }
}
