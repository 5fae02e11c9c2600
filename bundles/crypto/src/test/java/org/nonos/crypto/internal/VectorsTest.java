// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The vector reader itself: a missing file fails (never skips). */
class VectorsTest {

    @Test
    void aMissingVectorFileFails() {
        assertThrows(AssertionFailedError.class, () -> Vectors.path("wycheproof/testvectors_v1/no_such_test.json"));
    }
}
