// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.nonos.crypto.CryptoError;

/**
 * Ed25519 (RFC 8032 §5.1, pure, no context) on Bouncy Castle.
 *
 * <p>Verification policy for the edge cases (RFC 8032 leaves some to the implementation):
 * <ul>
 *   <li>S must be canonical, S &lt; L (RFC 8032 §5.1.7 step 1): else reject (no malleability).</li>
 *   <li>A and R must be canonical encodings: y &lt; p, and x = 0 must not come with the sign bit
 *       set. Non-canonical encodings are rejected.</li>
 *   <li>A must lie in the prime-order subgroup: small-order public keys (the 8-torsion, which
 *       make any message verify for suitable signatures) and mixed-order keys are rejected.</li>
 *   <li>The check is the cofactorless equation [S]B = R + [k]A, compared on the encoding of the
 *       computed R; a small-order or non-canonical R therefore never verifies with a valid key.</li>
 * </ul>
 * This is the strict profile; batch verifiers that use the cofactored equation (ZIP-215) accept
 * strictly more signatures, never fewer.
 */
final class Ed25519Sig {
    static final int SEED_LENGTH = 32;
    static final int PUBLIC_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;

    private Ed25519Sig() {}

    static byte[] publicKey(byte[] seed) {
        Checks.length(seed, SEED_LENGTH, CryptoError.INVALID_KEY, "Ed25519 private key");
        byte[] pk = new byte[PUBLIC_LENGTH];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    static byte[] sign(byte[] seed, byte[] message) {
        Checks.length(seed, SEED_LENGTH, CryptoError.INVALID_KEY, "Ed25519 private key");
        Checks.message(message, "message");
        byte[] sig = new byte[SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    /**
     * The key half of the policy: canonical encoding (y &lt; p, no sign bit on x = 0), on the curve,
     * and [L]A = identity (prime-order subgroup), which excludes small-order and mixed-order keys.
     */
    static boolean acceptsPublicKey(byte[] publicKey) {
        return publicKey != null && publicKey.length == PUBLIC_LENGTH && Ed25519.validatePublicKeyFull(publicKey, 0);
    }

    /** True only if the signature verifies under the policy above; false for any malformed input. */
    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != PUBLIC_LENGTH || signature.length != SIGNATURE_LENGTH
                || message.length > Checks.MAX_MESSAGE) {
            return false;
        }
        if (!acceptsPublicKey(publicKey)) {
            return false;
        }
        // BC checks S < L and the canonical R range itself before the group equation.
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
}
