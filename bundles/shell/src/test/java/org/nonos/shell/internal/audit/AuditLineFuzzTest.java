// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The audit line parser on arbitrary text: a record or {@link IllegalArgumentException}; and any
 * record it accepts is emitted back to the same text.
 */
class AuditLineFuzzTest {
    @FuzzTest
    void parse(byte[] data) {
        String line = new String(data, StandardCharsets.UTF_8);
        AuditRecord r;
        try {
            r = AuditLineFormat.parse(line);
        } catch (IllegalArgumentException expected) {
            return;
        }
        AuditRecord again = AuditLineFormat.parse(AuditLineFormat.emit(r));
        assertEquals(r, again);
    }
}
