// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BLAKE3 (official vectors: hash, keyed_hash, derive_key, each to 131 bytes of XOF) and SHA-3/SHAKE (BoringSSL keccak_tests). */
class HashVectorsTest {

    @Test
    void blake3Official() {
        JsonNode file = Vectors.json("blake3/test_vectors.json");
        byte[] key = Vectors.text(file, "key").getBytes(StandardCharsets.US_ASCII);
        String context = Vectors.text(file, "context_string");
        int count = 0;
        for (JsonNode c : Vectors.array(file, "cases")) {
            int n = Vectors.integer(c, "input_len");
            byte[] input = new byte[n];
            for (int i = 0; i < n; i++) {
                input[i] = (byte) (i % 251);
            }
            byte[] hash = Vectors.hex(c, "hash");
            byte[] keyed = Vectors.hex(c, "keyed_hash");
            byte[] derived = Vectors.hex(c, "derive_key");
            String id = "input_len " + n;
            assertArrayEquals(hash, Hashes.blake3(input, hash.length), id + " hash");
            assertArrayEquals(Arrays.copyOf(hash, 32), Hashes.blake3(input, 32), id + " hash, default length");
            assertArrayEquals(keyed, Hashes.blake3Keyed(key, input, keyed.length), id + " keyed_hash");
            assertArrayEquals(Arrays.copyOf(keyed, 32), Hashes.blake3Keyed(key, input, 32), id + " keyed_hash, default length");
            assertArrayEquals(derived, Hashes.blake3DeriveKey(context, input, derived.length), id + " derive_key");
            assertArrayEquals(Arrays.copyOf(derived, 32), Hashes.blake3DeriveKey(context, input, 32), id + " derive_key, default length");
            count++;
        }
        assertEquals(35, count);
    }

    @Test
    void keccakBoringSsl() {
        int count = 0;
        for (Map<String, String> b : Vectors.blocks("boringssl-vectors/keccak_tests.txt")) {
            byte[] in = Vectors.value(b.get("Input"));
            String id = "input of " + in.length + " bytes";
            assertArrayEquals(Vectors.value(b.get("SHA3-256")), Hashes.sha3(256, in), id);
            assertArrayEquals(Vectors.value(b.get("SHA3-512")), Hashes.sha3(512, in), id);
            byte[] s128 = Vectors.value(b.get("SHAKE-128"));
            byte[] s256 = Vectors.value(b.get("SHAKE-256"));
            assertArrayEquals(s128, Hashes.shake(128, in, s128.length), id);
            assertArrayEquals(s256, Hashes.shake(256, in, s256.length), id);
            count++;
        }
        assertEquals(512, count);
    }
}
