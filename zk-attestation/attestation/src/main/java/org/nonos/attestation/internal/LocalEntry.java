// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.nonos.attestation.MalformedException;

/**
 * The content of one entry, read at the local file header its central directory entry points to
 * (APPNOTE.TXT 6.3.10 §4.3.7): the local name must equal the central one; STORED and DEFLATED
 * are the only methods; the inflated size and CRC-32 must be the central directory's.
 */
final class LocalEntry {
    private static final int LOC_SIG = 0x04034b50;
    private static final int LOC_BYTES = 30;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    private LocalEntry() {}

    /** @param total running count of content bytes over the whole jar, checked against {@code max} */
    static byte[] content(byte[] zip, CentralDirectory.Entry ce, long[] total, long max) throws MalformedException {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        long off = ce.localOffset();
        if (off + LOC_BYTES > zip.length || b.getInt((int) off) != LOC_SIG) {
            throw new MalformedException("entry " + ce.name() + ": no local header at its offset");
        }
        int nameLen = b.getShort((int) off + 26) & 0xffff;
        int extraLen = b.getShort((int) off + 28) & 0xffff;
        long data = off + LOC_BYTES + nameLen + extraLen;
        if (data + ce.compressedSize() > zip.length) {
            throw new MalformedException("entry " + ce.name() + " runs past the end of the jar");
        }
        if (!Arrays.equals(zip, (int) off + LOC_BYTES, (int) off + LOC_BYTES + nameLen, ce.nameBytes(), 0, ce.nameBytes().length)) {
            throw new MalformedException("entry " + ce.name() + ": the local header names another entry");
        }
        if (ce.size() > max - total[0]) {
            throw new MalformedException("more than " + max + " bytes of content");
        }
        byte[] content;
        if (ce.method() == STORED) {
            if (ce.compressedSize() != ce.size()) {
                throw new MalformedException("stored entry " + ce.name() + " with two sizes");
            }
            content = Arrays.copyOfRange(zip, (int) data, (int) (data + ce.size()));
        } else if (ce.method() == DEFLATED) {
            content = inflate(zip, (int) data, (int) ce.compressedSize(), ce);
        } else {
            throw new MalformedException("entry " + ce.name() + ": compression method " + ce.method() + " is not supported");
        }
        total[0] += content.length;
        CRC32 crc = new CRC32();
        crc.update(content);
        if (crc.getValue() != ce.crc()) {
            throw new MalformedException("entry " + ce.name() + ": CRC-32 mismatch");
        }
        return content;
    }

    private static byte[] inflate(byte[] zip, int off, int len, CentralDirectory.Entry ce) throws MalformedException {
        Inflater inf = new Inflater(true); // raw DEFLATE (RFC 1951), as in zip
        try {
            inf.setInput(zip, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(ce.size(), 1 << 20));
            byte[] buf = new byte[16384];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && !inf.finished() && (inf.needsInput() || inf.needsDictionary())) {
                    throw new MalformedException("entry " + ce.name() + ": truncated DEFLATE data");
                }
                if (out.size() + n > ce.size()) {
                    throw new MalformedException("entry " + ce.name() + " inflates to more than its stated size");
                }
                out.write(buf, 0, n);
            }
            if (out.size() != ce.size() || inf.getRemaining() != 0) {
                throw new MalformedException("entry " + ce.name() + ": size or compressed size mismatch");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new MalformedException("entry " + ce.name() + ": bad DEFLATE data", e);
        } finally {
            inf.end();
        }
    }
}
