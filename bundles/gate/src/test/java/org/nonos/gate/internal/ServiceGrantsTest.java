// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.Capability;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;
import org.nonos.capability.internal.CapabilityRuntime;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;

/**
 * Capability-guarded services reach the bundles that requested them, with nobody offering by hand:
 * the capability API passes the gate's domain a capability on every guarded service's endpoint;
 * the gate offers it under {@code service:<interface>}; a bundle whose
 * attestation requested it gets CALL on activation, sees the service and calls it; others do not
 * see it; unregistering the service takes the grant away.
 */
class ServiceGrantsTest {
    private static final String TARGET = "service:" + IntSupplier.class.getName();

    @TempDir
    Path dir;

    private Framework framework;
    private CapabilityRuntime runtime;
    private Grants grants;
    private ServiceOffers services;
    private Domain gateDomain;
    private final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeEach
    void boot() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.nonos.capability;version=1.1.0");
        props.put(DeviceOffers.BROKER, "org.apache.felix.framework"); // the system bundle stands for the gate
        props.put(KernelAdmin.ADMIN_BUNDLES, "test.nobody");
        framework = new FrameworkFactory().newFramework(props);
        framework.start();
        BundleContext system = framework.getBundleContext();
        runtime = new CapabilityRuntime(system);
        runtime.start();
        gateDomain = system.getService(system.getServiceReference(Domain.class));
        PendingCheck check = new PendingCheck();
        check.ready(new DigestCheck());
        GateCore core = new GateCore(check, MeasuredBoot.none(), audit::add, Clock.systemUTC());
        system.registerService(ResolverHookFactory.class, new GateHook(core), null);
        grants = new Grants(core, gateDomain, audit::add);
        system.addBundleListener(grants);
        services = ServiceOffers.open(system, gateDomain, grants, audit::add);
    }

    @AfterEach
    void shutdown() throws Exception {
        services.close();
        runtime.stop();
        framework.stop();
        framework.waitForStop(10_000);
    }



    private long endpoints(Domain d) {
        return d.capabilities().stream().filter(c -> c.type() == ObjectType.ENDPOINT).count();
    }

    @Test
    void aGuardedServiceIsGrantedToTheBundlesThatRequestedIt() throws Exception {
        // (the runtime runs in the system bundle here, so the administrator's endpoint is already its own)
        long before = endpoints(gateDomain);
        Bundle provider = GrantedBundles.install(framework, "test.provider", "memory:region;rights=map");
        provider.start();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Domain.GUARDED, Boolean.TRUE);
        ServiceRegistration<IntSupplier> reg = provider.getBundleContext().registerService(IntSupplier.class, () -> 42, props);
        assertEquals(before + 1, endpoints(gateDomain), "the gate holds a capability on the guarded service");

        Bundle client = GrantedBundles.install(framework, "test.client", TARGET + ";rights=call");
        Bundle bystander = GrantedBundles.install(framework, "test.bystander", "device:serial;rights=read");
        client.start();
        bystander.start();

        Domain clientDomain = GrantedBundles.domainOf(client);
        Capability granted = clientDomain.capability(grants.granted(client, TARGET).orElseThrow());
        assertEquals(Rights.of(Rights.Right.CALL), granted.rights());
        assertEquals(Rights.of(Rights.Right.CALL), granted.deriveMask());
        ServiceReference<IntSupplier> seen = client.getBundleContext().getServiceReference(IntSupplier.class);
        assertEquals(reg.getReference(), seen);
        assertEquals(42, clientDomain.capabilityFor(seen).orElseThrow().endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
        assertNull(bystander.getBundleContext().getServiceReference(IntSupplier.class), "hidden from a bundle without the grant");
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.offer " + TARGET)), audit.toString());

        reg.unregister();
        assertTrue(clientDomain.capabilities().isEmpty(), "unregistering takes the grant away");
        assertTrue(grants.granted(client, TARGET).isEmpty());
        assertEquals(before, endpoints(gateDomain));

        ServiceRegistration<IntSupplier> again = provider.getBundleContext().registerService(IntSupplier.class, () -> 7, props);
        assertEquals(7, clientDomain.capabilityFor(client.getBundleContext().getServiceReference(IntSupplier.class))
                .orElseThrow().endpoint(IntSupplier.class).call(IntSupplier::getAsInt), "a new registration reaches the active client");
        again.unregister();
    }
}
