// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.util.Arrays;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.KeyType;

/**
 * The private-key serialisation, version 1 (docs/crypto.md, "Key formats"):
 * <pre>
 * offset size field
 *      0    2 magic "NK"
 *      2    1 format version, 0x01
 *      3    1 key type code ({@link KeyType#code()})
 *      4    n private material, n = {@link KeyType#privateLength()} exactly
 * </pre>
 * Private material is always the seed form (X25519 scalar, Ed25519 seed, ML-KEM d || z,
 * ML-DSA xi, concatenations for hybrids), never an expanded key, so that every encoding
 * decodes to exactly one key and no expanded-key consistency checks are needed.
 *
 * @param type the key type
 * @param material the private material
 */
record KeyCodec(KeyType type, byte[] material) {
    static final int HEADER = 4;
    static final int VERSION = 1;

    static KeyCodec parse(byte[] encoded) {
        Checks.notNull(encoded, "encoded key");
        if (encoded.length < HEADER || encoded[0] != 'N' || encoded[1] != 'K') {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "not a NØNOS key encoding");
        }
        if (encoded[2] != VERSION) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "unsupported key format version " + (encoded[2] & 0xff));
        }
        KeyType type = KeyType.fromCode(encoded[3] & 0xff);
        if (encoded.length != HEADER + type.privateLength()) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING,
                    type + " key encoding must be " + (HEADER + type.privateLength()) + " bytes, got " + encoded.length);
        }
        return new KeyCodec(type, Arrays.copyOfRange(encoded, HEADER, encoded.length));
    }

    byte[] emit() {
        byte[] out = new byte[HEADER + material.length];
        out[0] = 'N';
        out[1] = 'K';
        out[2] = VERSION;
        out[3] = (byte) type.code();
        System.arraycopy(material, 0, out, HEADER, material.length);
        return out;
    }
}
