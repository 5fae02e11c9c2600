// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelAdmin.AuditRecord;
import org.nonos.capability.KernelError;

/**
 * The kernel audit line parser on arbitrary text: a record, or {@link CapabilityException} with
 * {@link KernelError#AUDIT}, never anything else; an accepted record keeps the line's fields.
 */
class AuditRecordsFuzzTest {
    @FuzzTest(maxDuration = "45s")
    void parse(byte[] data) {
        String line = new String(data, StandardCharsets.UTF_8);
        AuditRecord r;
        try {
            r = AuditRecords.parse(line);
        } catch (CapabilityException e) {
            assertEquals(KernelError.AUDIT, e.error());
            return;
        }
        assertTrue(line.startsWith(r.seq() + " "), line);
        assertTrue(line.endsWith(" " + r.hash()), line);
        assertEquals(64, r.hash().length());
    }
}
