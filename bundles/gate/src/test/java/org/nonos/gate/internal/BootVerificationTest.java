// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.gate.Decision;
import org.nonos.gate.Trust;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/**
 * Boot bundles verified like any other bundle, with the real verifier and a registry made by the
 * project's tools (docs/gate.md "Boot bundles"): a cold boot verifies and fills the verdict cache,
 * a warm boot finds every jar there and verifies nothing (no verifier needed at all), and a
 * tampered jar, an entry for another anchor or a malformed cache file are never trusted.
 */
class BootVerificationTest {
    @TempDir
    Path dir;

    private DevTrust trust;
    private Path system;
    private Path state;
    private Path good1;
    private Path good2;
    private final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeEach
    void distribution() throws Exception {
        trust = DevTrust.get();
        system = Files.createDirectories(dir.resolve("system"));
        state = Files.createDirectories(dir.resolve("var"));
        good1 = Files.write(system.resolve("boot.one.jar"), trust.attest(TestJars.bundle("boot.one", "1.0.0", Map.of("a", "1"))));
        good2 = Files.write(system.resolve("boot.two.jar"), trust.attest(TestJars.bundle("boot.two", "1.0.0", Map.of("b", "2"),
                Map.of("NonOS-Capabilities", "device:serial;rights=read"))));
    }

    private MeasuredBoot measure(Path... jars) throws Exception {
        StringBuilder b = new StringBuilder("# nonos measured boot event log v1 (sha256)\n");
        int i = 0;
        for (Path j : jars) {
            b.append("event ").append(i++).append(" pcr=3 sha256=").append(MeasuredBoot.sha256(j)).append(" bundle ").append(j)
                    .append('\n');
        }
        return MeasuredBoot.read(Files.writeString(dir.resolve("measurements"), b.toString()));
    }

    private BootVerification persistent(MeasuredBoot boot) {
        return BootVerification.persistent(boot, audit::add, state, trust.trust, trust.ownerPub);
    }

    private static void settled(BootVerification v) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (v.status() == BootVerification.Status.PENDING && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertFalse(v.status() == BootVerification.Status.PENDING, "still pending after 60 s");
    }

    private Path cacheFile() {
        return state.resolve(BootVerification.CACHE_FILE);
    }

    @Test
    void aColdBootVerifiesAndAWarmBootUsesTheCacheWithoutAnyVerifier() throws Exception {
        MeasuredBoot boot = measure(good1, good2);
        BootVerification cold = persistent(boot);
        cold.start();
        assertEquals(BootVerification.Status.PENDING, cold.status(), "nothing cached yet");
        assertEquals("pending", cold.properties().get(BootVerification.STATUS_PROPERTY));
        cold.verifierReady(new VerifierCheck(trust.verifier()));
        settled(cold);
        assertEquals(BootVerification.Status.VERIFIED, cold.status(), cold.reason());
        assertEquals(2, cold.verifications());
        assertEquals(0, cold.cacheHits());
        assertEquals(2, BootVerdictFile.parse(Files.readAllBytes(cacheFile())).entries().size());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.boot verified bundles=2 cached=0 verified=2")), audit::toString);

        // The gate admits both as measured boot bundles, with the attestation's digest and capabilities.
        Framework fw = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        fw.start();
        try {
            DigestCheck never = new DigestCheck();
            GateCore core = new GateCore(never, boot, cold, audit::add, Clock.systemUTC());
            fw.getBundleContext().registerService(ResolverHookFactory.class, new GateHook(core), null);
            Bundle two = fw.getBundleContext().installBundle("reference:" + good2.toUri());
            two.start();
            Decision d = core.decision(two.getBundleId()).orElseThrow();
            assertEquals(Trust.MEASURED_BOOT, d.trust());
            assertTrue(d.digest().startsWith("blake3:"), d.digest());
            assertEquals(List.of("device:serial;rights=read"), d.capabilities());
            assertTrue(d.detail().contains("attested by vendor acme"), d.detail());
            assertEquals(0, never.checks.get(), "decided by the boot verdict, not verified again");
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }

        // Warm: every jar from the cache; the check is never ready, and nothing waits for it.
        BootVerification warm = persistent(boot);
        warm.start();
        assertEquals(BootVerification.Status.VERIFIED, warm.status());
        assertEquals(2, warm.cacheHits());
        assertEquals(0, warm.verifications());
        assertEquals("verified", warm.properties().get(BootVerification.STATUS_PROPERTY));
        assertTrue(warm.verdict(MeasuredBoot.sha256(good1)).orElseThrow().cached());
        assertTrue(warm.describe().contains("from the verdict cache 2, verified 0"), warm.describe());
    }

