// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.nonos.crypto.Argon2Profile;

/**
 * Argon2 against the RFC 9106 §5 vectors (reference implementation's kats, all three types) and
 * the pyca/cryptography argon2id cases, including the 128 MiB one (run once).
 */
class Argon2VectorsTest {
    private static final Pattern PARAMS = Pattern.compile("Memory: (\\d+) KiB, Iterations: (\\d+), Parallelism: (\\d+) lanes, Tag length: (\\d+) bytes");

    @Test
    void rfc9106Argon2id() throws Exception {
        String text = Vectors.read("argon2/phc_kats_argon2id");
        String sum = Vectors.read("argon2/phc_kats_argon2id.shasum").split("\\s+")[0];
        assertEquals(sum, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Vectors.read("argon2/phc_kats_argon2id").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))),
                "kat file matches upstream checksum");
        assertEquals(1, phcKat(text, Argon2Parameters.ARGON2_id));
    }

    @Test
    void rfc9106Argon2i() {
        assertEquals(1, phcKat(Vectors.read("argon2/phc_kats_argon2i"), Argon2Parameters.ARGON2_i));
    }

    @Test
    void rfc9106Argon2d() {
        assertEquals(1, phcKat(Vectors.read("argon2/phc_kats_argon2d"), Argon2Parameters.ARGON2_d));
    }

    /** The kat files: a header, the inputs as spaced hex, every block after every pass, then "Tag:". */
    private static int phcKat(String text, int type) {
        Matcher p = PARAMS.matcher(text);
        assertEquals(true, p.find(), "parameter line");
        int memory = Integer.parseInt(p.group(1));
        int iterations = Integer.parseInt(p.group(2));
        int lanes = Integer.parseInt(p.group(3));
        int tagLength = Integer.parseInt(p.group(4));
        byte[] tag = field(text, "Tag");
        assertEquals(tagLength, tag.length);
        assertArrayEquals(tag, Kdf.argon2(type, field(text, "Password\\[\\d+\\]"), field(text, "Salt\\[\\d+\\]"),
                field(text, "Secret\\[\\d+\\]"), field(text, "Associated data\\[\\d+\\]"), memory, iterations, lanes, tagLength));
        return 1;
    }

    private static byte[] field(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": ([0-9a-f ]+)$").matcher(text);
        assertEquals(true, m.find(), name);
        return HexFormat.of().parseHex(m.group(1).replace(" ", ""));
    }

    @Test
    void pycaArgon2id() {
        int count = 0;
        for (Map<String, String> b : Vectors.blocks("argon2/pyca_argon2id.txt")) {
            Map<String, String> v = new HashMap<>(b);
            assertNotNull(v.get("COUNT"));
            byte[] out = Vectors.value(v.get("output"));
            byte[] tag = Kdf.argon2(Argon2Parameters.ARGON2_id, Vectors.value(v.get("pass")), Vectors.value(v.get("salt")),
                    Vectors.value(v.get("secret")), Vectors.value(v.get("ad")), Integer.parseInt(v.get("memcost")),
                    Integer.parseInt(v.get("iter")), Integer.parseInt(v.get("lanes")), Integer.parseInt(v.get("length")));
            assertArrayEquals(out, tag, "COUNT " + v.get("COUNT"));
            if (v.get("secret") == null && v.get("ad") == null && Vectors.value(v.get("salt")).length >= Kdf.MIN_SALT) {
                // The same through the service's profile-checked entry point.
                assertArrayEquals(out, Kdf.argon2id(Vectors.value(v.get("pass")), Vectors.value(v.get("salt")),
                        new Argon2Profile(Integer.parseInt(v.get("memcost")), Integer.parseInt(v.get("iter")), Integer.parseInt(v.get("lanes"))),
                        out.length), "COUNT " + v.get("COUNT"));
            }
            count++;
        }
        assertEquals(6, count);
    }
}
