// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * Decrypts a stream written by a {@link StreamSealer}. Plaintext is released one chunk at a time
 * and only after that chunk's tag verified; a truncated, reordered or altered stream fails with
 * {@link CryptoError#AUTHENTICATION_FAILED}, and after a failure the opener refuses all input.
 */
public interface StreamOpener {
    /** Buffers ciphertext and returns the plaintext of chunks that are complete and verified. */
    byte[] update(byte[] ciphertext);

    /** Verifies the last chunk and returns its plaintext; fails if the stream was cut short. */
    byte[] doFinal();
}
