// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/** The one flat list of reasons a crypto operation refuses its input. */
public enum CryptoError {
    /** A key has the wrong length, the wrong type for the operation, or is malformed. */
    INVALID_KEY,
    /** A nonce has the wrong length. */
    INVALID_NONCE,
    /** An input is empty where it must not be, too short (truncated), or too long. */
    INVALID_LENGTH,
    /** An argument is out of its allowed range (parameters, context strings, output lengths). */
    INVALID_ARGUMENT,
    /** An encoding (key, point, hash string, stream header) is not in canonical, supported form. */
    MALFORMED_ENCODING,
    /** A tag, MAC or signature did not verify; nothing was released. */
    AUTHENTICATION_FAILED,
    /** A Diffie-Hellman result was the all-zero value (peer key of small order, RFC 7748 §6.1). */
    ZERO_SHARED_SECRET,
    /** The key handle was closed and its material zeroed. */
    KEY_DESTROYED,
    /** A known-answer self-test failed; the service refuses to work. */
    SELF_TEST_FAILED
}
