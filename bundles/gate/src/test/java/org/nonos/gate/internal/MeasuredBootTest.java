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

/**
 * Boot bundles: measured by the launcher and attested. A measured jar is admitted on its boot
 * verdict; a measurement alone admits nothing; a jar changed after the measurement, or one the
 * launcher never saw, is verified like any other bundle; a bundle resolved before the gate that
 * the launcher did not measure refuses the boot.
 */
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
    void measuredAndAttestedBootBundlesResolveOthersAreVerifiedLikeAnyBundle() throws Exception {
        Path system = Files.createDirectories(dir.resolve("system"));
        Path measured = Files.write(system.resolve("a.jar"), DigestCheck.attest(TestJars.bundle("boot.a", "1.0.0", Map.of("x", "a"))));
        Path unattested = Files.write(system.resolve("u.jar"), TestJars.bundle("boot.u", "1.0.0", Map.of("x", "u")));
        Path changed = Files.write(system.resolve("b.jar"), DigestCheck.attest(TestJars.bundle("boot.b", "1.0.0", Map.of("x", "b"))));
        Path log = Files.writeString(dir.resolve("measurements"), eventLog(measured, unattested, changed));
        Files.write(changed, TestJars.bundle("boot.b", "1.0.0", Map.of("x", "changed after the boot measured it")));
        Path unmeasured = Files.write(system.resolve("c.jar"), TestJars.bundle("boot.c", "1.0.0", Map.of("x", "c")));

        MeasuredBoot boot = MeasuredBoot.read(log);
        assertEquals(3, boot.size());
        List<String> audit = new ArrayList<>();
        DigestCheck check = new DigestCheck();
        BootVerification bootCheck = BootVerification.uncached(boot, audit::add);
        bootCheck.start();
        bootCheck.verifierReady(check);
        long end = System.nanoTime() + 30_000_000_000L;
        while (bootCheck.status() == BootVerification.Status.PENDING && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(BootVerification.Status.REFUSED, bootCheck.status(), "an unattested and a changed boot jar");
        assertEquals("NO_ATTESTATION", bootCheck.verdict(MeasuredBoot.sha256(unattested)).orElseThrow().outcome().reason());
        GateCore core = new GateCore(check, boot, bootCheck, audit::add, Clock.systemUTC());
        Framework fw = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        fw.start();
        try {
            fw.getBundleContext().registerService(ResolverHookFactory.class, new GateHook(core), null);
            Bundle a = fw.getBundleContext().installBundle("reference:" + measured.toUri());
            Bundle u = fw.getBundleContext().installBundle("reference:" + unattested.toUri());
            Bundle b = fw.getBundleContext().installBundle("reference:" + changed.toUri());
            Bundle c = fw.getBundleContext().installBundle("reference:" + unmeasured.toUri());
            a.start();
            Decision da = core.decision(a.getBundleId()).orElseThrow();
            assertEquals(Trust.MEASURED_BOOT, da.trust());
            assertEquals(new DigestCheck().digest(JarContent.of(Files.readAllBytes(measured))), da.digest());
            assertTrue(da.detail().startsWith("boot bundle measured by the launcher; attested by test"), da.detail());
            assertThrows(BundleException.class, u::start);
            assertEquals("NO_ATTESTATION", core.decision(u.getBundleId()).orElseThrow().reason(), "measured but not attested");
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
    void aBundleResolvedBeforeTheGateThatTheLauncherDidNotMeasureRefusesTheBoot() throws Exception {
        Path system = Files.createDirectories(dir.resolve("system"));
        Path measured = Files.write(system.resolve("a.jar"), DigestCheck.attest(TestJars.bundle("boot.a", "1.0.0", Map.of("x", "a"))));
        Path other = Files.write(system.resolve("o.jar"), DigestCheck.attest(TestJars.bundle("boot.o", "1.0.0", Map.of("x", "o"))));
        MeasuredBoot boot = MeasuredBoot.read(Files.writeString(dir.resolve("measurements"), eventLog(measured)));
        List<String> audit = new ArrayList<>();
        BootVerification bootCheck = BootVerification.uncached(boot, audit::add);
        GateCore core = new GateCore(new DigestCheck(), boot, bootCheck, audit::add, Clock.systemUTC());
        Framework fw = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        fw.start();
        try {
            Bundle a = fw.getBundleContext().installBundle("reference:" + measured.toUri());
            Bundle o = fw.getBundleContext().installBundle("reference:" + other.toUri());
            a.start();
            o.start();
            core.beforeGate(a);
            assertEquals(BootVerification.Status.PENDING, bootCheck.status());
            core.beforeGate(o);
            assertEquals(BootVerification.Status.REFUSED, bootCheck.status());
            assertTrue(bootCheck.reason().startsWith("NOT_MEASURED: boot.o"), bootCheck.reason());
            assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.boot refused NOT_MEASURED")), audit::toString);
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }

    @Test
    void beforeGateBundlesGetTheirBootVerdict() throws Exception {
        Path system = Files.createDirectories(dir.resolve("system"));
        Path measured = Files.write(system.resolve("a.jar"), DigestCheck.attest(TestJars.bundle("boot.a", "1.0.0", Map.of("x", "a"))));
        MeasuredBoot boot = MeasuredBoot.read(Files.writeString(dir.resolve("measurements"), eventLog(measured)));
        List<String> audit = new ArrayList<>();
        BootVerification bootCheck = BootVerification.uncached(boot, audit::add);
        GateCore core = new GateCore(new DigestCheck(), boot, bootCheck, audit::add, Clock.systemUTC());
        Framework fw = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        fw.start();
        try {
            Bundle a = fw.getBundleContext().installBundle("reference:" + measured.toUri());
            a.start();
            core.beforeGate(a);
            assertTrue(core.decision(a.getBundleId()).orElseThrow().detail().contains("not judged yet"));
            bootCheck.start();
            bootCheck.verifierReady(new DigestCheck());
            long end = System.nanoTime() + 30_000_000_000L;
            while (bootCheck.status() == BootVerification.Status.PENDING && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(BootVerification.Status.VERIFIED, bootCheck.status());
            Decision d = core.decision(a.getBundleId()).orElseThrow();
            assertEquals(Trust.BEFORE_GATE, d.trust());
            assertTrue(d.detail().contains("attested by test"), d.detail());
            assertTrue(d.digest().startsWith("sha256:"), d.digest());
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }

    @Test
    void aJarTheLauncherRemembersUnchangedIsNotHashedAgain() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state/boot"));
        Path jar = Files.write(dir.resolve("a.jar"), TestJars.bundle("boot.a", "1.0.0", Map.of("x", "a")));
        Path other = Files.write(dir.resolve("o.jar"), TestJars.bundle("boot.o", "1.0.0", Map.of("x", "o")));
        String sha = MeasuredBoot.sha256(jar);
        Path log = Files.writeString(state.resolve("measurements"), eventLog(jar, other));
        // The launcher's digest cache: the jar's version with its digest; the other jar with a wrong
        // digest; a malformed line.
        Files.writeString(state.resolve(MeasuredBoot.DIGESTS), sha + " " + MeasuredBoot.versionOf(jar) + " " + jar + "\n"
                + "00".repeat(32) + " " + MeasuredBoot.versionOf(other) + " " + other + "\n" + "garbage line\n");
        MeasuredBoot boot = MeasuredBoot.read(log);
        assertEquals(sha, boot.verify("reference:" + jar.toUri()).orElseThrow());
        assertEquals(0, boot.hashed(), "same file version as the launcher hashed: not hashed again");
        assertEquals(MeasuredBoot.sha256(other), boot.verify("reference:" + other.toUri()).orElseThrow());
        assertEquals(1, boot.hashed(), "no matching digest in the launcher's cache: hashed");
        // Any write is a new version (change time): hashed again, and the change is seen.
        Files.write(jar, TestJars.bundle("boot.a", "1.0.0", Map.of("x", "b")));
        assertTrue(boot.verify("reference:" + jar.toUri()).isEmpty());
        assertEquals(2, boot.hashed());
    }

    @Test
    void locationsOtherThanFilesAreNeverMeasured() {
        assertTrue(MeasuredBoot.none().verify("reference:file:/nowhere.jar").isEmpty());
        assertTrue(MeasuredBoot.fileOf("http://example.org/x.jar").isEmpty());
        assertTrue(MeasuredBoot.fileOf("test:x").isEmpty());
    }
}
