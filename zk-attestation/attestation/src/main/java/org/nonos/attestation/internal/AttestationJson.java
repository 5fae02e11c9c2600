// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.nonos.attestation.Attestation;
import org.nonos.attestation.BundleDigest;
import org.nonos.attestation.CapabilityRequest;
import org.nonos.attestation.CapabilityTable;
import org.nonos.attestation.MalformedException;
import org.nonos.crypto.KeyType;
import org.nonos.zk.circuit.attestation.AttestationPublicInputs;
import org.nonos.zk.groth16.BinaryFormat;

/**
 * The canonical JSON form of {@link Attestation} (docs/attestation.md "Format"). Members in this
 * order, no whitespace:
 * <pre>
 * {"format":"nonos-attestation","version":1,"digest":"blake3:&lt;64 hex&gt;","capabilityTable":1,
 *  "capabilities":"&lt;canonical header&gt;","capabilityMask":"0x&lt;16 hex&gt;",
 *  "signingKey":{"type":"ed25519+ml-dsa-65","publicKey":"&lt;base64, 1984 bytes&gt;"},
 *  "registryRoot":"&lt;64 hex&gt;","epoch":"&lt;decimal&gt;","signature":"&lt;base64, 3373 bytes&gt;",
 *  "proof":{"system":"groth16-bls12-381","proof":"&lt;base64, 200 bytes&gt;","publicInputs":[5 × "&lt;64 hex&gt;"]}}
 * </pre>
 * Parsing is strict and, last, requires the input to be exactly the canonical emission of what
 * was read, so one attestation has one byte form.
 */
public final class AttestationJson {
    public static final String FORMAT = "nonos-attestation";
    public static final String KEY_TYPE = "ed25519+ml-dsa-65";
    public static final String PROOF_SYSTEM = "groth16-bls12-381";
    public static final int SIGNATURE_BYTES = 64 + 3309;
    private static final String DIGEST_PREFIX = "blake3:";

    private AttestationJson() {}

    public static Attestation parse(byte[] json) throws MalformedException {
        try {
            Attestation a = read(json);
            if (!Arrays.equals(emit(a), json)) {
                throw new MalformedException("the attestation is not in canonical form");
            }
            return a;
        } catch (MalformedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Defence in depth: the reader checks everything first, so this is not expected.
            throw new MalformedException("malformed attestation: " + e, e);
        }
    }

    private static Attestation read(byte[] json) throws MalformedException {
        JsonNode o = StrictJson.object(json, Attestation.MAX_BYTES, "attestation", "format", "version", "digest",
                "capabilityTable", "capabilities", "capabilityMask", "signingKey", "registryRoot", "epoch", "signature",
                "proof");
        StrictJson.constant(o, "format", FORMAT);
        int version = StrictJson.smallInt(o, "version", 255);
        if (version != Attestation.FORMAT_VERSION) {
            throw new MalformedException("attestation format version " + version + ", this system reads version "
                    + Attestation.FORMAT_VERSION);
        }
        String digestText = StrictJson.string(o, "digest", DIGEST_PREFIX.length() + 64);
        if (!digestText.startsWith(DIGEST_PREFIX)) {
            throw new MalformedException("digest must start with " + DIGEST_PREFIX);
        }
        BundleDigest digest = BundleDigest.of(StrictJson.hex32(
                com.fasterxml.jackson.databind.node.TextNode.valueOf(digestText.substring(DIGEST_PREFIX.length())), "digest"));
        int table = StrictJson.smallInt(o, "capabilityTable", 255);
        if (table != CapabilityTable.VERSION) {
            throw new MalformedException("capability table version " + table + ", this system knows version "
                    + CapabilityTable.VERSION);
        }
        String capabilities = StrictJson.string(o, "capabilities", CapabilityRequest.MAX_HEADER_CHARS);
        long mask = StrictJson.mask(o, "capabilityMask");
        CapabilityRequest request = CapabilityRequest.parse(capabilities);
        if (request.mask() != mask || !request.canonical().equals(capabilities)) {
            throw new MalformedException("capabilities and capabilityMask disagree or are not canonical");
        }
        JsonNode key = StrictJson.members(o.get("signingKey"), "signingKey", "type", "publicKey");
        StrictJson.constant(key, "type", KEY_TYPE);
        byte[] signingKey = StrictJson.base64(key, "publicKey", KeyType.HYBRID_ED25519_ML_DSA_65.publicLength());
        BigInteger root = StrictJson.field(o.get("registryRoot"), "registryRoot");
        long epoch = StrictJson.u64(o, "epoch");
        byte[] signature = StrictJson.base64(o, "signature", SIGNATURE_BYTES);
        JsonNode proof = StrictJson.members(o.get("proof"), "proof", "system", "proof", "publicInputs");
        StrictJson.constant(proof, "system", PROOF_SYSTEM);
        byte[] proofBytes = StrictJson.base64(proof, "proof", BinaryFormat.PROOF_BYTES);
        List<BigInteger> inputs = new ArrayList<>();
        List<JsonNode> raw = StrictJson.array(proof, "publicInputs", AttestationPublicInputs.COUNT, AttestationPublicInputs.COUNT);
        for (int i = 0; i < raw.size(); i++) {
            inputs.add(StrictJson.field(raw.get(i), "publicInputs[" + i + "]"));
        }
        return new Attestation(digest, capabilities, mask, table, signingKey, root, epoch, signature, proofBytes, inputs);
    }

    public static byte[] emit(Attestation a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Base64.Encoder b64 = Base64.getEncoder();
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", Attestation.FORMAT_VERSION);
            g.writeStringField("digest", DIGEST_PREFIX + a.digest().hex());
            g.writeNumberField("capabilityTable", a.capabilityTable());
            g.writeStringField("capabilities", a.capabilities());
            g.writeStringField("capabilityMask", StrictJson.maskHex(a.capabilityMask()));
            g.writeObjectFieldStart("signingKey");
            g.writeStringField("type", KEY_TYPE);
            g.writeStringField("publicKey", b64.encodeToString(a.signingKey()));
            g.writeEndObject();
            g.writeStringField("registryRoot", StrictJson.fieldHex(a.registryRoot()));
            g.writeStringField("epoch", Long.toUnsignedString(a.epoch()));
            g.writeStringField("signature", b64.encodeToString(a.signature()));
            g.writeObjectFieldStart("proof");
            g.writeStringField("system", PROOF_SYSTEM);
            g.writeStringField("proof", b64.encodeToString(a.proof()));
            g.writeArrayFieldStart("publicInputs");
            for (BigInteger x : a.publicInputs()) {
                g.writeString(StrictJson.fieldHex(x));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
