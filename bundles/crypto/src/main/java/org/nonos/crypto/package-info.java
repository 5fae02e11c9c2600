// SPDX-License-Identifier: Apache-2.0
/**
 * The NØNOS crypto service: the one place in the system where cryptography happens.
 *
 * <p>Read this first: every operation goes through {@link org.nonos.crypto.CryptoService}.
 * Secret keys are {@link org.nonos.crypto.KeyHandle}s whose material stays inside the service;
 * bad input of any kind ends in a {@link org.nonos.crypto.CryptoException} with a
 * {@link org.nonos.crypto.CryptoError} and no partial output. Formats are described in
 * {@code docs/crypto.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.crypto;
