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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * <p>Reading: the central directory is the authority, as for {@code java.util.zip.ZipFile} and the
 * OSGi framework that loads the bundle: each of its entries is read at its local header, whose
 * name must be the same, and inflated with its CRC-32 and size checked, so the digest covers what
 * the framework will load. Duplicate names, encrypted entries, zip64, directory entries with
 * content and oversize inputs are refused.
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
        List<CentralDirectory.Entry> central = CentralDirectory.entries(jar);
        if (central.isEmpty()) {
            throw new MalformedException("not a jar: no entries");
        }
        if (central.size() > MAX_ENTRIES) {
            throw new MalformedException("more than " + MAX_ENTRIES + " entries");
        }
        List<Entry> files = new ArrayList<>();
        byte[] attestation = null;
        Set<String> seen = new HashSet<>();
        long[] total = {0};
        for (CentralDirectory.Entry ce : central) {
            String name = ce.name();
            checkName(name, ce.nameBytes());
            if (!seen.add(name)) {
                throw new MalformedException("duplicate entry " + name);
            }
            byte[] content = LocalEntry.content(jar, ce, total, MAX_CONTENT_BYTES);
            if (name.endsWith("/")) {
                if (content.length != 0) {
                    throw new MalformedException("directory entry " + name + " has content");
                }
            } else if (name.equals(Attestation.ENTRY)) {
                if (content.length > Attestation.MAX_BYTES) {
                    throw new MalformedException("the attestation is larger than " + Attestation.MAX_BYTES + " bytes");
                }
                attestation = content;
            } else {
                files.add(new Entry(name, ce.nameBytes(), content));
            }
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

    /** The NonOS-Capabilities main attribute of META-INF/MANIFEST.MF, or null when absent. */
    public static String manifestHeader(Jar jar) throws MalformedException {
        Entry mf = jar.entry("META-INF/MANIFEST.MF");
        if (mf == null) {
            return null;
        }
        try {
            return new java.util.jar.Manifest(new ByteArrayInputStream(mf.content())).getMainAttributes()
                    .getValue(org.nonos.attestation.CapabilityRequest.HEADER);
        } catch (IOException | RuntimeException e) {
            throw new MalformedException("META-INF/MANIFEST.MF is not a manifest: " + e.getMessage(), e);
        }
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
