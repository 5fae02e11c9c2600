// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust registry from the shell, on a real boot of a copy of the distribution (the install
 * writes its {@code etc/trust/}): {@code gate:registry} shows the anchor; the owner adds a vendor
 * and {@code gate:install-root} puts the new root in force at once, the running driver attested
 * against the previous root staying active (the window); installing it again is refused; the owner
 * revokes the driver's vendor, and the install stops the driver, which {@code gate:why} explains.
 */
class RegistryShellTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct-horse-battery-42";

    @TempDir
    Path tmp;


    private void owner(Path trust, String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--trust";
        all[args.length + 1] = trust.toString();
        all[args.length + 2] = "--owner-key";
        all[args.length + 3] = DriverJars.devKeys().resolve("owner.key").toString();
        DriverJars.tool("NonosRegistry", all);
    }

    @Test
    void theShellShowsTheRegistryAndInstallsANewRootWhileRunning() throws Exception {
        Path home = tmp.resolve("home");
        Process cp = new ProcessBuilder("cp", "-a", Nonos.home().toString(), home.toString()).inheritIO().start();
        assertTrue(cp.waitFor(120, TimeUnit.SECONDS) && cp.exitValue() == 0, "copy of the distribution");
        // The owner's working copy of the registry, where the system may read it: the sandbox lets
        // it read only its own directories (docs/boot.md "The sandbox"), so a new root is handed over
        // in the state directory.
        Path ownerTrust = tmp.resolve("state").resolve("owner-trust");
        Files.createDirectories(ownerTrust);
        for (String f : new String[] {"registry.json", "registry.sig", "verifying.key"}) {
            Files.copy(home.resolve("etc/trust").resolve(f), ownerTrust.resolve(f));
        }
        Path state = tmp.resolve("state");
        Path deploy = Files.createDirectories(tmp.resolve("deploy"));
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        Path plain = Files.write(tmp.resolve("ping.jar"), DriverJars.pingDriver("1.0.0"));
        Path attested = tmp.resolve("ping-attested.jar");
        DriverJars.attest(plain, attested);
        DriverJars.tool("NonosSign", "keygen", "--out", tmp.resolve("acme").toString());

        try (Nonos n = Nonos.start(home, "--serial", "pty", "--state", state.toString(), "--deploy", deploy.toString(),
                "--admin-password-file", pw.toString())) {
            try (Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
                t.bootAndLogin(PASSWORD);

                t.sendLine("gate:install-root --help");
                t.expect("gate:install-root FILE\\r?\\n +Installs a trust registry made by nonos-registry", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("gate:install-root");
                t.expect("error: usage: gate:install-root FILE", STEP);
                t.expect("admin@nonos> ", STEP);

                Matcher shown = t.until("gate:registry", "serial +(\\d+)");
                long serial = Long.parseLong(shown.group(1));
                t.sendLine("gate:registry --json");
                t.expect("\\{\"root\":\"[0-9a-f]+\",\"epoch\":\"\\d+\",\"serial\":\"" + serial + "\".*\"ownerKey\":\"blake3:[0-9a-f]{64}\"", STEP);
                t.expect("admin@nonos> ", STEP);

                Files.move(Files.copy(attested, deploy.resolve(".ping.jar.part")), deploy.resolve("ping.jar"),
                        StandardCopyOption.ATOMIC_MOVE);
                t.until("ping:ping", "pong from test\\.ping\\.driver 1\\.0\\.0");
                String bundle = t.until("deploy:list", "ping\\.jar +bundle (\\d+) test\\.ping\\.driver ACTIVE").group(1);

                // An unrelated change: the driver, attested against the previous root, stays within the window.
                owner(ownerTrust, "add-vendor", "--name", "acme", "--vendor-key", tmp.resolve("acme/vendor.pub").toString(),
                        "--allowed", "device:serial;rights=read", "--expiry", "1000000");
                t.sendLine("gate:install-root " + ownerTrust);
                t.expect("installed registry serial " + (serial + 1), STEP);
                t.expect("no running bundle was affected", STEP);
                t.expect("admin@nonos> ", STEP);
                t.until("ping:ping", "pong from test\\.ping\\.driver 1\\.0\\.0");
                t.until("gate:registry", "window +earlier serials \\[" + serial + "\\]");

                t.sendLine("gate:install-root " + ownerTrust);
                t.expect("install-root refused: .*not newer", STEP);
                t.expect("admin@nonos> ", STEP);

                // The driver's vendor is revoked: the install stops it, even though its root is in the window.
                owner(ownerTrust, "revoke-vendor", "--name", "dev");
                t.sendLine("gate:install-root " + ownerTrust + "/registry.json");
                t.expect("installed registry serial " + (serial + 2), STEP);
                t.expect("stopped " + bundle + ":test\\.ping\\.driver UNKNOWN_VENDOR", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("gate:why " + bundle);
                t.expect("gate: REJECTED, reason UNKNOWN_VENDOR: vendor dev .*revoked", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("ping:ping");
                t.expect("unknown command|not found|Command not found", STEP);
                t.expect("admin@nonos> ", STEP);

                t.sendLine("shutdown");
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
            }
        }
        assertEquals(Files.readString(ownerTrust.resolve("registry.json")), Files.readString(home.resolve("etc/trust/registry.json")),
                "the new registry is installed in etc/trust/");
        String audit = Files.readString(state.resolve("audit.log")).replace("%20", " ");
        assertTrue(audit.contains("gate.anchor installed "), audit);
        assertTrue(audit.contains("gate.anchor stopped " + "") && audit.contains(":test.ping.driver reason=UNKNOWN_VENDOR"), audit);
        AuditLog.read(state.resolve("audit.log")).verifyChain();
    }
}
