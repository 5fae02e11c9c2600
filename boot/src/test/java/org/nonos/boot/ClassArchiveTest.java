// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void anArchiveTheJvmDidNotMapIsNamed() {
        assertEquals(Optional.of(Path.of("/opt/nonos/var/cds/nonos-1.aot")),
                ClassArchive.unmapped("aot /opt/nonos/var/cds/nonos-1.aot", "mixed mode"));
        assertEquals(Optional.of(Path.of("/opt/nonos/var/cds/nonos-1.jsa")),
                ClassArchive.unmapped("static /opt/nonos/var/cds/nonos-1.jsa", "mixed mode, emulated-client"));
    }

    @Test
    void aMappedArchiveOrNoneIsLeftAlone() {
        assertEquals(Optional.empty(), ClassArchive.unmapped("aot /x.aot", "mixed mode, sharing"));
        assertEquals(Optional.empty(), ClassArchive.unmapped("recording (/x.aot after this boot)", "mixed mode"));
        assertEquals(Optional.empty(), ClassArchive.unmapped("off: set in jvm.options", "mixed mode"));
        assertEquals(Optional.empty(), ClassArchive.unmapped(null, "mixed mode"));
        assertEquals(Optional.empty(), ClassArchive.unmapped("aot ", "mixed mode"));
    }

    @Test
    void theUnmappedArchiveIsRemoved() throws Exception {
        Path archive = Files.write(dir.resolve("nonos-1.aot"), new byte[] {1, 2, 3});
        String vmInfo = System.getProperty("java.vm.info");
        ClassArchive.dropIfUnmapped("aot " + archive);
        // This test JVM maps the JDK's own archive or none; only when it maps none is the file gone.
        assertEquals(!vmInfo.contains("sharing"), !Files.exists(archive), vmInfo);
        Path other = Files.write(dir.resolve("nonos-2.aot"), new byte[] {1});
        ClassArchive.dropIfUnmapped("off: set in jvm.options");
        assertTrue(Files.exists(other));
        assertFalse(ClassArchive.unmapped("aot " + other, "mixed mode").isEmpty());
    }
}
