// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nonos.test.support.TestBundles;

/** Bundle jars built in the tests: a manifest and some resources, nothing that needs compiling. */
final class TestJars {
    static final String ATTESTATION = "META-INF/NONOS/ATTESTATION";

    private TestJars() {
    }

    static byte[] bundle(String symbolicName, String version, Map<String, String> resources) {
        return bundle(symbolicName, version, resources, Map.of());
    }

    static byte[] bundle(String symbolicName, String version, Map<String, String> resources, Map<String, String> headers) {
        Manifest m = TestBundles.manifest(symbolicName, version);
        headers.forEach(m.getMainAttributes()::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            for (Map.Entry<String, String> e : resources.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** All entries of a jar, in order. */
    static Map<String, byte[]> entries(byte[] jar) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A jar of these entries, in this order. */
    static byte[] jar(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The same jar with one more entry. */
    static byte[] with(byte[] jar, String name, byte[] content) {
        Map<String, byte[]> e = entries(jar);
        e.put(name, content);
        return jar(e);
    }

    /** The same jar with one byte of one entry flipped. */
    static byte[] tampered(byte[] jar, String entry, int index) {
        Map<String, byte[]> e = entries(jar);
        byte[] c = e.get(entry).clone();
        c[index] ^= 0x01;
        e.put(entry, c);
        return jar(e);
    }
}
