// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelMirroredAuditLogTest {
    @Test
    void kernelTextIsOneEscapedLine() {
        String t = KernelMirroredAuditLog.kernelText(
            new AuditEvent("ttyS0", "admin", AuditEvent.Kind.COMMAND, "lb\n\tforged\u0000"));
        assertEquals("shell.command line=ttyS0 user=admin lb\\n\\tforged\\x00", t);
        assertEquals("shell.logout line=ttyS0 user=admin",
            KernelMirroredAuditLog.kernelText(new AuditEvent("ttyS0", "admin", AuditEvent.Kind.LOGOUT, "")));
    }

    @Test
    void withoutAKernelDomainTheLocalLogAloneIsWritten(@TempDir Path dir) throws Exception {
        ChainedFileAuditLog local = new ChainedFileAuditLog(dir.resolve("a.log"), Clock.systemUTC());
        KernelMirroredAuditLog log = new KernelMirroredAuditLog(local, () -> null);
        log.append(new AuditEvent("ttyS0", "admin", AuditEvent.Kind.LOGIN, "admin"));
        assertEquals(1, log.tail(5).size());
        assertTrue(log.verify().intact());
    }
}
