// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

/**
 * Where the gate's accept and reject records go: the kernel's audit log through the gate
 * bundle's own {@link org.nonos.capability.Domain} ({@link DomainAudit}).
 */
@FunctionalInterface
public interface AuditSink {
    /** Appends one event line (printable ASCII, bounded by the kernel's line limit). */
    void append(String event);
}
