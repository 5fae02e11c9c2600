// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/**
 * The gate with the real attestation verifier, on jars attested by the project's own vendor tool
 * under a development registry made by the registry tool.
 */
class RealVerifierGateTest {

    @TempDir
    Path dir;

    private Framework framework;
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private GateCore core;
    private DevTrust trust;

    @BeforeEach
    void boot() throws Exception {
        trust = DevTrust.get();
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        core = new GateCore(new VerifierCheck(trust.verifier()), MeasuredBoot.none(), audit::add, Clock.systemUTC());
        framework.getBundleContext().registerService(ResolverHookFactory.class, new GateHook(core), null);
    }

    @AfterEach
    void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    static byte[] driver(String name, String text) {
        return TestJars.bundle(name, "1.0.0", Map.of("data/driver.txt", text),
                Map.of("NonOS-Capabilities", "device:serial;rights=read"));
    }

    private Bundle install(String location, byte[] jar) throws BundleException {
        return framework.getBundleContext().installBundle(location, new ByteArrayInputStream(jar));
    }

    @Test
    void anAttestedDriverResolvesWithExactlyItsCapabilities() throws Exception {
        Bundle b = install("test:driver", trust.attest(driver("test.serial", "the serial driver")));
        b.start();
        assertEquals(Bundle.ACTIVE, b.getState());
        Decision d = core.decision(b.getBundleId()).orElseThrow();
        assertEquals(Trust.ATTESTED, d.trust());
        assertEquals(List.of("device:serial;rights=read"), d.capabilities(), "requested and allowed: read only");
        assertTrue(d.digest().startsWith("blake3:"), d.digest());
        assertTrue(d.detail().contains("acme"), d.detail());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.accept " + b.getBundleId() + ":test.serial digest=blake3:")),
                audit.toString());
    }

    @Test
    void aTamperedByteAnywhereIsRejected() throws Exception {
        byte[] good = trust.attest(driver("test.tampered", "the serial driver"));
        Bundle b = install("test:tampered", TestJars.tampered(good, "data/driver.txt", 0));
        assertThrows(BundleException.class, b::start);
        Decision d = core.decision(b.getBundleId()).orElseThrow();
        assertEquals("DIGEST_MISMATCH", d.reason(), d.detail());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.reject " + b.getBundleId() + ":test.tampered")
                && l.contains("reason=DIGEST_MISMATCH")), audit.toString());
    }

    @Test
    void anUnattestedBundleIsRejected() throws Exception {
        Bundle b = install("test:plain", driver("test.plain", "no attestation"));
        assertThrows(BundleException.class, b::start);
        assertEquals("NO_ATTESTATION", core.decision(b.getBundleId()).orElseThrow().reason());
    }

    @Test
    void anAttestationMovedOntoAnotherBundleIsRejected() throws Exception {
        byte[] attested = trust.attest(driver("test.original", "original"));
        byte[] attestation = TestJars.entries(attested).get(TestJars.ATTESTATION);
        byte[] other = TestJars.with(driver("test.original", "something else"), TestJars.ATTESTATION, attestation);
        Bundle b = install("test:replayed", other);
        assertThrows(BundleException.class, b::start);
        assertEquals("DIGEST_MISMATCH", core.decision(b.getBundleId()).orElseThrow().reason());
    }

    @Test
    void theGateVerifiesInstalledContentNotTheJarFile() throws Exception {
        // Installed from a stream and read back entry by entry: the verdict is the same as on the
        // original bytes (the digest covers names and contents, not the zip's layout).
        byte[] jar = trust.attest(driver("test.layout", "layout"));
        Decision before = core.verify(jar);
        assertTrue(before.accepted(), before.detail());
        core.invalidate(); // force the hook to verify the re-read content itself
        Bundle b = install("test:layout", jar);
        b.start();
        Decision after = core.decision(b.getBundleId()).orElseThrow();
        assertTrue(after.accepted());
        assertEquals(before.digest(), after.digest());
        assertEquals(2, core.verifications());
        assertFalse(audit.isEmpty());
    }
}
