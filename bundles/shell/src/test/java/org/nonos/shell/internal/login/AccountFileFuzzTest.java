// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The account file parser on arbitrary bytes: a result or {@link AccountFileException}, nothing else. */
class AccountFileFuzzTest {
    @FuzzTest
    void parse(byte[] data) {
        try {
            AccountFile.parse(data);
        } catch (AccountFileException expected) {
            // A defect, reported as such.
        }
        try {
            PasswordHash.parse(new String(data, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException expected) {
            // Not a PHC argon2id string.
        }
    }
}
