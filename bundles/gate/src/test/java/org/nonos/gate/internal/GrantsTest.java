// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
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
 * Grants through the real kernel: a provider offers the capability of its capability-guarded
 * service; a bundle whose attestation requested it receives, on activation, a capability with
 * exactly the requested rights; a bundle that did not request it receives nothing; stopping takes
 * the grant away.
 */
class GrantsTest {
    private static final String TARGET = "service:test.Counter";

    @TempDir
    Path dir;

    private Framework framework;
    private CapabilityRuntime runtime;
    private GateCore core;
    private Grants grants;
    private final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeEach
    void boot() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.nonos.capability;version=1.0.0"));
        framework.start();
        BundleContext system = framework.getBundleContext();
        runtime = new CapabilityRuntime(system);
        runtime.start();
        core = new GateCore(new DigestCheck(), MeasuredBoot.none(), audit::add, Clock.systemUTC());
        system.registerService(ResolverHookFactory.class, new GateHook(core), null);
        Domain gateDomain = system.getService(system.getServiceReference(Domain.class));
        grants = new Grants(core, gateDomain, audit::add);
        system.addBundleListener(grants);
    }

    @AfterEach
    void shutdown() throws Exception {
        runtime.stop();
        framework.stop();
        framework.waitForStop(10_000);
    }

    private Bundle install(String name, String capabilities) throws Exception {
        Map<String, String> headers = capabilities == null ? Map.of("NonOS-Capabilities", "memory:region;rights=map")
                : Map.of("NonOS-Capabilities", capabilities);
        byte[] jar = DigestCheck.attest(TestJars.bundle(name, "1.0.0", Map.of("x.txt", name), merge(headers)));
        return framework.getBundleContext().installBundle("test:" + name, new ByteArrayInputStream(jar));
    }

    private static Map<String, String> merge(Map<String, String> headers) {
        Map<String, String> m = new java.util.HashMap<>(headers);
        m.put("Import-Package", "org.osgi.framework,org.nonos.capability;version=\"[1.0,2)\"");
        return m;
    }

    private static Domain domainOf(Bundle b) {
        BundleContext ctx = b.getBundleContext();
        return ctx.getService(ctx.getServiceReference(Domain.class));
    }

    @Test
    void aBundleGetsExactlyWhatItsAttestationRequested() throws Exception {
        Bundle provider = install("test.provider", null);
        provider.start();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Domain.GUARDED, Boolean.TRUE);
        IntSupplier counter = () -> 42;
        ServiceRegistration<IntSupplier> reg = provider.getBundleContext().registerService(IntSupplier.class, counter, props);
        Capability source = domainOf(provider).capabilityFor(reg.getReference()).orElseThrow();
        AutoCloseable offer = grants.offer(TARGET, source);

        Bundle client = install("test.client", TARGET + ";rights=call");
        Bundle bystander = install("test.bystander", "device:serial;rights=read");
        client.start();
        bystander.start();

        long handle = grants.granted(client, TARGET).orElseThrow();
        Domain clientDomain = domainOf(client); // the domain outlives stop/start of its bundle
        Capability granted = clientDomain.capability(handle);
        assertEquals(Rights.of(Rights.Right.CALL), granted.rights(), "call, and nothing else");
        assertEquals(Rights.of(Rights.Right.CALL), granted.deriveMask(), "and it cannot pass on more");
        ServiceReference<IntSupplier> seen = client.getBundleContext().getServiceReference(IntSupplier.class);
        assertEquals(reg.getReference(), seen, "the guarded service is visible to the grantee");
        assertEquals(42, domainOf(client).capabilityFor(seen).orElseThrow().endpoint(IntSupplier.class)
                .call(IntSupplier::getAsInt));

        assertTrue(grants.granted(bystander, TARGET).isEmpty());
        assertTrue(domainOf(bystander).capabilities().isEmpty(), "nothing it did not ask for");
        assertEquals(null, bystander.getBundleContext().getServiceReference(IntSupplier.class));

        client.stop();
        assertTrue(grants.granted(client, TARGET).isEmpty());
        assertTrue(clientDomain.capabilities().isEmpty(), "stopping takes the grant away");
        client.start();
        assertFalse(grants.granted(client, TARGET).isEmpty(), "and starting again grants again");

        offer.close();
        assertTrue(clientDomain.capabilities().isEmpty(), "withdrawing the offer revokes its grants");
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("gate.grant " + client.getBundleId() + ":test.client "
                + TARGET + " rights=[CALL]")), audit.toString());
    }

    @Test
    void anOfferAfterActivationReachesBundlesAlreadyActive() throws Exception {
        Bundle provider = install("test.provider2", null);
        provider.start();
        Bundle client = install("test.client2", TARGET + ";rights=call");
        client.start();
        assertTrue(grants.granted(client, TARGET).isEmpty(), "nothing offered yet");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Domain.GUARDED, Boolean.TRUE);
        ServiceRegistration<IntSupplier> reg = provider.getBundleContext().registerService(IntSupplier.class, () -> 7, props);
        grants.offer(TARGET, domainOf(provider).capabilityFor(reg.getReference()).orElseThrow());
        assertFalse(grants.granted(client, TARGET).isEmpty());
        reg.unregister(); // deletes the endpoint's original and everything derived from it
        assertTrue(domainOf(client).capabilities().isEmpty());
    }
}
