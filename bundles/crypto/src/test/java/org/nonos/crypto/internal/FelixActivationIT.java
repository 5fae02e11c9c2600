// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The packed bundle jar (target/org.nonos.crypto-*.jar, so this runs after {@code package} as a
 * failsafe integration test) in a real Apache Felix with Declarative Services (Felix SCR), Bouncy
 * Castle and the Gogo runtime installed as bundles. SCR activates the component, which seeds its
 * CSPRNG and passes the power-on self-test; the CryptoService is then used as another bundle
 * would use it, and {@code crypto:selftest} runs through a Gogo session.
 *
 * <p>The service's classes live in the bundle's class loader, not in this test's, so the test
 * calls them by reflection (the bundle's own {@code org.nonos.crypto} classes).
 */
class FelixActivationIT {
    private static final long WAIT_MS = 30_000;

    @TempDir
    Path storage;

    private Framework framework;
    private Bundle crypto;

    private static Path jar(String property) {
        String value = System.getProperty(property);
        assertNotNull(value, "system property " + property + " is not set");
        Path p = Path.of(value);
        assertTrue(Files.isRegularFile(p), property + ": no such file " + p);
        return p;
    }

    @BeforeEach
    void boot() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.resolve("felix-cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        // Gogo first, so that the crypto bundle's optional import of its command package wires.
        List<Bundle> bundles = new ArrayList<>();
        for (String p : List.of("nonos.bundle.function", "nonos.bundle.promise", "nonos.bundle.component",
                "nonos.bundle.scr", "nonos.bundle.gogo", "nonos.crypto.bundle")) {
            bundles.add(ctx.installBundle(jar(p).toUri().toString()));
        }
        for (Bundle b : bundles) {
            b.start();
            assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName());
        }
        crypto = bundles.get(bundles.size() - 1);
        assertEquals("org.nonos.crypto", crypto.getSymbolicName());
    }

    @AfterEach
    void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private Object await(String filter) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(framework.getBundleContext(),
                FrameworkUtil.createFilter(filter), null);
        tracker.open(true);
        try {
            Object service = tracker.waitForService(WAIT_MS);
            assertNotNull(service, "no service matching " + filter + " within " + WAIT_MS + " ms");
            return service;
        } finally {
            tracker.close();
        }
    }

    /** Calls a public method of the bundle's API type by name and parameter types. */
    private static Object call(Class<?> type, Object target, String name, Class<?>[] params, Object... args) throws Throwable {
        Method m = type.getMethod(name, params);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void scrActivatesTheServiceAndOtherBundlesUseIt() throws Throwable {
        Object service = await("(objectClass=org.nonos.crypto.CryptoService)");
        Class<?> api = crypto.loadClass("org.nonos.crypto.CryptoService");
        Class<?> keyHandle = crypto.loadClass("org.nonos.crypto.KeyHandle");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Enum> keyType = (Class<Enum>) crypto.loadClass("org.nonos.crypto.KeyType");
        assertNotSame(CryptoServiceImpl.class, service.getClass(), "the service must come from the bundle, not the class path");
        assertTrue(api.isInstance(service));
        assertEquals(crypto, FrameworkUtil.getBundle(service.getClass()));
        // Bouncy Castle is the bundle's own, private copy: no other bundle can load it through the bundle,
        // and the bundle does not reach it through the class path.
        assertEquals(crypto, FrameworkUtil.getBundle(crypto.loadClass("org.bouncycastle.crypto.Digest")));
        for (Bundle other : framework.getBundleContext().getBundles()) {
            if (other != crypto && other.getBundleId() != 0) {
                assertThrows(ClassNotFoundException.class, () -> other.loadClass("org.bouncycastle.crypto.Digest"),
                        other.getSymbolicName());
            }
        }

        // XChaCha20-Poly1305: seal, open, and a flipped tag bit refused.
        @SuppressWarnings("unchecked")
        Object aeadKey = call(api, service, "generateKey", new Class<?>[] {keyType}, Enum.valueOf(keyType, "XCHACHA20_POLY1305"));
        Class<?>[] aeadParams = {keyHandle, byte[].class, byte[].class, byte[].class};
        byte[] nonce = new byte[24];
        call(api, service, "randomBytes", new Class<?>[] {byte[].class}, (Object) nonce);
        byte[] aad = "header".getBytes(StandardCharsets.US_ASCII);
        byte[] message = "inside a running framework".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = (byte[]) call(api, service, "seal", aeadParams, aeadKey, nonce, aad, message);
        assertEquals(message.length + 16, sealed.length);
        assertArrayEquals(message, (byte[]) call(api, service, "open", aeadParams, aeadKey, nonce, aad, sealed));
        sealed[sealed.length - 1] ^= 1;
        Throwable refused = assertThrows(Throwable.class, () -> call(api, service, "open", aeadParams, aeadKey, nonce, aad, sealed));
        assertEquals("org.nonos.crypto.CryptoException", refused.getClass().getName());
        assertEquals("AUTHENTICATION_FAILED", String.valueOf(refused.getClass().getMethod("error").invoke(refused)));

        // Hybrid Ed25519 + ML-DSA-65: sign, verify, and a changed message refused.
        @SuppressWarnings("unchecked")
        Enum<?> hybrid = Enum.valueOf(keyType, "HYBRID_ED25519_ML_DSA_65");
        Object signingKey = call(api, service, "generateKey", new Class<?>[] {keyType}, hybrid);
        byte[] publicKey = (byte[]) call(keyHandle, signingKey, "publicKey", new Class<?>[0]);
        byte[] context = "felix".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = (byte[]) call(api, service, "sign", new Class<?>[] {keyHandle, byte[].class, byte[].class},
                signingKey, message, context);
        Class<?>[] verifyParams = {keyType, byte[].class, byte[].class, byte[].class, byte[].class};
        assertEquals(true, call(api, service, "verify", verifyParams, hybrid, publicKey, message, context, signature));
        byte[] other = message.clone();
        other[0] ^= 1;
        assertEquals(false, call(api, service, "verify", verifyParams, hybrid, publicKey, other, context, signature));
        call(keyHandle, signingKey, "close", new Class<?>[0]);
        call(keyHandle, aeadKey, "close", new Class<?>[0]);
    }

    @Test
    void selftestCommandRunsInAGogoSession() throws Throwable {
        await("(objectClass=org.nonos.crypto.CryptoService)");
        String commandFilter = "(&(osgi.command.scope=crypto)(osgi.command.function=selftest))";
        await(commandFilter);
        ServiceReference<?>[] refs = framework.getBundleContext().getAllServiceReferences(null, commandFilter);
        assertNotNull(refs);
        assertEquals(1, refs.length);
        assertEquals("crypto", refs[0].getProperty("osgi.command.scope"));
        assertEquals("selftest", refs[0].getProperty("osgi.command.function"));
        assertEquals(crypto, refs[0].getBundle());

        Object processor = await("(objectClass=org.apache.felix.service.command.CommandProcessor)");
        Bundle gogo = FrameworkUtil.getBundle(processor.getClass());
        Class<?> processorType = gogo.loadClass("org.apache.felix.service.command.CommandProcessor");
        Class<?> sessionType = gogo.loadClass("org.apache.felix.service.command.CommandSession");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Object session = call(processorType, processor, "createSession",
                new Class<?>[] {InputStream.class, OutputStream.class, OutputStream.class},
                new ByteArrayInputStream(new byte[0]), out, err);
        Object result;
        try {
            result = call(sessionType, session, "execute", new Class<?>[] {CharSequence.class}, "crypto:selftest");
        } finally {
            call(sessionType, session, "close", new Class<?>[0]);
        }
        String text = String.valueOf(result);
        List<String> lines = text.lines().toList();
        assertEquals("self-test passed", lines.get(lines.size() - 1), text);
        List<String> checks = lines.subList(0, lines.size() - 1);
        assertEquals(13, checks.size(), text);
        assertTrue(checks.stream().allMatch(l -> l.startsWith("PASS ")), text);
        assertFalse(text.contains("FAIL"), text);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
