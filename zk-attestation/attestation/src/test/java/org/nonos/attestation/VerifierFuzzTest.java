// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;

/**
 * The whole verifier as a fuzz target: whatever the bytes, {@link AttestationVerifier#verify(byte[])}
 * returns a verdict (it never throws), and no input is accepted (none can carry a proof for this
 * test's freshly set up registry). Seed corpus: src/test/resources/.../VerifierFuzzTestInputs.
 */
class VerifierFuzzTest {
    private static AttestationVerifier verifier;

    private static synchronized AttestationVerifier verifier() throws Exception {
        if (verifier == null) {
            Fixtures.Registry r = Fixtures.registry(Files.createTempDirectory("nonos-verifier-fuzz").resolve("trust"), 1);
            r.add(Fixtures.vendor("acme"), Fixtures.SERIAL_RW, 10);
            verifier = r.verifier();
        }
        return verifier;
    }

    @FuzzTest(maxDuration = "60s")
    void verify(byte[] data) throws Exception {
        Verdict v = verifier().verify(data);
        assertNotNull(v);
        assertFalse(v.accepted(), v::toString);
    }
}
