// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access to the test vectors written by others, under the directory named by the system
 * property {@code nonos.vectors}. A missing property or file fails the test (never skips).
 */
final class Vectors {
    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {}

    static Path path(String relative) {
        String root = System.getProperty("nonos.vectors");
        assertNotNull(root, "system property nonos.vectors is not set");
        Path p = Path.of(root, relative);
        assertTrue(Files.isRegularFile(p), "vector file missing: " + p);
        return p;
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(String relative) {
        return Json.object(Json.parse(read(relative)));
    }

    static byte[] hex(Object value) {
        String s = (String) value;
        return HEX.parseHex(s.toLowerCase(java.util.Locale.ROOT));
    }

    static String hex(byte[] value) {
        return HEX.formatHex(value);
    }

    /** Wycheproof: every test of every group, with the group attached under key "_group". */
    static List<Map<String, Object>> wycheproofTests(Map<String, Object> file) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object g : Json.array(file.get("testGroups"))) {
            Map<String, Object> group = Json.object(g);
            for (Object t : Json.array(group.get("tests"))) {
                Map<String, Object> test = new LinkedHashMap<>(Json.object(t));
                test.put("_group", group);
                out.add(test);
            }
        }
        return out;
    }

    /**
     * Blank-line separated blocks of "KEY: value" or "KEY = value" lines (BoringSSL FileTest,
     * NIST response files); '#' lines are comments. Values stay as written.
     */
    static List<Map<String, String>> blocks(String relative) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String raw : read(relative).split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                // Section attributes ("[dk: ...]", "[L = 32]") are read like ordinary lines.
                line = line.substring(1, line.length() - 1).strip();
            }
            int colon = line.indexOf(':');
            int equals = line.indexOf('=');
            int cut = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            if (cut < 0) {
                current.put(line, "");
                continue;
            }
            current.put(line.substring(0, cut).strip(), line.substring(cut + 1).strip());
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** A FileTest value: hex, or a "quoted" ASCII string. */
    static byte[] value(String v) {
        if (v == null || v.isEmpty()) {
            return new byte[0];
        }
        if (v.startsWith("\"")) {
            return v.substring(1, v.length() - 1).getBytes(StandardCharsets.US_ASCII);
        }
        return HEX.parseHex(v.toLowerCase(java.util.Locale.ROOT));
    }
}
