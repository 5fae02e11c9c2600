// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tap NAME}: the launcher attaches a TAP interface and holds it as a kernel device. Each
 * test runs the system in a network namespace of its own ({@code unshare --net}), so it creates
 * and sees no interface of the host.
 */
class TapTest {
    private static final Duration STEP = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    /** Runs {@code cmd} to its end (bounded) and returns its output; fails on a non-zero exit. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end within 30 s: " + String.join(" ", cmd));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    private static List<String> launcher(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Nonos.home().resolve("bin/nonos").toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void aTapInterfaceIsAttachedHeldAsADeviceAndReleasedAtTheEnd() throws Exception {
        Path state = tmp.resolve("state");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--"));
        cmd.addAll(launcher("--serial", "pty", "--state", state.toString(), "--tap", "nonos0"));
        try (Nonos n = Nonos.startCommand(cmd)) {
            String pts = n.firstStdoutLine(Nonos.BOOT_TIMEOUT);
            String pid = Long.toString(n.process.pid());
            try (Terminal term = new Terminal(pts)) {
                term.expect("nonos: framework started", Nonos.BOOT_TIMEOUT);
                // In the system's namespace: a TAP interface by that name (tun driver, tap mode).
                String link = run("nsenter", "--target", pid, "--net", "ip", "-details", "link", "show", "nonos0");
                assertTrue(link.contains("nonos0") && link.contains("tun type tap"), link);

                // The same name cannot be attached twice: one clear line, the host-resource exit code (3).
                List<String> second = new ArrayList<>(List.of("nsenter", "--target", pid, "--net", "--"));
                second.addAll(launcher("--serial", "pty", "--state", tmp.resolve("other").toString(), "--tap", "nonos0"));
                try (Nonos other = Nonos.startCommand(second)) {
                    assertEquals(3, other.waitExit(STEP), other.stderr());
                    assertTrue(other.stderr().contains("cannot attach TAP interface nonos0"), other.stderr());
                }

                n.terminate();
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), n.stderr());
            }
        }
        AuditLog audit = AuditLog.read(state.resolve("audit.log"));
        audit.verifyChain();
        assertTrue(audit.records().stream().anyMatch(r -> r.op().equals("device.register")
                && r.text().contains("name=nonos0 ")), "the TAP interface is a kernel device object");
        assertTrue(audit.events("boot.start ").get(0).text().contains("nonos0"), audit.events("boot.start ").get(0).text());
    }

    @Test
    void anInterfaceThatIsNoTapStopsTheBootWithOneClearLine() throws Exception {
        // "lo" exists in every namespace and is no TAP device: the kernel refuses to attach it.
        List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--"));
        cmd.addAll(launcher("--serial", "pty", "--state", tmp.resolve("s").toString(), "--tap", "lo"));
        try (Nonos n = Nonos.startCommand(cmd)) {
            assertEquals(3, n.waitExit(STEP), n.stderr());
            assertTrue(n.stderr().contains("cannot attach TAP interface lo"), n.stderr());
        }
    }
}
