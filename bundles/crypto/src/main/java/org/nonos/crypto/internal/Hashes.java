// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.params.Blake3Parameters;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/** BLAKE3 (all three modes and the XOF), SHA3-256/512 and SHAKE128/256 (FIPS 202) on Bouncy Castle. */
final class Hashes {
    /** Upper bound on any XOF output in one call: 16 MiB. */
    static final int MAX_XOF = 16 * 1024 * 1024;
    static final int BLAKE3_KEY_LENGTH = 32;

    private Hashes() {}

    static byte[] blake3(byte[] input, int outputLength) {
        Checks.message(input, "input");
        Checks.outputLength(outputLength, MAX_XOF, "output length");
        return blake3Run(new Blake3Digest(), input, outputLength);
    }

    static byte[] blake3Keyed(byte[] key, byte[] input, int outputLength) {
        Checks.length(key, BLAKE3_KEY_LENGTH, CryptoError.INVALID_KEY, "BLAKE3 key");
        Checks.message(input, "input");
        Checks.outputLength(outputLength, MAX_XOF, "output length");
        Blake3Digest d = new Blake3Digest();
        d.init(Blake3Parameters.key(key));
        return blake3Run(d, input, outputLength);
    }

    /** BLAKE3 derive_key (BLAKE3 paper §2.4 / spec §5.3): the context is a hard-coded UTF-8 string. */
    static byte[] blake3DeriveKey(String context, byte[] keyMaterial, int outputLength) {
        if (context == null || context.isEmpty()) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "derive_key needs a non-empty context string");
        }
        Checks.message(keyMaterial, "key material");
        Checks.outputLength(outputLength, MAX_XOF, "output length");
        Blake3Digest d = new Blake3Digest();
        d.init(Blake3Parameters.context(context.getBytes(StandardCharsets.UTF_8)));
        return blake3Run(d, keyMaterial, outputLength);
    }

    private static byte[] blake3Run(Blake3Digest d, byte[] input, int outputLength) {
        d.update(input, 0, input.length);
        byte[] out = new byte[outputLength];
        d.doFinal(out, 0, outputLength);
        return out;
    }

    static byte[] sha3(int bits, byte[] input) {
        Checks.message(input, "input");
        SHA3Digest d = new SHA3Digest(bits);
        d.update(input, 0, input.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] shake(int bits, byte[] input, int outputLength) {
        if (bits != 128 && bits != 256) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "SHAKE security level must be 128 or 256, got " + bits);
        }
        Checks.message(input, "input");
        Checks.outputLength(outputLength, MAX_XOF, "output length");
        SHAKEDigest d = new SHAKEDigest(bits);
        d.update(input, 0, input.length);
        byte[] out = new byte[outputLength];
        d.doFinal(out, 0, outputLength);
        return out;
    }
}
