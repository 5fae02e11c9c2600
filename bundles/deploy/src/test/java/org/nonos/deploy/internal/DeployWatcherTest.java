// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.gate.Decision;
import org.nonos.gate.Gate;
import org.nonos.gate.Trust;
import org.nonos.test.support.TestBundles;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * Hot deploy against a real Felix framework and a real directory watched through inotify: new,
 * changed, removed, rejected, partially written and pre-existing jars. The gate here is a small
 * stand-in that accepts jars carrying an {@code accept.txt} entry; the gate itself is tested in
 * org.nonos.gate, and both together with the real verifier in the end-to-end tests.
 */
class DeployWatcherTest {

    @TempDir
    Path tmp;

    private Path deploy;
    private Framework framework;
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private DeployWatcher watcher;

    /** Accepts a jar with an accept.txt entry; everything else is NO_ATTESTATION. */
    static final class StandInGate implements Gate {
        @Override
        public Decision verify(byte[] jar) {
            boolean ok = false;
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    ok |= e.getName().equals("accept.txt");
                }
            } catch (IOException e) {
                return new Decision(-1, "", "", false, Trust.NONE, "MALFORMED_JAR", e.getMessage(), List.of(), 0);
            }
            String digest = "sha256:" + Integer.toHexString(Arrays.hashCode(jar));
            return ok ? new Decision(-1, "x", digest, true, Trust.ATTESTED, "OK", "stand-in", List.of(), 0)
                    : new Decision(-1, "x", digest, false, Trust.NONE, "NO_ATTESTATION", "no attestation in the jar", List.of(), 0);
        }

        @Override
        public Optional<Decision> decision(long bundleId) {
            return Optional.empty();
        }

        @Override
        public List<Decision> decisions() {
            return List.of();
        }
    }

    @BeforeEach
    void boot() throws Exception {
        deploy = tmp.resolve("deploy");
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, tmp.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
    }

    private void startWatcher() throws IOException {
        Deployer d = new Deployer(framework.getBundleContext(), new StandInGate(), deploy, audit::add);
        watcher = new DeployWatcher(d, 20, 1_500);
        watcher.start();
    }

    @AfterEach
    void shutdown() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        framework.stop();
        framework.waitForStop(10_000);
    }

    static byte[] bundle(String name, String version, boolean attested) {
        Manifest m = TestBundles.manifest(name, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            // Some bulk, so that a partial write is a real prefix of a jar.
            jar.putNextEntry(new JarEntry("data/filler.bin"));
            byte[] filler = new byte[64 * 1024];
            new java.util.Random(version.hashCode()).nextBytes(filler);
            jar.write(filler);
            if (attested) {
                jar.putNextEntry(new JarEntry("accept.txt"));
                jar.write("yes".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The way an operator should drop a jar: write beside, then rename into place. */
    private Path drop(String file, byte[] jar) throws IOException {
        Files.createDirectories(deploy);
        Path tmpFile = Files.write(deploy.resolve("." + file + ".part"), jar);
        return Files.move(tmpFile, deploy.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Bundle bundleAt(Path jar) {
        return framework.getBundleContext().getBundle(Deployer.location(jar));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aNewJarIsInstalledAndStarted() throws Exception {
        startWatcher();
        Path jar = drop("driver.jar", bundle("test.driver", "1.0.0", true));
        await("the bundle is active", () -> bundleAt(jar) != null && bundleAt(jar).getState() == Bundle.ACTIVE);
        assertEquals("test.driver", bundleAt(jar).getSymbolicName());
        await("the audit log has it", () -> audit.stream().anyMatch(l -> l.startsWith("deploy.active driver.jar")));
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("deploy.installed driver.jar")), audit.toString());
    }

    @Test
    void aChangedJarUpdatesTheBundleInPlace() throws Exception {
        startWatcher();
        Path jar = drop("driver.jar", bundle("test.driver", "1.0.0", true));
        await("first revision active", () -> bundleAt(jar) != null && bundleAt(jar).getState() == Bundle.ACTIVE);
        long id = bundleAt(jar).getBundleId();
        drop("driver.jar", bundle("test.driver", "1.0.1", true));
        await("second revision active", () -> bundleAt(jar) != null && "1.0.1".equals(bundleAt(jar).getVersion().toString())
                && bundleAt(jar).getState() == Bundle.ACTIVE);
        assertEquals(id, bundleAt(jar).getBundleId(), "updated in place: same bundle");
        // The record is written once the update returned, which may be after the new revision is active.
        await("the audit log has the update", () -> audit.stream().anyMatch(l -> l.startsWith("deploy.updated driver.jar bundle=" + id)));
    }

    @Test
    void aRemovedJarIsUninstalled() throws Exception {
        startWatcher();
        Path jar = drop("driver.jar", bundle("test.driver", "1.0.0", true));
        await("active", () -> bundleAt(jar) != null && bundleAt(jar).getState() == Bundle.ACTIVE);
        Bundle b = bundleAt(jar);
        Files.delete(jar);
        await("uninstalled", () -> b.getState() == Bundle.UNINSTALLED);
        assertNull(bundleAt(jar));
        await("the audit log has it", () -> audit.stream().anyMatch(l -> l.startsWith("deploy.removed driver.jar")));
    }

    @Test
    void aRejectedJarMovesToRejectedWithItsReason() throws Exception {
        startWatcher();
        Path jar = drop("rogue.jar", bundle("test.rogue", "1.0.0", false));
        Path moved = deploy.resolve("rejected/rogue.jar");
        await("moved to rejected/", () -> Files.exists(moved) && !Files.exists(jar));
        String reason = Files.readString(deploy.resolve("rejected/rogue.jar.reason"));
        assertTrue(reason.contains("reason: NO_ATTESTATION"), reason);
        assertTrue(reason.contains("digest: sha256:"), reason);
        assertNull(bundleAt(jar), "never installed");
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("deploy.rejected rogue.jar") && l.contains("reason=NO_ATTESTATION")),
                audit.toString());
    }

    @Test
    void aRejectedUpdateLeavesTheRunningRevision() throws Exception {
        startWatcher();
        Path jar = drop("driver.jar", bundle("test.driver", "1.0.0", true));
        await("active", () -> bundleAt(jar) != null && bundleAt(jar).getState() == Bundle.ACTIVE);
        Bundle b = bundleAt(jar);
        drop("driver.jar", bundle("test.driver", "2.0.0", false));
        await("rejected", () -> Files.exists(deploy.resolve("rejected/driver.jar.reason")));
        Thread.sleep(100); // the move's own delete event must not uninstall it
        assertEquals(Bundle.ACTIVE, b.getState());
        assertEquals("1.0.0", b.getVersion().toString());
    }

    @Test
    void aPartiallyWrittenJarWaitsUntilComplete() throws Exception {
        startWatcher();
        byte[] whole = bundle("test.slow", "1.0.0", true);
        Path jar = deploy.resolve("slow.jar");
        Files.createDirectories(deploy);
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write(whole, 0, whole.length / 2);
            out.flush();
            Thread.sleep(300); // far longer than the settle time: the half jar is seen and left alone
            assertNull(bundleAt(jar), "half a jar is not installed");
            assertFalse(Files.exists(deploy.resolve("rejected/slow.jar")), "nor rejected while it may still grow");
            out.write(whole, whole.length / 2, whole.length - whole.length / 2);
        }
        await("installed once complete", () -> bundleAt(jar) != null && bundleAt(jar).getState() == Bundle.ACTIVE);
        assertEquals(1, audit.stream().filter(l -> l.startsWith("deploy.installed slow.jar")).count(), audit.toString());
    }

    @Test
    void aJarThatNeverCompletesIsRejectedAsMalformed() throws Exception {
        startWatcher();
        byte[] whole = bundle("test.cut", "1.0.0", true);
        Files.createDirectories(deploy);
        Path jar = Files.write(deploy.resolve("cut.jar"), Arrays.copyOf(whole, whole.length / 3));
        await("rejected", () -> Files.exists(deploy.resolve("rejected/cut.jar.reason")));
        assertTrue(Files.readString(deploy.resolve("rejected/cut.jar.reason")).contains("MALFORMED_JAR"));
        assertNull(bundleAt(jar));
    }

    @Test
    void atStartJarsPresentAreDeployedAndOrphansRemoved() throws Exception {
        Path present = drop("present.jar", bundle("test.present", "1.0.0", true));
        Path gone = deploy.resolve("gone.jar");
        Bundle orphan = framework.getBundleContext().installBundle(Deployer.location(gone),
                new ByteArrayInputStream(bundle("test.gone", "1.0.0", true)));
        startWatcher();
        await("present jar active", () -> bundleAt(present) != null && bundleAt(present).getState() == Bundle.ACTIVE);
        await("orphan uninstalled", () -> orphan.getState() == Bundle.UNINSTALLED);
        assertNotNull(bundleAt(present));
    }

    @Test
    void otherFilesAreIgnored() throws Exception {
        startWatcher();
        Files.writeString(deploy.resolve("README"), "not a jar");
        Path hidden = Files.write(deploy.resolve(".half.jar"), bundle("test.hidden", "1.0.0", true));
        Path jar = drop("marker.jar", bundle("test.marker", "1.0.0", true));
        await("marker active", () -> bundleAt(jar) != null && bundleAt(jar).getState() == Bundle.ACTIVE);
        assertNull(bundleAt(hidden));
        assertEquals(2, framework.getBundleContext().getBundles().length, "the framework and the marker");
    }
}
