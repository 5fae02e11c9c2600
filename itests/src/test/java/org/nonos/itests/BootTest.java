// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the built distribution with {@code --serial pty}, attaches to the pseudo-terminal as a
 * terminal would, and checks the boot: the framework comes up on the serial line, the measured
 * boot event log matches the files and replays to its registers, the audit log records the
 * measurements and its hash chain holds, a second system cannot take the same state directory or
 * a busy serial line, SIGTERM stops everything cleanly (exit 0, shutdown record on disk), and a
 * state directory boots its distribution after the distribution moved.
 */
class BootTest {
    private static final String MARKER = "nonos: framework started";

    @TempDir
    Path tmp;

    @Test
    void bootsOnAPtyMeasuresAndStopsCleanlyOnSigterm() throws Exception {
        Path home = Nonos.home();
        Path state = tmp.resolve("state");
        Path data = Files.write(tmp.resolve("data.img"), new byte[4096]);
        Path rom = Files.write(tmp.resolve("rom.img"), new byte[4096]);
        try (Nonos n = Nonos.start(home, "--serial", "pty", "--state", state.toString(), "--deploy",
                tmp.resolve("deploy").toString(), "--disk", "data=" + data, "--disk", "rom=" + rom + ",ro")) {
            String pts = n.firstStdoutLine(Nonos.BOOT_TIMEOUT);
            assertTrue(pts.startsWith("/dev/pts/"), "pty path expected on stdout, got: " + pts);
            try (Terminal term = new Terminal(pts)) {
                term.expect(MARKER + " in \\d+ ms \\(\\d+ boot bundles\\)", Nonos.BOOT_TIMEOUT);

                checkEventLog(home, EventLog.read(state.resolve("boot/measurements")));

                // Another system on the same state directory is refused, and changes nothing.
                try (Nonos second = Nonos.start(home, "--serial", "pty", "--state", state.toString())) {
                    assertEquals(3, second.waitExit(Nonos.EXIT_TIMEOUT));
                    assertTrue(second.stderr().contains("state directory " + state + " is in use by another nonos"),
                            second.stderr());
                }

                n.terminate();
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after SIGTERM; stderr:\n" + n.stderr());
            }
            assertTrue(!n.stderr().contains("nonos: boot failed") && !n.stderr().contains("nonos: framework failed"),
                    n.stderr());
        }

        AuditLog audit = AuditLog.read(state.resolve("audit.log"));
        audit.verifyChain();
        assertEquals("init", audit.records().get(0).op());
        assertEquals("shutdown", audit.last().op(), "the log ends with the kernel's shutdown record");
        EventLog events = EventLog.read(state.resolve("boot/measurements"));
        List<AuditLog.Record> measured = audit.events("boot.measure ");
        assertEquals(events.events().size(), measured.size(), "one audit record per measurement");
        for (int i = 0; i < measured.size(); i++) {
            assertTrue(measured.get(i).text().contains("sha256=" + events.events().get(i).sha256()),
                    measured.get(i).text());
        }
        assertEquals(1, audit.events("boot.stop signal=").size());
        for (String dev : new String[] {"serial0", "data", "rom"}) {
            assertTrue(audit.records().stream().anyMatch(r -> r.op().equals("device.register")
                    && r.text().contains("name=" + dev + " ")), dev + " is a kernel device object");
        }
        // The read-only disk is handed out through a derived capability without WRITE.
        assertTrue(audit.records().stream().anyMatch(r -> r.op().equals("cap.derive") && r.result().equals("OK")),
                "a derived capability for the read-only disk");
        assertTrue(audit.events("boot.start ").get(0).text().contains("devices=serial0,data,rom"),
                audit.events("boot.start ").get(0).text());
    }

    /**
     * The shell writes its prompt to the pseudo-terminal before any terminal is attached. The
     * line starts in raw mode, so nothing the shell writes comes back to it as input (in a
     * cooked pty with echo, "login: " came back as a login name and was refused).
     */
    @Test
    void nothingTheShellWritesComesBackAsInputBeforeATerminalAttaches() throws Exception {
        Path state = tmp.resolve("state");
        Files.createDirectories(state);
        Path pw = Files.writeString(tmp.resolve("pw"), "correct horse battery\n");
        try (Nonos n = Nonos.start(Nonos.home(), "--serial", "pty", "--state", state.toString(),
                "--admin-password-file", pw.toString())) {
            String pts = n.firstStdoutLine(Nonos.BOOT_TIMEOUT);
            // Unattended until the shell has written its prompt to the line (and some time more).
            long deadline = System.nanoTime() + Nonos.BOOT_TIMEOUT.toNanos();
            while (!Files.exists(state.resolve("audit.log"))
                    || AuditLog.read(state.resolve("audit.log")).events("gate.accept ").stream()
                            .noneMatch(r -> r.text().contains(":org.nonos.shell "))) {
                assertTrue(System.nanoTime() < deadline, "the shell did not start");
                Thread.sleep(100);
            }
            // Long enough for an echoed prompt to be read as a login and its password hashed and refused.
            Thread.sleep(6000);
            try (Terminal term = new Terminal(pts)) {
                term.sendLine("");
                term.expect("login: ", Nonos.BOOT_TIMEOUT);
            }
            n.terminate();
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
        }
        AuditLog audit = AuditLog.read(state.resolve("audit.log"));
        assertEquals(List.of(), audit.events("shell.login"), "no login attempt was made: nobody typed");
        assertFalse(audit.events("shell.setup ").isEmpty(), "the shell ran (its first-boot setup)");
    }

