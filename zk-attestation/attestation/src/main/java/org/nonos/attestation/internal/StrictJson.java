// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.nonos.attestation.MalformedException;
import org.nonos.zk.circuit.Fr;

/**
 * Strict reading of the project's small JSON documents (attestation, registry, key and path
 * files): bounded nesting and string sizes, duplicate members refused, trailing content refused,
 * every member present with the right type, unknown members refused. Values are read with the
 * accessors below, each of which throws {@link MalformedException} only.
 */
public final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(1 << 20)
                    .maxNumberLength(24).maxDocumentLength(64L << 20).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MASK = Pattern.compile("0x[0-9a-f]{16}");
    private static final Pattern U64 = Pattern.compile("0|[1-9][0-9]{0,19}");

    private StrictJson() {}

    /** Parses a document whose top level is an object with exactly the given members. */
    public static JsonNode object(byte[] json, int maxBytes, String what, String... members) throws MalformedException {
        if (json == null || json.length > maxBytes) {
            throw new MalformedException(what + " missing or larger than " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException | RuntimeException e) {
            throw new MalformedException(what + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        return members(root, what, members);
    }

    /** Checks that {@code node} is an object with exactly {@code members}. */
    public static JsonNode members(JsonNode node, String what, String... members) throws MalformedException {
        if (node == null || !node.isObject()) {
            throw new MalformedException(what + " is not a JSON object");
        }
        Set<String> expected = new TreeSet<>(List.of(members));
        Set<String> actual = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            actual.add(it.next());
        }
        if (!actual.equals(expected)) {
            Set<String> unknown = new TreeSet<>(actual);
            unknown.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            throw new MalformedException(what + ": " + (unknown.isEmpty() ? "" : "unknown members " + unknown + " ")
                    + (missing.isEmpty() ? "" : "missing members " + missing));
        }
        return node;
    }

    public static String string(JsonNode o, String member, int maxChars) throws MalformedException {
        JsonNode n = o.get(member);
        if (n == null || !n.isTextual()) {
            throw new MalformedException(member + " must be a string");
        }
        String s = n.textValue();
        if (s.length() > maxChars) {
            throw new MalformedException(member + " is longer than " + maxChars + " characters");
        }
        return s;
    }

    public static void constant(JsonNode o, String member, String value) throws MalformedException {
        String s = string(o, member, value.length() + 1);
        if (!s.equals(value)) {
            throw new MalformedException(member + " must be \"" + value + "\", not \"" + s + "\"");
        }
    }

    /** A small non-negative JSON integer, at most {@code max}. */
    public static int smallInt(JsonNode o, String member, int max) throws MalformedException {
        JsonNode n = o.get(member);
        if (n == null || !n.isIntegralNumber() || n.bigIntegerValue().signum() < 0
                || n.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
            throw new MalformedException(member + " must be an integer in 0.." + max);
        }
        return n.intValue();
    }

    /** An unsigned 64-bit integer written as a decimal string without leading zeros. */
    public static long u64(JsonNode o, String member) throws MalformedException {
        String s = string(o, member, 20);
        if (!U64.matcher(s).matches()) {
            throw new MalformedException(member + " must be an unsigned 64-bit decimal string");
        }
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new MalformedException(member + " exceeds 2^64 - 1", e);
        }
    }

    /** A 64-bit mask as "0x" and 16 lower-case hex digits. */
    public static long mask(JsonNode o, String member) throws MalformedException {
        String s = string(o, member, 18);
        if (!MASK.matcher(s).matches()) {
            throw new MalformedException(member + " must be 0x followed by 16 lower-case hex digits");
        }
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    /** 32 bytes as 64 lower-case hex digits. */
    public static byte[] hex32(JsonNode n, String what) throws MalformedException {
        if (n == null || !n.isTextual() || !HEX64.matcher(n.textValue()).matches()) {
            throw new MalformedException(what + " must be 64 lower-case hex digits");
        }
        return HexFormat.of().parseHex(n.textValue());
    }

    /** A BLS12-381 scalar field element as 64 lower-case hex digits, below r. */
    public static BigInteger field(JsonNode n, String what) throws MalformedException {
        BigInteger v = new BigInteger(1, hex32(n, what));
        if (v.compareTo(Fr.R) >= 0) {
            throw new MalformedException(what + " is not below the scalar field modulus");
        }
        return v;
    }

    /** Standard base64 (RFC 4648 §4, padded) of exactly {@code length} bytes. */
    public static byte[] base64(JsonNode o, String member, int length) throws MalformedException {
        String s = string(o, member, (length + 2) / 3 * 4);
        byte[] out;
        try {
            out = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new MalformedException(member + " is not base64", e);
        }
        if (out.length != length || !Base64.getEncoder().encodeToString(out).equals(s)) {
            throw new MalformedException(member + " must be the canonical base64 of " + length + " bytes");
        }
        return out;
    }

    public static List<JsonNode> array(JsonNode o, String member, int min, int max) throws MalformedException {
        JsonNode n = o.get(member);
        if (n == null || !n.isArray() || n.size() < min || n.size() > max) {
            throw new MalformedException(member + " must be an array of " + min + ".." + max + " elements");
        }
        List<JsonNode> out = new ArrayList<>(n.size());
        n.forEach(out::add);
        return out;
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static String fieldHex(BigInteger x) {
        return hex(org.nonos.attestation.Attestation.fieldBytes(x));
    }

    public static String maskHex(long m) {
        return String.format("0x%016x", m);
    }

    /** A generator writing compact UTF-8 JSON into {@code out}. */
    public static JsonGenerator generator(ByteArrayOutputStream out) {
        try {
            return FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretty JSON for files people read (registry, key and path files). */
    public static byte[] pretty(ObjectNode node) {
        try {
            return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
