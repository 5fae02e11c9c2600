// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * The kinds of key the service holds. Each has one private serialisation (see
 * {@code docs/crypto.md}, "Key formats"), given here as its length in bytes.
 */
public enum KeyType {
    /** RFC 8439 ChaCha20-Poly1305 key: 32 bytes; nonce 12 bytes. */
    CHACHA20_POLY1305(1, 32, 0),
    /** draft-irtf-cfrg-xchacha XChaCha20-Poly1305 key: 32 bytes; nonce 24 bytes. */
    XCHACHA20_POLY1305(2, 32, 0),
    /** RFC 7748 X25519 private scalar: 32 bytes; public key 32 bytes. */
    X25519(3, 32, 32),
    /** RFC 8032 Ed25519 private seed: 32 bytes; public key 32 bytes. */
    ED25519(4, 32, 32),
    /** FIPS 203 ML-KEM-768 seed d || z: 64 bytes; encapsulation key 1184 bytes. */
    ML_KEM_768(5, 64, 1184),
    /** FIPS 204 ML-DSA-65 seed xi: 32 bytes; public key 1952 bytes. */
    ML_DSA_65(6, 32, 1952),
    /** ML-KEM-768 seed || X25519 scalar: 96 bytes; public key ML-KEM-768 || X25519 = 1216 bytes (X-Wing order). */
    HYBRID_X25519_ML_KEM_768(7, 96, 1216),
    /** Ed25519 seed || ML-DSA-65 seed: 64 bytes; public key Ed25519 || ML-DSA-65 = 1984 bytes. */
    HYBRID_ED25519_ML_DSA_65(8, 64, 1984),
    /** A 32-byte shared or derived secret (agreement, KEM, HKDF output); no public part. */
    SECRET(9, 32, 0);

    private final int code;
    private final int privateLength;
    private final int publicLength;

    KeyType(int code, int privateLength, int publicLength) {
        this.code = code;
        this.privateLength = privateLength;
        this.publicLength = publicLength;
    }

    /** The byte that names this type in the key serialisation format. */
    public int code() {
        return code;
    }

    /** Length in bytes of the private serialisation. */
    public int privateLength() {
        return privateLength;
    }

    /** Length in bytes of the public key, 0 for symmetric keys and secrets. */
    public int publicLength() {
        return publicLength;
    }

    /** True for keys that are used with the AEAD operations. */
    public boolean isAead() {
        return this == CHACHA20_POLY1305 || this == XCHACHA20_POLY1305;
    }

    /** The type named by {@code code}, or a {@link CryptoError#MALFORMED_ENCODING} error. */
    public static KeyType fromCode(int code) {
        for (KeyType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new CryptoException(CryptoError.MALFORMED_ENCODING, "unknown key type code " + code);
    }
}
