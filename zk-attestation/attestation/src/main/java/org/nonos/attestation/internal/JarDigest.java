// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nonos.attestation.Attestation;
import org.nonos.attestation.MalformedException;
import org.nonos.crypto.CryptoService;

/**
 * Reads a bundle jar strictly and computes its content digest (docs/attestation.md "Content
 * digest"):
 * <pre>
 *   digest = BLAKE3-256( "NONOS-BUNDLE-DIGEST-V1\0" ‖ u32 n ‖ for each of the n entries:
 *                        u32 len(name) ‖ name (UTF-8) ‖ u64 len(content) ‖ BLAKE3-256(content) )
 * </pre>
 * over every file entry except the attestation, sorted by the unsigned bytes of the UTF-8 name.
 * Integers are big-endian.
 *
 * <p>Reading: the local headers are read in order (as a streaming class loader would) and the
 * central directory (as {@code java.util.zip.ZipFile} and Felix would) must name exactly the
 * same entries, so that no reader sees content the digest did not cover. Duplicate names,
 * encrypted entries, zip64, directory entries with content and oversize inputs are refused.
 */
public final class JarDigest {
    public static final long MAX_JAR_BYTES = 256L * 1024 * 1024;
    public static final long MAX_CONTENT_BYTES = 512L * 1024 * 1024;
    public static final int MAX_ENTRIES = 65_535;
    public static final int MAX_NAME_BYTES = 4096;
    private static final byte[] TAG = "NONOS-BUNDLE-DIGEST-V1\0".getBytes(StandardCharsets.US_ASCII);

    /** A file entry (directories are dropped after their checks). */
    public record Entry(String name, byte[] nameBytes, byte[] content) {}

    /** The entries of a jar, sorted for the digest, and its attestation bytes if it has one. */
    public record Jar(List<Entry> entries, byte[] attestation) {
        public Entry entry(String name) {
            for (Entry e : entries) {
                if (e.name.equals(name)) {
                    return e;
                }
            }
            return null;
        }
    }

    private JarDigest() {}

    public static Jar read(Path jar) throws MalformedException {
        try {
            long size = Files.size(jar);
            if (size > MAX_JAR_BYTES) {
                throw new MalformedException("the jar has " + size + " bytes, more than " + MAX_JAR_BYTES);
            }
            return read(Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new MalformedException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    public static Jar read(byte[] jar) throws MalformedException {
        if (jar == null) {
            throw new MalformedException("no jar");
        }
        if (jar.length > MAX_JAR_BYTES) {
            throw new MalformedException("the jar has " + jar.length + " bytes, more than " + MAX_JAR_BYTES);
        }
        List<String> central = CentralDirectory.names(jar);
        List<String> local = new ArrayList<>();
        List<Entry> files = new ArrayList<>();
        byte[] attestation = null;
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar), StandardCharsets.UTF_8)) {
            ZipEntry ze;
            byte[] buf = new byte[16384];
            while ((ze = in.getNextEntry()) != null) {
                String name = ze.getName();
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                checkName(name, nameBytes);
                if (!seen.add(name)) {
                    throw new MalformedException("duplicate entry " + name);
                }
                if (local.size() >= MAX_ENTRIES) {
                    throw new MalformedException("more than " + MAX_ENTRIES + " entries");
                }
                local.add(name);
                java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_CONTENT_BYTES) {
                        throw new MalformedException("more than " + MAX_CONTENT_BYTES + " bytes of content");
                    }
                    if (name.equals(Attestation.ENTRY) && content.size() + n > Attestation.MAX_BYTES) {
                        throw new MalformedException("the attestation is larger than " + Attestation.MAX_BYTES + " bytes");
                    }
                    content.write(buf, 0, n);
                }
                if (ze.isDirectory()) {
                    if (content.size() != 0) {
                        throw new MalformedException("directory entry " + name + " has content");
                    }
                } else if (name.equals(Attestation.ENTRY)) {
                    attestation = content.toByteArray();
                } else {
                    files.add(new Entry(name, nameBytes, content.toByteArray()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedException("not a readable jar: " + e.getMessage(), e);
        }
        if (local.isEmpty()) {
            throw new MalformedException("not a jar: no entries");
        }
        List<String> a = new ArrayList<>(local);
        List<String> b = new ArrayList<>(central);
        a.sort(Comparator.naturalOrder());
        b.sort(Comparator.naturalOrder());
        if (!a.equals(b)) {
            throw new MalformedException("the central directory and the local headers name different entries");
        }
        files.sort((x, y) -> Arrays.compareUnsigned(x.nameBytes, y.nameBytes));
        return new Jar(List.copyOf(files), attestation);
    }

    /** The content digest of the entries of {@code jar}. */
    public static byte[] digest(CryptoService crypto, Jar jar) {
        int size = TAG.length + 4;
        for (Entry e : jar.entries()) {
            size += 4 + e.nameBytes.length + 8 + 32;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(TAG).putInt(jar.entries().size());
        for (Entry e : jar.entries()) {
            b.putInt(e.nameBytes.length).put(e.nameBytes).putLong(e.content.length).put(crypto.blake3(e.content, 32));
        }
        return crypto.blake3(b.array(), 32);
    }

    private static void checkName(String name, byte[] nameBytes) throws MalformedException {
        if (name.isEmpty() || nameBytes.length > MAX_NAME_BYTES) {
            throw new MalformedException("entry name empty or longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0 || name.startsWith("/")) {
            throw new MalformedException("entry name " + name.replace('\0', '?') + " is not a relative jar path");
        }
    }
}
