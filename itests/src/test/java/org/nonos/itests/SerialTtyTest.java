// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial line given as a tty device at a baud rate ({@code --serial PATH:9600}), the way a real
 * serial port is used, end to end: the launcher opens the device, the kernel sets the line (raw,
 * 9600 baud, 8N1) for the serial driver, the admin shell serves it, and after {@code shutdown} the
 * line has exactly the settings it had before the system opened it (the kernel keeps those from
 * before the launcher's own settings, which it sets through the kernel). The device is the slave side of a pseudo-terminal ({@link Terminal#ttyPair}):
 * the same termios a UART driver has, without the hardware.
 */
class SerialTtyTest {
    private static final String PASSWORD = "tty-horse-battery-42";

    @TempDir
    Path tmp;

    /** The line's settings as {@code stty -a} prints them, as a set of words. */
    private static Set<String> settings(String device) throws Exception {
        Process p = new ProcessBuilder("stty", "-F", device, "-a").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return Arrays.stream(out.split("[\\s;]+")).collect(Collectors.toSet());
    }

    private static void assertHas(Set<String> settings, List<String> flags) {
        for (String f : flags) {
            assertTrue(settings.contains(f), "expected " + f + " in " + settings);
        }
    }

    @Test
    void aTtyAtABaudRateCarriesTheShellAndIsLeftAsItWasFound() throws Exception {
        Path state = tmp.resolve("state");
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        try (Terminal t = Terminal.ttyPair()) {
            Set<String> before = settings(t.path());
            assertTrue(!before.contains("9600") && before.contains("icanon"), "a new pty: cooked, another speed: " + before);
            try (Nonos n = Nonos.start("--serial", t.path() + ":9600", "--state", state.toString(), "--deploy",
                    tmp.resolve("deploy").toString(), "--admin-password-file", pw.toString())) {
                t.bootAndLogin(PASSWORD);
                Set<String> running = settings(t.path());
                assertTrue(running.contains("9600"), "speed 9600 baud: " + running);
                assertHas(running, List.of("cs8", "-parenb", "-cstopb", "clocal", "-icanon", "-echo", "-isig", "-opost"));

                t.sendLine("sys");
                t.expect("sandbox  ", Terminal.STEP);
                t.expect(Terminal.PROMPT, Terminal.STEP);
                t.sendLine("shutdown");
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
            }
            assertEquals(before, settings(t.path()), "the line is left as the system found it");
        }
        AuditLog audit = AuditLog.read(state.resolve("audit.log"));
        audit.verifyChain();
        assertTrue(audit.records().stream().anyMatch(r -> r.op().equals("device.register")
                && r.text().contains("name=serial0 ")), "the tty is the kernel's device serial0");
        assertTrue(audit.records().stream().anyMatch(r -> r.text().contains("set 9600 8N1")),
                "the launcher's line settings go through the kernel (audited)");
        assertEquals(1, audit.events("shell.login ").size(), audit.events("shell.login").toString());
    }
}
