// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import java.util.function.Supplier;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;

/**
 * The shell's records in the kernel's audit log ({@code nk_audit_append} through the shell
 * bundle's own {@link Domain}): one {@code event} record per shell event, attributed by the
 * kernel to the shell's domain and chained with every capability operation. Without a domain
 * (the capability API is not running) nothing can be recorded, so the action that needed the
 * record is refused: fail closed.
 */
public final class KernelAuditLog implements AuditLog {
    private final Supplier<Domain> domain;

    public KernelAuditLog(Supplier<Domain> domain) {
        this.domain = domain;
    }

    /**
     * The event text: {@code shell.<kind> line=<line> user=<user>[ <detail>]}. Line and user
     * have space, backslash and control characters written {@code \xNN}, so a user name cannot
     * pose as another field; the kernel escapes the whole text again for its log.
     */
    public static String kernelText(AuditEvent e) {
        String t = "shell." + e.kind().name().toLowerCase(java.util.Locale.ROOT) + " line=" + word(e.line())
            + " user=" + word(e.user());
        return e.detail().isEmpty() ? t : t + " " + e.detail();
    }

    static String word(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c <= 0x20 || c == '\\' || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /** Kernel events hold at most NK_EVENT_MAX (1024) bytes: a longer text is cut, and says so. */
    static final int MAX_BYTES = 1024;
    static final String CUT = " [cut]";

    static String fit(String text) {
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        int bytes = CUT.length();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int n = new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_BYTES) {
                break;
            }
            sb.appendCodePoint(c);
            bytes += n;
            i += Character.charCount(c);
        }
        return sb.append(CUT).toString();
    }

    @Override
    public void append(AuditEvent event) throws AuditException {
        Domain d = domain.get();
        if (d == null) {
            throw new AuditException("no kernel audit log: the capability API is not running");
        }
        String text = fit(kernelText(event).replace("\0", "\\x00"));
        try {
            d.audit(text);
        } catch (CapabilityException e) {
            throw new AuditException("the kernel audit log refused the record: " + e.getMessage());
        }
    }
}
