// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * Which bytes of a zip are metadata that the content digest leaves out by design (docs/attestation.md
 * "Content digest"): versions, flags, times and dates, local copies of method/CRC/sizes (the
 * central directory is the authority), attributes, extra fields, comments and data descriptors.
 * Every other byte (signatures, names, lengths, offsets, method, CRC, sizes, entry data) is
 * structure or content, and changing it must reject the bundle. APPNOTE.TXT 6.3.10 §4.3.
 */
final class Metadata {
    private Metadata() {}

    static boolean isZipMetadata(byte[] zip, int pos) {
        return !covered(zip).get(pos);
    }

    static BitSet covered(byte[] zip) {
        BitSet c = new BitSet(zip.length);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        while (b.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        c.set(eocd, eocd + 22);
        int count = b.getShort(eocd + 10) & 0xffff;
        int p = b.getInt(eocd + 16);
        for (int i = 0; i < count; i++) {
            int nameLen = b.getShort(p + 28) & 0xffff;
            int extraLen = b.getShort(p + 30) & 0xffff;
            int commentLen = b.getShort(p + 32) & 0xffff;
            c.set(p, p + 4);            // signature
            c.set(p + 10, p + 12);      // method
            c.set(p + 16, p + 34);      // CRC, sizes, name/extra/comment lengths
            c.set(p + 42, p + 46);      // local header offset
            c.set(p + 46, p + 46 + nameLen);
            c.set(p + 8);               // flags, low byte: bit 0 (encryption) is checked
            int loc = b.getInt(p + 42);
            long csize = b.getInt(p + 20) & 0xffffffffL;
            int locName = b.getShort(loc + 26) & 0xffff;
            int locExtra = b.getShort(loc + 28) & 0xffff;
            c.set(loc, loc + 4);
            c.set(loc + 26, loc + 30 + locName);
            int data = loc + 30 + locName + locExtra;
            c.set(data, (int) (data + csize));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return c;
    }
}
