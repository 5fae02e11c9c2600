// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.deploy.internal.swap.LoadReport;
import org.nonos.deploy.internal.swap.client.EchoClient;
import org.nonos.deploy.internal.swap.driver.EchoDriver;
import org.nonos.gate.internal.DevTrust;
import org.nonos.gate.internal.GateCore;
import org.nonos.gate.internal.GateHook;
import org.nonos.gate.internal.MeasuredBoot;
import org.nonos.gate.internal.VerifierCheck;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/**
 * Swapping a driver under load loses no request. A client bundle calls a driver bundle from four
 * threads while hot deploy updates the driver 50 times, each update an attested jar that the gate
 * (with the real verifier) checks. Every call is answered exactly once, by the old revision (it
 * finishes the calls in flight before it stops) or, when the old revision refused it before
 * starting, by the next one (the client retries). Builds both bundles here from this module's
 * test classes.
 */
class HotSwapTest {
    private static final int UPDATES = 50;
    private static final String SWAP_API = "org.nonos.deploy.internal.swap";

    @TempDir
    Path tmp;

    private Framework framework;
    private final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeEach
    void boot() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, tmp.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SWAP_API));
        framework.start();
    }

    @AfterEach
    void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** A bundle of the test classes of one package, with an activator and the given extra entries. */
    static byte[] bundle(String name, Class<?> activator, String imports, Map<String, String> resources)
            throws IOException, URISyntaxException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, name);
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        a.putValue(Constants.BUNDLE_ACTIVATOR, activator.getName());
        a.putValue(Constants.IMPORT_PACKAGE, imports);
        Path classes = Path.of(activator.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = activator.getPackageName().replace('.', '/');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m); Stream<Path> files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.sorted().toList()) {
                jar.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
            for (Map.Entry<String, String> e : resources.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void fiftyUpdatesUnderLoadLoseNoCall() throws Exception {
        DevTrust trust = DevTrust.get();
        GateCore gate = new GateCore(new VerifierCheck(trust.verifier()), MeasuredBoot.none(), audit::add, Clock.systemUTC());
        BundleContext system = framework.getBundleContext();
        system.registerService(ResolverHookFactory.class, new GateHook(gate), null);
        // Three attested driver revisions, deployed in turn: every update is a new revision.
        byte[][] drivers = new byte[3][];
        for (int r = 0; r < 3; r++) {
            drivers[r] = trust.attest(bundle("test.echo.driver", EchoDriver.class,
                    SWAP_API + ",org.osgi.framework", Map.of("revision.txt", Integer.toString(r + 1))));
        }
        byte[] client = trust.attest(bundle("test.echo.client", EchoClient.class,
                SWAP_API + ",org.osgi.framework,org.osgi.util.tracker", Map.of()));

        Path deploy = Files.createDirectories(tmp.resolve("deploy"));
        Deployer deployer = new Deployer(system, gate, deploy, audit::add);
        Path driverJar = deploy.resolve("echo-driver.jar");
        Files.write(driverJar, drivers[0]);
        deployer.deploy(driverJar, drivers[0], System.nanoTime());
        Bundle driver = deployer.bundleOf(driverJar);
        assertEquals(Bundle.ACTIVE, driver.getState(), audit.toString());
        Bundle clientBundle = system.installBundle("test:client", new ByteArrayInputStream(client));
        clientBundle.start();
        ServiceReference<LoadReport> ref = system.getServiceReference(LoadReport.class);
        LoadReport report = system.getService(ref);

        for (int i = 1; i <= UPDATES; i++) {
            long before = report.answered();
            while (report.answered() < before + 200) {
                Thread.onSpinWait(); // the load is really running on the current revision
            }
            byte[] next = drivers[i % 3];
            Files.write(driverJar, next);
            deployer.deploy(driverJar, next, System.nanoTime());
            assertEquals(Bundle.ACTIVE, driver.getState(), "update " + i + ": " + audit);
        }
        long before = report.answered();
        while (report.answered() < before + 200) {
            Thread.onSpinWait();
        }
        report.finish();
        System.out.printf("hot swap: %d updates, %d calls issued, %d answered, %d lost, %d retries, revisions %s%n",
                UPDATES, report.issued(), report.answered(), report.lost(), report.retries(), report.revisions());
        assertEquals(0, report.lost(), "no call lost or answered wrongly");
        assertEquals(report.issued(), report.answered(), "every call issued was answered");
        assertEquals(java.util.Set.of(1, 2, 3), report.revisions());
        assertEquals(UPDATES, audit.stream().filter(l -> l.startsWith("deploy.updated echo-driver.jar")).count());
        assertTrue(gate.verifications() <= 4, "three driver contents and one client, each verified once: "
                + gate.verifications());
        assertEquals(driver.getBundleId(), deployer.bundleOf(driverJar).getBundleId(), "updated in place every time");
    }
}
