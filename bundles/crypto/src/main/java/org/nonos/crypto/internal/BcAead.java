// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * The same AEADs as {@link Aead}, computed by Bouncy Castle alone (its ChaCha20Poly1305 and
 * XChaCha20Poly1305 modes). The service uses {@link Aead}; this path is the independent second
 * implementation that the equivalence test and the self-test compare against.
 */
final class BcAead {
    private BcAead() {}

    static byte[] seal(boolean extended, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        AEADCipher cipher = init(true, extended, key, nonce, aad);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "sealing failed", e);
        }
        return out;
    }

    static byte[] open(boolean extended, byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        if (ciphertext.length < Aead.TAG_LENGTH) {
            throw new CryptoException(CryptoError.INVALID_LENGTH, "ciphertext shorter than the tag");
        }
        AEADCipher cipher = init(false, extended, key, nonce, aad);
        byte[] out = new byte[cipher.getOutputSize(ciphertext.length)];
        int n = cipher.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            java.util.Arrays.fill(out, (byte) 0);
            throw new CryptoException(CryptoError.AUTHENTICATION_FAILED, "tag does not verify");
        }
        return out;
    }

    private static AEADCipher init(boolean encrypt, boolean extended, byte[] key, byte[] nonce, byte[] aad) {
        Checks.length(key, Aead.KEY_LENGTH, CryptoError.INVALID_KEY, "key");
        Checks.length(nonce, extended ? Aead.XNONCE_LENGTH : Aead.NONCE_LENGTH, CryptoError.INVALID_NONCE, "nonce");
        AEADCipher cipher = extended ? new XChaCha20Poly1305() : new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        return cipher;
    }
}
