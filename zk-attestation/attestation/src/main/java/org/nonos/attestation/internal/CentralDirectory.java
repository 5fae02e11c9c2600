// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nonos.attestation.MalformedException;

/**
 * A zip file's central directory (APPNOTE.TXT 6.3.10 §4.3.12 central file header, §4.3.16 end of
 * central directory record), the authority on a jar's entries as for {@code java.util.zip.ZipFile}
 * and the OSGi framework. Zip64 and multi-disk archives are refused.
 */
final class CentralDirectory {
    /** One central directory entry: the fields a reader needs. */
    record Entry(String name, byte[] nameBytes, int flags, int method, long crc, long compressedSize, long size,
            long localOffset) {}

    private static final int EOCD_SIG = 0x06054b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int EOCD_BYTES = 22;
    private static final int CEN_BYTES = 46;

    private CentralDirectory() {}

    static List<Entry> entries(byte[] zip) throws MalformedException {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int p = zip.length - EOCD_BYTES; p >= 0 && p >= zip.length - EOCD_BYTES - 0xffff; p--) {
            // §4.3.16: the record ends the file, after a comment of the stated length.
            if (b.getInt(p) == EOCD_SIG && p + EOCD_BYTES + (b.getShort(p + 20) & 0xffff) == zip.length) {
                eocd = p;
                break;
            }
        }
        if (eocd < 0) {
            throw new MalformedException("not a jar: no end of central directory record");
        }
        int disk = b.getShort(eocd + 4) & 0xffff;
        int cdDisk = b.getShort(eocd + 6) & 0xffff;
        int onDisk = b.getShort(eocd + 8) & 0xffff;
        int count = b.getShort(eocd + 10) & 0xffff;
        long cdSize = b.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = b.getInt(eocd + 16) & 0xffffffffL;
        if (disk != 0 || cdDisk != 0 || onDisk != count) {
            throw new MalformedException("multi-disk archives are not bundles");
        }
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            throw new MalformedException("zip64 archives are not supported");
        }
        if (cdOffset + cdSize != eocd) {
            throw new MalformedException("the central directory does not end where the end record begins");
        }
        List<Entry> names = new ArrayList<>(count);
        long p = cdOffset;
        for (int i = 0; i < count; i++) {
            if (p + CEN_BYTES > eocd || b.getInt((int) p) != CEN_SIG) {
                throw new MalformedException("central directory entry " + i + " is truncated or has a bad signature");
            }
            int flags = b.getShort((int) p + 8) & 0xffff;
            int nameLen = b.getShort((int) p + 28) & 0xffff;
            int extraLen = b.getShort((int) p + 30) & 0xffff;
            int commentLen = b.getShort((int) p + 32) & 0xffff;
            if ((flags & 1) != 0) {
                throw new MalformedException("encrypted entries are not allowed");
            }
            long end = p + CEN_BYTES + nameLen + extraLen + commentLen;
            if (end > eocd) {
                throw new MalformedException("central directory entry " + i + " runs past the directory");
            }
            byte[] nameBytes = java.util.Arrays.copyOfRange(zip, (int) p + CEN_BYTES, (int) p + CEN_BYTES + nameLen);
            names.add(new Entry(utf8(zip, (int) p + CEN_BYTES, nameLen), nameBytes, flags, b.getShort((int) p + 10) & 0xffff,
                    b.getInt((int) p + 16) & 0xffffffffL, b.getInt((int) p + 20) & 0xffffffffL,
                    b.getInt((int) p + 24) & 0xffffffffL, b.getInt((int) p + 42) & 0xffffffffL));
            p = end;
        }
        if (p != eocd) {
            throw new MalformedException("bytes left over in the central directory");
        }
        return names;
    }

    private static String utf8(byte[] b, int off, int len) throws MalformedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("an entry name is not UTF-8", e);
        }
    }
}
