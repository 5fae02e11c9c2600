// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One vendor of the trust registry, as published in {@code registry.json}: public data only.
 *
 * @param name               a display name chosen by the registry owner
 * @param index              the vendor's leaf index in the registry tree
 * @param vendorKey          hash1(secret), the vendor's registry key (a field element)
 * @param signingKeyDigest   BLAKE3-256 of the vendor's hybrid signing public key, hex
 * @param allowedMask        the capabilities the vendor may request ({@link CapabilityTable})
 * @param expiry             the last epoch in which the vendor may attest (unsigned)
 */
public record RegistryEntry(String name, long index, BigInteger vendorKey, String signingKeyDigest, long allowedMask,
        long expiry) {
    public RegistryEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendorKey, "vendor key");
        Objects.requireNonNull(signingKeyDigest, "signing key digest");
    }
}
