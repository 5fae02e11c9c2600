// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nonos.shell.internal.CommandFailure;
import org.nonos.shell.internal.audit.AuditException;
import org.nonos.shell.internal.audit.AuditLog;
import org.nonos.shell.internal.audit.AuditRecord;

/** {@code audit}: the last records, a search, and a check of the hash chain. */
public final class AuditCommands {
    static final int DEFAULT_TAIL = 20;
    static final int MAX_RESULTS = 10_000;

    private final AuditLog log;

    public AuditCommands(AuditLog log) {
        this.log = log;
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

    @Descriptor("audit log: 'audit tail N' (last N records) or 'audit search TEXT' (user, event or detail)")
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
                    return records(json, log.search(arg, MAX_RESULTS));
                } catch (AuditException e) {
                    throw new CommandFailure(e.getMessage());
                }
            }
            default -> throw new CommandFailure("audit: unknown action '" + what + "' with an argument (tail N, search TEXT)");
        }
    }

    private List<AuditRecord> tail(int n) {
        try {
            return log.tail(n);
        } catch (AuditException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private String verify(boolean json) {
        AuditLog.Verification v;
        try {
            v = log.verify();
        } catch (AuditException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("intact", v.intact());
            m.put("checked", v.checked());
            m.put("problem", v.intact() ? null : v.problem());
            return Json.of(m);
        }
        if (v.intact()) {
            return "audit chain intact: " + v.checked() + " records checked";
        }
        throw new CommandFailure("audit chain BROKEN after " + v.checked() + " good records: " + v.problem());
    }

    static String records(boolean json, List<AuditRecord> rs) {
        if (json) {
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            for (AuditRecord r : rs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seq", r.seq());
                m.put("time", r.time().toString());
                m.put("line", r.line());
                m.put("user", r.user());
                m.put("kind", r.kind());
                m.put("detail", r.detail());
                m.put("hash", r.hash());
                out.add(m);
            }
            return Json.of(out);
        }
        StringBuilder sb = new StringBuilder();
        for (AuditRecord r : rs) {
            sb.append(String.format("%6d %s %-8s %-10s %-14s %s%n", r.seq(), r.time(), r.line(), r.user(), r.kind(),
                printable(r.detail())));
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
