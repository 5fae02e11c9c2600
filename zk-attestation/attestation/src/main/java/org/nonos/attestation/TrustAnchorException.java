// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

/**
 * The trust anchor in {@code etc/trust/} cannot be used: a file is missing or malformed, the
 * verifying key does not match the signed registry, or the owner's signature does not verify.
 * Nothing is loaded when this is thrown.
 */
public final class TrustAnchorException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustAnchorException(String message) {
        super(message);
    }

    public TrustAnchorException(String message, Throwable cause) {
        super(message, cause);
    }
}
