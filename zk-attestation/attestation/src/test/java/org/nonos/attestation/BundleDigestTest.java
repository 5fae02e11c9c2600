// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The content digest: independent of zip layout, sensitive to every name and content byte. */
class BundleDigestTest {
    static final Map<String, byte[]> ENTRIES = Map.of(
            "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "a/B.class", new byte[] {1, 2, 3},
            "a/", new byte[0],
            "z.txt", "hello".getBytes(StandardCharsets.US_ASCII));

    static BundleDigest digest(byte[] jar) throws MalformedException {
        return BundleDigest.compute(Fixtures.CRYPTO, jar);
    }

    /** A jar with entries in the given order (LinkedHashMap), deflated. */
    static byte[] ordered(Map<String, byte[]> entries, String comment) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setComment(comment);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                ze.setTime(946_684_800_000L + e.getKey().length() * 1000L);
                ze.setExtra(new byte[] {(byte) 0xfe, (byte) 0xca, 0, 0});
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void layoutDoesNotMatter() throws Exception {
        BundleDigest d = digest(Fixtures.zip(ENTRIES, true));
        assertEquals(d, digest(Fixtures.zip(ENTRIES, false)));
        Map<String, byte[]> reversed = new LinkedHashMap<>();
        new java.util.TreeMap<>(ENTRIES).descendingMap().forEach(reversed::put);
        assertEquals(d, digest(ordered(reversed, "a comment")));
        // Directory entries carry nothing.
        Map<String, byte[]> noDirs = new HashMap<>(ENTRIES);
        noDirs.remove("a/");
        assertEquals(d, digest(Fixtures.zip(noDirs, true)));
        // The attestation entry is left out.
        Map<String, byte[]> withAttestation = new HashMap<>(ENTRIES);
        withAttestation.put(Attestation.ENTRY, "{}".getBytes(StandardCharsets.US_ASCII));
        assertEquals(d, digest(Fixtures.zip(withAttestation, true)));
    }

    @Test
    void namesAndContentMatter() throws Exception {
        BundleDigest d = digest(Fixtures.zip(ENTRIES, true));
        Map<String, byte[]> m = new HashMap<>(ENTRIES);
        m.put("z.txt", "hellp".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(d, digest(Fixtures.zip(m, true)));
        m = new HashMap<>(ENTRIES);
        m.put("z.txu", m.remove("z.txt"));
        assertNotEquals(d, digest(Fixtures.zip(m, true)));
        m = new HashMap<>(ENTRIES);
        m.put("empty", new byte[0]);
        assertNotEquals(d, digest(Fixtures.zip(m, true)));
        // Moving bytes between name and content (length prefixes keep the encoding unambiguous).
        Map<String, byte[]> x = Map.of("ab", "c".getBytes(StandardCharsets.US_ASCII));
        Map<String, byte[]> y = Map.of("a", "bc".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(digest(Fixtures.zip(x, true)), digest(Fixtures.zip(y, true)));
    }

    @Test
    void goldenDigestOfAnEmptyFile() throws Exception {
        // BLAKE3(tag ‖ u32 1 ‖ u32 1 ‖ "e" ‖ u64 0 ‖ BLAKE3("")), computed independently here.
        byte[] tag = "NONOS-BUNDLE-DIGEST-V1\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(tag.length + 4 + 4 + 1 + 8 + 32).order(ByteOrder.BIG_ENDIAN);
        b.put(tag).putInt(1).putInt(1).put((byte) 'e').putLong(0)
                .put(java.util.HexFormat.of().parseHex("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"));
        assertEquals(BundleDigest.of(Fixtures.CRYPTO.blake3(b.array(), 32)), digest(Fixtures.zip(Map.of("e", new byte[0]), true)));
    }

    @Test
    void refusedJars() throws Exception {
        assertThrows(MalformedException.class, () -> digest(new byte[0]));
        assertThrows(MalformedException.class, () -> digest(new byte[22]));
        assertThrows(MalformedException.class, () -> digest("PK\5\6".getBytes(StandardCharsets.ISO_8859_1)));
        // A duplicate name (written by hand: ZipOutputStream refuses duplicates).
        byte[] one = Fixtures.zip(Map.of("x", new byte[] {1}), true);
        byte[] dup = duplicateCentralEntry(one);
        assertThrows(MalformedException.class, () -> digest(dup));
        // A directory entry with content.
        assertThrows(MalformedException.class, () -> digest(Fixtures.zip(Map.of("d/", new byte[] {1}), true)));
        // A path that is not relative.
        assertThrows(MalformedException.class, () -> digest(Fixtures.zip(Map.of("/etc/passwd", new byte[] {1}), true)));
    }

    @Test
    void theLocalHeaderMustNameTheCentralEntry() throws Exception {
        byte[] jar = Fixtures.zip(Map.of("abc", new byte[] {1, 2}), true);
        jar[30] = 'x'; // first byte of the local header's name
        byte[] t = jar;
        assertThrows(MalformedException.class, () -> digest(t));
    }

    /** The zip with its single central directory entry listed twice. */
    static byte[] duplicateCentralEntry(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        int cdOff = b.getInt(eocd + 16);
        int cdSize = b.getInt(eocd + 12);
        ByteBuffer out = ByteBuffer.allocate(zip.length + cdSize).order(ByteOrder.LITTLE_ENDIAN);
        out.put(zip, 0, eocd).put(zip, cdOff, cdSize).put(zip, eocd, 22);
        out.putShort(eocd + cdSize + 8, (short) 2).putShort(eocd + cdSize + 10, (short) 2).putInt(eocd + cdSize + 12, cdSize * 2);
        return out.array();
    }
}
