// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelAdmin.AuditRecord;
import org.nonos.capability.KernelError;

/** The kernel's audit line format (docs/kernel.md): parsed field by field; anything else refused with AUDIT. */
class AuditRecordsTest {

    private static final String HASH = "ab".repeat(32);

    @Test
    void parsesALine() {
        AuditRecord r = AuditRecords.parse("42 1700000000000 3 cap.derive 00000001000000ff E_RIGHTS :a%20b%25%C3%A9 " + HASH);
        assertEquals(42, r.seq());
        assertEquals(1700000000000L, r.timeMs());
        assertEquals(3, r.domain().value());
        assertEquals("cap.derive", r.op());
        assertEquals(0x1000000ffL, r.object());
        assertEquals("E_RIGHTS", r.result());
        assertEquals("a b%\u00e9", r.text());
        assertEquals(HASH, r.hash());
        assertEquals("", AuditRecords.parse("1 2 0 init 0000000000000000 OK : " + HASH).text());
    }

    @Test
    void parsesTheKernelsOwnLines() {
        Fixture.root().audit("records-test");
        List<AuditRecord> all = AuditRecords.parseAll(Fixture.kernel().auditRead(1));
        assertEquals(Fixture.kernel().auditCount(), all.get(all.size() - 1).seq());
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : List.of("", "1 2 3", "x 2 0 init 0000000000000000 OK : " + HASH,
                "1 2 0 init 000000000000000 OK : " + HASH, "1 2 0 init 0000000000000000 OK x " + HASH,
                "1 2 0 init 0000000000000000 OK :%zz " + HASH, "1 2 0 init 0000000000000000 OK :%4 " + HASH,
                "1 2 0 init 0000000000000000 OK : " + HASH.substring(1) + "g",
                "1 2 0 init 0000000000000000 OK :a\u00e9 " + HASH, "1 2 0 init 0000000000000000 OK : " + HASH + " extra", "+1 2 0 init 0000000000000000 OK : " + HASH,
                "1 2 +0 init 0000000000000000 OK : " + HASH, "01 2 0 init 0000000000000000 OK : " + HASH, "1 2 0 init +000000000000000 OK : " + HASH)) {
            CapabilityException e = assertThrows(CapabilityException.class, () -> AuditRecords.parse(bad), bad);
            assertEquals(KernelError.AUDIT, e.error());
        }
    }
}
