// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelError;

/** Asserts a refusal whose exact error depends on how the kernel found the handle gone. */
final class CapabilityExceptionAssert {

    private CapabilityExceptionAssert() {
    }

    static CapabilityException failsWithOneOf(Executable action, KernelError... errors) {
        CapabilityException e = assertThrows(CapabilityException.class, action);
        assertTrue(Set.of(errors).contains(e.error()), () -> "unexpected error " + e.error() + ": " + e.getMessage());
        return e;
    }
}
