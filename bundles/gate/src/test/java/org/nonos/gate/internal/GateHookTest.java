// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.gate.Decision;
import org.nonos.gate.Trust;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The resolver hook in a real Apache Felix framework: whatever installs a bundle, it resolves
 * only when the gate accepts its current revision; decisions are cached and made again on update.
 */
class GateHookTest {

    @TempDir
    Path dir;

    private Framework framework;
    private final DigestCheck check = new DigestCheck();
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private GateCore core;

    @BeforeEach
    void boot() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        core = new GateCore(check, MeasuredBoot.none(), audit::add, Clock.systemUTC());
        framework.getBundleContext().registerService(ResolverHookFactory.class, new GateHook(core), null);
    }

    @AfterEach
    void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private Bundle install(String name, byte[] jar) throws BundleException {
        return framework.getBundleContext().installBundle("test:" + name, new ByteArrayInputStream(jar));
    }

    private static byte[] plain(String name) {
        return TestJars.bundle(name, "1.0.0", Map.of("data/hello.txt", "hello from " + name));
    }

    @Test
    void anUnattestedBundleNeverResolves() throws Exception {
        Bundle b = install("plain", plain("test.plain"));
        BundleException e = assertThrows(BundleException.class, b::start);
        assertEquals(Bundle.INSTALLED, b.getState(), e.getMessage());
        assertFalse(framework.adapt(FrameworkWiring.class).resolveBundles(List.of(b)));
        Decision d = core.decision(b.getBundleId()).orElseThrow();
        assertFalse(d.accepted());
        assertEquals("NO_ATTESTATION", d.reason());
        assertEquals(Trust.NONE, d.trust());
        assertTrue(d.digest().startsWith("sha256:"), d.digest());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.reject " + b.getBundleId() + ":test.plain digest="
                + d.digest()) && l.contains("reason=NO_ATTESTATION")), audit.toString());
    }

    @Test
    void anAttestedBundleResolvesAndStarts() throws Exception {
        Bundle b = install("good", DigestCheck.attest(plain("test.good")));
        b.start();
        assertEquals(Bundle.ACTIVE, b.getState());
        Decision d = core.decision(b.getBundleId()).orElseThrow();
        assertTrue(d.accepted());
        assertEquals(Trust.ATTESTED, d.trust());
        assertEquals(List.of("service:test;rights=call"), d.capabilities());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.accept " + b.getBundleId() + ":test.good")), audit.toString());
    }

    @Test
    void aTamperedBundleIsRejected() throws Exception {
        byte[] good = DigestCheck.attest(plain("test.tampered"));
        Bundle b = install("tampered", TestJars.tampered(good, "data/hello.txt", 3));
        assertThrows(BundleException.class, b::start);
        assertEquals("DIGEST_MISMATCH", core.decision(b.getBundleId()).orElseThrow().reason());
    }

    @Test
    void everyInstallPathIsGated() throws Exception {
        // By location (the framework opens the file itself), as the shell's install does.
        Path file = Files.write(dir.resolve("plain.jar"), plain("test.bylocation"));
        Bundle byLocation = framework.getBundleContext().installBundle(file.toUri().toString());
        assertThrows(BundleException.class, byLocation::start);
        // By reference (read in place), as the boot does.
        Path other = Files.write(dir.resolve("other.jar"), plain("test.byreference"));
        Bundle byReference = framework.getBundleContext().installBundle("reference:" + other.toUri());
        assertFalse(framework.adapt(FrameworkWiring.class).resolveBundles(List.of(byReference)));
        assertEquals(Bundle.INSTALLED, byReference.getState());
    }

    @Test
    void aRejectedBundleProvidesNothingToOthers() throws Exception {
        byte[] provider = TestJars.bundle("test.provider", "1.0.0", Map.of("p/x.txt", "x"));
        Map<String, byte[]> e = TestJars.entries(provider);
        java.util.jar.Manifest m = new java.util.jar.Manifest(new ByteArrayInputStream(e.get("META-INF/MANIFEST.MF")));
        m.getMainAttributes().putValue("Export-Package", "p");
        java.io.ByteArrayOutputStream mf = new java.io.ByteArrayOutputStream();
        m.write(mf);
        e.put("META-INF/MANIFEST.MF", mf.toByteArray());
        install("provider", TestJars.jar(e)); // unattested
        byte[] consumerJar = TestJars.bundle("test.consumer", "1.0.0", Map.of("c.txt", "c"));
        Map<String, byte[]> ce = TestJars.entries(consumerJar);
        java.util.jar.Manifest cm = new java.util.jar.Manifest(new ByteArrayInputStream(ce.get("META-INF/MANIFEST.MF")));
        cm.getMainAttributes().putValue("Import-Package", "p");
        java.io.ByteArrayOutputStream cmf = new java.io.ByteArrayOutputStream();
        cm.write(cmf);
        ce.put("META-INF/MANIFEST.MF", cmf.toByteArray());
        Bundle consumer = install("consumer", DigestCheck.attest(TestJars.jar(ce)));
        assertThrows(BundleException.class, consumer::start, "its only provider is not allowed to resolve");
        assertTrue(core.decision(consumer.getBundleId()).orElseThrow().accepted(), "the consumer itself is fine");
    }

    @Test
    void verificationIsCachedByRevisionAndByDigest() throws Exception {
        byte[] jar = DigestCheck.attest(plain("test.cached"));
        assertTrue(core.verify(jar).accepted());
        assertEquals(1, check.checks.get());
        Bundle b = install("cached", jar);
        b.start();
        assertEquals(1, check.checks.get(), "the same bytes are not verified twice");
        b.stop();
        FrameworkWiring fw = framework.adapt(FrameworkWiring.class);
        refresh(fw, b);
        b.start();
        assertEquals(1, check.checks.get(), "a revision is judged once however often it resolves");
        Bundle rejected = install("rejected", plain("test.rejectedtwice"));
        assertThrows(BundleException.class, rejected::start);
        assertThrows(BundleException.class, rejected::start);
        assertEquals(2, check.checks.get(), "retrying a rejected revision does not verify again");
        assertEquals(1, audit.stream().filter(l -> l.startsWith("gate.reject " + rejected.getBundleId() + ":")).count());
    }

    @Test
    void anUpdateIsVerifiedAgain() throws Exception {
        Bundle b = install("updated", DigestCheck.attest(plain("test.updated")));
        b.start();
        String first = core.decision(b.getBundleId()).orElseThrow().digest();
        b.update(new ByteArrayInputStream(DigestCheck.attest(
                TestJars.bundle("test.updated", "1.0.1", Map.of("data/hello.txt", "second revision")))));
        assertEquals(Bundle.ACTIVE, b.getState());
        assertEquals(2, check.checks.get());
        Decision second = core.decision(b.getBundleId()).orElseThrow();
        assertTrue(second.accepted());
        assertFalse(first.equals(second.digest()), "a new revision, a new digest");
        // An update to the same content without its attestation: not a cache hit (the cache key
        // covers the attestation too), and the bundle cannot come back.
        BundleException restart = assertThrows(BundleException.class,
                () -> b.update(new ByteArrayInputStream(plain("test.updated"))), "the framework cannot restart it");
        assertTrue(restart.getMessage().contains("Resolver hook prevented resolution"), restart.getMessage());
        assertEquals(Bundle.INSTALLED, b.getState(), "the new revision does not resolve, so it cannot restart");
        assertEquals("NO_ATTESTATION", core.decision(b.getBundleId()).orElseThrow().reason());
        assertThrows(BundleException.class, b::start);
    }

    @Test
    void theGateFailsClosedUntilItsVerifierIsReady() throws Exception {
        PendingCheck pending = new PendingCheck();
        GateCore waiting = new GateCore(pending, MeasuredBoot.none(), audit::add, Clock.systemUTC());
        framework.getBundleContext().registerService(ResolverHookFactory.class, new GateHook(waiting), null);
        Bundle b = install("early", DigestCheck.attest(plain("test.early")));
        assertThrows(BundleException.class, b::start);
        assertEquals("NOT_READY", waiting.decision(b.getBundleId()).orElseThrow().reason());
        pending.ready(check);
        b.start();
        assertEquals(Bundle.ACTIVE, b.getState(), "a refusal for want of a verifier is not remembered");
    }

    @Test
    void garbageIsAReasonNotACrash() {
        Decision d = core.verify(new byte[] {1, 2, 3, 4});
        assertFalse(d.accepted());
        assertEquals("MALFORMED_JAR", d.reason());
        assertEquals("", d.digest());
    }

    private static void refresh(FrameworkWiring fw, Bundle b) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        fw.refreshBundles(List.of(b), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }
}
