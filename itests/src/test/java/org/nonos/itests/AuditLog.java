// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The kernel's audit log file, checked independently of the kernel: the record format and the
 * hash chain of kernel-native/src/audit_record.h,
 * {@code hash = SHA-256(previous hash || line up to the space before hash)}, first previous
 * hash 32 zero bytes, sequence numbers 1, 2, 3, ...
 */
record AuditLog(List<Record> records) {
    record Record(long seq, String domain, String op, String result, String text, String line) {
    }

    static AuditLog read(Path file) throws IOException {
        List<Record> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            if (f.length != 8 || !f[6].startsWith(":")) {
                throw new AssertionError("malformed audit record: " + line);
            }
            out.add(new Record(Long.parseLong(f[0]), f[2], f[3], f[5], decode(f[6].substring(1)), line));
        }
        return new AuditLog(out);
    }

    /** Undoes the %XX escaping of the text field. */
    static String decode(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Checks the whole chain; throws AssertionError naming the first bad record. */
    void verifyChain() {
        byte[] prev = new byte[32];
        long seq = 0;
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Record r : records) {
            if (r.seq() != seq + 1) {
                throw new AssertionError("audit sequence jumps from " + seq + " to " + r.seq());
            }
            int sp = r.line().lastIndexOf(' ');
            sha.reset();
            sha.update(prev);
            sha.update(r.line().substring(0, sp).getBytes(StandardCharsets.US_ASCII));
            byte[] h = sha.digest();
            if (!HexFormat.of().formatHex(h).equals(r.line().substring(sp + 1))) {
                throw new AssertionError("audit hash chain broken at record " + r.seq());
            }
            prev = h;
            seq = r.seq();
        }
    }

    List<Record> events(String prefix) {
        return records.stream().filter(r -> r.op().equals("event") && r.text().startsWith(prefix)).toList();
    }

    Record last() {
        return records.get(records.size() - 1);
    }
}
