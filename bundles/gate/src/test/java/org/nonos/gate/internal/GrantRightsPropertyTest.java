// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.Capability;
import org.nonos.capability.Domain;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;
import org.nonos.capability.internal.CapabilityRuntime;
import org.nonos.test.support.Seeded;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/**
 * Property, through the real kernel: for any set of disks with any I/O rights in the root and any
 * requested block rights, a bundle either is refused before activation ({@code DEVICE_UNAVAILABLE},
 * exactly when some requested right is on no disk) or holds, per disk, exactly requested ∩ the
 * disk's rights (and nothing on a disk where that is empty), with a derive mask no wider; after
 * stop it holds nothing. Seeded: {@code -Dseed=} replays a run.
 */
class GrantRightsPropertyTest {
    private static final Rights IO = Rights.of(Rights.Right.READ, Rights.Right.WRITE);

    @TempDir
    Path dir;

    private static Rights someIo(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> Rights.NONE;
            case 1 -> Rights.of(Rights.Right.READ);
            case 2 -> Rights.of(Rights.Right.WRITE);
            default -> IO;
        };
    }

    @Test
    void grantedIsRequestedIntersectedWithWhatEachDiskHas() {
        Seeded.check("granted = requested ∩ disk rights", 10, this::trial);
    }

    private void trial(SplittableRandom r, int trial) throws Exception {
        Path t = Files.createDirectories(dir.resolve("t" + trial));
        int disks = r.nextInt(4);
        Map<String, Rights> diskRights = new HashMap<>();
        Map<String, String> props = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < disks; i++) {
            String name = "p" + trial + "d" + i + "x" + System.nanoTime() % 100000;
            Rights io = someIo(r);
            Path f = Files.write(t.resolve(name), new byte[16]);
            Rights root = Rights.ALL;
            for (Rights.Right right : IO.toList()) {
                if (!io.contains(right)) {
                    root = root.without(right);
                }
            }
            props.put("nonos.device." + name + ".cap", Long.toUnsignedString(DeviceGrantsTest.register(f, name, root)));
            diskRights.put(name, io);
            names.add(name);
        }
        props.put("nonos.devices", String.join(",", names));
        props.put(Constants.FRAMEWORK_STORAGE, t.resolve("fw").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.nonos.capability;version=1.1.0");
        props.put(DeviceOffers.BROKER, "org.apache.felix.framework");
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.start();
        CapabilityRuntime runtime = new CapabilityRuntime(framework.getBundleContext());
        try {
            BundleContext system = framework.getBundleContext();
            runtime.start();
            Domain gateDomain = system.getService(system.getServiceReference(Domain.class));
            PendingCheck check = new PendingCheck();
            GateCore core = new GateCore(check, MeasuredBoot.none(), line -> { }, Clock.systemUTC());
            Grants grants = new Grants(core, gateDomain, line -> { });
            DeviceOffers devices = DeviceOffers.open(system, gateDomain, grants, line -> { });
            check.ready(devices.decorate(new DigestCheck()));
            system.registerService(ResolverHookFactory.class, new GateHook(core), null);
            system.addBundleListener(grants);
            for (int b = 0; b < 3; b++) {
                Rights requested = someIo(r);
                if (requested.isEmpty()) {
                    requested = Rights.of(Rights.Right.READ);
                }
                check(system, core, "test.p" + b, requested, diskRights);
            }
            devices.close();
        } finally {
            runtime.stop();
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private void check(BundleContext system, GateCore core, String name, Rights requested, Map<String, Rights> disks)
            throws Exception {
        String header = "device:block;rights=" + String.join("+", requested.toList().stream()
                .map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).toList());
        Map<String, String> headers = new HashMap<>();
        headers.put("NonOS-Capabilities", header);
        headers.put("Import-Package", "org.osgi.framework,org.nonos.capability;version=\"[1.0,2)\"");
        Bundle b = system.installBundle("test:" + name, new ByteArrayInputStream(
                DigestCheck.attest(TestJars.bundle(name, "1.0.0", Map.of("x.txt", name), headers))));
        boolean available = requested.toList().stream().allMatch(
                right -> disks.values().stream().anyMatch(d -> d.contains(right)));
        String what = "request " + requested + " disks " + disks;
        if (!available) {
            assertThrows(BundleException.class, b::start, what);
            assertEquals(DeviceOffers.UNAVAILABLE, core.decision(b.getBundleId()).orElseThrow().reason(), what);
            b.uninstall();
            return;
        }
        b.start();
        Domain d = b.getBundleContext().getService(b.getBundleContext().getServiceReference(Domain.class));
        Map<String, Rights> held = new HashMap<>();
        for (Capability c : d.capabilities()) {
            assertEquals(ObjectType.DEVICE, c.type(), what);
            assertTrue(c.deriveMask().isSubsetOf(c.rights()), what);
            held.put(c.device().name(), c.rights());
        }
        Map<String, Rights> expected = new HashMap<>();
        disks.forEach((disk, rights) -> {
            Rights g = requested.intersect(rights);
            if (!g.isEmpty()) {
                expected.put(disk, g);
            }
        });
        assertEquals(expected, held, what);
        b.stop();
        assertTrue(d.capabilities().isEmpty(), "stop revokes: " + what);
        b.uninstall();
    }
}
