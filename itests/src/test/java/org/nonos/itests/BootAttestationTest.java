// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boot bundles attested by the distribution's key and verified by the gate at boot
 * (docs/gate.md "Boot bundles"): a cold boot verifies every one and fills the verdict cache, a warm
 * boot takes every verdict from it and verifies none; one byte changed in a boot jar, whether one
 * the gate needs (start level 1) or any other, stops the boot with the reason on the console and
 * in the audit log, even when the verdict cache holds the jar's earlier content.
 */
class BootAttestationTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct-horse-battery-42";

    @TempDir
    Path tmp;


    @Test
    void aWarmBootTakesEveryBootVerdictFromTheCache() throws Exception {
        Path state = tmp.resolve("state");
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        long measured;
        try (Nonos n = Nonos.start("--serial", "pty", "--state", state.toString(), "--admin-password-file", pw.toString());
                Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
            // Nothing cached: the line says what the boot waits for, before the framework line.
            t.expect("nonos: verifying the attestations of the boot bundles", Nonos.BOOT_TIMEOUT);
            t.bootAndLogin(PASSWORD);
            t.sendLine("gate:boot");
            t.expect("boot bundles: verified", STEP);
            Matcher m = t.expect("measured (\\d+), from the verdict cache 0, verified (\\d+)", STEP);
            measured = Long.parseLong(m.group(1));
            assertEquals(measured, Long.parseLong(m.group(2)), "a cold boot verifies every boot bundle");
            assertTrue(measured >= 20, "the boot bundles of system/: " + measured);
            t.expect("admin@nonos> ", STEP);
            t.sendLine("shutdown");
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
        }
        assertTrue(Files.isRegularFile(state.resolve("gate/boot-verdicts")));
        try (Nonos n = Nonos.start("--serial", "pty", "--state", state.toString());
                Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
            t.bootAndLogin(PASSWORD);
            t.sendLine("gate:boot");
            t.expect("boot bundles: verified", STEP);
            t.expect("measured " + measured + ", from the verdict cache " + measured + ", verified 0", STEP);
            t.expect("cached +OK +org\\.nonos\\.shell-", STEP);
            t.expect("admin@nonos> ", STEP);
            // A boot bundle's decision names its attestation.
            t.sendLine("gate:status");
            t.expect("MEASURED_BOOT +OK +org\\.nonos\\.shell blake3:", STEP);
            t.expect("admin@nonos> ", STEP);
            assertTrue(!t.transcript().contains("verifying the attestations"), "a warm boot waits for no proof");
            t.sendLine("shutdown");
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
        }
        String audit = Files.readString(state.resolve("audit.log")).replace("%20", " ");
        assertTrue(audit.contains("gate.boot verified bundles=" + measured + " cached=0 verified=" + measured), audit);
        assertTrue(audit.contains("gate.boot verified bundles=" + measured + " cached=" + measured + " verified=0"), audit);
    }

    @Test
    void oneByteChangedInABootJarStopsTheBoot() throws Exception {
        Path home = copyOfTheDistribution();
        Path state = tmp.resolve("state");
        // A clean boot first: the verdict cache then holds every jar's verdict.
        try (Nonos n = Nonos.start(home, "--serial", "pty", "--state", state.toString());
                Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
            t.expect("nonos: framework started", Nonos.BOOT_TIMEOUT);
            n.terminate();
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
        }
        // A bundle of start level 2 (the admin shell), over the warm cache.
        Path shell = jar(home, "org.nonos.shell-");
        byte[] original = Files.readAllBytes(shell);
        Files.write(shell, oneByteChanged(original));
        refused(home, state, shell);
        // A bundle the gate itself needs (start level 1, resolved before the gate), cold.
        Files.write(shell, original);
        Path annotations = jar(home, "jackson-annotations-");
        Files.write(annotations, oneByteChanged(Files.readAllBytes(annotations)));
        refused(home, tmp.resolve("state2"), annotations);
    }

    private static void refused(Path home, Path state, Path jar) throws Exception {
        try (Nonos n = Nonos.start(home, "--serial", "pty", "--state", state.toString())) {
            int exit = n.waitExit(Nonos.BOOT_TIMEOUT);
            assertEquals(5, exit, "the boot must stop; stderr:\n" + n.stderr());
            assertTrue(n.stderr().contains("the activation gate refused the boot bundles: DIGEST_MISMATCH: boot bundle "
                    + jar.getFileName() + ": the bundle's content digest is "), n.stderr());
            assertTrue(!n.stdout().contains("framework started"), n.stdout());
        }
        AuditLog log = AuditLog.read(state.resolve("audit.log"));
        log.verifyChain();
        String audit = Files.readString(state.resolve("audit.log")).replace("%20", " ");
        assertTrue(audit.contains("gate.boot-verify " + jar.getFileName() + " jar-sha256="), audit);
        assertTrue(audit.contains("gate.boot refused DIGEST_MISMATCH: boot bundle " + jar.getFileName()), audit);
    }

    /** A copy of the built distribution (without its state directory) to change jars in. */
    private Path copyOfTheDistribution() throws Exception {
        Path home = tmp.resolve("nonos");
        Process cp = new ProcessBuilder("cp", "-a", Nonos.home().toString(), home.toString()).inheritIO().start();
        assertEquals(0, cp.waitFor());
        return home;
    }

    private static Path jar(Path home, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("system"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    /** The jar with one byte flipped in the middle of its first class file; the zip stays well formed. */
    private static byte[] oneByteChanged(byte[] jar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (!changed && e.getName().endsWith(".class")) {
                    content[content.length / 2] ^= 0x01;
                    changed = true;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        assertTrue(changed, "a class file to change");
        return bytes.toByteArray();
    }
}
