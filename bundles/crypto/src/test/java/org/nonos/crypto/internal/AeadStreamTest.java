// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.crypto.StreamOpener;
import org.nonos.crypto.StreamSealer;

/** Streaming AEAD: round trips under random cuts (seeded), and every way of damaging a stream fails closed. */
class AeadStreamTest {
    private static final int CHUNK = 1024;
    private final CryptoService crypto = new CryptoServiceImpl(new OsSeedSource());

    @Test
    void roundTripsUnderRandomCuts() {
        long seed = Seeds.seed();
        Random r = new Random(seed);
        try (KeyHandle k = crypto.generateKey(KeyType.XCHACHA20_POLY1305)) {
            for (int i = 0; i < 60; i++) {
                int len = switch (i) {
                    case 0 -> 0;
                    case 1 -> CHUNK;
                    case 2 -> 3 * CHUNK;
                    case 3 -> CHUNK - 1;
                    default -> r.nextInt(6 * CHUNK);
                };
                byte[] msg = AeadPathsAgreeTest.bytes(r, len);
                byte[] aad = AeadPathsAgreeTest.bytes(r, r.nextInt(8));
                StreamSealer s = crypto.streamSealer(k, aad, CHUNK);
                byte[] sealed = feed(msg, r, s::update, s::doFinal);
                assertEquals(expectedLength(len), sealed.length, "seed " + seed + " length " + len);
                StreamOpener o = crypto.streamOpener(k, aad, s.header());
                byte[] opened = feed(sealed, r, o::update, o::doFinal);
                assertArrayEquals(msg, opened, "seed " + seed + " case " + i);
            }
        }
    }

    @Test
    void damagedStreamsFailClosed() {
        try (KeyHandle k = crypto.generateKey(KeyType.XCHACHA20_POLY1305)) {
            byte[] msg = new byte[3 * CHUNK + 100];
            new Random(1).nextBytes(msg);
            StreamSealer s = crypto.streamSealer(k, new byte[] {1}, CHUNK);
            byte[] sealed = concat(s.update(msg), s.doFinal());
            byte[] header = s.header();
            int c = CHUNK + 16;
            // Truncation at a chunk boundary: the new last chunk was sealed as "not last".
            assertFails(k, header, new byte[] {1}, Arrays.copyOf(sealed, 3 * c));
            assertFails(k, header, new byte[] {1}, Arrays.copyOf(sealed, 2 * c));
            assertFails(k, header, new byte[] {1}, new byte[0]);
            // Reordered chunks.
            byte[] swapped = sealed.clone();
            System.arraycopy(sealed, 0, swapped, c, c);
            System.arraycopy(sealed, c, swapped, 0, c);
            assertFails(k, header, new byte[] {1}, swapped);
            // A flipped bit anywhere, wrong associated data, a different header.
            for (int pos : new int[] {0, c - 1, c + 5, sealed.length - 1}) {
                byte[] bad = sealed.clone();
                bad[pos] ^= 0x40;
                assertFails(k, header, new byte[] {1}, bad);
            }
            assertFails(k, header, new byte[] {2}, sealed);
            byte[] otherHeader = header.clone();
            otherHeader[10] ^= 1;
            assertFails(k, otherHeader, new byte[] {1}, sealed);
            // Appended garbage after the last chunk.
            assertFails(k, header, new byte[] {1}, concat(sealed, new byte[17]));
        }
    }

    @Test
    void noPlaintextFromABadChunkAndNothingAfterAFailure() {
        try (KeyHandle k = crypto.generateKey(KeyType.XCHACHA20_POLY1305)) {
            StreamSealer s = crypto.streamSealer(k, new byte[0], CHUNK);
            byte[] sealed = concat(s.update(new byte[4 * CHUNK]), s.doFinal());
            sealed[CHUNK + 16 + 3] ^= 1;
            StreamOpener o = crypto.streamOpener(k, new byte[0], s.header());
            // The first chunk is released once the second begins; the damaged second chunk fails, releasing nothing.
            assertEquals(CHUNK, o.update(Arrays.copyOf(sealed, CHUNK + 17)).length);
            CryptoException e = assertThrows(CryptoException.class, () -> o.update(Arrays.copyOfRange(sealed, CHUNK + 17, sealed.length)));
            assertEquals(CryptoError.AUTHENTICATION_FAILED, e.error());
            assertThrows(CryptoException.class, () -> o.update(new byte[0]));
            assertThrows(CryptoException.class, o::doFinal);
        }
    }

    private void assertFails(KeyHandle k, byte[] header, byte[] aad, byte[] sealed) {
        StreamOpener o = crypto.streamOpener(k, aad, header);
        CryptoException e = assertThrows(CryptoException.class, () -> {
            o.update(sealed);
            o.doFinal();
        });
        assertEquals(CryptoError.AUTHENTICATION_FAILED, e.error());
    }

    private static long expectedLength(int len) {
        // The last chunk holds 1..CHUNK bytes, or is empty only for an empty stream.
        long chunks = Math.max(1, (len + CHUNK - 1) / CHUNK);
        return len + 16 * chunks;
    }

    private static byte[] feed(byte[] input, Random r, java.util.function.UnaryOperator<byte[]> update, java.util.function.Supplier<byte[]> fin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < input.length) {
            int n = Math.min(input.length - pos, 1 + r.nextInt(2 * CHUNK + 40));
            out.writeBytes(update.apply(Arrays.copyOfRange(input, pos, pos + n)));
            pos += n;
        }
        out.writeBytes(fin.get());
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return HybridKem.concat(a, b);
    }
}
