// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Boots a real Felix framework in this JVM from a temporary distribution layout. */
class BootTest {
    @TempDir
    Path home;

    private final ExecutorService exec = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        exec.shutdownNow();
        Boot.clearStopRequest();
    }

    private Path system() throws Exception {
        return Files.createDirectories(home.resolve("system"));
    }

    @Test
    @Timeout(60)
    void bootsInstallsSystemBundlesAndStopsOnRequest() throws Exception {
        TestJars.bundle(system(), "a.jar", "test.a", "1.0.0");
        TestJars.bundle(system(), "b.jar", "test.b", "1.0.0");
        Future<Integer> rc = exec.submit(() -> Boot.run(new String[] {
            "nonos.home=" + home, "nonos.state=" + home.resolve("var"),
            "org.osgi.framework.storage=" + home.resolve("var/cache")}));
        // The framework started marker goes to stdout outside the launcher; wait for the cache.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(home.resolve("var/cache")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        Boot.requestStop();
        assertEquals(Boot.EXIT_OK, rc.get(30, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(90)
    void updatingTheSystemBundleIsAWarmBootInTheSameJvm() throws Exception {
        TestJars.bundle(system(), "a.jar", "test.a", "1.0.0");
        int before = Boot.warmBoots();
        Path cache = home.resolve("var/cache");
        Future<Integer> rc = exec.submit(() -> Boot.run(new String[] {
            "nonos.home=" + home, "org.osgi.framework.storage=" + cache}));
        Felix fw = awaitActive();
        fw.update(); // what the shell's reboot does
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Boot.warmBoots() == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(before + 1, Boot.warmBoots());
        assertSame(fw, awaitActive(), "the same framework restarts: never two at once");
        assertTrue(!rc.isDone(), "Boot.run goes on after a warm boot");
        Boot.requestStop();
        assertEquals(Boot.EXIT_OK, rc.get(30, TimeUnit.SECONDS));
    }

    /** Waits for the running framework to be active. */
    private static Felix awaitActive() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Felix f = Boot.currentForTest();
            if (f != null && f.getState() == Bundle.ACTIVE) {
                return f;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no active framework");
    }

    @Test
    @Timeout(60)
    void missingSystemDirectoryIsAFrameworkFailure() {
        int rc = Boot.run(new String[] {"nonos.home=" + home,
            "org.osgi.framework.storage=" + home.resolve("var/cache")});
        assertEquals(Boot.EXIT_FRAMEWORK, rc);
    }

    @Test
    @Timeout(60)
    void syncInstallsUpdatesAndUninstalls() throws Exception {
        Path sys = system();
        TestJars.bundle(sys, "a.jar", "test.a", "1.0.0");
        Path b = TestJars.bundle(sys, "b.jar", "test.b", "1.0.0");
        inFramework(f -> {
            List<Bundle> first = SystemBundles.sync(f.getBundleContext(), sys, java.util.Set.of());
            assertEquals(List.of("test.a", "test.b"), first.stream().map(Bundle::getSymbolicName).toList());
            Files.delete(b);
            TestJars.bundle(sys, "c.jar", "test.c", "1.0.0");
            TestJars.bundle(sys, "a.jar", "test.a", "2.0.0");
            Files.setLastModifiedTime(sys.resolve("a.jar"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            List<Bundle> second = SystemBundles.sync(f.getBundleContext(), sys, java.util.Set.of());
            assertEquals(List.of("test.a", "test.c"), second.stream().map(Bundle::getSymbolicName).toList());
            assertEquals("2.0.0", second.get(0).getVersion().toString());
            assertTrue(java.util.Arrays.stream(f.getBundleContext().getBundles())
                    .noneMatch(x -> "test.b".equals(x.getSymbolicName())));
        });
    }

    @Test
    @Timeout(60)
    void bootBundlesOfAnEarlierSystemDirectoryMakeWayForTheNewOnes() throws Exception {
        Path oldSys = Files.createDirectories(home.resolve("old/system"));
        Path newSys = Files.createDirectories(home.resolve("new/system"));
        for (Path sys : List.of(oldSys, newSys)) {
            TestJars.bundle(sys, "a.jar", "test.a", "1.0.0");
            TestJars.bundle(sys, "b.jar", "test.b", "1.0.0");
        }
        Path deployed = TestJars.bundle(Files.createDirectories(home.resolve("deploy")), "d.jar", "test.d", "1.0.0");
        inFramework(f -> {
            SystemBundles.sync(f.getBundleContext(), oldSys, Set.of());
            f.getBundleContext().installBundle(deployed.toUri().toString());
            // The same jars, same names and versions, from another place (a moved distribution).
            List<Bundle> now = SystemBundles.sync(f.getBundleContext(), newSys, Set.of());
            assertEquals(List.of("test.a", "test.b"), now.stream().map(Bundle::getSymbolicName).toList());
            String newPlace = SystemBundles.location(newSys.resolve("x")).replaceFirst("x$", "");
            assertTrue(now.stream().allMatch(b -> b.getLocation().startsWith(newPlace)), "installed from the new place");
            assertEquals(List.of("org.apache.felix.framework", "test.a", "test.b", "test.d"), symbolicNames(f),
                    "the old copies are gone, the deployed bundle stays");
        });
    }

    @Test
    @Timeout(60)
    void aCacheWithoutTheRecordTakesReferencesIntoSystemDirectoriesAsBootBundles() throws Exception {
        Path oldSys = Files.createDirectories(home.resolve("old/system"));
        Path newSys = Files.createDirectories(home.resolve("new/system"));
        TestJars.bundle(oldSys, "a.jar", "test.a", "1.0.0");
        TestJars.bundle(newSys, "a.jar", "test.a", "1.0.0");
        Path other = TestJars.bundle(Files.createDirectories(home.resolve("lib")), "o.jar", "test.o", "1.0.0");
        inFramework(f -> {
            SystemBundles.sync(f.getBundleContext(), oldSys, Set.of());
            f.getBundleContext().installBundle(SystemBundles.location(other));
            Files.delete(f.getBundleContext().getDataFile(BootBundleRecord.FILE).toPath());
            SystemBundles.sync(f.getBundleContext(), newSys, Set.of());
            assertEquals(List.of("org.apache.felix.framework", "test.a", "test.o"), symbolicNames(f));
        });
        assertTrue(BootBundleRecord.isReferenceIntoSystemDirectory("reference:file:/opt/nonos/system/x.jar"));
        assertTrue(!BootBundleRecord.isReferenceIntoSystemDirectory("file:/opt/nonos/system/x.jar"));
        assertTrue(!BootBundleRecord.isReferenceIntoSystemDirectory("reference:file:/opt/nonos/deploy/x.jar"));
        assertTrue(!BootBundleRecord.isReferenceIntoSystemDirectory("reference:file:/opt/nonos/mysystem/x.jar"));
    }

    @Test
    @Timeout(60)
    void aBootThatFailsAfterInitStopsTheFrameworkAndLeavesNoThreadBehind() throws Exception {
        Path sys = system();
        TestJars.bundle(sys, "a.jar", "test.a", "1.0.0");
        TestJars.bundle(sys, "b.jar", "test.a", "1.0.0"); // the same name and version twice
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int rc = Boot.run(new String[] {"nonos.home=" + home, "org.osgi.framework.storage=" + home.resolve("var/cache")});
        assertEquals(Boot.EXIT_FRAMEWORK, rc);
        assertEquals(null, Boot.currentForTest());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon()).map(Thread::getName).toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleep());
        assertEquals(List.of(), left, "threads of the failed framework that would keep the JVM alive");
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    private static List<String> symbolicNames(Felix f) {
        return java.util.Arrays.stream(f.getBundleContext().getBundles()).map(Bundle::getSymbolicName).sorted().toList();
    }

    @Test
    @Timeout(60)
    void installOnlyBundlesAreResolvedButNotStarted() throws Exception {
        Path sys = system();
        TestJars.bundle(sys, "a.jar", "test.a", "1.0.0");
        TestJars.bundle(sys, "lib.jar", "test.lib", "1.0.0");
        inFramework(f -> {
            SystemBundles.sync(f.getBundleContext(), sys,
                    Boot.installOnly(Map.of(Boot.INSTALL_ONLY, " test.lib , ,other")));
            f.start();
            for (Bundle b : f.getBundleContext().getBundles()) {
                if ("test.a".equals(b.getSymbolicName())) {
                    assertEquals(Bundle.ACTIVE, b.getState());
                } else if ("test.lib".equals(b.getSymbolicName())) {
                    assertEquals(Bundle.RESOLVED, b.getState() == Bundle.INSTALLED ? resolve(f, b) : b.getState());
                }
            }
        });
    }

    @Test
    @Timeout(60)
    void earlyBundlesAreResolvedTogetherBeforeTheStartAndTheOthersAreLeftAlone() throws Exception {
        Path sys = system();
        TestJars.bundle(sys, "a.jar", "test.early", "1.0.0");
        TestJars.bundle(sys, "b.jar", "test.later", "1.0.0");
        inFramework(f -> {
            Set<String> early = Set.of("test.early");
            List<Bundle> bundles = SystemBundles.sync(f.getBundleContext(), sys, Set.of(), early);
            SystemBundles.resolveEarly(f.getBundleContext(), bundles, early);
            for (Bundle b : bundles) {
                assertEquals(early.contains(b.getSymbolicName()) ? Bundle.RESOLVED : Bundle.INSTALLED, b.getState(),
                        b.getSymbolicName());
            }
        });
    }

    /** What a test does with an initialised framework (its bundle cache under the test's home). */
    private interface FrameworkBody {
        void run(Felix f) throws Exception;
    }

    /** Runs {@code body} on a new, initialised framework and stops the framework after it. */
    private void inFramework(FrameworkBody body) throws Exception {
        Felix f = new Felix(Map.of("org.osgi.framework.storage", home.resolve("cache").toString()));
        f.init();
        try {
            body.run(f);
        } finally {
            f.stop();
            f.waitForStop(10_000);
        }
    }

    private static int resolve(Felix f, Bundle b) {
        f.adapt(org.osgi.framework.wiring.FrameworkWiring.class).resolveBundles(List.of(b));
        return b.getState();
    }

    @Test
    void frameworkJarIsNotABootBundle() throws Exception {
        Path sys = system();
        TestJars.bundle(sys, "org.apache.felix.framework-7.0.5.jar", "org.apache.felix.framework", "7.0.5");
        TestJars.bundle(sys, "z.jar", "test.z", "1.0.0");
        assertEquals(List.of(sys.resolve("z.jar")), SystemBundles.jars(sys));
    }
}
