// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * Where the CSPRNG's seeds come from. The default reads the operating system's entropy
 * (getrandom through /dev/urandom); the kernel bundle registers its own source as an OSGi
 * service, which the crypto service then prefers.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface SeedSource {
    /** Fills {@code seed} with full-entropy bytes, or throws; never returns weak bytes. */
    void fill(byte[] seed);

    /** A name for diagnostics, such as "os:/dev/urandom". */
    String name();
}
