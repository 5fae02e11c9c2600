// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * X25519 (RFC 7748 §5) on Bouncy Castle's constant-time ladder.
 *
 * <p>Policy: a peer u-coordinate is decoded as RFC 7748 §5 says (top bit masked, values ≥ p
 * reduced), so every 32-byte string is accepted as input; the all-zero result, which any
 * small-order peer key produces, is refused (RFC 7748 §6.1, "check for the all-zero value").
 */
final class X25519Kex {
    static final int LENGTH = 32;

    private X25519Kex() {}

    static byte[] publicKey(byte[] privateKey) {
        Checks.length(privateKey, LENGTH, CryptoError.INVALID_KEY, "X25519 private key");
        byte[] pk = new byte[LENGTH];
        X25519.generatePublicKey(privateKey, 0, pk, 0);
        return pk;
    }

    static byte[] agree(byte[] privateKey, byte[] peerPublicKey) {
        Checks.length(privateKey, LENGTH, CryptoError.INVALID_KEY, "X25519 private key");
        Checks.length(peerPublicKey, LENGTH, CryptoError.INVALID_KEY, "X25519 peer public key");
        byte[] shared = new byte[LENGTH];
        // BC's calculateAgreement returns false exactly when the result is all zeros (checked in constant time).
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
            throw new CryptoException(CryptoError.ZERO_SHARED_SECRET, "X25519 result is all zeros: peer key of small order");
        }
        return shared;
    }
}
