// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.attestation.internal.StandaloneCrypto;
import org.nonos.crypto.CryptoService;
import org.nonos.gate.Decision;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/**
 * A new signed registry installed while the system runs ({@link TrustControl#install}), with the
 * real verifier on jars attested by the project's tools: it takes effect at once; attestations
 * against an earlier root stay valid within the window (same epoch, the last registry versions);
 * a vendor revoked by the new root is stopped and refused even within the window; a new epoch
 * closes the window; an install that is not newer, or not signed by the owner, changes nothing.
 */
class TrustControlTest {
    private static final CryptoService CRYPTO = StandaloneCrypto.create();
    private static Path base;
    private static byte[] jarA;
    private static byte[] jarB;

    @TempDir
    Path dir;

    private Framework framework;
    private GateCore core;
    private TrustControl control;
    private Path owner;
    private Path system;
    private final List<String> audit = new CopyOnWriteArrayList<>();

    /** Owner side: a depth-4 registry with vendors acme and beta (serial 3); a jar attested by each. */
    @BeforeAll
    static void registry() throws IOException {
        base = Files.createTempDirectory("nonos-trustcontrol");
        Path trust = base.resolve("trust");
        DevTrust.registry("init", "--depth", "4", "--trust", trust.toString(), "--owner-key", key("owner.key"),
                "--owner-pub", key("owner.pub"), "--proving-key", key("proving.key"));
        for (String v : List.of("acme", "beta", "gamma")) {
            DevTrust.sign("keygen", "--out", key(v));
        }
        for (String v : List.of("acme", "beta")) {
            DevTrust.registry("add-vendor", "--name", v, "--vendor-key", base.resolve(v).resolve("vendor.pub").toString(),
                    "--allowed", "device:serial;rights=read,write", "--expiry", "1000", "--trust", trust.toString(),
                    "--owner-key", key("owner.key"));
        }
        for (String v : List.of("acme", "beta")) {
            DevTrust.registry("export-path", "--name", v, "--out", key(v + ".path"), "--owner-pub", key("owner.pub"),
                    "--trust", trust.toString());
        }
        jarA = attest("acme", RealVerifierGateTest.driver("test.a", "vendor a"));
        jarB = attest("beta", RealVerifierGateTest.driver("test.b", "vendor b"));
    }

    private static String key(String name) {
        return base.resolve(name).toString();
    }

    private static byte[] attest(String vendor, byte[] jar) throws IOException {
        Path in = Files.write(base.resolve(vendor + "-in.jar"), jar);
        Path out = base.resolve(vendor + "-out.jar");
        DevTrust.sign("attest", in.toString(), "--keys", key(vendor), "--path", key(vendor + ".path"), "--proving-key",
                key("proving.key"), "--out", out.toString(), "--quiet");
        return Files.readAllBytes(out);
    }

