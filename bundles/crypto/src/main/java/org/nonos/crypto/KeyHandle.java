// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * A key held by the crypto service. The private material never leaves through this interface;
 * {@link CryptoService#withSecret} lends a copy that is zeroed afterwards, and
 * {@link CryptoService#exportKey} writes the documented serialisation.
 * Closing the handle zeroes the material; any later use fails with
 * {@link CryptoError#KEY_DESTROYED}.
 */
public interface KeyHandle extends AutoCloseable {
    KeyType type();

    /** The public key (a fresh copy), empty for symmetric keys and secrets. */
    byte[] publicKey();

    boolean isDestroyed();

    /** Zeroes the key material. Idempotent. */
    @Override
    void close();
}
