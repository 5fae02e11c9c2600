// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithContext;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.nonos.crypto.CryptoError;

/**
 * ML-DSA-65 (FIPS 204) on Bouncy Castle. Private keys are kept as the 32-byte seed xi
 * (FIPS 204 §6.1 ML-DSA.KeyGen_internal). Signing is hedged (fresh rnd from the CSPRNG,
 * FIPS 204 §3.4) and takes the context string of FIPS 204 §5.2 (at most 255 bytes).
 */
final class MlDsa65 {
    static final int SEED_LENGTH = 32;
    static final int PUBLIC_LENGTH = 1952;
    static final int EXPANDED_LENGTH = 4032;
    static final int SIGNATURE_LENGTH = 3309;
    static final int MAX_CONTEXT = 255;
    static final int MU_LENGTH = 64;

    private MlDsa65() {}

    static MLDSAPrivateKeyParameters privateKey(byte[] seed) {
        Checks.length(seed, SEED_LENGTH, CryptoError.INVALID_KEY, "ML-DSA-65 seed");
        return new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, seed);
    }

    /**
     * An expanded private key (FIPS 204 Algorithm 24, skEncode: rho || K || tr || s1 || s2 || t0,
     * 4032 bytes), for known-answer tests only: the service itself keeps seeds. Checks the length
     * and that every coefficient of s1 and s2 lies in [-eta, eta] (eta = 4: each 4-bit field
     * holds eta - c, so it must be at most 8), as Algorithm 25 (skDecode) requires.
     */
    static MLDSAPrivateKeyParameters expandedPrivateKey(byte[] sk) {
        Checks.length(sk, EXPANDED_LENGTH, CryptoError.INVALID_KEY, "ML-DSA-65 expanded private key");
        int s1Start = 32 + 32 + 64;
        int s2End = s1Start + (5 + 6) * 128;
        for (int i = s1Start; i < s2End; i++) {
            if ((sk[i] & 0x0f) > 8 || ((sk[i] >>> 4) & 0x0f) > 8) {
                throw new org.nonos.crypto.CryptoException(CryptoError.INVALID_KEY, "ML-DSA-65 private key: s1 or s2 coefficient out of range");
            }
        }
        return new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, sk);
    }

    static byte[] publicKey(byte[] seed) {
        return privateKey(seed).getPublicKey();
    }

    static byte[] sign(byte[] seed, byte[] message, byte[] context, SecureRandom random) {
        return sign(privateKey(seed), message, context, random);
    }

    /** Signs with an already expanded key (the service keeps one per handle). */
    static byte[] sign(MLDSAPrivateKeyParameters sk, byte[] message, byte[] context, SecureRandom random) {
        Checks.message(message, "message");
        checkContext(context);
        MLDSASigner signer = new MLDSASigner();
        signer.init(true, new ParametersWithContext(new ParametersWithRandom(sk, random), context));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new org.nonos.crypto.CryptoException(CryptoError.INVALID_ARGUMENT, "ML-DSA-65 signing failed", e);
        }
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] context, byte[] signature) {
        if (publicKey == null || message == null || context == null || signature == null
                || publicKey.length != PUBLIC_LENGTH || signature.length != SIGNATURE_LENGTH
                || context.length > MAX_CONTEXT || message.length > Checks.MAX_MESSAGE) {
            return false;
        }
        MLDSASigner verifier = new MLDSASigner();
        verifier.init(false, new ParametersWithContext(new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, publicKey), context));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** mu = SHAKE256(tr || M', 64) with tr = SHAKE256(pk, 64) (FIPS 204 Algorithm 7, line 6). */
    static byte[] mu(byte[] publicKey, byte[] messagePrime) {
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(publicKey, 0, publicKey.length);
        byte[] tr = new byte[64];
        shake.doFinal(tr, 0, 64);
        return muFromTr(tr, messagePrime);
    }

    /** mu = SHAKE256(tr || M', 64) for a known tr (bytes 64..128 of an expanded private key). */
    static byte[] muFromTr(byte[] tr, byte[] messagePrime) {
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(tr, 0, tr.length);
        shake.update(messagePrime, 0, messagePrime.length);
        byte[] mu = new byte[MU_LENGTH];
        shake.doFinal(mu, 0, MU_LENGTH);
        return mu;
    }

    /** M' = 0 || len(ctx) || ctx || M: the pure (non-prehashed) message of FIPS 204 Algorithm 2, line 10. */
    static byte[] messagePrime(byte[] message, byte[] context) {
        checkContext(context);
        byte[] out = new byte[2 + context.length + message.length];
        out[1] = (byte) context.length;
        System.arraycopy(context, 0, out, 2, context.length);
        System.arraycopy(message, 0, out, 2 + context.length, message.length);
        return out;
    }

    /**
     * ML-DSA.Sign_internal (FIPS 204 Algorithm 7) on a seed or an expanded key and a precomputed
     * mu; {@code rnd} null means deterministic (rnd = 0^32). For known-answer tests.
     */
    static byte[] signMu(MLDSAPrivateKeyParameters sk, byte[] mu, byte[] rnd) {
        MLDSASigner signer = new MLDSASigner();
        signer.init(true, rnd == null ? sk : new ParametersWithRandom(sk, new FixedRandom(rnd)));
        try {
            return signer.generateMuSignature(mu);
        } catch (CryptoException e) {
            throw new org.nonos.crypto.CryptoException(CryptoError.INVALID_ARGUMENT, "ML-DSA-65 signing failed", e);
        }
    }

    /** ML-DSA.Verify_internal (FIPS 204 Algorithm 8) on a precomputed mu. */
    static boolean verifyMu(byte[] publicKey, byte[] mu, byte[] signature) {
        if (publicKey.length != PUBLIC_LENGTH || signature.length != SIGNATURE_LENGTH || mu.length != MU_LENGTH) {
            return false;
        }
        MLDSASigner verifier = new MLDSASigner();
        verifier.init(false, new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, publicKey));
        return verifier.verifyMuSignature(mu, signature);
    }

    private static void checkContext(byte[] context) {
        Checks.notNull(context, "context");
        if (context.length > MAX_CONTEXT) {
            throw new org.nonos.crypto.CryptoException(CryptoError.INVALID_ARGUMENT, "context longer than 255 bytes (FIPS 204 §5.2)");
        }
    }

    /** Returns the given bytes once, then refuses: the one randomness read of ML-DSA.Sign. */
    static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] value;
        private boolean used;

        FixedRandom(byte[] value) {
            this.value = value.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (used || bytes.length != value.length) {
                throw new IllegalStateException("fixed randomness already consumed or of the wrong length");
            }
            used = true;
            System.arraycopy(value, 0, bytes, 0, value.length);
        }
    }
}
