// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Read this first: the account file format, version 1 (docs/shell.md has the same text). UTF-8 lines
 * ending in LF:
 *
 * <pre>
 * nonos-accounts 1
 * account &lt;name&gt; &lt;admin|operator&gt; &lt;PHC argon2id string&gt;
 * ...
 * sha256 &lt;64 lower-case hex digits&gt;
 * </pre>
 *
 * The last line is the SHA-256 of every byte before it: it tells a damaged or cut file from a good one
 * (it is not a defence against someone who can write the file; the file is mode 0600 in the state
 * directory). Blank lines and {@code #} comments are not allowed: the file is written by the shell only.
 * This class is the format alone: {@link #parse} and {@link #emit}, no I/O.
 */
public final class AccountFile {
    static final String MAGIC = "nonos-accounts";
    static final int VERSION = 1;

    private AccountFile() {
    }

    public static byte[] emit(Map<String, Account> accounts) {
        StringBuilder sb = new StringBuilder();
        sb.append(MAGIC).append(' ').append(VERSION).append('\n');
        for (Account a : accounts.values()) {
            sb.append("account ").append(a.name()).append(' ').append(a.role().name().toLowerCase(Locale.ROOT))
                .append(' ').append(a.password().encode()).append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        String sum = "sha256 " + HexFormat.of().formatHex(sha256(body, body.length)) + "\n";
        byte[] out = new byte[body.length + sum.length()];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(sum.getBytes(StandardCharsets.US_ASCII), 0, out, body.length, sum.length());
        return out;
    }

    /** Parses the whole file; any defect is an {@link AccountFileException} naming the line. */
    public static Map<String, Account> parse(byte[] file) throws AccountFileException {
        if (file.length == 0) {
            throw new AccountFileException("account file is empty");
        }
        if (file[file.length - 1] != '\n') {
            throw new AccountFileException("account file is cut short (no final newline)");
        }
        int lastStart = lastLineStart(file);
        String last = new String(file, lastStart, file.length - lastStart - 1, StandardCharsets.US_ASCII);
        if (!last.startsWith("sha256 ")) {
            throw new AccountFileException("account file has no checksum line (cut short?)");
        }
        byte[] want;
        try {
            want = HexFormat.of().parseHex(last.substring(7));
        } catch (IllegalArgumentException e) {
            throw new AccountFileException("account file checksum line is malformed");
        }
        if (want.length != 32 || !MessageDigest.isEqual(want, sha256(file, lastStart))) {
            throw new AccountFileException("account file checksum does not match: the file is damaged");
        }
        String body = new String(file, 0, lastStart, StandardCharsets.UTF_8);
        String[] lines = body.split("\n", -1);
        // body ends with '\n', so the split leaves one empty string at the end.
        if (lines.length < 2 || !lines[0].equals(MAGIC + " " + VERSION)) {
            if (lines[0].startsWith(MAGIC + " ")) {
                throw new AccountFileException("account file version '" + lines[0].substring(MAGIC.length() + 1)
                    + "' is not supported (this system reads version " + VERSION + ")");
            }
            throw new AccountFileException("not an account file (line 1)");
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (int i = 1; i < lines.length - 1; i++) {
            String[] f = lines[i].split(" ", -1);
            int lineNo = i + 1;
            if (f.length != 4 || !f[0].equals("account")) {
                throw new AccountFileException("account file line " + lineNo + ": expected 'account <name> <role> <hash>'");
            }
            Account.Role role;
            try {
                role = Account.Role.valueOf(f[2].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new AccountFileException("account file line " + lineNo + ": unknown role '" + f[2] + "'");
            }
            if (!f[2].equals(f[2].toLowerCase(Locale.ROOT))) {
                throw new AccountFileException("account file line " + lineNo + ": role must be lower case");
            }
            Account a;
            try {
                a = new Account(f[1], role, PasswordHash.parse(f[3]));
            } catch (IllegalArgumentException e) {
                throw new AccountFileException("account file line " + lineNo + ": " + e.getMessage());
            }
            if (accounts.putIfAbsent(a.name(), a) != null) {
                throw new AccountFileException("account file line " + lineNo + ": account '" + a.name() + "' twice");
            }
        }
        return accounts;
    }

    private static int lastLineStart(byte[] file) {
        for (int i = file.length - 2; i >= 0; i--) {
            if (file[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static byte[] sha256(byte[] b, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, 0, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
