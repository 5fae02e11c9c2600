// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * The typed error of the crypto service. It is thrown before any output is produced, so a caller
 * that catches it holds no partial result.
 */
public final class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CryptoError error;

    public CryptoException(CryptoError error, String message) {
        super(error + ": " + message);
        this.error = error;
    }

    public CryptoException(CryptoError error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = error;
    }

    public CryptoError error() {
        return error;
    }
}
