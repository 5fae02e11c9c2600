// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The vector readers themselves: a missing file fails (never skips), and the parsers read what they should. */
class VectorsTest {

    @Test
    void aMissingVectorFileFails() {
        assertThrows(AssertionFailedError.class, () -> Vectors.path("wycheproof/testvectors_v1/no_such_test.json"));
    }

    @Test
    void jsonReader() {
        Map<String, Object> o = Json.object(Json.parse("{\"a\": [1, 2.5, \"x\\u00e9\", true, null], \"b\": {}}"));
        assertEquals(List.of(1L, 2.5, "x\u00e9", true), Json.array(o.get("a")).subList(0, 4));
        assertEquals(Map.of(), o.get("b"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, "));
    }
}
