// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.KernelError;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;

/**
 * The kernel face in a real Apache Felix framework: the runtime runs on the framework's own
 * context (the API package is exported from the class path), and two small bundles built
 * here play a server and a client.
 */
class FrameworkGuardTest {

    @TempDir
    Path storage;

    private Framework framework;
    private CapabilityRuntime runtime;
    private Bundle server;
    private Bundle client;

    @BeforeEach
    void boot() throws Exception {
        Map<String, String> config = Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.nonos.capability;version=1.1.0",
                KernelAdmin.ADMIN_BUNDLES, "test.admin, test.other-admin");
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        runtime = new CapabilityRuntime(framework.getBundleContext());
        runtime.start();
        server = install("test.server");
        client = install("test.client");
    }

    @AfterEach
    void shutdown() throws Exception {
        runtime.stop();
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** A bundle with a manifest and nothing else: its context is all the test needs. */
    private Bundle install(String symbolicName) throws IOException, org.osgi.framework.BundleException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        a.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework,org.nonos.capability;version=\"[1.0,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.flush();
        }
        Path file = Files.write(storage.resolve(symbolicName + ".jar"), bytes.toByteArray());
        Bundle b = framework.getBundleContext().installBundle(file.toUri().toString(),
                new ByteArrayInputStream(bytes.toByteArray()));
        b.start();
        return b;
    }

    private static Domain domainOf(Bundle b) {
        BundleContext ctx = b.getBundleContext();
        ServiceReference<Domain> ref = ctx.getServiceReference(Domain.class);
        assertNotNull(ref, "every bundle finds the Domain service");
        return ctx.getService(ref);
    }

    private static Collection<ServiceReference<IntSupplier>> find(Bundle b) throws Exception {
        return b.getBundleContext().getServiceReferences(IntSupplier.class, null);
    }

    private ServiceRegistration<IntSupplier> registerGuarded(IntSupplier service) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Domain.GUARDED, Boolean.TRUE);
        return server.getBundleContext().registerService(IntSupplier.class, service, props);
    }

    @Test
    void onlyConfiguredBundlesSeeTheAdministratorAndARevokeEndsIt() throws Exception {
        Bundle admin = install("test.admin");
        assertTrue(client.getBundleContext().getServiceReferences(KernelAdmin.class, null).isEmpty(),
                "a bundle without the grant does not see the administrator service");
        ServiceReference<KernelAdmin> ref = admin.getBundleContext().getServiceReference(KernelAdmin.class);
        assertNotNull(ref, "the configured bundle sees it");
        KernelAdmin k = admin.getBundleContext().getService(ref);
        Domain clientDomain = domainOf(client);
        assertTrue(k.domains().stream().anyMatch(d -> d.id().equals(clientDomain.id()) && d.alive()));
        assertTrue(k.auditVerify() > 0);

        Domain adminDomain = domainOf(admin);
        Capability grant = adminDomain.capabilities().stream().filter(c -> c.type() == ObjectType.ENDPOINT)
                .findFirst().orElseThrow();
        assertEquals(Rights.of(Rights.Right.CALL), grant.rights(), "the grant is CALL only");
        grant.delete();
        assertThrows(CapabilityException.class, k::auditCount, "a dropped grant fails the next call");
        assertTrue(admin.getBundleContext().getServiceReferences(KernelAdmin.class, null).isEmpty());
    }

    @Test
    void everyBundleGetsItsOwnDomain() {
        Domain s = domainOf(server);
        Domain c = domainOf(client);
        assertNotEquals(s.id(), c.id());
        assertSame(s, domainOf(server), "the same bundle always gets the same domain");
        assertTrue(c.name().endsWith(":test.client"), c.name());
        assertEquals(s.id(), c.idOf(server), "a bundle can name another's domain");
        assertNotEquals(Kernel.ROOT_DOMAIN, c.id().value(), "no bundle gets the root domain");
        Fixture.rejected(KernelError.NOT_ROOT, "endpoint.create", ((DomainImpl) c)::createEndpoint);
    }

    @Test
    void aBundleCannotHandItsDomainToOthersThroughTheRegistry() throws Exception {
        Domain servers = domainOf(server);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        server.getBundleContext().registerService(Domain.class, servers, props);
        Domain clients = domainOf(client);
        assertNotEquals(servers.id(), clients.id(), "the client still gets its own domain");
        assertEquals(1, client.getBundleContext().getServiceReferences(Domain.class, null).size());
    }

    @Test
    void aGuardedServiceIsSeenOnlyThroughACapabilityAndRevokeEndsIt() throws Exception {
        List<ServiceEvent> clientHeard = new ArrayList<>();
        client.getBundleContext().addServiceListener(clientHeard::add);
        ServiceRegistration<IntSupplier> reg = registerGuarded(() -> 42);
        ServiceReference<IntSupplier> ref = reg.getReference();

        assertEquals(1, find(server).size(), "the registering bundle sees its service");
        assertTrue(find(client).isEmpty(), "a bundle without a capability does not find it");
        assertTrue(clientHeard.isEmpty(), "nor hears of it");

        Domain serverDomain = domainOf(server);
        Domain clientDomain = domainOf(client);
        assertTrue(clientDomain.capabilityFor(ref).isEmpty());
        Capability owners = serverDomain.capabilityFor(ref).orElseThrow();
        // transfer passes the rights within the derive mask: CALL must be in both
        Rights callAndPass = Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER);
        Capability grant = owners.derive(callAndPass, callAndPass);
        clientDomain.capability(grant.transfer(serverDomain.idOf(client)));

        assertEquals(1, find(client).size(), "with a capability it finds the service");
        Capability clients = clientDomain.capabilityFor(ref).orElseThrow();
        assertEquals(42, clients.endpoint(IntSupplier.class).call(IntSupplier::getAsInt));

        owners.revoke();
        CapabilityException e = assertThrows(CapabilityException.class,
                () -> clients.endpoint(IntSupplier.class).call(IntSupplier::getAsInt));
        assertTrue(e.error() == KernelError.BAD_HANDLE || e.error() == KernelError.REVOKED, e::getMessage);
        assertTrue(find(client).isEmpty(), "after revoke the service is hidden again");

        reg.unregister();
        assertThrows(CapabilityException.class, owners::info, "unregistering deletes every capability on it");
        assertTrue(clientHeard.isEmpty(), "the client never heard of the guarded service");
    }

    @Test
    void anExpiredGrantHidesTheServiceAgain() throws Exception {
        ServiceReference<IntSupplier> ref = registerGuarded(() -> 9).getReference();
        Domain serverDomain = domainOf(server);
        Domain clientDomain = domainOf(client);
        Capability owners = serverDomain.capabilityFor(ref).orElseThrow();
        Rights callAndPass = Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER);
        long expiry = serverDomain.nowMs() + 500;
        Capability timed = owners.derive(callAndPass, callAndPass, org.nonos.capability.Badge.NONE, expiry);
        clientDomain.capability(timed.transfer(serverDomain.idOf(client)));
        int findsBeforeExpiry = 0;
        while (true) {
            boolean seen = find(client).size() == 1;
            if (clientDomain.nowMs() >= expiry) {
                break;
            }
            assertTrue(seen, "a find made before expiry shows the service");
            findsBeforeExpiry++;
            Thread.sleep(5);
        }
        assertTrue(findsBeforeExpiry > 0, "at least one find ran before expiry");
        assertTrue(find(client).isEmpty(), "an expired grant does not");
        assertTrue(clientDomain.capabilityFor(ref).isEmpty());
    }

    @Test
    void unguardedServicesAreVisibleToAll() throws Exception {
        List<ServiceEvent> clientHeard = new ArrayList<>();
        client.getBundleContext().addServiceListener(clientHeard::add);
        server.getBundleContext().registerService(IntSupplier.class, () -> 1, null);
        assertEquals(1, find(client).size());
        assertEquals(1, clientHeard.size(), "the client's listener hears of unguarded services");
    }

    @Test
    void aCapabilityWithoutCallDoesNotRevealTheService() throws Exception {
        ServiceReference<IntSupplier> ref = registerGuarded(() -> 7).getReference();
        Domain serverDomain = domainOf(server);
        Capability owners = serverDomain.capabilityFor(ref).orElseThrow();
        Capability noCall = owners.derive(Rights.of(Rights.Right.TRANSFER), Rights.of(Rights.Right.TRANSFER));
        domainOf(client).capability(noCall.transfer(serverDomain.idOf(client)));
        assertTrue(find(client).isEmpty());
    }

    @Test
    void uninstallingABundleDestroysItsDomain() throws Exception {
        Domain c = domainOf(client);
        client.uninstall();
        CapabilityException e = assertThrows(CapabilityException.class, c::capabilities);
        assertEquals(KernelError.DEAD_DOMAIN, e.error());
    }
}
