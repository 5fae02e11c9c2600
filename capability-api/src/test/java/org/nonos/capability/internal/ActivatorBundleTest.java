// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.Domain;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * This bundle as it ships: its classes and the manifest bnd wrote, installed in a real Felix
 * framework (jnr-ffi from the class path), started through its own activator. Test bundles
 * see it only through the framework (service names), as any bundle would.
 */
class ActivatorBundleTest {

    private static final String DOMAIN = "org.nonos.capability.Domain";

    @TempDir
    Path storage;

    private Framework framework;

    @BeforeEach
    void boot() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.resolve("fw").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "jnr.ffi;version=2.3.4,jnr.ffi.annotations;version=2.3.4,jnr.ffi.types;version=2.3.4"));
        framework.start();
    }

    @AfterEach
    void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** The bundle jar from target/classes, with the manifest bnd generated there. */
    private Path capabilityBundle() throws Exception {
        Path classes = Path.of(Domain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path mf = classes.resolve("META-INF/MANIFEST.MF");
        assertTrue(Files.isRegularFile(mf), "bnd wrote the manifest: " + mf);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(mf)) {
            manifest = new Manifest(in);
        }
        Path jar = storage.resolve("org.nonos.capability.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (!name.equals("META-INF/MANIFEST.MF")) {
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private Bundle install(String symbolicName) throws IOException, BundleException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        a.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.flush();
        }
        Path file = Files.write(storage.resolve(symbolicName + ".jar"), bytes.toByteArray());
        Bundle b = framework.getBundleContext().installBundle(file.toUri().toString());
        b.start();
        return b;
    }

    @Test
    void theShippedBundleGivesEachBundleItsDomainAndHidesGuardedServices() throws Exception {
        Bundle api = framework.getBundleContext().installBundle(capabilityBundle().toUri().toString());
        api.start();
        assertEquals(Bundle.ACTIVE, api.getState());
        assertEquals("org.nonos.capability", api.getSymbolicName());

        Bundle server = install("shipped.server");
        Bundle client = install("shipped.client");

        ServiceReference<?> serverRef = server.getBundleContext().getServiceReference(DOMAIN);
        ServiceReference<?> clientRef = client.getBundleContext().getServiceReference(DOMAIN);
        assertNotNull(serverRef, "the activator registered the Domain service");
        Object serverDomain = server.getBundleContext().getService(serverRef);
        Object clientDomain = client.getBundleContext().getService(clientRef);
        assertTrue(serverDomain.toString().endsWith(":shipped.server]"), serverDomain::toString);
        assertTrue(clientDomain.toString().endsWith(":shipped.client]"), clientDomain::toString);
        assertNotEquals(serverDomain, clientDomain);

        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Domain.GUARDED, Boolean.TRUE);
        server.getBundleContext().registerService(IntSupplier.class, () -> 5, props);
        assertNotNull(server.getBundleContext().getServiceReference(IntSupplier.class));
        assertNull(client.getBundleContext().getServiceReference(IntSupplier.class),
                "the shipped hooks hide a guarded service from a bundle without a capability");

        api.stop();
        assertNotNull(client.getBundleContext().getServiceReference(IntSupplier.class),
                "with the bundle stopped, its hooks are gone");
        assertEquals(List.of(), List.of(client.getBundleContext().getServiceReferences(DOMAIN, null) == null
                ? new Object[0] : client.getBundleContext().getServiceReferences(DOMAIN, null)));
    }
}
