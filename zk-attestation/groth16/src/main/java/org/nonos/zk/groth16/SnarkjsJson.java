// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.MalformedException;

/**
 * snarkjs's JSON files for Groth16 on BLS12-381 (snarkjs 0.7, {@code zkey export
 * verificationkey}, {@code groth16 prove}): {@code verification_key.json}, {@code proof.json}
 * and {@code public.json}.
 *
 * <p>Numbers are decimal strings. A G1 point is {@code [x, y, "1"]} (projective with z = 1;
 * the identity is {@code ["0", "1", "0"]}); a G2 point is {@code [[x.c0, x.c1], [y.c0, y.c1],
 * ["1", "0"]]} (identity {@code [["0","0"],["1","0"],["0","0"]]}). The curve is named
 * {@code "bls12381"}, the protocol {@code "groth16"}. Readers accept only that layout, decimal
 * strings of at most 120 digits, coordinates below p and public inputs below r, and check
 * every point on the curve and in its subgroup. {@code vk_alphabeta_12}, which snarkjs writes
 * but does not read when verifying, is ignored on input and not written.
 */
public final class SnarkjsJson {
    public static final String CURVE = "bls12381";
    public static final String PROTOCOL = "groth16";
    /** 2^381 has 115 decimal digits; anything much longer is refused before BigInteger sees it. */
    private static final int MAX_DIGITS = 120;
    /** Largest JSON document read (a verifying key with ~100k public inputs). */
    public static final int MAX_BYTES = 32 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxNumberLength(MAX_DIGITS)
                    .maxStringLength(1 << 20).build())
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SnarkjsJson() {}

    // ---- writing

    public static String writeVerifyingKey(VerifyingKey vk) {
        ObjectNode o = NODES.objectNode();
        o.put("protocol", PROTOCOL);
        o.put("curve", CURVE);
        o.put("nPublic", vk.numPublic());
        o.set("vk_alpha_1", g1(vk.alpha1()));
        o.set("vk_beta_2", g2(vk.beta2()));
        o.set("vk_gamma_2", g2(vk.gamma2()));
        o.set("vk_delta_2", g2(vk.delta2()));
        ArrayNode ic = o.putArray("IC");
        vk.ic().forEach(p -> ic.add(g1(p)));
        return o.toPrettyString();
    }

    public static String writeProof(Proof p) {
        ObjectNode o = NODES.objectNode();
        o.set("pi_a", g1(p.a()));
        o.set("pi_b", g2(p.b()));
        o.set("pi_c", g1(p.c()));
        o.put("protocol", PROTOCOL);
        o.put("curve", CURVE);
        return o.toPrettyString();
    }

    public static String writePublicInputs(BigInteger[] inputs) {
        ArrayNode a = NODES.arrayNode();
        for (BigInteger x : inputs) {
            a.add(x.toString());
        }
        return a.toPrettyString();
    }

    private static ArrayNode g1(G1Point p) {
        ArrayNode a = NODES.arrayNode();
        if (p.isIdentity()) {
            return a.add("0").add("1").add("0");
        }
        return a.add(p.x().toString()).add(p.y().toString()).add("1");
    }

    private static ArrayNode g2(G2Point p) {
        ArrayNode a = NODES.arrayNode();
        if (p.isIdentity()) {
            a.addArray().add("0").add("0");
            a.addArray().add("1").add("0");
            a.addArray().add("0").add("0");
            return a;
        }
        BigInteger[] c = p.coordinates();
        a.addArray().add(c[0].toString()).add(c[1].toString());
        a.addArray().add(c[2].toString()).add(c[3].toString());
        a.addArray().add("1").add("0");
        return a;
    }

    // ---- reading

    public static VerifyingKey readVerifyingKey(String json) throws MalformedException {
        JsonNode o = object(json);
        checkProtocol(o);
        JsonNode n = field(o, "nPublic");
        JsonNode icNode = field(o, "IC");
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0 || !icNode.isArray()
                || icNode.size() != n.intValue() + 1) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "nPublic must be the IC length − 1");
        }
        List<G1Point> ic = new ArrayList<>();
        for (JsonNode p : icNode) {
            ic.add(readG1(p));
        }
        return VerifyingKey.of(readG1(field(o, "vk_alpha_1")), readG2(field(o, "vk_beta_2")),
                readG2(field(o, "vk_gamma_2")), readG2(field(o, "vk_delta_2")), ic);
    }

    public static Proof readProof(String json) throws MalformedException {
        JsonNode o = object(json);
        checkProtocol(o);
        return Proof.of(readG1(field(o, "pi_a")), readG2(field(o, "pi_b")), readG1(field(o, "pi_c")));
    }

    public static BigInteger[] readPublicInputs(String json) throws MalformedException {
        JsonNode a = parse(json);
        if (!a.isArray()) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "public inputs must be a JSON array");
        }
        BigInteger[] out = new BigInteger[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i));
            if (out[i].compareTo(Fr.MODULUS) >= 0) {
                throw new MalformedException(MalformedException.Reason.NOT_CANONICAL, "public input " + i + " ≥ r");
            }
        }
        return out;
    }

    private static JsonNode parse(String json) throws MalformedException {
        if (json == null || json.length() > MAX_BYTES) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "no JSON, or more than " + MAX_BYTES + " characters");
        }
        try {
            JsonNode n = MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
            if (n == null || n.isMissingNode()) {
                throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "empty JSON");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "not JSON: " + e.getMessage());
        }
    }

    private static JsonNode object(String json) throws MalformedException {
        JsonNode o = parse(json);
        if (!o.isObject()) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "expected a JSON object");
        }
        return o;
    }

    private static void checkProtocol(JsonNode o) throws MalformedException {
        JsonNode p = o.get("protocol");
        JsonNode c = o.get("curve");
        if (p != null && !(p.isTextual() && PROTOCOL.equals(p.textValue()))) {
            throw new MalformedException(MalformedException.Reason.UNSUPPORTED, "protocol is not groth16");
        }
        if (c == null || !c.isTextual() || !CURVE.equals(c.textValue())) {
            throw new MalformedException(MalformedException.Reason.UNSUPPORTED, "curve is not bls12381");
        }
    }

    private static JsonNode field(JsonNode o, String name) throws MalformedException {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "missing field " + name);
        }
        return n;
    }

    /** A decimal string of at most MAX_DIGITS digits. */
    static BigInteger number(JsonNode n) throws MalformedException {
        if (n == null || !n.isTextual()) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "numbers must be decimal strings");
        }
        String s = n.textValue();
        if (s.isEmpty() || s.length() > MAX_DIGITS) {
            throw new MalformedException(MalformedException.Reason.NOT_CANONICAL, "number of " + s.length() + " digits");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "not a decimal number");
            }
        }
        return new BigInteger(s);
    }

    private static BigInteger[] numbers(JsonNode a, int count) throws MalformedException {
        if (a == null || !a.isArray() || a.size() != count) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "expected an array of " + count + " numbers");
        }
        BigInteger[] out = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            out[i] = number(a.get(i));
        }
        return out;
    }

    static G1Point readG1(JsonNode p) throws MalformedException {
        if (p == null || !p.isArray() || p.size() != 3) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "a G1 point is [x, y, z]");
        }
        BigInteger[] c = numbers(p, 3);
        if (c[2].signum() == 0) {
            if (c[0].signum() == 0 && c[1].equals(BigInteger.ONE)) {
                return G1Point.identity();
            }
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "the identity is [\"0\", \"1\", \"0\"]");
        }
        if (!c[2].equals(BigInteger.ONE)) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "z must be 1 (affine) or 0 (identity)");
        }
        return G1Point.fromAffine(c[0], c[1]);
    }

    static G2Point readG2(JsonNode p) throws MalformedException {
        if (p == null || !p.isArray() || p.size() != 3) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "a G2 point is [[x0, x1], [y0, y1], [z0, z1]]");
        }
        BigInteger[] x = numbers(p.get(0), 2);
        BigInteger[] y = numbers(p.get(1), 2);
        BigInteger[] z = numbers(p.get(2), 2);
        if (z[0].signum() == 0 && z[1].signum() == 0) {
            if (x[0].signum() == 0 && x[1].signum() == 0 && y[0].equals(BigInteger.ONE) && y[1].signum() == 0) {
                return G2Point.identity();
            }
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "bad encoding of the G2 identity");
        }
        if (!z[0].equals(BigInteger.ONE) || z[1].signum() != 0) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "z must be [\"1\", \"0\"] (affine)");
        }
        return G2Point.fromAffine(x[0], x[1], y[0], y[1]);
    }
}
