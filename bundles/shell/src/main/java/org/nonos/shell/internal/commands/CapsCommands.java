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
import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.Rights;
import org.nonos.shell.internal.CommandFailure;
import org.nonos.shell.internal.Principal;
import org.nonos.shell.internal.Sessions;
import org.nonos.shell.internal.audit.AuditEvent;
import org.nonos.shell.internal.audit.AuditException;
import org.nonos.shell.internal.audit.AuditLog;

/**
 * {@code caps}: every kernel domain and its capabilities, through the capability API's
 * administrator service ({@link KernelAdmin}, which the shell holds when the framework property
 * {@code org.nonos.capability.admin.bundles} names it); {@code derive} and {@code revoke} inside
 * any domain for an admin. Every change is audited first; the kernel checks every right (rights
 * never grow, revoke needs REVOKE on the capability).
 */
public final class CapsCommands {
    private final Supplier<KernelAdmin> admin;
    private final Sessions sessions;
    private final AuditLog audit;

    public CapsCommands(Supplier<KernelAdmin> admin, Sessions sessions, AuditLog audit) {
        this.admin = admin;
        this.sessions = sessions;
        this.audit = audit;
    }

    private KernelAdmin admin() {
        KernelAdmin a = admin.get();
        if (a == null) {
            throw new CommandFailure("caps: the shell holds no administrator capability (framework property "
                + KernelAdmin.ADMIN_BUNDLES + ")");
        }
        return a;
    }

