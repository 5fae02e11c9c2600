// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import java.util.Objects;

/**
 * The kernel (or this API, checking first on its behalf) refused an operation. The refusal
 * changed nothing; {@link #error()} says why in the kernel's own terms.
 */
public class CapabilityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final KernelError error;

    public CapabilityException(KernelError error, String message) {
        super(error.name() + ": " + message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** Why the operation was refused. */
    public KernelError error() {
        return error;
    }
}
