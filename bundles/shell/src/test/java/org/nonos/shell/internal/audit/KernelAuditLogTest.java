// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nonos.shell.internal.KernelFixture;

class KernelAuditLogTest {
    @Test
    void textNamesKindLineAndUser() {
        assertEquals("shell.command line=ttyS0 user=admin caps revoke 0x1",
            KernelAuditLog.kernelText(new AuditEvent("ttyS0", "admin", AuditEvent.Kind.COMMAND, "caps revoke 0x1")));
        assertEquals("shell.logout line=ttyS0 user=a\\x20user=root",
            KernelAuditLog.kernelText(new AuditEvent("ttyS0", "a user=root", AuditEvent.Kind.LOGOUT, "")));
    }

    @Test
    void recordsGoToTheKernelAndLongOnesAreCut() throws Exception {
        KernelFixture k = new KernelFixture();
        k.audit.append(new AuditEvent("ttyS0", "admin", AuditEvent.Kind.LOGIN, ""));
        String longLine = "x".repeat(5000) + "\u00e9";
        k.audit.append(new AuditEvent("ttyS0", "admin", AuditEvent.Kind.COMMAND, longLine));
        k.audit.append(new AuditEvent("ttyS0", "admin", AuditEvent.Kind.COMMAND, "a\0b"));
        var rs = k.shellRecords();
        assertEquals(3, rs.size());
        assertEquals("shell.login line=ttyS0 user=admin", rs.get(0).text());
        assertTrue(rs.get(1).text().endsWith(" [cut]"));
        assertTrue(rs.get(1).text().getBytes(StandardCharsets.UTF_8).length <= KernelAuditLog.MAX_BYTES);
        assertEquals("shell.command line=ttyS0 user=admin a\\x00b", rs.get(2).text());
    }

    @Test
    void withoutTheKernelNothingIsRecordedAndTheActionIsRefused() {
        AuditException e = assertThrows(AuditException.class,
            () -> new KernelAuditLog(() -> null).append(new AuditEvent("l", "u", AuditEvent.Kind.LOGIN, "")));
        assertTrue(e.getMessage().contains("capability API is not running"), e.getMessage());
    }
}
