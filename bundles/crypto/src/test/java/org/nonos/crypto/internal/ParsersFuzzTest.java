// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.nonos.crypto.CryptoException;

/**
 * Fuzz targets for every parser of untrusted bytes: key encodings, stream headers, PHC strings,
 * and AEAD ciphertexts. Each input must either parse to something that re-emits to the same bytes,
 * or fail with a CryptoException; nothing else. In a normal build the seed corpus
 * (src/test/resources/.../ParsersFuzzTestInputs) runs as a regression test.
 */
class ParsersFuzzTest {
    private static final byte[] KEY = new byte[32];

    @FuzzTest
    void keyEncoding(byte[] data) {
        try {
            KeyCodec k = KeyCodec.parse(data);
            assertArrayEquals(data, k.emit());
            new ServiceKey(k.type(), k.material()).close();
        } catch (CryptoException expected) {
            // Refused with a typed error: the wanted outcome for malformed input.
        }
    }

    @FuzzTest
    void streamHeader(byte[] data) {
        try {
            assertArrayEquals(data, StreamHeader.parse(data).emit());
        } catch (CryptoException expected) {
            // Refused with a typed error.
        }
    }

    @FuzzTest
    void phcString(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsAsciiString();
        try {
            assertEquals(s, PhcString.parse(s).emit());
        } catch (CryptoException expected) {
            // Refused with a typed error.
        }
    }

    @FuzzTest
    void aeadOpen(FuzzedDataProvider data) {
        byte[] nonce = data.consumeBytes(24);
        byte[] ct = data.consumeRemainingAsBytes();
        try {
            Aead.openX(KEY, nonce, new byte[0], ct);
            throw new AssertionError("a forged ciphertext opened");
        } catch (CryptoException expected) {
            // A random ciphertext must never open.
        }
    }
}