    private void boot(int window) throws Exception {
        owner = copy(base.resolve("trust"), dir.resolve("owner-trust"));
        system = copy(base.resolve("trust"), dir.resolve("etc-trust"));
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(TrustControl.WINDOW, Integer.toString(window));
        framework = new FrameworkFactory().newFramework(props);
        framework.start();
        PendingCheck check = new PendingCheck();
        core = new GateCore(check, MeasuredBoot.none(), audit::add, Clock.systemUTC());
        framework.getBundleContext().registerService(ResolverHookFactory.class, new GateHook(core), null);
        control = new TrustControl(framework.getBundleContext(), check, core, audit::add, UnaryOperator.identity());
        control.load(system, base.resolve("owner.pub"), CRYPTO);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @AfterEach
    void shutdown() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private Bundle start(String location, byte[] jar) throws BundleException {
        Bundle b = framework.getBundleContext().installBundle(location, new ByteArrayInputStream(jar));
        b.start();
        return b;
    }

    private void ownerDoes(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--trust", owner.toString(), "--owner-key", key("owner.key")))
                .toArray(String[]::new);
        DevTrust.registry(all);
    }

    private void addGamma() {
        ownerDoes("add-vendor", "--name", "gamma", "--vendor-key", base.resolve("gamma").resolve("vendor.pub").toString(),
                "--allowed", "device:serial;rights=read", "--expiry", "1000");
    }

    @Test
    void earlierAttestationsStayValidWithinTheWindow() throws Exception {
        boot(2);
        Bundle a = start("test:a", jarA);
        Bundle b = start("test:b", jarB);
        addGamma(); // serial 4: a change unrelated to acme and beta
        TrustControl.Installed done = control.install(owner);
        assertEquals(4, done.info().serial());
        assertEquals(List.of(3L), done.info().window());
        assertTrue(done.stopped().isEmpty(), done.stopped().toString());
        assertEquals(Bundle.ACTIVE, a.getState());
        assertEquals(Bundle.ACTIVE, b.getState());
        Decision d = core.decision(a.getBundleId()).orElseThrow();
        assertTrue(d.accepted());
        assertTrue(d.detail().contains("within the window"), d.detail());
        assertTrue(core.verify(jarB).accepted(), "a new deploy of an earlier attestation is accepted too");
        assertArrayEquals(Files.readAllBytes(owner.resolve(TrustAnchor.REGISTRY_FILE)),
                Files.readAllBytes(system.resolve(TrustAnchor.REGISTRY_FILE)), "installed");
        assertTrue(Files.isRegularFile(system.resolve("previous/3/registry.json")), "the replaced root is kept");
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.anchor installed ")), audit.toString());
    }

    @Test
    void aRevokedVendorIsStoppedAndRefusedEvenWithinTheWindow() throws Exception {
        boot(2);
        Bundle a = start("test:a", jarA);
        Bundle b = start("test:b", jarB);
        ownerDoes("revoke-vendor", "--name", "beta"); // serial 4, same epoch: serial 3 stays in the window
        TrustControl.Installed done = control.install(owner.resolve(TrustAnchor.REGISTRY_FILE));
        assertEquals(List.of(b.getBundleId() + ":test.b UNKNOWN_VENDOR"), done.stopped());
        assertEquals(Bundle.ACTIVE, a.getState(), "acme is still registered: within the window");
        assertFalse(b.getState() == Bundle.ACTIVE);
        Decision d = core.decision(b.getBundleId()).orElseThrow();
        assertEquals("UNKNOWN_VENDOR", d.reason());
        assertTrue(d.detail().contains("revoked"), d.detail());
        assertThrows(BundleException.class, b::start, "it cannot start again under the new root");
        assertEquals("UNKNOWN_VENDOR", core.verify(jarB).reason());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.anchor stopped " + b.getBundleId() + ":test.b")));
    }

    @Test
    void aNewEpochClosesTheWindow() throws Exception {
        boot(2);
        addGamma(); // serial 4, a new root
        ownerDoes("set-epoch", "2"); // serial 5
        TrustControl.Installed done = control.install(owner);
        assertTrue(done.info().window().isEmpty(), "an earlier epoch is not in the window");
        assertEquals("WRONG_ROOT", core.verify(jarA).reason());
    }

    @Test
    void theWindowKeepsOnlyTheLastVersions() throws Exception {
        boot(1);
        addGamma(); // serial 4
        control.install(owner);
        assertTrue(core.verify(jarA).accepted(), "serial 3 is the one earlier version kept");
        ownerDoes("revoke-vendor", "--name", "beta"); // serial 5 (acme is still registered)
        TrustControl.Installed done = control.install(owner);
        assertEquals(List.of(4L), done.info().window());
        assertEquals("WRONG_ROOT", core.verify(jarA).reason(), "serial 3 left the window");
        assertFalse(Files.exists(system.resolve("previous/3")), "and its files are gone");
    }

    @Test
    void anInstallThatIsNotNewerOrNotSignedChangesNothing() throws Exception {
        boot(2);
        byte[] before = Files.readAllBytes(system.resolve(TrustAnchor.REGISTRY_FILE));
        TrustAnchorException same = assertThrows(TrustAnchorException.class, () -> control.install(owner));
        assertTrue(same.getMessage().contains("not newer"), same.getMessage());

        addGamma();
        byte[] sig = Files.readAllBytes(owner.resolve(TrustAnchor.SIGNATURE_FILE));
        sig[sig.length / 2] ^= 1;
        Files.write(owner.resolve(TrustAnchor.SIGNATURE_FILE), sig);
        assertThrows(TrustAnchorException.class, () -> control.install(owner));
        assertArrayEquals(before, Files.readAllBytes(system.resolve(TrustAnchor.REGISTRY_FILE)));
        assertEquals(3, control.info().orElseThrow().serial());

        RegistryCommands shell = new RegistryCommands(control);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> shell.installRoot(owner.toString()));
        assertTrue(refused.getMessage().startsWith("install-root refused: "), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
        assertTrue(shell.registry(false).contains("serial          3"), shell.registry(false));
        assertTrue(shell.registry(true).contains("\"serial\":\"3\""), shell.registry(true));
        assertTrue(shell.registry(true).contains("\"ownerKey\":\"blake3:"), shell.registry(true));
    }
}
