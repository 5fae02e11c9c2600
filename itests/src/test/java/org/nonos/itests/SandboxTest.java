// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host sandbox (docs/boot.md, "The sandbox"), end to end: the launcher applies it before the
 * JVM starts, the shell's {@code sys} reports it, the kernel sees the process with no_new_privs and
 * a seccomp filter, and the running system cannot read a file outside the directories it was given
 * (a bundle install from there is refused). With {@code --no-sandbox} none of it holds, and
 * {@code sys} says so.
 */
class SandboxTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String PASSWORD = "sandbox-horse-battery-42";

    @TempDir
    Path tmp;


    /** The value of a field of /proc/PID/status (proc(5)). */
    private static String status(long pid, String field) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith(field + ":")) {
                return l.substring(field.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + field + " in /proc/" + pid + "/status");
    }

    @Test
    void theSystemRunsFencedOffAndSysSaysSo() throws Exception {
        Path state = tmp.resolve("state");
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        Path outside = Files.write(tmp.resolve("outside.jar"), DriverJars.pingDriver("3.0.0"));
        try (Nonos n = Nonos.start("--serial", "pty", "--state", state.toString(), "--deploy",
                tmp.resolve("deploy").toString(), "--admin-password-file", pw.toString())) {
            try (Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
                t.bootAndLogin(PASSWORD);
                t.sendLine("sys");
                t.expect("sandbox  landlock ABI \\d+ \\(fs[a-z, ]*\\), seccomp: on \\(\\d+ syscalls\\)", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("sys --json sandbox");
                Matcher json = t.expect("\\{\"summary\":\"landlock ABI \\d+[^\"]*\",\"landlock\":\"landlock ABI[^\"]*\","
                        + "\"seccomp\":\"seccomp: on \\(\\d+ syscalls\\)\"\\}", STEP);
                t.expect("admin@nonos> ", STEP);

                long pid = n.process.pid();
                assertEquals("1", status(pid, "NoNewPrivs"));
                assertEquals("2", status(pid, "Seccomp"), "mode 2: a seccomp filter is in force");

                // A file of the host's outside the fence: the system cannot even read it.
                t.sendLine("install " + outside.toUri());
                t.expect("Permission denied", STEP);
                t.expect("admin@nonos> ", STEP);
                assertTrue(!t.transcript().contains("Bundle ID:"), t.transcript());

                t.sendLine("shutdown");
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
                assertTrue(json.group().contains("(fs"), json.group());
            }
        }
        // The launcher prints nothing about it; the audit log has what was applied.
        String audit = Files.readString(state.resolve("audit.log")).replace("%20", " ");
        assertTrue(Pattern.compile("boot\\.sandbox landlock ABI \\d+ \\(fs[a-z, ]*\\), seccomp: on \\(\\d+ syscalls\\)")
                .matcher(audit).find(), audit);
        AuditLog.read(state.resolve("audit.log")).verifyChain();
    }

    @Test
    void noSandboxBootsWithoutItAndSysSaysWhy() throws Exception {
        Path state = tmp.resolve("state");
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        Path outside = Files.write(tmp.resolve("outside.jar"), DriverJars.pingDriver("3.0.0"));
        try (Nonos n = Nonos.start("--serial", "pty", "--state", state.toString(), "--deploy",
                tmp.resolve("deploy").toString(), "--admin-password-file", pw.toString(), "--no-sandbox")) {
            try (Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
                t.bootAndLogin(PASSWORD);
                t.sendLine("sys");
                t.expect("sandbox  not applied: --no-sandbox", STEP);
                t.expect("admin@nonos> ", STEP);
                assertEquals("0", status(n.process.pid(), "Seccomp"));
                // The same file is readable now: the refusal above was the sandbox's.
                t.sendLine("install " + outside.toUri());
                t.expect("Bundle ID: \\d+", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("shutdown");
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
            }
        }
        String audit = Files.readString(state.resolve("audit.log")).replace("%20", " ");
        assertTrue(audit.contains("boot.sandbox not applied: --no-sandbox"), audit);
    }
}
