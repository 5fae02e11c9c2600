// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.nonos.crypto.CryptoError;

/**
 * Hybrid signature Ed25519 + ML-DSA-65: valid only when both component signatures verify, so it
 * holds while either scheme holds.
 *
 * <p>Both components sign the same bound message M' = label || len(ctx) || ctx || message with
 * label "NONOS-HYBRID-SIG-v1"; ML-DSA-65 additionally uses the label as its FIPS 204 context.
 * A component signature therefore never verifies as a plain Ed25519 or ML-DSA-65 signature
 * over the caller's message (no stripping). Encodings: public key pk_Ed (32) || pk_ML (1952);
 * signature sig_Ed (64) || sig_ML (3309); private key seed_Ed (32) || seed_ML (32).
 */
final class HybridSignature {
    static final int PRIVATE_LENGTH = Ed25519Sig.SEED_LENGTH + MlDsa65.SEED_LENGTH;
    static final int PUBLIC_LENGTH = Ed25519Sig.PUBLIC_LENGTH + MlDsa65.PUBLIC_LENGTH;
    static final int SIGNATURE_LENGTH = Ed25519Sig.SIGNATURE_LENGTH + MlDsa65.SIGNATURE_LENGTH;
    private static final byte[] LABEL = "NONOS-HYBRID-SIG-v1".getBytes(StandardCharsets.US_ASCII);

    private HybridSignature() {}

    static byte[] publicKey(byte[] privateKey) {
        Checks.length(privateKey, PRIVATE_LENGTH, CryptoError.INVALID_KEY, "hybrid signature private key");
        byte[] ed = Arrays.copyOfRange(privateKey, 0, Ed25519Sig.SEED_LENGTH);
        byte[] ml = Arrays.copyOfRange(privateKey, Ed25519Sig.SEED_LENGTH, PRIVATE_LENGTH);
        try {
            return HybridKem.concat(Ed25519Sig.publicKey(ed), MlDsa65.publicKey(ml));
        } finally {
            Arrays.fill(ed, (byte) 0);
            Arrays.fill(ml, (byte) 0);
        }
    }

    static byte[] sign(byte[] privateKey, byte[] message, byte[] context, SecureRandom random) {
        Checks.length(privateKey, PRIVATE_LENGTH, CryptoError.INVALID_KEY, "hybrid signature private key");
        byte[] bound = bind(message, context);
        byte[] ed = Arrays.copyOfRange(privateKey, 0, Ed25519Sig.SEED_LENGTH);
        byte[] ml = Arrays.copyOfRange(privateKey, Ed25519Sig.SEED_LENGTH, PRIVATE_LENGTH);
        try {
            return HybridKem.concat(Ed25519Sig.sign(ed, bound), MlDsa65.sign(ml, bound, LABEL, random));
        } finally {
            Arrays.fill(ed, (byte) 0);
            Arrays.fill(ml, (byte) 0);
        }
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] context, byte[] signature) {
        if (publicKey == null || message == null || context == null || signature == null
                || publicKey.length != PUBLIC_LENGTH || signature.length != SIGNATURE_LENGTH
                || context.length > MlDsa65.MAX_CONTEXT || message.length > Checks.MAX_MESSAGE - 512) {
            return false;
        }
        byte[] bound = bind(message, context);
        boolean ed = Ed25519Sig.verify(Arrays.copyOfRange(publicKey, 0, Ed25519Sig.PUBLIC_LENGTH), bound,
                Arrays.copyOfRange(signature, 0, Ed25519Sig.SIGNATURE_LENGTH));
        boolean ml = MlDsa65.verify(Arrays.copyOfRange(publicKey, Ed25519Sig.PUBLIC_LENGTH, PUBLIC_LENGTH), bound, LABEL,
                Arrays.copyOfRange(signature, Ed25519Sig.SIGNATURE_LENGTH, SIGNATURE_LENGTH));
        // Both are always computed: the result does not reveal which component failed, by time.
        return ed & ml;
    }

    private static byte[] bind(byte[] message, byte[] context) {
        Checks.message(message, "message");
        Checks.notNull(context, "context");
        if (context.length > MlDsa65.MAX_CONTEXT) {
            throw new org.nonos.crypto.CryptoException(CryptoError.INVALID_ARGUMENT, "context longer than 255 bytes");
        }
        if (message.length > Checks.MAX_MESSAGE - 512) {
            throw new org.nonos.crypto.CryptoException(CryptoError.INVALID_LENGTH, "message too long");
        }
        byte[] out = new byte[LABEL.length + 1 + context.length + message.length];
        System.arraycopy(LABEL, 0, out, 0, LABEL.length);
        out[LABEL.length] = (byte) context.length;
        System.arraycopy(context, 0, out, LABEL.length + 1, context.length);
        System.arraycopy(message, 0, out, LABEL.length + 1 + context.length, message.length);
        return out;
    }
}
