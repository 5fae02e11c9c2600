// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * Wire format of the streaming-AEAD header (docs/crypto.md, "Streaming AEAD"), 28 bytes:
 * <pre>
 * offset size field
 *      0    4 magic "NXS" || version 0x01
 *      4    4 chunk size in bytes, big-endian, 1 KiB .. 16 MiB
 *      8   19 nonce prefix (random)
 *     27    1 reserved, 0
 * </pre>
 *
 * @param chunkSize plaintext bytes per chunk (the last chunk may be shorter, also empty)
 * @param noncePrefix the 19-byte prefix of every chunk's XChaCha20 nonce
 */
record StreamHeader(int chunkSize, byte[] noncePrefix) {
    static final int LENGTH = 28;
    static final int PREFIX_LENGTH = 19;
    static final int MIN_CHUNK = 1024;
    static final int MAX_CHUNK = 16 * 1024 * 1024;
    private static final byte[] MAGIC = {'N', 'X', 'S', 0x01};

    StreamHeader {
        if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "chunk size " + chunkSize + " outside " + MIN_CHUNK + ".." + MAX_CHUNK);
        }
        Checks.length(noncePrefix, PREFIX_LENGTH, CryptoError.INVALID_NONCE, "nonce prefix");
        noncePrefix = noncePrefix.clone();
    }

    @Override
    public byte[] noncePrefix() {
        return noncePrefix.clone();
    }

    static StreamHeader parse(byte[] bytes) {
        Checks.notNull(bytes, "stream header");
        if (bytes.length != LENGTH) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "stream header must be " + LENGTH + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (!Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "not a version-1 stream header");
        }
        if (bytes[27] != 0) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "reserved header byte is not zero");
        }
        int chunk = b.getInt(4);
        if (chunk < MIN_CHUNK || chunk > MAX_CHUNK) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "chunk size " + chunk + " out of range");
        }
        return new StreamHeader(chunk, Arrays.copyOfRange(bytes, 8, 8 + PREFIX_LENGTH));
    }

    byte[] emit() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC).putInt(chunkSize).put(noncePrefix).put((byte) 0);
        return b.array();
    }

    /** Nonce of chunk {@code index}: prefix || index (4 bytes, big-endian) || last flag (STREAM, Hoang et al. 2015). */
    byte[] nonce(long index, boolean last) {
        byte[] nonce = new byte[Aead.XNONCE_LENGTH];
        System.arraycopy(noncePrefix, 0, nonce, 0, PREFIX_LENGTH);
        nonce[19] = (byte) (index >>> 24);
        nonce[20] = (byte) (index >>> 16);
        nonce[21] = (byte) (index >>> 8);
        nonce[22] = (byte) index;
        nonce[23] = (byte) (last ? 1 : 0);
        return nonce;
    }
}