    private static void checkEventLog(Path home, EventLog log) throws IOException {
        // Every boot object is measured with its real digest.
        List<Path> expected = new ArrayList<>();
        expected.add(home.resolve("bin/nonos"));
        expected.add(home.resolve("lib/libnonos-kernel.so"));
        expected.add(home.resolve("lib/org.nonos.boot.jar"));
        try (Stream<Path> s = Files.list(home.resolve("system"))) {
            s.filter(p -> p.toString().endsWith(".jar")).forEach(expected::add);
        }
        expected.add(home.resolve("etc/jvm.options"));
        expected.add(home.resolve("etc/config.properties"));
        for (Path p : expected) {
            String real = p.toRealPath().toString();
            EventLog.Event e = log.events().stream().filter(x -> x.path().equals(real)).findFirst()
                    .orElseThrow(() -> new AssertionError("not measured: " + real + " in " + log.events()));
            assertEquals(EventLog.sha256(p), e.sha256(), "digest of " + real);
        }
        assertTrue(log.events().stream().anyMatch(e -> e.kind().equals("jvm") && e.path().endsWith("/lib/server/libjvm.so")
                && e.pcr() == 1), "libjvm in register 1");
        // The registers are what the events replay to.
        Map<Integer, String> replayed = log.replay();
        assertEquals(log.pcrs(), replayed);
    }

    @Test
    void busySerialLineIsRefused() throws Exception {
        Path home = Nonos.home();
        try (Nonos first = Nonos.start(home, "--serial", "pty", "--state", tmp.resolve("a").toString())) {
            String pts = first.firstStdoutLine(Nonos.BOOT_TIMEOUT);
            // A program holding the line (as a terminal program or another system would).
            Process holder = new ProcessBuilder("flock", "--exclusive", "--nonblock", pts, "sleep", "60").start();
            try {
                Thread.sleep(300);
                assertTrue(holder.isAlive(), "flock could not take " + pts);
                try (Nonos second = Nonos.start(home, "--serial", pts + ":115200", "--state", tmp.resolve("b").toString())) {
                    assertEquals(3, second.waitExit(Nonos.EXIT_TIMEOUT));
                    assertTrue(second.stderr().contains("serial line " + pts + " is busy"), second.stderr());
                    assertTrue(!Files.exists(tmp.resolve("b/audit.log")), "nothing started");
                }
            } finally {
                holder.destroyForcibly();
                holder.waitFor(10, TimeUnit.SECONDS);
            }
            first.terminate();
            assertEquals(0, first.waitExit(Nonos.EXIT_TIMEOUT), first.stderr());
        }
    }

    @Test
    void frameworkFailureIsReportedWithItsCauseAndANonZeroExit() throws Exception {
        // A copy of the distribution with a broken boot bundle in system/.
        Path home = copyOf(Nonos.home(), tmp.resolve("dist"));
        Files.write(home.resolve("system/zz-broken.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        try (Nonos n = Nonos.start(home, "--serial", "pty", "--state", tmp.resolve("state").toString())) {
            assertEquals(5, n.waitExit(Nonos.BOOT_TIMEOUT), n.stderr());
            assertTrue(n.stderr().contains("nonos: boot failed: cannot install boot bundle zz-broken.jar"), n.stderr());
            assertTrue(!n.stderr().contains("\tat "), "no stack trace:\n" + n.stderr());
        }
        AuditLog audit = AuditLog.read(tmp.resolve("state/audit.log"));
        audit.verifyChain();
        assertEquals("shutdown", audit.last().op(), "the audit log is closed even after a failed boot");
    }

    @Test
    void aStateDirectoryBootsItsDistributionAfterTheDistributionMoved() throws Exception {
        String password = "moved-horse-battery-42";
        Path pw = Files.writeString(tmp.resolve("admin-password"), password + "\n");
        Path state = tmp.resolve("state");
        Path before = copyOf(Nonos.home(), tmp.resolve("before"));
        try (Nonos n = Nonos.start(before, "--serial", "pty", "--state", state.toString(), "--admin-password-file",
                pw.toString()); Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
            t.bootAndLogin(password);
            t.sendLine("shutdown");
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
        }
        // As `mv`: the same jars, names and versions, somewhere else; the state directory stays.
        Path after = copyOf(before, tmp.resolve("after"));
        deleteTree(before);
        try (Nonos n = Nonos.start(after, "--serial", "pty", "--state", state.toString());
                Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
            t.bootAndLogin(password);
            t.sendLine("lb -l");
            t.expect(java.util.regex.Pattern.quote("reference:" + after.resolve("system").toUri() + "org.nonos.shell-"),
                    Duration.ofSeconds(60));
            t.expect("admin@nonos> ", Duration.ofSeconds(60));
            assertFalse(t.transcript().contains(before.resolve("system").toUri().toString()),
                    "no boot bundle of the old place is left:\n" + t.transcript());
            t.sendLine("shutdown");
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void brokenJvmOptionsAreAJvmFailure() throws Exception {
        Path home = copyOf(Nonos.home(), tmp.resolve("dist"));
        Files.writeString(home.resolve("etc/jvm.options"), "-XX:+NoSuchOptionAnywhere\n");
        try (Nonos n = Nonos.start(home, "--serial", "pty", "--state", tmp.resolve("state").toString())) {
            assertEquals(4, n.waitExit(Nonos.BOOT_TIMEOUT), n.stderr());
            assertTrue(n.stderr().contains("nonos: the JVM (" ), n.stderr());
            assertTrue(n.stderr().contains("could not be created"), n.stderr());
        }
        AuditLog.read(tmp.resolve("state/audit.log")).verifyChain();
    }

    /** A real copy (bin/nonos finds its distribution through /proc/self/exe, so no symlinks). */
    static Path copyOf(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = src.relativize(p);
                if (rel.startsWith("var")) {
                    continue;
                }
                Path t = dst.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return dst;
    }
}