    @Test
    void aCacheEntryForAnotherAnchorIsNotUsed() throws Exception {
        MeasuredBoot boot = measure(good1, good2);
        BootVerification cold = persistent(boot);
        cold.start();
        cold.verifierReady(new VerifierCheck(trust.verifier()));
        settled(cold);
        // The same files but another owner key: another fingerprint, so no hit.
        Path otherOwner = Files.write(dir.resolve("other-owner.pub"),
                (Files.readString(trust.ownerPub) + " ").getBytes(StandardCharsets.UTF_8));
        BootVerification other = BootVerification.persistent(boot, audit::add, state, trust.trust, otherOwner);
        other.start();
        assertEquals(BootVerification.Status.PENDING, other.status());
        assertEquals(0, other.cacheHits());
        // Entries rewritten under another anchor's fingerprint: no hit either.
        String anchor = AnchorFingerprint.of(trust.trust, trust.ownerPub).orElseThrow();
        Files.writeString(cacheFile(), Files.readString(cacheFile()).replace(anchor, "0".repeat(64)));
        BootVerification moved = persistent(boot);
        moved.start();
        assertEquals(BootVerification.Status.PENDING, moved.status());
        assertEquals(0, moved.cacheHits());
    }

    @Test
    void aMalformedCacheFileIsIgnoredAndReplaced() throws Exception {
        MeasuredBoot boot = measure(good1, good2);
        Files.createDirectories(cacheFile().getParent());
        Files.write(cacheFile(), new byte[] {'n', 'o', 'n', 0, (byte) 0xff, '\n', 'v', ' '});
        BootVerification v = persistent(boot);
        v.start();
        assertEquals(BootVerification.Status.PENDING, v.status());
        assertEquals(0, v.cacheHits());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.boot-cache ignored")), audit::toString);
        v.verifierReady(new VerifierCheck(trust.verifier()));
        settled(v);
        assertEquals(BootVerification.Status.VERIFIED, v.status());
        assertEquals(2, BootVerdictFile.parse(Files.readAllBytes(cacheFile())).entries().size(), "rewritten whole");
    }

    @Test
    void aTamperedBootJarRefusesTheBoot() throws Exception {
        byte[] attested = Files.readAllBytes(good1);
        Path bad = Files.write(system.resolve("boot.bad.jar"), TestJars.tampered(attested, "a", 0));
        MeasuredBoot boot = measure(good2, bad);
        BootVerification v = persistent(boot);
        v.start();
        v.verifierReady(new VerifierCheck(trust.verifier()));
        settled(v);
        assertEquals(BootVerification.Status.REFUSED, v.status());
        assertTrue(v.reason().startsWith("DIGEST_MISMATCH: boot bundle boot.bad.jar: "), v.reason());
        assertEquals("refused", v.properties().get(BootVerification.STATUS_PROPERTY));
        assertEquals(v.reason(), v.properties().get(BootVerification.REASON_PROPERTY));
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.boot refused DIGEST_MISMATCH")), audit::toString);
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.boot-verify boot.bad.jar") && l.contains("reason=DIGEST_MISMATCH")),
                audit::toString);
        // Only accepted verdicts are cached: the next boot verifies the bad jar again.
        List<BootVerdictFile.Entry> cached = BootVerdictFile.parse(Files.readAllBytes(cacheFile())).entries();
        assertEquals(List.of(MeasuredBoot.sha256(good2)), cached.stream().map(BootVerdictFile.Entry::jarSha256).toList());
        BootVerification again = persistent(boot);
        again.start();
        assertEquals(BootVerification.Status.PENDING, again.status());
        assertEquals(1, again.cacheHits());
    }

    @Test
    void aJarChangedAfterTheMeasurementOrNoVerifierRefusesTheBoot() throws Exception {
        MeasuredBoot boot = measure(good1, good2);
        Files.write(good1, trust.attest(TestJars.bundle("boot.one", "1.0.0", Map.of("a", "changed"))));
        BootVerification v = persistent(boot);
        v.start();
        v.verifierReady(new VerifierCheck(trust.verifier()));
        settled(v);
        assertEquals(BootVerification.Status.REFUSED, v.status());
        assertTrue(v.reason().startsWith("MEASUREMENT_MISMATCH: "), v.reason());

        BootVerification none = BootVerification.uncached(measure(good2), audit::add);
        none.start();
        none.verifierFailed("NO_TRUST_ANCHOR", "trust anchor refused");
        assertEquals(BootVerification.Status.REFUSED, none.status());
        assertEquals("NO_TRUST_ANCHOR: trust anchor refused", none.reason());
    }
}
