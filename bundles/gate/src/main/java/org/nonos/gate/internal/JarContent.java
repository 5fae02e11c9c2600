// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.osgi.framework.Bundle;

/**
 * The file entries of a bundle, by name, in the canonical (sorted by UTF-8 name) order.
 *
 * <p>Read either from the jar's bytes (a jar not installed yet) or through the framework from an
 * installed bundle ({@link Bundle#getEntryPaths}/{@link Bundle#getEntry}, which never resolve the
 * bundle, so this is safe inside a resolver hook, and works whatever installed the bundle: a file,
 * a stream, a reference). Directory entries carry no content and are left out.
 */
public final class JarContent {
    /** Bounds on what the gate reads, so a hostile jar cannot exhaust memory: 64 MiB, 65,536 entries. */
    static final long MAX_TOTAL_BYTES = 64L << 20;
    static final int MAX_ENTRIES = 65_536;

    static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final Map<String, byte[]> entries;
    private byte[] jar;
    private String key;

    private JarContent(Map<String, byte[]> entries, byte[] jar) {
        this.entries = Collections.unmodifiableMap(entries);
        this.jar = jar;
    }

    /**
     * The cache key of this content: hex SHA-256 over every entry, the attestation included, each
     * as its UTF-8 name, a zero byte, and the SHA-256 of its content, in canonical order. Two
     * contents with the same key have the same entries byte for byte.
     */
    public synchronized String key() {
        if (key == null) {
            try {
                java.security.MessageDigest all = java.security.MessageDigest.getInstance("SHA-256");
                java.security.MessageDigest one = java.security.MessageDigest.getInstance("SHA-256");
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    all.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    all.update((byte) 0);
                    all.update(one.digest(e.getValue()));
                }
                key = java.util.HexFormat.of().formatHex(all.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
        return key;
    }

    /**
     * The content as jar bytes: the original bytes when read from bytes, else the entries zipped
     * again in canonical order (STORED, fixed times). The attestation's content digest covers
     * names and contents only, so re-zipping keeps it.
     */
    public synchronized byte[] jar() {
        if (jar == null) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
                // The manifest first, where java.util.jar.JarInputStream looks for it.
                java.util.List<Map.Entry<String, byte[]>> order = new java.util.ArrayList<>(entries.entrySet());
                order.sort((a, b) -> Boolean.compare(!a.getKey().equals(MANIFEST), !b.getKey().equals(MANIFEST)));
                for (Map.Entry<String, byte[]> e : order) {
                    ZipEntry z = new ZipEntry(e.getKey());
                    z.setTime(0L);
                    out.putNextEntry(z);
                    out.write(e.getValue());
                    out.closeEntry();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
            }
            jar = bytes.toByteArray();
        }
        return jar;
    }

    public Map<String, byte[]> entries() {
        return entries;
    }

    /**
     * The entries of a jar given as bytes.
     *
     * @throws MalformedJarException when the bytes are not a well-formed jar, name an entry twice,
     *     or exceed the bounds
     */
    public static JarContent of(byte[] jar) throws MalformedJarException {
        Map<String, byte[]> out = new TreeMap<>(JarContent::compareUtf8);
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                byte[] data = readBounded(in, MAX_TOTAL_BYTES - total);
                total += data.length;
                if (out.put(e.getName(), data) != null) {
                    throw new MalformedJarException("entry named twice: " + e.getName());
                }
                if (out.size() > MAX_ENTRIES) {
                    throw new MalformedJarException("more than " + MAX_ENTRIES + " entries");
                }
            }
        } catch (ZipException e) {
            throw new MalformedJarException("not a jar: " + e.getMessage());
        } catch (IOException e) {
            throw new MalformedJarException("unreadable jar: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new MalformedJarException("not a jar: no entries");
        }
        return new JarContent(out, jar);
    }

    /**
     * The entries of the current revision of an installed bundle.
     *
     * @throws MalformedJarException when an entry cannot be read or the bounds are exceeded
     */
    public static JarContent of(Bundle bundle) throws MalformedJarException {
        Map<String, byte[]> out = new TreeMap<>(JarContent::compareUtf8);
        Deque<String> dirs = new ArrayDeque<>();
        dirs.add("/");
        long total = 0;
        while (!dirs.isEmpty()) {
            Enumeration<String> paths = bundle.getEntryPaths(dirs.poll());
            while (paths != null && paths.hasMoreElements()) {
                String p = paths.nextElement();
                if (p.endsWith("/")) {
                    dirs.add(p);
                    continue;
                }
                URL url = bundle.getEntry(p);
                if (url == null) {
                    throw new MalformedJarException("entry vanished while reading: " + p);
                }
                try (InputStream in = url.openStream()) {
                    byte[] data = readBounded(in, MAX_TOTAL_BYTES - total);
                    total += data.length;
                    out.put(p.startsWith("/") ? p.substring(1) : p, data);
                } catch (IOException e) {
                    throw new MalformedJarException("cannot read entry " + p + ": " + e.getMessage());
                }
                if (out.size() > MAX_ENTRIES) {
                    throw new MalformedJarException("more than " + MAX_ENTRIES + " entries");
                }
            }
        }
        if (out.isEmpty()) {
            throw new MalformedJarException("bundle has no entries");
        }
        return new JarContent(out, null);
    }

    private static byte[] readBounded(InputStream in, long budget) throws IOException, MalformedJarException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, budget + 1));
        if (data.length > budget) {
            throw new MalformedJarException("content larger than " + MAX_TOTAL_BYTES + " bytes");
        }
        return data;
    }

    /** Byte-wise order of the UTF-8 names (what a C or Rust verifier would sort by). */
    static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
