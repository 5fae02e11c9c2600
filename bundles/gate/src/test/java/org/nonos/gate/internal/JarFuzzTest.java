// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.nonos.gate.Decision;
import org.nonos.gate.Trust;

/**
 * Fuzz targets for what the gate reads from outside: a jar handed to {@link GateCore#verify} (hot
 * deploy passes any file dropped in deploy/), the measured-boot event log and the boot verdict
 * cache file. In a normal build
 * the seed corpus (src/test/resources/.../JarFuzzTestInputs) runs as a regression test.
 */
class JarFuzzTest {
    private static final GateCore CORE = new GateCore(new DigestCheck(), MeasuredBoot.none(), e -> { }, Clock.systemUTC());

    @FuzzTest
    void untrustedJar(byte[] data) {
        // Never an exception: a decision, and a rejection unless the bytes really are an attested jar.
        Decision d = CORE.verify(data);
        if (d.accepted()) {
            assertEquals(Trust.ATTESTED, d.trust());
        } else {
            assertFalse(d.reason().isEmpty());
        }
    }

    @FuzzTest
    void eventLog(byte[] data) throws IOException {
        Path f = Files.createTempFile("measurements", ".log");
        try {
            Files.write(f, data);
            MeasuredBoot m = MeasuredBoot.read(f);
            assertFalse(m.size() < 0);
            m.verify("reference:file:/nonexistent/x.jar");
        } catch (java.nio.charset.MalformedInputException expected) {
            // Not UTF-8: refused as unreadable.
        } finally {
            Files.delete(f);
        }
    }

    @FuzzTest
    void bootVerdictFile(byte[] data) {
        // Never an exception; only entries that would be written the same way come out.
        BootVerdictFile.Parsed p = BootVerdictFile.parse(data);
        for (BootVerdictFile.Entry e : p.entries()) {
            if (!e.writable()) {
                throw new AssertionError("ill-formed entry accepted: " + e);
            }
        }
        if (!p.recognised()) {
            assertEquals(0, p.entries().size());
        }
        assertEquals(p.entries(), BootVerdictFile.parse(BootVerdictFile.emit(p.entries())).entries());
    }

    @FuzzTest
    void launcherDigests(byte[] data) throws IOException {
        // The launcher's digest cache, read beside the event log: never an exception, and only
        // versions of measured files with their measured digest.
        Path d = Files.createTempDirectory("digests");
        try {
            Path f = Files.write(d.resolve(MeasuredBoot.DIGESTS), data);
            FileVersions v = FileVersions.read(f);
            // Whatever it holds, no file that does not exist is ever "unchanged".
            assertEquals(false, v.unchanged(Path.of("/nonexistent/x.jar"), "ab".repeat(32)));
        } finally {
            Files.delete(d.resolve(MeasuredBoot.DIGESTS));
            Files.delete(d);
        }
    }
}
