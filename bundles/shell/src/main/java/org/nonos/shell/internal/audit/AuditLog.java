// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import java.util.List;

/**
 * Where the shell's audit records go, and what {@code audit} reads. {@link ChainedFileAuditLog} is the
 * shell's own SHA-256 chained file; the kernel's audit log (nk_audit_append/read/verify through the
 * capability API) is the other implementation, behind this same interface.
 */
public interface AuditLog {

    /** Appends one record; throws when it could not be made durable (the caller then refuses the action). */
    void append(AuditEvent event) throws AuditException;

    /** The last {@code n} records, oldest first. */
    List<AuditRecord> tail(int n) throws AuditException;

    /** Records whose user, kind or detail contains {@code text} (case-insensitive), oldest first, at most {@code limit}. */
    List<AuditRecord> search(String text, int limit) throws AuditException;

    /** Checks the whole chain. */
    Verification verify() throws AuditException;

    /** Outcome of {@link #verify()}: how many records were checked and the first defect, if any. */
    record Verification(long checked, boolean intact, String problem) {
    }
}
