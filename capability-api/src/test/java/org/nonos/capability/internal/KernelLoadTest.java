// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelError;

/** Binding the library: a missing or wrong library is a typed error, and a running kernel is joined. */
class KernelLoadTest {

    @Test
    void noLibraryNamed() {
        assertEquals(KernelError.STATE, assertThrows(CapabilityException.class, () -> Kernel.load(null)).error());
        assertEquals(KernelError.STATE, assertThrows(CapabilityException.class, () -> Kernel.load(" ")).error());
    }

    @Test
    void notALibrary(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("libnot-a-kernel.so"), "not an ELF file");
        CapabilityException e = assertThrows(CapabilityException.class, () -> Kernel.load(bogus.toString()));
        assertEquals(KernelError.STATE, e.error());
        assertThrows(CapabilityException.class, () -> Kernel.load(dir.resolve("missing.so").toString()));
    }

    @Test
    void aRunningKernelIsJoined() {
        Kernel running = Kernel.get();
        assertSame(running, Kernel.get());
        Kernel again = Kernel.load(System.getProperty("nonos.kernel.lib")); // nk_init answers E_STATE: joined
        assertTrue(again.auditCount() > 0);
        assertTrue(again.auditVerify() > 0, "the audit chain verifies");
    }
}
