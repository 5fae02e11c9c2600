// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin.AuditRecord;
import org.nonos.capability.KernelError;

/**
 * The kernel's audit lines ({@code nk_audit_read}) as records. Format (docs/kernel.md,
 * kernel-native/src/audit_record.h): {@code <seq> <time_ms> <domain> <op> <object> <result>
 * :<text> <hash>}, object 16 hex digits, the text with every byte outside 0x21..0x7e and
 * {@code %} written {@code %XX}, so no field holds a space. A line that does not have this shape
 * is refused with {@link KernelError#AUDIT} (fail closed: the log is not what the kernel writes).
 */
final class AuditRecords {

    private AuditRecords() {
    }

    static List<AuditRecord> parseAll(String lines) {
        List<AuditRecord> out = new ArrayList<>();
        int start = 0;
        while (start < lines.length()) {
            int end = lines.indexOf('\n', start);
            if (end < 0) {
                end = lines.length();
            }
            if (end > start) {
                out.add(parse(lines.substring(start, end)));
            }
            start = end + 1;
        }
        return out;
    }

    static AuditRecord parse(String line) {
        String[] f = line.split(" ", -1);
        if (f.length != 8 || !f[6].startsWith(":") || f[4].length() != 16 || f[7].length() != 64) {
            throw malformed(line);
        }
        try {
            return new AuditRecord(Long.parseLong(digits(f[0], line)), Long.parseLong(digits(f[1], line)),
                    new Domain.Id(Integer.parseUnsignedInt(digits(f[2], line))), word(f[3], line),
                    Long.parseUnsignedLong(hex(f[4], line), 16), word(f[5], line), unescape(f[6].substring(1), line),
                    hex(f[7], line));
        } catch (NumberFormatException e) {
            throw malformed(line);
        }
    }

    private static String word(String s, String line) {
        if (s.isEmpty()) {
            throw malformed(line);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw malformed(line);
            }
        }
        return s;
    }

    /** Canonical decimal as the kernel writes it: digits only, no sign, no leading zero. */
    private static String digits(String s, String line) {
        if (s.isEmpty() || (s.length() > 1 && s.charAt(0) == '0')) {
            throw malformed(line);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw malformed(line);
            }
        }
        return s;
    }

    private static String hex(String s, String line) {
        if (s.isEmpty()) {
            throw malformed(line);
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw malformed(line);
            }
        }
        return s;
    }

    /** Undoes the text field's {@code %XX} escapes; the bytes are UTF-8 (invalid sequences become U+FFFD). */
    static String unescape(String s, String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw malformed(line);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed(line);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x21 || c > 0x7e) {
                throw malformed(line);
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CapabilityException malformed(String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new CapabilityException(KernelError.AUDIT, "audit.read: not a kernel audit record: " + shown);
    }
}
