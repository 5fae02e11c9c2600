// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.nonos.crypto.Argon2Profile;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.HkdfHash;

/** HKDF (RFC 5869) and Argon2id (RFC 9106, version 0x13) on Bouncy Castle. */
final class Kdf {
    static final int MIN_SALT = 8;
    static final int MAX_SALT = 1024;
    static final int MIN_TAG = 4;
    static final int MAX_TAG = 1024;

    private Kdf() {}

    /** HKDF-Extract then HKDF-Expand (RFC 5869 §2.2, §2.3); L at most 255 * HashLen. */
    static byte[] hkdf(HkdfHash hash, byte[] ikm, byte[] salt, byte[] info, int length) {
        if (hash == null) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "hash is null");
        }
        Checks.message(ikm, "input keying material");
        if (ikm.length == 0) {
            throw new CryptoException(CryptoError.INVALID_LENGTH, "input keying material is empty");
        }
        Checks.message(salt, "salt");
        Checks.message(info, "info");
        Checks.outputLength(length, 255 * hash.length(), "HKDF output length");
        Digest digest = hash == HkdfHash.SHA256 ? new SHA256Digest() : new SHA512Digest();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest);
        // An empty salt means "HashLen zeros" (RFC 5869 §2.2); BC treats null the same way.
        hkdf.init(new HKDFParameters(ikm, salt.length == 0 ? null : salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** Argon2 of the given type (Argon2Parameters.ARGON2_id etc.) with optional secret K and data X (RFC 9106 §3.2). */
    static byte[] argon2(int type, byte[] password, byte[] salt, byte[] secret, byte[] ad,
                         int memoryKiB, int iterations, int lanes, int length) {
        Checks.message(password, "password");
        Checks.notNull(salt, "salt");
        if (salt.length < MIN_SALT || salt.length > MAX_SALT) {
            throw new CryptoException(CryptoError.INVALID_LENGTH, "salt of " + salt.length + " bytes outside " + MIN_SALT + ".." + MAX_SALT);
        }
        Checks.outputLength(length, MAX_TAG, "Argon2 tag length");
        if (length < MIN_TAG) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "Argon2 tag shorter than 4 bytes (RFC 9106 §3.1)");
        }
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(type)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(lanes);
        if (secret != null && secret.length > 0) {
            b.withSecret(secret);
        }
        if (ad != null && ad.length > 0) {
            b.withAdditional(ad);
        }
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(b.build());
        byte[] out = new byte[length];
        gen.generateBytes(password, out);
        return out;
    }

    static byte[] argon2id(byte[] password, byte[] salt, Argon2Profile profile, int length) {
        if (profile == null) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "profile is null");
        }
        return argon2(Argon2Parameters.ARGON2_id, password, salt, null, null,
                profile.memoryKiB(), profile.iterations(), profile.parallelism(), length);
    }
}
