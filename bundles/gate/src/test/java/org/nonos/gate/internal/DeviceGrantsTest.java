// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jnr.ffi.LibraryLoader;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelError;
import org.nonos.capability.Rights;
import org.nonos.capability.internal.CapabilityRuntime;
import org.nonos.capability.internal.DomainImpl;
import org.nonos.gate.Decision;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/**
 * The launcher's devices reach bundles through the real kernel: the capability API passes the
 * root's device capabilities (here registered from host files, as the launcher does) to the gate's
 * domain; a bundle whose attestation requested {@code device:block;rights=read} receives, on
 * activation, READ on every disk and nothing more; a read-only disk has no WRITE to give, and a
 * request for a device right no device has is refused before activation; the administrator's
 * password file is never offered; stop takes the grants away.
 */
class DeviceGrantsTest {

    /** libc's open(2), to hand the kernel a host descriptor as the launcher does. */
    public interface LibC {
        int open(String path, int flags, int mode);

        int close(int fd);
    }

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;

    @TempDir
    Path dir;

    private Framework framework;
    private CapabilityRuntime runtime;
    private GateCore core;
    private Grants grants;
    private DeviceOffers devices;
    private final List<String> audit = new CopyOnWriteArrayList<>();

    /** Registers {@code file} in the root as the launcher does; returns the root's handle (read-only: a child without WRITE). */
    static long register(Path file, String name, boolean readOnly) {
        return register(file, name, readOnly ? Rights.ALL.without(Rights.Right.WRITE) : Rights.ALL);
    }

    /** Registers {@code file} in the root; returns the handle of a root capability with {@code rights}. */
    static long register(Path file, String name, Rights rights) {
        int fd = LIBC.open(file.toString(), rights.contains(Rights.Right.WRITE) ? O_RDWR : O_RDONLY, 0);
        assertTrue(fd >= 0, "open " + file);
        try {
            Capability cap = DomainImpl.root().registerDevice(fd, name, DeviceKind.FILE);
            if (!rights.equals(Rights.ALL)) {
                cap = cap.derive(rights, rights);
            }
            return cap.handle();
        } finally {
            LIBC.close(fd);
        }
    }

    @BeforeEach
    void boot() throws Exception {
        Path data = Files.write(dir.resolve("data.img"), "disk data 0123".getBytes(StandardCharsets.UTF_8));
        Path logs = Files.write(dir.resolve("logs.img"), new byte[64]);
        Path password = Files.write(dir.resolve("password"), "secret".getBytes(StandardCharsets.UTF_8));
        String suffix = Long.toString(System.nanoTime() % 100000);
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.nonos.capability;version=1.1.0");
        props.put("nonos.devices", "data" + suffix + ",logs" + suffix + ",admin-password");
        props.put("nonos.device.data" + suffix + ".cap", Long.toUnsignedString(register(data, "data" + suffix, true)));
        props.put("nonos.device.logs" + suffix + ".cap", Long.toUnsignedString(register(logs, "logs" + suffix, false)));
        props.put("nonos.device.admin-password.cap", Long.toUnsignedString(register(password, "admin-password", true)));
        // The system bundle stands for the gate: the devices are passed to its domain.
        props.put(DeviceOffers.BROKER, "org.apache.felix.framework");
        framework = new FrameworkFactory().newFramework(props);
        framework.start();
        BundleContext system = framework.getBundleContext();
        runtime = new CapabilityRuntime(system);
        runtime.start();
        Domain gateDomain = system.getService(system.getServiceReference(Domain.class));
        core = null;
        PendingCheck check = new PendingCheck();
        core = new GateCore(check, MeasuredBoot.none(), audit::add, Clock.systemUTC());
        grants = new Grants(core, gateDomain, audit::add);
        devices = DeviceOffers.open(system, gateDomain, grants, audit::add);
        check.ready(devices.decorate(new DigestCheck()));
        system.registerService(ResolverHookFactory.class, new GateHook(core), null);
        system.addBundleListener(grants);
    }

    @AfterEach
    void shutdown() throws Exception {
        devices.close();
        runtime.stop();
        framework.stop();
        framework.waitForStop(10_000);
    }



