// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * ML-KEM-768 (FIPS 203) on Bouncy Castle. Private keys are kept as the 64-byte seed d || z
 * (FIPS 203 §7.1 ML-KEM.KeyGen_internal); the input checks of FIPS 203 §7.2 (encapsulation key
 * modulus check) and §7.3 (ciphertext length; decapsulation key hash check for expanded keys)
 * are done here, before Bouncy Castle sees the bytes.
 */
final class MlKem768 {
    static final int SEED_LENGTH = 64;
    static final int EK_LENGTH = 1184;
    static final int DK_LENGTH = 2400;
    static final int CT_LENGTH = 1088;
    static final int SS_LENGTH = 32;
    private static final int Q = 3329;
    private static final int T_LENGTH = 1152;

    private MlKem768() {}

    static MLKEMPrivateKeyParameters privateKey(byte[] seed) {
        Checks.length(seed, SEED_LENGTH, CryptoError.INVALID_KEY, "ML-KEM-768 seed");
        return new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, seed);
    }

    static byte[] publicKey(byte[] seed) {
        return privateKey(seed).getPublicKey();
    }

    /** The expanded decapsulation key dk (FIPS 203 §7.1, 2400 bytes). */
    static byte[] expandedPrivateKey(byte[] seed) {
        return privateKey(seed).getParametersWithFormat(MLKEMPrivateKeyParameters.EXPANDED_KEY).getEncoded();
    }

    /** FIPS 203 §7.2 input checks: length, and every 12-bit coefficient of t below q (modulus check). */
    static MLKEMPublicKeyParameters checkedPublicKey(byte[] ek) {
        Checks.length(ek, EK_LENGTH, CryptoError.INVALID_KEY, "ML-KEM-768 encapsulation key");
        for (int i = 0; i < T_LENGTH; i += 3) {
            int b0 = ek[i] & 0xff;
            int b1 = ek[i + 1] & 0xff;
            int b2 = ek[i + 2] & 0xff;
            int c0 = b0 | ((b1 & 0x0f) << 8);
            int c1 = (b1 >>> 4) | (b2 << 4);
            if (c0 >= Q || c1 >= Q) {
                throw new CryptoException(CryptoError.MALFORMED_ENCODING, "ML-KEM-768 encapsulation key fails the modulus check");
            }
        }
        return new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, ek);
    }

    /** Returns {shared secret, ciphertext}. */
    static byte[][] encapsulate(byte[] ek, SecureRandom random) {
        MLKEMPublicKeyParameters pk = checkedPublicKey(ek);
        SecretWithEncapsulation s = new MLKEMGenerator(random).generateEncapsulated(pk);
        return new byte[][] {s.getSecret(), s.getEncapsulation()};
    }

    /** ML-KEM.Encaps_internal (FIPS 203 §6.2) with the given 32-byte m: for known-answer tests. */
    static byte[][] encapsulateInternal(byte[] ek, byte[] m) {
        MLKEMPublicKeyParameters pk = checkedPublicKey(ek);
        Checks.length(m, 32, CryptoError.INVALID_ARGUMENT, "m");
        SecretWithEncapsulation s = MLKEMGenerator.internalGenerateEncapsulated(pk, m);
        return new byte[][] {s.getSecret(), s.getEncapsulation()};
    }

    static byte[] decapsulate(byte[] seed, byte[] ciphertext) {
        return decapsulate(privateKey(seed), ciphertext);
    }

    /** Decapsulates with an already expanded key (the service keeps one per handle). */
    static byte[] decapsulate(MLKEMPrivateKeyParameters sk, byte[] ciphertext) {
        Checks.length(ciphertext, CT_LENGTH, CryptoError.INVALID_LENGTH, "ML-KEM-768 ciphertext");
        return new MLKEMExtractor(sk).extractSecret(ciphertext);
    }

    /**
     * Decapsulation with an expanded 2400-byte dk = dk_PKE || ek || H(ek) || z (FIPS 203 §7.3),
     * after the hash check: H(ek) stored in dk must equal SHA3-256 of the ek stored in dk.
     */
    static byte[] decapsulateExpanded(byte[] dk, byte[] ciphertext) {
        MLKEMPrivateKeyParameters sk = checkedExpandedKey(dk);
        Checks.length(ciphertext, CT_LENGTH, CryptoError.INVALID_LENGTH, "ML-KEM-768 ciphertext");
        return new MLKEMExtractor(sk).extractSecret(ciphertext);
    }

    /** FIPS 203 §7.3 decapsulation key checks: length, hash check, and the embedded ek's modulus check. */
    static MLKEMPrivateKeyParameters checkedExpandedKey(byte[] dk) {
        Checks.length(dk, DK_LENGTH, CryptoError.INVALID_KEY, "ML-KEM-768 decapsulation key");
        byte[] s = Arrays.copyOfRange(dk, 0, T_LENGTH);
        byte[] ek = Arrays.copyOfRange(dk, T_LENGTH, T_LENGTH + EK_LENGTH);
        byte[] h = Arrays.copyOfRange(dk, T_LENGTH + EK_LENGTH, T_LENGTH + EK_LENGTH + 32);
        byte[] z = Arrays.copyOfRange(dk, T_LENGTH + EK_LENGTH + 32, DK_LENGTH);
        byte[] hek = new byte[32];
        SHA3Digest sha3 = new SHA3Digest(256);
        sha3.update(ek, 0, ek.length);
        sha3.doFinal(hek, 0);
        if (!Checks.constantTimeEquals(h, hek)) {
            throw new CryptoException(CryptoError.INVALID_KEY, "ML-KEM-768 decapsulation key fails the hash check");
        }
        MLKEMPublicKeyParameters pk = checkedPublicKey(ek);
        return new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, s, h, z, pk.getT(), pk.getRho());
    }
}
