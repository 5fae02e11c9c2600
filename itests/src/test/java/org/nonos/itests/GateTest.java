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
 * The activation gate and hot deploy on a real boot: an attested driver dropped in the deploy
 * directory becomes active and serves the admin shell; a tampered copy is rejected, moved to
 * {@code rejected/} with its reason, which the shell shows; an unattested bundle installed by hand
 * from the shell never starts and {@code gate:why} says why; the decisions are in the kernel's
 * audit log with the bundle's digest.
 */
class GateTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct-horse-battery-42";

    @TempDir
    Path tmp;



    @Test
    void anAttestedDriverIsDeployedAndATamperedOneRejectedWithItsReason() throws Exception {
        Path state = tmp.resolve("state");
        Path deploy = Files.createDirectories(tmp.resolve("deploy"));
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        Path plain = Files.write(tmp.resolve("ping.jar"), DriverJars.pingDriver("1.0.0"));
        Path attested = tmp.resolve("ping-attested.jar");
        DriverJars.attest(plain, attested);
        byte[] good = Files.readAllBytes(attested);
        try (Nonos n = Nonos.start("--serial", "pty", "--state", state.toString(), "--deploy", deploy.toString(),
                "--admin-password-file", pw.toString())) {
            try (Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
                t.bootAndLogin(PASSWORD);

                DriverJars.drop(deploy, "ping.jar", good);
                t.until("ping:ping", "pong from test\\.ping\\.driver 1\\.0\\.0");
                Matcher id = t.until("deploy:list", "ping\\.jar +bundle (\\d+) test\\.ping\\.driver ACTIVE");
                String bundle = id.group(1);
                t.sendLine("gate:why " + bundle);
                t.expect("gate: accepted \\(ATTESTED\\): attested by vendor dev", STEP);
                t.expect("capabilities granted: device:serial;rights=read", STEP);
                t.expect("admin@nonos> ", STEP);

                DriverJars.drop(deploy, "ping-tampered.jar", DriverJars.tampered(good));
                t.until("deploy:rejected", "ping-tampered\\.jar:\\s+reason: DIGEST_MISMATCH");
                assertTrue(Files.exists(deploy.resolve("rejected/ping-tampered.jar")));
                String reason = Files.readString(deploy.resolve("rejected/ping-tampered.jar.reason"));
                assertTrue(reason.contains("reason: DIGEST_MISMATCH") && reason.contains("digest: blake3:"), reason);

                // Installed by hand from the shell, unattested: it never starts, and the shell says why.
                // (From the state directory: the host sandbox lets the system read no other file of the
                // host's, docs/boot.md "The sandbox".)
                Path rogueJar = Files.write(state.resolve("rogue.jar"), DriverJars.pingDriver("2.0.0"));
                t.sendLine("install " + rogueJar.toUri());
                Matcher installed = t.expect("Bundle ID: (\\d+)", STEP);
                String rogue = installed.group(1);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("start " + rogue);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("gate:why " + rogue);
                t.expect("bundle " + rogue + " test\\.ping\\.driver is INSTALLED", STEP);
                t.expect("gate: REJECTED, reason NO_ATTESTATION", STEP);
                t.expect("admin@nonos> ", STEP);

                t.sendLine("shutdown");
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
            }
        }
        // The kernel's audit records escape spaces (%20); read them as text.
        String audit = Files.readString(state.resolve("audit.log")).replace("%20", " ");
        assertTrue(audit.contains("gate.accept") && audit.contains(":test.ping.driver digest=blake3:"), audit);
        assertTrue(audit.contains("deploy.rejected ping-tampered.jar digest=blake3:") && audit.contains("reason=DIGEST_MISMATCH"),
                audit);
        assertTrue(audit.contains("gate.started"), audit);
        AuditLog.read(state.resolve("audit.log")).verifyChain();
    }
}
