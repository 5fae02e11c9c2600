// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

/**
 * Untrusted bytes (a bundle jar, an attestation, a capability header, a registry file) that do not
 * follow their documented format. The only exception the parsers of this package throw.
 */
public final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedException(String message) {
        super(message);
    }

    public MalformedException(String message, Throwable cause) {
        super(message, cause);
    }
}
