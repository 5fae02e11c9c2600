// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.nonos.capability.KernelError;

/**
 * Reads one kernel audit record line (format in kernel-native/src/audit_record.h):
 * {@code <seq> <time_ms> <domain> <op> <object> <result> :<text> <hash>}.
 */
record AuditLine(long seq, int domain, String op, String object, String result, String text) {

    static AuditLine parse(String line) {
        String[] f = line.split(" ");
        if (f.length != 8 || !f[6].startsWith(":")) {
            throw new IllegalArgumentException("not an audit record: " + line);
        }
        return new AuditLine(Long.parseLong(f[0]), Integer.parseInt(f[2]), f[3], f[4], f[5], unescape(f[6].substring(1)));
    }

    /** The text field escapes every byte outside 0x21..0x7e, and '%', as %XX. */
    private static String unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Is this line the record of {@code operation} refused with {@code error}? Either the
     * kernel's own record ({@code op} and result {@code E_<error>}), or the event this
     * binding appends when it refuses on the kernel's behalf ({@code rejected <op> <ERROR>: ...}).
     */
    static boolean isRefusal(String line, String operation, KernelError error) {
        if (line.isBlank()) {
            return false;
        }
        AuditLine a = parse(line);
        return (a.op.equals(operation) && a.result.equals("E_" + error.name()))
                || (a.op.equals("event") && a.text.startsWith("rejected " + operation + " " + error.name() + ":"));
    }
}
