// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.gate.Decision;
import org.nonos.gate.Trust;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/** Boot bundles trusted by the launcher's measured-boot event log, and only while unchanged. */
class MeasuredBootTest {

    @TempDir
    Path dir;

    private static String eventLog(Path... jars) throws Exception {
        StringBuilder b = new StringBuilder("# nonos measured boot event log v1 (sha256)\n");
        b.append("event 0 pcr=0 sha256=").append("ab".repeat(32)).append(" launcher /usr/bin/nonos\n");
        int i = 1;
        for (Path j : jars) {
            b.append("event ").append(i++).append(" pcr=3 sha256=").append(MeasuredBoot.sha256(j)).append(" bundle ")
                    .append(j).append('\n');
        }
        b.append("pcr 0 sha256=").append("00".repeat(32)).append('\n');
        return b.toString();
    }

    @Test
    void measuredBootBundlesResolveChangedOrUnmeasuredOnesDoNot() throws Exception {
        Path system = Files.createDirectories(dir.resolve("system"));
        Path measured = Files.write(system.resolve("a.jar"), TestJars.bundle("boot.a", "1.0.0", Map.of("x", "a")));
        Path changed = Files.write(system.resolve("b.jar"), TestJars.bundle("boot.b", "1.0.0", Map.of("x", "b")));
        Path log = Files.writeString(dir.resolve("measurements"), eventLog(measured, changed));
        Files.write(changed, TestJars.bundle("boot.b", "1.0.0", Map.of("x", "changed after the boot measured it")));
        Path unmeasured = Files.write(system.resolve("c.jar"), TestJars.bundle("boot.c", "1.0.0", Map.of("x", "c")));

        MeasuredBoot boot = MeasuredBoot.read(log);
        assertEquals(2, boot.size());
        List<String> audit = new ArrayList<>();
        GateCore core = new GateCore(new DigestCheck(), boot, audit::add, Clock.systemUTC());
        Framework fw = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        fw.start();
        try {
            fw.getBundleContext().registerService(ResolverHookFactory.class, new GateHook(core), null);
            Bundle a = fw.getBundleContext().installBundle("reference:" + measured.toUri());
            Bundle b = fw.getBundleContext().installBundle("reference:" + changed.toUri());
            Bundle c = fw.getBundleContext().installBundle("reference:" + unmeasured.toUri());
            a.start();
            Decision da = core.decision(a.getBundleId()).orElseThrow();
            assertEquals(Trust.MEASURED_BOOT, da.trust());
            assertEquals("jar-sha256:" + MeasuredBoot.sha256(measured), da.digest());
            assertTrue(da.capabilities().isEmpty(), "the gate grants boot bundles nothing");
            assertThrows(BundleException.class, b::start);
            assertFalse(core.decision(b.getBundleId()).orElseThrow().accepted());
            assertThrows(BundleException.class, c::start);
            assertEquals("NO_ATTESTATION", core.decision(c.getBundleId()).orElseThrow().reason());
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }

    @Test
    void locationsOtherThanFilesAreNeverMeasured() {
        assertTrue(MeasuredBoot.none().verify("reference:file:/nowhere.jar").isEmpty());
        assertTrue(MeasuredBoot.fileOf("http://example.org/x.jar").isEmpty());
        assertTrue(MeasuredBoot.fileOf("test:x").isEmpty());
    }
}
