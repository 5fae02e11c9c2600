// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import java.util.List;
import java.util.function.Supplier;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;

/**
 * The shell's audit log with every record also appended to the kernel's audit log, through the
 * shell bundle's own {@link Domain} ({@code nk_audit_append}), when the capability API is there.
 * The kernel record comes first: if the kernel refuses it, nothing is recorded locally and the
 * action that needed the record is refused. Reading and {@code verify} use the local chained
 * file: the capability API has no reading of the kernel log for bundles.
 */
public final class KernelMirroredAuditLog implements AuditLog {
    private final AuditLog local;
    private final Supplier<Domain> kernel;

    public KernelMirroredAuditLog(AuditLog local, Supplier<Domain> kernel) {
        this.local = local;
        this.kernel = kernel;
    }

    /** The kernel event text: {@code shell.<kind> line=<line> user=<user> <detail>}, escaped like the local log. */
    static String kernelText(AuditEvent e) {
        String t = "shell." + e.kind().name().toLowerCase() + " line=" + AuditLineFormat.escape(e.line())
            + " user=" + AuditLineFormat.escape(e.user());
        return e.detail().isEmpty() ? t : t + " " + AuditLineFormat.escape(e.detail());
    }

    @Override
    public void append(AuditEvent event) throws AuditException {
        Domain d = kernel.get();
        if (d != null) {
            try {
                d.audit(kernelText(event));
            } catch (CapabilityException e) {
                throw new AuditException("kernel audit log refused the record: " + e.getMessage());
            }
        }
        local.append(event);
    }

    @Override
    public List<AuditRecord> tail(int n) throws AuditException {
        return local.tail(n);
    }

    @Override
    public List<AuditRecord> search(String text, int limit) throws AuditException {
        return local.search(text, limit);
    }

    @Override
    public Verification verify() throws AuditException {
        return local.verify();
    }
}
