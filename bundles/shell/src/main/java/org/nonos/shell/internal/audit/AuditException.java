// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import java.io.IOException;

/** The audit log cannot be written or read; whatever needed the record does not happen. */
public final class AuditException extends IOException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }
}
