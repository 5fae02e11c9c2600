// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * Read this first: one audit record per line, UTF-8, seven TAB-separated fields
 * {@code seq time line user kind detail hash}. Text fields are escaped so that no record can contain
 * a TAB, a line break or any other control character ({@code \\ \t \n \r \xNN}): what a user types
 * cannot forge a record. {@code hash} is hex SHA-256 over the previous record's hash (32 zero bytes
 * before the first record) followed by the UTF-8 of the first six fields joined by TABs.
 */
public final class AuditLineFormat {
    static final byte[] GENESIS = new byte[32];

    private AuditLineFormat() {
    }

    /** The line for {@code event} (no trailing newline) chained to {@code prevHash}. */
    static AuditRecord make(long seq, Instant time, AuditEvent e, byte[] prevHash) {
        String body = seq + "\t" + time + "\t" + escape(e.line()) + "\t" + escape(e.user()) + "\t" + e.kind().name()
            + "\t" + escape(e.detail());
        String hash = HexFormat.of().formatHex(chain(prevHash, body));
        return new AuditRecord(seq, time, e.line(), e.user(), e.kind().name(), e.detail(), hash);
    }

    static String emit(AuditRecord r) {
        return r.seq() + "\t" + r.time() + "\t" + escape(r.line()) + "\t" + escape(r.user()) + "\t" + r.kind() + "\t"
            + escape(r.detail()) + "\t" + r.hash();
    }

    /** Parses one line; throws {@link IllegalArgumentException} with the reason. Does not check the chain. */
    static AuditRecord parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("expected 7 fields, found " + f.length);
        }
        long seq;
        Instant time;
        try {
            seq = Long.parseLong(f[0]);
            time = Instant.parse(f[1]);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("bad sequence number or time");
        }
        if (f[6].length() != 64 || !f[6].chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("bad hash field");
        }
        return new AuditRecord(seq, time, unescape(f[2]), unescape(f[3]), f[4], unescape(f[5]), f[6]);
    }

    /**
     * The hash a stored line must carry, given the previous one: over the line's own bytes up to the
     * last TAB, so that any change to them, even one that parses to the same values, breaks the chain.
     */
    static byte[] expectedHash(String storedLine, byte[] prevHash) {
        return chain(prevHash, storedLine.substring(0, storedLine.lastIndexOf('\t')));
    }

    private static byte[] chain(byte[] prev, String body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prev);
            md.update(body.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate has no UTF-8 form: it becomes U+FFFD, as a UTF-8 encoder would.
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IllegalArgumentException("dangling escape");
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\\' -> sb.append('\\');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 'x' -> {
                    if (i + 2 >= s.length()) {
                        throw new IllegalArgumentException("short \\x escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                        throw new IllegalArgumentException("bad \\x escape");
                    }
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + n);
            }
        }
        return sb.toString();
    }
}
