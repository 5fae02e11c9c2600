// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.util.Pack;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha-03 §2.2): the ChaCha20 block function over
 * constants || key || 16-byte nonce, 20 rounds, without the final addition of the input,
 * returning state words 0..3 and 12..15 as the 32-byte subkey.
 *
 * <p>Bouncy Castle 1.86 uses HChaCha20 inside its {@code XChaCha20Engine} but does not expose it,
 * so it is built here on BC's public ChaCha core, {@link ChaChaEngine#chachaCore}, which returns
 * rounds(input) + input; subtracting the input again gives the bare permutation.
 */
final class HChaCha20 {
    /** "expand 32-byte k" (RFC 8439 §2.3). */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 16;

    private HChaCha20() {}

    /** The subkey for {@code key} (32 bytes) and the first 16 bytes of {@code nonce} at {@code nonceOffset}. */
    static byte[] subkey(byte[] key, byte[] nonce, int nonceOffset) {
        int[] state = new int[16];
        int[] out = new int[16];
        try {
            System.arraycopy(SIGMA, 0, state, 0, 4);
            Pack.littleEndianToInt(key, 0, state, 4, 8);
            Pack.littleEndianToInt(nonce, nonceOffset, state, 12, 4);
            ChaChaEngine.chachaCore(20, state, out);
            byte[] subkey = new byte[KEY_LENGTH];
            for (int i = 0; i < 4; i++) {
                Pack.intToLittleEndian(out[i] - state[i], subkey, 4 * i);
                Pack.intToLittleEndian(out[12 + i] - state[12 + i], subkey, 16 + 4 * i);
            }
            return subkey;
        } finally {
            java.util.Arrays.fill(state, 0);
            java.util.Arrays.fill(out, 0);
        }
    }
}
