// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.StreamOpener;
import org.nonos.crypto.StreamSealer;

/**
 * Streaming XChaCha20-Poly1305 after the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár,
 * "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015): the
 * plaintext is cut into chunks, chunk i is sealed with nonce prefix || i || last-flag and with
 * header || aad as associated data. Reordering, dropping or truncating chunks changes a nonce and
 * fails the tag. Each chunk is released only after its own tag verified.
 */
final class AeadStream {
    /** 2^32 chunks: the counter field is 4 bytes. */
    static final long MAX_CHUNKS = 1L << 32;

    private AeadStream() {}

    static final class Sealer implements StreamSealer {
        private final byte[] key;
        private final StreamHeader header;
        private final byte[] headerBytes;
        private final byte[] aad;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private long index;
        private boolean finished;

        Sealer(byte[] key, byte[] aad, StreamHeader header) {
            this.key = Checks.length(key, Aead.KEY_LENGTH, CryptoError.INVALID_KEY, "key").clone();
            this.header = header;
            this.headerBytes = header.emit();
            this.aad = associatedData(headerBytes, Checks.message(aad, "associated data"));
        }

        @Override
        public byte[] header() {
            return headerBytes.clone();
        }

        @Override
        public byte[] update(byte[] plaintext) {
            ensureOpen();
            Checks.message(plaintext, "plaintext");
            pending.writeBytes(plaintext);
            byte[] buffered = pending.toByteArray();
            int chunk = header.chunkSize();
            // Keep at least one byte back unless the stream ends: only doFinal knows the last chunk.
            int full = (buffered.length - 1) / chunk;
            if (buffered.length == 0 || full == 0) {
                return new byte[0];
            }
            if (index + full >= MAX_CHUNKS) {
                throw new CryptoException(CryptoError.INVALID_LENGTH, "stream longer than 2^32 chunks");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(full * (chunk + Aead.TAG_LENGTH));
            for (int i = 0; i < full; i++) {
                out.writeBytes(Aead.sealX(key, header.nonce(index++, false), aad, Arrays.copyOfRange(buffered, i * chunk, (i + 1) * chunk)));
            }
            pending.reset();
            pending.write(buffered, full * chunk, buffered.length - full * chunk);
            Arrays.fill(buffered, (byte) 0);
            return out.toByteArray();
        }

        @Override
        public byte[] doFinal() {
            ensureOpen();
            finished = true;
            byte[] last = pending.toByteArray();
            try {
                return Aead.sealX(key, header.nonce(index, true), aad, last);
            } finally {
                Arrays.fill(last, (byte) 0);
                Arrays.fill(key, (byte) 0);
            }
        }

        private void ensureOpen() {
            if (finished) {
                throw new CryptoException(CryptoError.INVALID_ARGUMENT, "stream already finished");
            }
        }
    }

    static final class Opener implements StreamOpener {
        private final byte[] key;
        private final StreamHeader header;
        private final byte[] aad;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private long index;
        private boolean finished;

        Opener(byte[] key, byte[] aad, byte[] headerBytes) {
            this.key = Checks.length(key, Aead.KEY_LENGTH, CryptoError.INVALID_KEY, "key").clone();
            this.header = StreamHeader.parse(headerBytes);
            this.aad = associatedData(header.emit(), Checks.message(aad, "associated data"));
        }

        @Override
        public byte[] update(byte[] ciphertext) {
            ensureOpen();
            Checks.message(ciphertext, "ciphertext");
            pending.writeBytes(ciphertext);
            byte[] buffered = pending.toByteArray();
            int sealed = header.chunkSize() + Aead.TAG_LENGTH;
            // A chunk is known not to be the last only once more bytes follow it.
            int full = (buffered.length - 1) / sealed;
            if (buffered.length == 0 || full == 0) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(full * header.chunkSize());
            // Verify every complete chunk before releasing any of them; on a failure, zero what was opened.
            byte[][] plain = new byte[full][];
            try {
                for (int i = 0; i < full; i++) {
                    plain[i] = Aead.openX(key, header.nonce(index + i, false), aad, Arrays.copyOfRange(buffered, i * sealed, (i + 1) * sealed));
                }
            } catch (CryptoException e) {
                for (byte[] p : plain) {
                    if (p != null) {
                        Arrays.fill(p, (byte) 0);
                    }
                }
                fail();
                throw e;
            }
            for (byte[] p : plain) {
                out.writeBytes(p);
                Arrays.fill(p, (byte) 0);
            }
            index += full;
            pending.reset();
            pending.write(buffered, full * sealed, buffered.length - full * sealed);
            return out.toByteArray();
        }

        @Override
        public byte[] doFinal() {
            ensureOpen();
            finished = true;
            byte[] last = pending.toByteArray();
            pending.reset();
            try {
                if (last.length < Aead.TAG_LENGTH) {
                    throw new CryptoException(CryptoError.AUTHENTICATION_FAILED, "stream truncated: last chunk missing");
                }
                return Aead.openX(key, header.nonce(index, true), aad, last);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }

        private void fail() {
            finished = true;
            pending.reset();
            Arrays.fill(key, (byte) 0);
        }

        private void ensureOpen() {
            if (finished) {
                throw new CryptoException(CryptoError.AUTHENTICATION_FAILED, "stream already finished or failed");
            }
        }
    }

    /** header || aad: binds the chunk size and prefix to every chunk. */
    private static byte[] associatedData(byte[] header, byte[] aad) {
        byte[] all = Arrays.copyOf(header, header.length + aad.length);
        System.arraycopy(aad, 0, all, header.length, aad.length);
        return all;
    }
}
