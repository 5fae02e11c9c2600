// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelError;

/**
 * The real kernel library, loaded in-process (from {@code -Dnonos.kernel.lib}), and helpers
 * for asserting refusals: each must raise the expected {@link KernelError} and leave a
 * record of itself in the kernel's audit log.
 */
final class Fixture {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private Fixture() {
    }

    static Kernel kernel() {
        return Kernel.get();
    }

    static DomainImpl root() {
        return DomainImpl.root();
    }

    /**
     * A fresh domain. The kernel never reuses domain ids and allows NK_MAX_DOMAINS (1024) per
     * boot, so tests create few and reuse them across trials.
     */
    static DomainImpl domain(String prefix) {
        return root().createDomain(prefix + "-" + NAMES.incrementAndGet());
    }

    /**
     * Runs {@code action}, which must be refused with {@code expected}; the refusal must be in
     * the audit log (a record naming the operation and the error, appended by the refusal).
     */
    static CapabilityException rejected(KernelError expected, String operation, Executable action) {
        long before = kernel().auditCount();
        CapabilityException e = assertThrows(CapabilityException.class, action);
        assertEquals(expected, e.error(), () -> "wrong error: " + e.getMessage());
        assertAudited(before, operation, expected);
        return e;
    }

    /** The audit log gained, after {@code countBefore} records, one for a refused {@code operation}. */
    static void assertAudited(long countBefore, String operation, KernelError error) {
        long after = kernel().auditCount();
        assertTrue(after > countBefore, () -> "no audit record for refused " + operation);
        String log = kernel().auditRead(countBefore);
        boolean found = false;
        for (String line : log.split("\n")) {
            if (AuditLine.isRefusal(line, operation, error)) {
                found = true;
                break;
            }
        }
        assertTrue(found, () -> "no audit record of " + operation + " refused with " + error + " in:\n" + log);
    }
}
