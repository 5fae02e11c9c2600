// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the first-boot admin password from a file (unattended installs): UTF-8, one line, one
 * optional final newline (LF or CRLF). Anything else is refused with the reason; the password is never
 * part of a message.
 */
public final class PasswordFile {
    static final int MAX_BYTES = 4 * PasswordPolicy.MAX + 2;

    private PasswordFile() {
    }

    public static char[] read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IOException("admin password file " + file + " cannot be read");
        }
        if (size > MAX_BYTES) {
            throw new IOException("admin password file " + file + " is too large to be a password");
        }
        byte[] b = Files.readAllBytes(file);
        try {
            int len = b.length;
            if (len > 0 && b[len - 1] == '\n') {
                len--;
                if (len > 0 && b[len - 1] == '\r') {
                    len--;
                }
            }
            CharBuffer cb;
            try {
                cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, len));
            } catch (CharacterCodingException e) {
                throw new IOException("admin password file " + file + " is not UTF-8 text");
            }
            char[] pw = new char[cb.remaining()];
            cb.get(pw);
            Arrays.fill(cb.array(), '\0');
            String why = PasswordPolicy.check(pw);
            if (why != null) {
                Arrays.fill(pw, '\0');
                throw new IOException("admin password file " + file + ": " + why);
            }
            return pw;
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }
}
