// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * Encrypts a stream in chunks (the STREAM construction, see {@code docs/crypto.md}, "Streaming
 * AEAD"). Write {@link #header()} first, then what {@link #update} and {@link #doFinal} return,
 * in order.
 */
public interface StreamSealer {
    /** The stream header: version, chunk size and nonce prefix. */
    byte[] header();

    /** Buffers plaintext and returns the sealed chunks that are complete (may be empty). */
    byte[] update(byte[] plaintext);

    /** Seals the last chunk (possibly empty) and ends the stream. */
    byte[] doFinal();
}
