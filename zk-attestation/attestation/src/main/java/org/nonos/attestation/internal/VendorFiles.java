// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.nonos.attestation.MalformedException;
import org.nonos.crypto.KeyType;
import org.nonos.zk.circuit.attestation.MerklePath;
import org.nonos.zk.circuit.gadgets.MerkleGadget;

/**
 * The small JSON files exchanged between the registry owner and vendors (docs/attestation.md
 * "Files"), each with a format name and version 1:
 * <ul>
 *   <li>{@code nonos-public-key}: a hybrid Ed25519 + ML-DSA-65 public key (the owner's key);</li>
 *   <li>{@code nonos-vendor-key}: what a vendor gives the registry: vendorKey = hash1(secret) and
 *       its signing public key;</li>
 *   <li>{@code nonos-vendor-secret}: the vendor's zk secret (mode 0600);</li>
 *   <li>{@code nonos-vendor-path}: what the registry gives a vendor: its leaf's values, the root,
 *       epoch and Merkle path.</li>
 * </ul>
 */
public final class VendorFiles {
    public static final int MAX_BYTES = 1 << 20;
    private static final int HYBRID_PUBLIC = KeyType.HYBRID_ED25519_ML_DSA_65.publicLength();

    /** A vendor's public registration. */
    public record VendorKey(BigInteger vendorKey, byte[] signingKey) {}

    /** A vendor's path file. */
    public record PathFile(String name, int depth, long epoch, BigInteger root, long allowed, long expiry,
            MerklePath path) {}

    private VendorFiles() {}

    public static byte[] emitPublicKey(byte[] publicKey) {
        ObjectNode o = header("nonos-public-key");
        o.put("type", AttestationJson.KEY_TYPE);
        o.put("publicKey", Base64.getEncoder().encodeToString(publicKey));
        return StrictJson.pretty(o);
    }

    public static byte[] parsePublicKey(byte[] json) throws MalformedException {
        JsonNode o = StrictJson.object(json, MAX_BYTES, "public key file", "format", "version", "type", "publicKey");
        checkHeader(o, "nonos-public-key");
        StrictJson.constant(o, "type", AttestationJson.KEY_TYPE);
        return StrictJson.base64(o, "publicKey", HYBRID_PUBLIC);
    }

    public static byte[] emitVendorKey(VendorKey k) {
        ObjectNode o = header("nonos-vendor-key");
        o.put("vendorKey", StrictJson.fieldHex(k.vendorKey()));
        o.put("signingKey", Base64.getEncoder().encodeToString(k.signingKey()));
        return StrictJson.pretty(o);
    }

    public static VendorKey parseVendorKey(byte[] json) throws MalformedException {
        JsonNode o = StrictJson.object(json, MAX_BYTES, "vendor key file", "format", "version", "vendorKey", "signingKey");
        checkHeader(o, "nonos-vendor-key");
        return new VendorKey(StrictJson.field(o.get("vendorKey"), "vendorKey"), StrictJson.base64(o, "signingKey", HYBRID_PUBLIC));
    }

    public static byte[] emitSecret(BigInteger secret) {
        ObjectNode o = header("nonos-vendor-secret");
        o.put("secret", StrictJson.fieldHex(secret));
        return StrictJson.pretty(o);
    }

    public static BigInteger parseSecret(byte[] json) throws MalformedException {
        JsonNode o = StrictJson.object(json, MAX_BYTES, "vendor secret file", "format", "version", "secret");
        checkHeader(o, "nonos-vendor-secret");
        return StrictJson.field(o.get("secret"), "secret");
    }

    public static byte[] emitPath(PathFile p) {
        ObjectNode o = header("nonos-vendor-path");
        o.put("name", p.name());
        o.put("depth", p.depth());
        o.put("epoch", Long.toUnsignedString(p.epoch()));
        o.put("root", StrictJson.fieldHex(p.root()));
        o.put("index", Long.toUnsignedString(p.path().leafIndex()));
        o.put("allowed", StrictJson.maskHex(p.allowed()));
        o.put("expiry", Long.toUnsignedString(p.expiry()));
        ArrayNode s = o.putArray("siblings");
        p.path().siblings().forEach(x -> s.add(StrictJson.fieldHex(x)));
        return StrictJson.pretty(o);
    }

    public static PathFile parsePath(byte[] json) throws MalformedException {
        JsonNode o = StrictJson.object(json, MAX_BYTES, "path file", "format", "version", "name", "depth", "epoch", "root",
                "index", "allowed", "expiry", "siblings");
        checkHeader(o, "nonos-vendor-path");
        String name = RegistryJson.checkName(StrictJson.string(o, "name", 128));
        int depth = StrictJson.smallInt(o, "depth", MerkleGadget.MAX_DEPTH);
        long epoch = StrictJson.u64(o, "epoch");
        BigInteger root = StrictJson.field(o.get("root"), "root");
        long index = StrictJson.u64(o, "index");
        long allowed = StrictJson.mask(o, "allowed");
        long expiry = StrictJson.u64(o, "expiry");
        List<BigInteger> siblings = new ArrayList<>();
        for (JsonNode n : StrictJson.array(o, "siblings", depth, depth)) {
            siblings.add(StrictJson.field(n, "sibling"));
        }
        try {
            return new PathFile(name, depth, epoch, root, allowed, expiry, new MerklePath(siblings, index));
        } catch (IllegalArgumentException e) {
            throw new MalformedException("path file: " + e.getMessage(), e);
        }
    }

    private static ObjectNode header(String format) {
        ObjectNode o = StrictJson.newObject();
        o.put("format", format);
        o.put("version", 1);
        return o;
    }

    private static void checkHeader(JsonNode o, String format) throws MalformedException {
        StrictJson.constant(o, "format", format);
        if (StrictJson.smallInt(o, "version", 255) != 1) {
            throw new MalformedException(format + " file version is not 1");
        }
    }
}
