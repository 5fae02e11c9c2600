// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/** Argument checks shared by every primitive; each throws the typed error before any work. */
final class Checks {
    /**
     * The largest message the service accepts in one call: room for a tag and an array header
     * below {@link Integer#MAX_VALUE} so that no length computation can overflow.
     */
    static final int MAX_MESSAGE = Integer.MAX_VALUE - 1024;

    private Checks() {}

    static byte[] notNull(byte[] value, String what) {
        if (value == null) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, what + " is null");
        }
        return value;
    }

    static byte[] length(byte[] value, int expected, CryptoError error, String what) {
        notNull(value, what);
        if (value.length != expected) {
            throw new CryptoException(error, what + " must be " + expected + " bytes, got " + value.length);
        }
        return value;
    }

    static byte[] message(byte[] value, String what) {
        notNull(value, what);
        if (value.length > MAX_MESSAGE) {
            throw new CryptoException(CryptoError.INVALID_LENGTH, what + " longer than " + MAX_MESSAGE + " bytes");
        }
        return value;
    }

    static int outputLength(int length, int max, String what) {
        if (length < 1 || length > max) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, what + " " + length + " outside 1.." + max);
        }
        return length;
    }

    /** Constant-time equality of two arrays of the same public length. */
    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return java.security.MessageDigest.isEqual(a, b);
    }

    static boolean isAllZero(byte[] value) {
        int acc = 0;
        for (byte b : value) {
            acc |= b;
        }
        return acc == 0;
    }
}
