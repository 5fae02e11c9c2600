// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.KernelAdmin.AuditRecord;
import org.nonos.capability.KernelError;
import org.nonos.shell.internal.CommandFailure;

/**
 * {@code audit}: the kernel's hash-chained audit log, read through the capability API's
 * administrator service ({@link KernelAdmin}): the last records, a search, and a check of the
 * whole chain. The shell's own events are in the same log ({@code event} records of the shell's
 * domain, text {@code shell.<kind> line=.. user=..}), beside every capability operation.
 */
public final class AuditCommands {
    static final int DEFAULT_TAIL = 20;
    static final int MAX_RESULTS = 10_000;

    private final Supplier<KernelAdmin> admin;

    public AuditCommands(Supplier<KernelAdmin> admin) {
        this.admin = admin;
    }

    private KernelAdmin admin() {
        KernelAdmin a = admin.get();
        if (a == null) {
            throw new CommandFailure("audit: the shell holds no administrator capability (framework property "
                + KernelAdmin.ADMIN_BUNDLES + ")");
        }
        return a;
    }

    @Descriptor("audit log: 'audit tail [N]', 'audit search TEXT', 'audit verify'")
    public String audit(
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("tail | verify") String what) {
        return switch (what) {
            case "tail" -> records(json, tail(DEFAULT_TAIL));
            case "verify" -> verify(json);
            case "search" -> throw new CommandFailure("audit search: what to look for? ('audit search TEXT')");
            default -> throw new CommandFailure("audit: unknown action '" + what + "' (tail, search, verify)");
        };
    }

    @Descriptor("audit log: 'audit tail N' (last N records) or 'audit search TEXT' (operation, result or text)")
    public String audit(
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("tail | search") String what,
        @Descriptor("count for tail, text for search") String arg) {
        switch (what) {
            case "tail" -> {
                int n;
                try {
                    n = Integer.parseInt(arg);
                } catch (NumberFormatException e) {
                    throw new CommandFailure("audit tail: '" + arg + "' is not a count");
                }
                if (n < 1 || n > MAX_RESULTS) {
                    throw new CommandFailure("audit tail: count must be 1.." + MAX_RESULTS);
                }
                return records(json, tail(n));
            }
            case "search" -> {
                if (arg.isEmpty()) {
                    throw new CommandFailure("audit search: empty text");
                }
                try {
                    return records(json, admin().auditSearch(arg, MAX_RESULTS));
                } catch (CapabilityException e) {
                    throw new CommandFailure("audit search: " + e.getMessage());
                }
            }
            default -> throw new CommandFailure("audit: unknown action '" + what + "' with an argument (tail N, search TEXT)");
        }
    }

    private List<AuditRecord> tail(int n) {
        try {
            return admin().auditTail(n);
        } catch (CapabilityException e) {
            throw new CommandFailure("audit tail: " + e.getMessage());
        }
    }

    private String verify(boolean json) {
        long checked;
        String problem = null;
        try {
            checked = admin().auditVerify();
        } catch (CapabilityException e) {
            if (e.error() != KernelError.AUDIT) {
                throw new CommandFailure("audit verify: " + e.getMessage());
            }
            checked = 0;
            problem = e.getMessage();
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("intact", problem == null);
            m.put("checked", checked);
            m.put("problem", problem);
            return Json.of(m);
        }
        if (problem == null) {
            return "audit chain intact: " + checked + " records checked";
        }
        throw new CommandFailure("audit chain BROKEN: " + problem);
    }

    static String records(boolean json, List<AuditRecord> rs) {
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (AuditRecord r : rs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seq", r.seq());
                m.put("time", Instant.ofEpochMilli(r.timeMs()).toString());
                m.put("domain", r.domain().value());
                m.put("op", r.op());
                m.put("object", String.format("%016x", r.object()));
                m.put("result", r.result());
                m.put("text", r.text());
                m.put("hash", r.hash());
                out.add(m);
            }
            return Json.of(out);
        }
        StringBuilder sb = new StringBuilder();
        for (AuditRecord r : rs) {
            sb.append(String.format("%6d %s %4d %-15s %-12s %s%n", r.seq(), Instant.ofEpochMilli(r.timeMs()),
                r.domain().value(), r.op(), r.result(), printable(r.text())));
        }
        return rs.isEmpty() ? "(no records)" : sb.toString().stripTrailing();
    }

    /** What a user typed is shown with control characters escaped, so a record cannot drive the terminal. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
