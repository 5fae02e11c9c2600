// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the parsers of untrusted bytes: the attestation JSON and the bundle jar reader.
 * Each input either parses (and, for the attestation, re-emits to the same bytes) or fails with
 * {@link MalformedException}; nothing else. In a normal build the seed corpus
 * (src/test/resources/.../AttestationParserFuzzTestInputs) runs as a regression test; with
 * JAZZER_FUZZ=1 Jazzer explores further.
 */
class AttestationParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void attestation(byte[] data) {
        try {
            assertArrayEquals(data, Attestation.parse(data).emit());
        } catch (MalformedException expected) {
            // Refused with the typed error: the wanted outcome for malformed input.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void bundleJar(byte[] data) {
        try {
            BundleDigest.compute(Fixtures.CRYPTO, data);
        } catch (MalformedException expected) {
            // Refused with the typed error.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void capabilityHeader(byte[] data) {
        try {
            CapabilityRequest r = CapabilityRequest.parse(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            if (!CapabilityRequest.parse(r.canonical()).equals(r)) {
                throw new AssertionError("canonical form parses to another request");
            }
        } catch (MalformedException expected) {
            // Refused with the typed error.
        }
    }
}
