// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * JSON files (Wycheproof, ACVP, BLAKE3) are read with Jackson's tree model; a missing field
 * fails through {@link JsonNode#required(String)}.
 */
final class Vectors {
    private static final HexFormat HEX = HexFormat.of();
    /** Strict: trailing content after the top-level value and duplicate keys are errors, not ignored. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hex string field of a JSON object; a missing or non-string field fails. */
    static byte[] hex(JsonNode object, String field) {
        JsonNode value = object.required(field);
        assertTrue(value.isTextual(), field + " is not a string: " + value);
        return HEX.parseHex(value.textValue().toLowerCase(java.util.Locale.ROOT));
    }

    /** A string field of a JSON object; a missing or non-string field fails. */
    static String text(JsonNode object, String field) {
        JsonNode value = object.required(field);
        assertTrue(value.isTextual(), field + " is not a string: " + value);
        return value.textValue();
    }

    /** A boolean field of a JSON object; a missing or non-boolean field fails. */
    static boolean bool(JsonNode object, String field) {
        JsonNode value = object.required(field);
        assertTrue(value.isBoolean(), field + " is not a boolean: " + value);
        return value.booleanValue();
    }

    /** An integer field of a JSON object; a missing or non-integer field fails. */
    static int integer(JsonNode object, String field) {
        JsonNode value = object.required(field);
        assertTrue(value.isInt(), field + " is not an int: " + value);
        return value.intValue();
    }

    /** The elements of an array field; a missing or non-array field fails. */
    static List<JsonNode> array(JsonNode object, String field) {
        JsonNode value = object.required(field);
        assertTrue(value.isArray(), field + " is not an array");
        List<JsonNode> out = new ArrayList<>(value.size());
        value.forEach(out::add);
        return out;
    }

    static String hex(byte[] value) {
        return HEX.formatHex(value);
    }

    /** One Wycheproof test case with the test group it belongs to (keys and parameters live there). */
    record Case(JsonNode group, JsonNode test) {
        String id() {
            return "tcId " + test.path("tcId") + " " + test.path("comment").asText("");
        }

        String result() {
            return text(test, "result");
        }
    }

    /** Wycheproof: every test of every group. */
    static List<Case> wycheproofTests(JsonNode file) {
        List<Case> out = new ArrayList<>();
        for (JsonNode group : array(file, "testGroups")) {
            for (JsonNode test : array(group, "tests")) {
                out.add(new Case(group, test));
            }
        }
        return out;
    }

    /** ACVP: the test groups of one parameter set. */
    static List<JsonNode> acvpGroups(String relative, String parameterSet) {
        return array(json(relative), "testGroups").stream()
                .filter(g -> parameterSet.equals(text(g, "parameterSet"))).toList();
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
