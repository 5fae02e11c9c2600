// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.nonos.crypto.CryptoError;

/**
 * Hybrid KEM X25519 + ML-KEM-768 for long-term secrets: secure while either component is.
 *
 * <p>Shapes and combiner follow X-Wing (draft-connolly-cfrg-xwing-kem §5): public key
 * ek_M (1184) || pk_X (32); ciphertext ct_M (1088) || ct_X (32); shared secret
 * SHA3-256(ss_M || ss_X || ct_X || pk_X || label). X-Wing's argument applies: ML-KEM is
 * ciphertext-collision resistant, so ct_M need not be hashed; the X25519 share is bound by its
 * ciphertext and public key. The label is NØNOS's own ("NONOS-HYBRID-KEM-v1"), so these secrets
 * are not X-Wing secrets. Private key: ML-KEM seed (64) || X25519 scalar (32).
 */
final class HybridKem {
    static final int PRIVATE_LENGTH = MlKem768.SEED_LENGTH + X25519Kex.LENGTH;
    static final int PUBLIC_LENGTH = MlKem768.EK_LENGTH + X25519Kex.LENGTH;
    static final int CT_LENGTH = MlKem768.CT_LENGTH + X25519Kex.LENGTH;
    private static final byte[] LABEL = "NONOS-HYBRID-KEM-v1".getBytes(StandardCharsets.US_ASCII);

    private HybridKem() {}

    static byte[] publicKey(byte[] privateKey) {
        Checks.length(privateKey, PRIVATE_LENGTH, CryptoError.INVALID_KEY, "hybrid KEM private key");
        byte[] seed = Arrays.copyOfRange(privateKey, 0, MlKem768.SEED_LENGTH);
        byte[] x = Arrays.copyOfRange(privateKey, MlKem768.SEED_LENGTH, PRIVATE_LENGTH);
        try {
            return concat(MlKem768.publicKey(seed), X25519Kex.publicKey(x));
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(x, (byte) 0);
        }
    }

    /** Returns {shared secret, ciphertext}. */
    static byte[][] encapsulate(byte[] publicKey, SecureRandom random) {
        Checks.length(publicKey, PUBLIC_LENGTH, CryptoError.INVALID_KEY, "hybrid KEM public key");
        byte[] ekM = Arrays.copyOfRange(publicKey, 0, MlKem768.EK_LENGTH);
        byte[] pkX = Arrays.copyOfRange(publicKey, MlKem768.EK_LENGTH, PUBLIC_LENGTH);
        MlKem768.checkedPublicKey(ekM);
        byte[] ephemeral = new byte[X25519Kex.LENGTH];
        random.nextBytes(ephemeral);
        byte[] ssX = null;
        byte[][] m = null;
        try {
            ssX = X25519Kex.agree(ephemeral, pkX);
            byte[] ctX = X25519Kex.publicKey(ephemeral);
            m = MlKem768.encapsulate(ekM, random);
            return new byte[][] {combine(m[0], ssX, ctX, pkX), concat(m[1], ctX)};
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
            if (ssX != null) {
                Arrays.fill(ssX, (byte) 0);
            }
            if (m != null) {
                Arrays.fill(m[0], (byte) 0);
            }
        }
    }

    static byte[] decapsulate(byte[] privateKey, byte[] ciphertext) {
        Checks.length(privateKey, PRIVATE_LENGTH, CryptoError.INVALID_KEY, "hybrid KEM private key");
        Checks.length(ciphertext, CT_LENGTH, CryptoError.INVALID_LENGTH, "hybrid KEM ciphertext");
        byte[] seed = Arrays.copyOfRange(privateKey, 0, MlKem768.SEED_LENGTH);
        byte[] x = Arrays.copyOfRange(privateKey, MlKem768.SEED_LENGTH, PRIVATE_LENGTH);
        byte[] ctM = Arrays.copyOfRange(ciphertext, 0, MlKem768.CT_LENGTH);
        byte[] ctX = Arrays.copyOfRange(ciphertext, MlKem768.CT_LENGTH, CT_LENGTH);
        byte[] ssX = null;
        byte[] ssM = null;
        try {
            ssX = X25519Kex.agree(x, ctX);
            ssM = MlKem768.decapsulate(seed, ctM);
            return combine(ssM, ssX, ctX, X25519Kex.publicKey(x));
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(x, (byte) 0);
            if (ssX != null) {
                Arrays.fill(ssX, (byte) 0);
            }
            if (ssM != null) {
                Arrays.fill(ssM, (byte) 0);
            }
        }
    }

    private static byte[] combine(byte[] ssM, byte[] ssX, byte[] ctX, byte[] pkX) {
        SHA3Digest sha3 = new SHA3Digest(256);
        for (byte[] part : new byte[][] {ssM, ssX, ctX, pkX, LABEL}) {
            sha3.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        sha3.doFinal(out, 0);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
