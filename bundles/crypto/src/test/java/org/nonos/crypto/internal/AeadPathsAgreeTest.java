// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The service's AEAD path (JDK ChaCha20-Poly1305 + HChaCha20 over BC's core) and Bouncy Castle's
 * own ChaCha20Poly1305 / XChaCha20Poly1305 give the same bytes, on random inputs of every length
 * up to a few blocks and a few large buffers. Seeded: replay with -Dseed=.
 */
class AeadPathsAgreeTest {

    @Test
    void jdkAndBouncyCastleAgree() {
        long seed = Seeds.seed();
        Random r = new Random(seed);
        int[] big = {4096, 65_536, 1 << 20};
        for (int i = 0; i < 600 + big.length; i++) {
            int len = i < 600 ? i / 2 : big[i - 600];
            byte[] key = bytes(r, 32);
            byte[] nonce = bytes(r, 12);
            byte[] xnonce = bytes(r, 24);
            byte[] aad = bytes(r, r.nextInt(80));
            byte[] msg = bytes(r, len);
            String id = "seed " + seed + " case " + i + " length " + len;
            byte[] jdk = Aead.seal(key, nonce, aad, msg);
            assertArrayEquals(BcAead.seal(false, key, nonce, aad, msg), jdk, id);
            assertArrayEquals(msg, BcAead.open(false, key, nonce, aad, jdk), id);
            byte[] jdkX = Aead.sealX(key, xnonce, aad, msg);
            assertArrayEquals(BcAead.seal(true, key, xnonce, aad, msg), jdkX, id);
            assertArrayEquals(msg, Aead.openX(key, xnonce, aad, BcAead.seal(true, key, xnonce, aad, msg)), id);
        }
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
