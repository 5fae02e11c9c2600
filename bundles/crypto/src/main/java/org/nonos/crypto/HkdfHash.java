// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/** The hash under HKDF (RFC 5869). */
public enum HkdfHash {
    SHA256(32),
    SHA512(64);

    private final int length;

    HkdfHash(int length) {
        this.length = length;
    }

    /** HashLen of RFC 5869; HKDF output is at most 255 * HashLen bytes. */
    public int length() {
        return length;
    }
}
