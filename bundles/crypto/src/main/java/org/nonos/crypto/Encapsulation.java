// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * The result of a KEM encapsulation: the ciphertext to send, and the shared secret as a handle.
 *
 * @param ciphertext the encapsulation to send to the holder of the private key
 * @param secret the shared secret, type {@link KeyType#SECRET}
 */
public record Encapsulation(byte[] ciphertext, KeyHandle secret) {
    public Encapsulation {
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }
}
