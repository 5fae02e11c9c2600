// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.itests.driver.DiskProbe;

/**
 * Capabilities on activation, on a real boot with a read-only disk ({@code --disk data=FILE,ro}):
 * an attested bundle that requested {@code device:block;rights=read} is granted read on that disk
 * in its own kernel domain, reads it, and the kernel refuses its write (RIGHTS); {@code caps}
 * shows the capability in the bundle's domain; removing the jar (uninstall) revokes it. A bundle that
 * requests write on the read-only disk is rejected with {@code DEVICE_UNAVAILABLE}, and one that
 * requests more than its vendor is allowed cannot even be attested.
 */
class DeviceGrantTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct-horse-battery-42";
    private static final String IMPORTS = "org.osgi.framework,org.nonos.capability;version=\"[1.1,2)\"";

    @TempDir
    Path tmp;



    private byte[] attested(String name, String capabilities) throws Exception {
        Path plain = Files.write(tmp.resolve(name + ".jar"), DriverJars.bundle(name, DiskProbe.class, IMPORTS, capabilities));
        Path out = tmp.resolve(name + "-attested.jar");
        DriverJars.Attested a = DriverJars.tryAttest(plain, out);
        assertEquals(0, a.exit(), a.output());
        return Files.readAllBytes(out);
    }

    @Test
    void aBundleGetsExactlyTheDeviceRightsItRequestedAndTheDiskHas() throws Exception {
        Path state = tmp.resolve("state");
        Path deploy = Files.createDirectories(tmp.resolve("deploy"));
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        Path disk = Files.writeString(tmp.resolve("data.img"), "nonos disk grant test\n" + "\0".repeat(4096 - 22));
        byte[] reader = attested("test.disk.reader", "device:block;rights=read");
        byte[] writer = attested("test.disk.writer", "device:block;rights=read,write");

        // More than the development vendor is allowed (no device:net): the vendor tool refuses to attest.
        Path net = Files.write(tmp.resolve("net.jar"), DriverJars.bundle("test.net", DiskProbe.class, IMPORTS,
                "device:net;rights=read"));
        DriverJars.Attested refused = DriverJars.tryAttest(net, tmp.resolve("net-attested.jar"));
        assertNotEquals(0, refused.exit());
        assertTrue(refused.output().contains("device:net"), refused.output());

        try (Nonos n = Nonos.start("--serial", "pty", "--state", state.toString(), "--deploy", deploy.toString(),
                "--admin-password-file", pw.toString(), "--disk", "data=" + disk + ",ro")) {
            try (Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
                t.bootAndLogin(PASSWORD);

                DriverJars.drop(deploy, "reader.jar", reader);
                t.until("disk:probe", "device data rights=\\[READ\\] read=nonos disk grant test write=refused RIGHTS");
                Matcher id = t.until("deploy:list", "reader\\.jar +bundle (\\d+) test\\.disk\\.reader ACTIVE");
                String bundle = id.group(1);
                t.sendLine("gate:why " + bundle);
                t.expect("capabilities granted: device:block;rights=read", STEP);
                t.expect("admin@nonos> ", STEP);
                t.sendLine("caps");
                t.expect("domain \\d+ " + bundle + ":test\\.disk\\.reader\\r?\\n\\s+0x[0-9a-f]+ DEVICE\\s+rights=READ derive=READ",
                        STEP);
                t.expect("admin@nonos> ", STEP);

                DriverJars.drop(deploy, "writer.jar", writer);
                t.until("deploy:rejected", "writer\\.jar:\\s+reason: DEVICE_UNAVAILABLE");
                String reason = Files.readString(deploy.resolve("rejected/writer.jar.reason"));
                assertTrue(reason.contains("device:block write") && reason.contains("data [read]"), reason);

                // Removing the jar uninstalls the bundle: the grant is revoked, the domain destroyed.
                Files.delete(deploy.resolve("reader.jar"));
                Matcher after = t.until("caps", "domain \\d+ " + bundle + ":test\\.disk\\.reader \\(destroyed\\)([\\s\\S]*?)(?=admin@nonos> |domain )");
                String own = after.group(1);
                assertTrue(!own.contains("DEVICE"), "uninstall revoked the grant:\n" + own);

                t.sendLine("shutdown");
                assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
            }
        }
        String audit = Files.readString(state.resolve("audit.log")).replace("%20", " ");
        assertTrue(audit.contains(":test.disk.reader device:block/data rights=[READ]"), audit);
        assertTrue(audit.contains("gate.revoke ") && audit.contains(" device:block/data"), audit);
        assertTrue(audit.contains("reason=DEVICE_UNAVAILABLE"), audit);
        AuditLog.read(state.resolve("audit.log")).verifyChain();
    }
}
