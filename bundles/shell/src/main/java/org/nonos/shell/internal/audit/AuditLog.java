// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

/**
 * Where the shell records what happens on its line: logins, failures, lock-outs, commands,
 * shutdown. The one implementation, {@link KernelAuditLog}, appends to the kernel's hash-chained
 * audit log; {@code audit} reads that same log back through the capability API's administrator
 * service. Never a secret: callers pass names and command lines only.
 */
public interface AuditLog {

    /** Appends one record; throws when it could not be recorded (the caller then refuses the action). */
    void append(AuditEvent event) throws AuditException;
}
