// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.internal.Standalone;
import org.nonos.shell.internal.audit.KernelAuditLog;

/**
 * The real kernel library in this JVM (from {@code -Dnonos.kernel.lib}), as the shell meets it in a
 * framework: a domain of its own and the administrator's view of the kernel. Each fixture is a fresh
 * domain, so a test reads back exactly the records its shell made.
 */
public final class KernelFixture {
    private static final AtomicInteger NAMES = new AtomicInteger();

    public final Domain domain;
    public final KernelAdmin admin;
    public final KernelAuditLog audit;
    private final long startSeq;

    public KernelFixture() {
        domain = Standalone.domain("shell-test-" + NAMES.incrementAndGet());
        admin = Standalone.admin(domain);
        audit = new KernelAuditLog(() -> domain);
        startSeq = admin.auditCount() + 1;
    }

    /** The shell's records (events of this fixture's domain) since the fixture was made. */
    public List<KernelAdmin.AuditRecord> shellRecords() {
        return admin.auditFrom(startSeq).stream()
            .filter(r -> r.domain().equals(domain.id()) && r.op().equals("event") && r.text().startsWith("shell."))
            .toList();
    }

    /** The texts of {@link #shellRecords()}, one per line. */
    public String shellLog() {
        StringBuilder sb = new StringBuilder();
        for (KernelAdmin.AuditRecord r : shellRecords()) {
            sb.append(r.text()).append('\n');
        }
        return sb.toString();
    }
}