    @Descriptor("every domain and its capabilities (handle, type, rights, derive mask, badge, expiry)")
    public String caps(
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (KernelAdmin.DomainInfo d : admin().domains()) {
                out.add(describe(d, d.alive() ? admin().capabilities(d.id()) : List.of()));
            }
        } catch (CapabilityException e) {
            throw new CommandFailure("caps: " + e.getMessage());
        }
        return json ? Json.of(out) : text(out);
    }

    @Descriptor("'caps DOMAIN': one domain (by number) and its capabilities")
    public String caps(
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("domain number") String domain) {
        Domain.Id id = domainId(domain);
        Map<String, Object> m;
        try {
            KernelAdmin.DomainInfo d = admin().domains().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new CommandFailure("caps: no domain " + domain));
            m = describe(d, d.alive() ? admin().capabilities(id) : List.of());
        } catch (CapabilityException e) {
            throw new CommandFailure("caps: " + e.getMessage());
        }
        return json ? Json.of(m) : text(List.of(m));
    }

    @Descriptor("'caps revoke DOMAIN HANDLE' (admin): deletes every capability derived from HANDLE of DOMAIN, in every domain")
    public String caps(CommandSession session,
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("revoke") String action,
        @Descriptor("domain number") String domain,
        @Descriptor("capability handle (hex 0x... or decimal)") String handle) {
        if (action.equals("derive")) {
            throw new CommandFailure("caps derive: 'caps derive DOMAIN HANDLE RIGHTS [DERIVE-MASK]'");
        }
        if (!action.equals("revoke")) {
            throw new CommandFailure("caps: unknown action '" + action + "' (revoke, derive)");
        }
        Principal p = sessions.requireAdmin(session, "caps revoke");
        Domain.Id d = domainId(domain);
        long h = handle(handle);
        record(p, "caps revoke " + d.value() + " " + hex(h));
        try {
            admin().revoke(d, h);
        } catch (CapabilityException e) {
            throw new CommandFailure("caps revoke: " + e.getMessage());
        }
        return json ? Json.of(Map.of("domain", d.value(), "revoked", hex(h)))
            : "revoked everything derived from " + hex(h) + " of domain " + d.value();
    }

    @Descriptor("'caps derive DOMAIN HANDLE RIGHTS' (admin): a child capability with RIGHTS (e.g. READ,WRITE), not derivable further")
    public String caps(CommandSession session,
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("derive") String action,
        @Descriptor("domain number") String domain,
        @Descriptor("capability handle") String handle,
        @Descriptor("rights, comma separated: READ,WRITE,CALL,SIGNAL,WAIT,DERIVE,TRANSFER,REVOKE,MAP") String rights) {
        return caps(session, json, action, domain, handle, rights, "none");
    }

    @Descriptor("'caps derive DOMAIN HANDLE RIGHTS DERIVE-MASK' (admin): a child capability; DERIVE-MASK says what it may pass on")
    public String caps(CommandSession session,
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("derive") String action,
        @Descriptor("domain number") String domain,
        @Descriptor("capability handle") String handle,
        @Descriptor("rights") String rights,
        @Descriptor("derive mask") String deriveMask) {
        if (!action.equals("derive")) {
            throw new CommandFailure("caps: unknown action '" + action + "' with rights (derive)");
        }
        Principal p = sessions.requireAdmin(session, "caps derive");
        Domain.Id d = domainId(domain);
        long h = handle(handle);
        Rights r = parseRights(rights);
        Rights m = parseRights(deriveMask);
        record(p, "caps derive " + d.value() + " " + hex(h) + " " + names(r) + " " + names(m));
        KernelAdmin.CapabilityEntry child;
        try {
            child = admin().derive(d, h, r, m, Badge.NONE, 0);
        } catch (CapabilityException e) {
            throw new CommandFailure("caps derive: " + e.getMessage());
        }
        return json ? Json.of(describe(child)) : "derived " + hex(child.handle()) + " from " + hex(h) + " in domain " + d.value();
    }

    static Domain.Id domainId(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return new Domain.Id(v);
        } catch (NumberFormatException e) {
            throw new CommandFailure("caps: '" + text + "' is not a domain number");
        }
    }

    static long handle(String handle) {
        try {
            return handle.startsWith("0x") ? Long.parseUnsignedLong(handle.substring(2), 16) : Long.parseUnsignedLong(handle);
        } catch (NumberFormatException e) {
            throw new CommandFailure("caps: '" + handle + "' is not a capability handle");
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

    private static Map<String, Object> describe(KernelAdmin.DomainInfo d, List<KernelAdmin.CapabilityEntry> caps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", d.id().value());
        m.put("name", d.name());
        m.put("alive", d.alive());
        List<Map<String, Object>> list = new ArrayList<>();
        for (KernelAdmin.CapabilityEntry c : caps) {
            list.add(describe(c));
        }
        m.put("capabilities", list);
        return m;
    }

    private static Map<String, Object> describe(KernelAdmin.CapabilityEntry c) {
        Capability.Info i = c.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handle", hex(c.handle()));
        m.put("type", i.type().name());
        m.put("rights", names(i.rights()));
        m.put("deriveMask", names(i.deriveMask()));
        m.put("badge", i.badge().value());
        m.put("expiryMs", i.expiryMs());
        m.put("object", hex(i.objectId()));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String text(List<Map<String, Object>> domains) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> d : domains) {
            sb.append("domain ").append(d.get("domain")).append(' ').append(d.get("name"))
                .append(Boolean.TRUE.equals(d.get("alive")) ? "" : " (destroyed)").append('\n');
            for (Map<String, Object> c : (List<Map<String, Object>>) d.get("capabilities")) {
                sb.append(String.format("  %s %-12s rights=%s derive=%s badge=%s expiry=%s%n", c.get("handle"), c.get("type"),
                    c.get("rights"), c.get("deriveMask"), c.get("badge"), c.get("expiryMs")));
            }
        }
        return sb.isEmpty() ? "(no domains)" : sb.toString().stripTrailing();
    }

    private static String names(Rights r) {
        return r.isEmpty() ? "none" : String.join(",", r.toList().stream().map(Enum::name).toList());
    }

    private static String hex(long h) {
        return "0x" + Long.toHexString(h);
    }
}
