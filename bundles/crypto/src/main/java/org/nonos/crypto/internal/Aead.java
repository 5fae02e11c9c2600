// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * ChaCha20-Poly1305 (RFC 8439 §2.8) and XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03 §2.3) on
 * the JDK's own ChaCha20-Poly1305, whose ChaCha20 and Poly1305 are intrinsified by HotSpot
 * (about 15x Bouncy Castle's speed on bulk data). XChaCha20 derives the subkey with
 * {@link HChaCha20} and runs ChaCha20-Poly1305 with nonce 0^4 || nonce[16..24].
 *
 * <p>{@link BcAead} computes the same functions on Bouncy Castle alone; a test proves both give
 * the same bytes.
 */
final class Aead {
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int XNONCE_LENGTH = 24;
    static final int TAG_LENGTH = 16;

    private Aead() {}

    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        check(key, nonce, NONCE_LENGTH, aad);
        Checks.message(plaintext, "plaintext");
        return run(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext);
    }

    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        check(key, nonce, NONCE_LENGTH, aad);
        checkCiphertext(ciphertext);
        return run(Cipher.DECRYPT_MODE, key, nonce, aad, ciphertext);
    }

    static byte[] sealX(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        check(key, nonce, XNONCE_LENGTH, aad);
        Checks.message(plaintext, "plaintext");
        return runX(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext);
    }

    static byte[] openX(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        check(key, nonce, XNONCE_LENGTH, aad);
        checkCiphertext(ciphertext);
        return runX(Cipher.DECRYPT_MODE, key, nonce, aad, ciphertext);
    }

    private static byte[] runX(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        byte[] subkey = HChaCha20.subkey(key, nonce, 0);
        byte[] nonce12 = new byte[NONCE_LENGTH];
        System.arraycopy(nonce, 16, nonce12, 4, 8);
        try {
            return run(mode, subkey, nonce12, aad, input);
        } finally {
            Arrays.fill(subkey, (byte) 0);
        }
    }

    private static void check(byte[] key, byte[] nonce, int nonceLength, byte[] aad) {
        Checks.length(key, KEY_LENGTH, CryptoError.INVALID_KEY, "key");
        Checks.length(nonce, nonceLength, CryptoError.INVALID_NONCE, "nonce");
        Checks.message(aad, "associated data");
    }

    private static void checkCiphertext(byte[] ciphertext) {
        Checks.message(ciphertext, "ciphertext");
        if (ciphertext.length < TAG_LENGTH) {
            throw new CryptoException(CryptoError.INVALID_LENGTH,
                    "ciphertext of " + ciphertext.length + " bytes is shorter than the 16-byte tag");
        }
    }

    /**
     * One JDK cipher object per thread, re-initialised for every call (a fresh object costs about
     * a microsecond, a third of the time of a 4 KiB message). The JDK refuses to encrypt twice in a
     * row under the same key and nonce on one object; that case gets a fresh object, so that seal
     * stays a plain function of its inputs. In decrypt mode the JDK checks the tag before it
     * writes any plaintext (AEADBadTagException, no output).
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(Aead::newCipher);

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides no ChaCha20-Poly1305", e);
        }
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        SecretKeySpec keySpec = new SecretKeySpec(key, "ChaCha20");
        IvParameterSpec iv = new IvParameterSpec(nonce);
        Cipher cipher = CIPHERS.get();
        try {
            try {
                cipher.init(mode, keySpec, iv);
            } catch (InvalidKeyException sameKeyAndNonce) {
                cipher = newCipher();
                CIPHERS.set(cipher);
                cipher.init(mode, keySpec, iv);
            }
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoError.AUTHENTICATION_FAILED, "tag does not verify");
        } catch (GeneralSecurityException e) {
            // The object may be left half-used; the next call on this thread starts from a fresh one.
            CIPHERS.remove();
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "ChaCha20-Poly1305 refused its input", e);
        }
    }
}
