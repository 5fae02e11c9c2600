// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin shell over the serial line of a real boot: first-boot password, login, commands (text
 * and --json), audit chain verification, a warm reboot inside the same process, the lock after 5 failed logins, shutdown from the shell,
 * and what is left on disk (the kernel's audit log, closed and intact).
 */
class ShellTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct-horse-battery-42";

    @TempDir
    Path tmp;

    private static void login(Terminal t, String user, String password) throws Exception {
        t.expect("login: ", STEP);
        t.sendLine(user);
        t.expect("Password: ", STEP);
        t.sendLine(password);
    }

    @Test
    void firstBootSetsThePasswordThenTheAdminRunsCommandsAndShutsDown() throws Exception {
        Path state = tmp.resolve("state");
        try (Nonos n = Nonos.start("--serial", "pty", "--state", state.toString())) {
            try (Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
                t.expect("nonos: framework started", Nonos.BOOT_TIMEOUT);
                t.expect("First boot: no accounts yet", STEP);
                // A mismatch is refused, and asked again.
                t.expect("New admin password: ", STEP);
                t.sendLine(PASSWORD);
                t.expect("Repeat the password: ", STEP);
                t.sendLine(PASSWORD + "x");
                t.expect("The passwords differ; try again.", STEP);
                t.expect("New admin password: ", STEP);
                t.sendLine(PASSWORD);
                t.expect("Repeat the password: ", STEP);
                t.sendLine(PASSWORD);
                t.expect("Admin password set. Log in as 'admin'.", STEP);

                login(t, "admin", PASSWORD);
                t.expect("Welcome, admin\\.", STEP);
                t.expect("admin@nonos> ", STEP);

                t.sendLine("lb");
                Matcher deploy = t.expect("(\\d+)\\|Active +\\| +\\d+\\|NØNOS hot deploy", STEP);
                t.expect("NØNOS driver: serial line", STEP);
                t.expect("NØNOS admin shell", STEP);
                t.expect("admin@nonos> ", STEP);

                // The bundle commands that take bundles, by id and by symbolic name.
                t.sendLine("stop " + deploy.group(1));
                t.expect("admin@nonos> ", STEP);
                t.sendLine("lb");
                t.expect(deploy.group(1) + "\\|Resolved +\\| +\\d+\\|NØNOS hot deploy", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("start " + deploy.group(1));
                t.expect("admin@nonos> ", STEP);
                t.sendLine("headers org.nonos.deploy");
                t.expect("Bundle-SymbolicName = org.nonos.deploy", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("lb");
                t.expect(deploy.group(1) + "\\|Active +\\| +\\d+\\|NØNOS hot deploy", STEP);
                t.expect("admin@nonos> ", STEP);

                t.sendLine("sys --json");
                Matcher json = t.expect("\\{\"uptime\":\\{\"uptimeMs\":\\d+.*\"threads\":\\{\"live\":\\d+", STEP);
                assertTrue(json.group().contains("\"memory\""), json.group());
                t.expect("admin@nonos> ", STEP);

                t.sendLine("audit verify");
                t.expect("audit chain intact: \\d+ records checked", STEP);
                t.expect("admin@nonos> ", STEP);

                t.sendLine("no-such-command");
                t.expect("admin@nonos> ", STEP);
                assertTrue(!t.transcript().contains("\tat "), "no stack trace on the console:\n" + t.transcript());

                // Warm boot: the framework restarts in the same process, back to the login prompt.
                long pid = n.process.pid();
                t.sendLine("reboot");
                t.expect("nonos: warm boot 1", Nonos.BOOT_TIMEOUT);
                t.expect("nonos: framework started in \\d+ ms \\(warm boot\\)", Nonos.BOOT_TIMEOUT);
                login(t, "admin", PASSWORD);
                t.expect("Welcome, admin\\.", STEP);
                t.expect("admin@nonos> ", STEP);
                assertTrue(n.process.isAlive());
                assertEquals(pid, n.process.pid());

                t.sendLine("shutdown");
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
            }
        }
        AuditLog audit = AuditLog.read(state.resolve("audit.log"));
        audit.verifyChain();
        assertEquals("shutdown", audit.last().op(), "the kernel's audit log is closed by the shutdown");
        // The shell's records reach the kernel's log from the shell's own domain.
        for (String kind : new String[] {"shell.setup ", "shell.login ", "shell.command ", "shell.shutdown "}) {
            assertTrue(audit.events(kind).stream().anyMatch(r -> !r.domain().equals("0")),
                    kind + "in the kernel's audit log from the shell's domain");
        }
        assertTrue(audit.events("shell.command ").stream().anyMatch(r -> r.text().endsWith(" sys --json")));
        // Never a secret: the password is nowhere in the state directory.
        try (var files = Files.walk(state)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    assertTrue(!new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(PASSWORD), "the password is written in " + f);
                }
            }
        }
    }

    @Test
    void fiveFailedLoginsLockTheLine() throws Exception {
        Path pw = tmp.resolve("admin-password");
        Files.writeString(pw, PASSWORD + "\n");
        try (Nonos n = Nonos.start("--serial", "pty", "--state", tmp.resolve("state").toString(),
                "--admin-password-file", pw.toString())) {
            try (Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
                t.expect("nonos: framework started", Nonos.BOOT_TIMEOUT);
                for (int i = 1; i <= 4; i++) {
                    login(t, "admin", "wrong-password-" + i);
                    t.expect("Login incorrect\\.", STEP);
                }
                login(t, "admin", "wrong-password-5");
                t.expect("Login incorrect\\.", STEP);
                t.expect("Too many failures: the line is locked for \\d+ s\\.", STEP);
                // While locked, even the right password is refused.
                t.expect("Login locked after repeated failures; try again in \\d+ s\\.", STEP);
                n.terminate();
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
            }
        }
        AuditLog.read(tmp.resolve("state/audit.log")).verifyChain();
    }
}