    private Capability device(Domain d, String prefix) {
        return d.capabilities().stream().filter(c -> c.device().name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void theDisksAreOfferedWithTheRightsTheRootHoldsAndThePasswordFileNever() {
        List<DeviceOffers.Offered> offered = devices.offered();
        assertEquals(2, offered.size(), offered.toString());
        DeviceOffers.Offered data = offered.stream().filter(o -> o.name().startsWith("data")).findFirst().orElseThrow();
        DeviceOffers.Offered logs = offered.stream().filter(o -> o.name().startsWith("logs")).findFirst().orElseThrow();
        assertEquals("device:block/" + data.name(), data.target());
        assertEquals(Rights.of(Rights.Right.READ), data.rights(), "a read-only disk has no WRITE to give");
        assertEquals(Rights.of(Rights.Right.READ, Rights.Right.WRITE), logs.rights());
        assertTrue(offered.stream().noneMatch(o -> o.name().equals("admin-password")));
    }

    @Test
    void aReaderGetsReadOnEveryDiskAndNothingMore() throws Exception {
        Bundle reader = GrantedBundles.install(framework, "test.reader", "device:block;rights=read");
        reader.start();
        Domain d = GrantedBundles.domainOf(reader);
        assertEquals(2, d.capabilities().size(), "one capability per disk");
        Capability data = device(d, "data");
        assertEquals(Rights.of(Rights.Right.READ), data.rights());
        assertEquals(Rights.of(Rights.Right.READ), data.deriveMask(), "cannot pass on more");
        byte[] buf = new byte[14];
        assertEquals(14, data.device().pread(0, buf, 0, 14));
        assertEquals("disk data 0123", new String(buf, StandardCharsets.UTF_8));
        CapabilityException refused = assertThrows(CapabilityException.class, () -> data.device().pwrite(0, buf, 0, 4));
        assertEquals(KernelError.RIGHTS, refused.error(), "the kernel refuses the write");
        Capability logs = device(d, "logs");
        assertEquals(Rights.of(Rights.Right.READ), logs.rights(), "read was requested, read is given");
        assertEquals(KernelError.RIGHTS, assertThrows(CapabilityException.class,
                () -> logs.device().pwrite(0, buf, 0, 4)).error());
        assertThrows(CapabilityException.class, () -> data.derive(Rights.of(Rights.Right.READ, Rights.Right.WRITE), Rights.NONE));
        assertTrue(grants.granted(reader, "device:block/" + data.device().name()).isPresent());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.grant " + reader.getBundleId() + ":test.reader device:block/")),
                audit.toString());

        reader.stop();
        assertTrue(d.capabilities().isEmpty(), "stop revokes every grant");
        KernelError dead = assertThrows(CapabilityException.class, () -> data.device().pread(0, buf, 0, 4)).error();
        assertTrue(dead == KernelError.REVOKED || dead == KernelError.BAD_HANDLE, "the stale handle is dead: " + dead);
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.revoke " + reader.getBundleId() + " device:block/")));
    }

    @Test
    void aWriterGetsWriteWhereTheDiskHasItAndReadWhereItDoesNot() throws Exception {
        Bundle writer = GrantedBundles.install(framework, "test.writer", "device:block;rights=read+write");
        writer.start();
        Domain d = GrantedBundles.domainOf(writer);
        assertEquals(Rights.of(Rights.Right.READ), device(d, "data").rights());
        assertEquals(Rights.of(Rights.Right.READ, Rights.Right.WRITE), device(d, "logs").rights());
        assertEquals(4, device(d, "logs").device().pwrite(0, "abcd".getBytes(StandardCharsets.UTF_8), 0, 4));
    }

    @Test
    void anUpdateRevokesWhatTheOldRevisionHeld() throws Exception {
        Bundle reader = GrantedBundles.install(framework, "test.updated", "device:block;rights=read");
        reader.start();
        Domain d = GrantedBundles.domainOf(reader);
        Capability before = device(d, "data");
        Map<String, String> headers = new HashMap<>();
        headers.put("NonOS-Capabilities", "device:block;rights=read");
        headers.put("Import-Package", "org.osgi.framework,org.nonos.capability;version=\"[1.0,2)\"");
        reader.update(new ByteArrayInputStream(DigestCheck.attest(TestJars.bundle("test.updated", "2.0.0",
                Map.of("x.txt", "the second revision"), headers))));
        assertEquals(Bundle.ACTIVE, reader.getState());
        byte[] buf = new byte[4];
        assertThrows(CapabilityException.class, () -> before.device().pread(0, buf, 0, 4),
                "the old revision's handle is dead");
        Capability after = device(d, "data");
        assertTrue(after.handle() != before.handle(), "the new revision has a grant of its own");
        assertEquals(4, after.device().pread(0, buf, 0, 4));
    }

    @Test
    void aRequestNoDeviceCanMeetIsRefusedBeforeActivation() throws Exception {
        Bundle net = GrantedBundles.install(framework, "test.net", "device:net;rights=read");
        assertThrows(org.osgi.framework.BundleException.class, net::start);
        Decision decision = core.decision(net.getBundleId()).orElseThrow();
        assertFalse(decision.accepted());
        assertEquals(DeviceOffers.UNAVAILABLE, decision.reason());
        assertTrue(decision.detail().contains("this system has no device:net"), decision.detail());
        assertTrue(grants.granted(net, "device:net").isEmpty());
    }

    @Test
    void nothingForABundleThatRequestedNoDevice() throws Exception {
        Bundle other = GrantedBundles.install(framework, "test.other", "service:test;rights=call");
        other.start();
        assertTrue(GrantedBundles.domainOf(other).capabilities().isEmpty());
    }
}
