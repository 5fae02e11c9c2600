// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.nonos.attestation.CapabilityTable;
import org.nonos.attestation.MalformedException;
import org.nonos.attestation.RegistryEntry;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;
import org.nonos.zk.circuit.gadgets.MerkleGadget;

/**
 * {@code registry.json} (docs/attestation.md "Registry layout"), version 1:
 * <pre>
 * { "format": "nonos-registry", "version": 1, "capabilityTable": 1, "depth": 20, "serial": "12", "epoch": "7",
 *   "root": "&lt;64 hex&gt;", "verifyingKey": "blake3:&lt;64 hex of verifying.key&gt;",
 *   "vendors": [ { "name": "acme", "index": "0", "vendorKey": "&lt;64 hex&gt;",
 *                  "signingKey": "&lt;64 hex: BLAKE3-256 of the hybrid public key&gt;",
 *                  "allowed": "0x&lt;16 hex&gt;", "expiry": "100" } ] }
 * </pre>
 * The parser rebuilds the Merkle tree from the vendor entries and refuses a root that does not
 * match them, so the listed entries are exactly the registry's leaves. {@code serial} counts the
 * registry's versions (1 at init, +1 on every change), so that a system never installs an older
 * signed registry over a newer one.
 */
public final class RegistryJson {
    public static final String FORMAT = "nonos-registry";
    public static final int VERSION = 1;
    public static final int MAX_BYTES = 16 << 20;
    public static final int MAX_VENDORS = 1 << 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,127}");

    /** The parsed document. */
    public record Document(int capabilityTable, int depth, long serial, long epoch, BigInteger root, String verifyingKeyDigest,
            List<RegistryEntry> vendors) {
        public Document {
            vendors = List.copyOf(vendors);
        }

        /** The registry tree of these vendors. */
        public TrustRegistryTree tree() {
            TrustRegistryTree t = new TrustRegistryTree(depth);
            for (RegistryEntry v : vendors) {
                t.set(v.index(), TrustRegistryTree.leafOfKey(v.vendorKey(), v.allowedMask(), v.expiry()));
            }
            return t;
        }
    }

    private RegistryJson() {}

    /** A checked vendor name (also used by the registry tool before it changes anything). */
    public static String checkName(String name) throws MalformedException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new MalformedException("a vendor name is 1..128 characters of letters, digits, space and ._@-, starting with a letter or digit");
        }
        return name;
    }

    public static Document parse(byte[] json) throws MalformedException {
        try {
            return read(json);
        } catch (MalformedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedException("malformed registry: " + e, e);
        }
    }

    private static Document read(byte[] json) throws MalformedException {
        JsonNode o = StrictJson.object(json, MAX_BYTES, "registry.json", "format", "version", "capabilityTable", "depth",
                "serial", "epoch", "root", "verifyingKey", "vendors");
        StrictJson.constant(o, "format", FORMAT);
        if (StrictJson.smallInt(o, "version", 255) != VERSION) {
            throw new MalformedException("registry.json version is not " + VERSION);
        }
        int table = StrictJson.smallInt(o, "capabilityTable", 255);
        if (table != CapabilityTable.VERSION) {
            throw new MalformedException("registry uses capability table " + table + ", this system knows " + CapabilityTable.VERSION);
        }
        int depth = StrictJson.smallInt(o, "depth", MerkleGadget.MAX_DEPTH);
        if (depth < 1) {
            throw new MalformedException("depth must be 1.." + MerkleGadget.MAX_DEPTH);
        }
        long serial = StrictJson.u64(o, "serial");
        long epoch = StrictJson.u64(o, "epoch");
        BigInteger root = StrictJson.field(o.get("root"), "root");
        String vk = StrictJson.string(o, "verifyingKey", 7 + 64);
        if (!vk.startsWith("blake3:")) {
            throw new MalformedException("verifyingKey must be blake3:<64 hex>");
        }
        StrictJson.hex32(com.fasterxml.jackson.databind.node.TextNode.valueOf(vk.substring(7)), "verifyingKey");
        List<RegistryEntry> vendors = new ArrayList<>();
        Set<Long> indices = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Set<BigInteger> vendorKeys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (JsonNode v : StrictJson.array(o, "vendors", 0, MAX_VENDORS)) {
            StrictJson.members(v, "vendor", "name", "index", "vendorKey", "signingKey", "allowed", "expiry");
            String name = checkName(StrictJson.string(v, "name", 128));
            long index = StrictJson.u64(v, "index");
            if (depth < 63 && (index < 0 || index >>> depth != 0)) {
                throw new MalformedException("vendor " + name + ": index " + Long.toUnsignedString(index) + " outside the tree");
            }
            BigInteger vendorKey = StrictJson.field(v.get("vendorKey"), "vendorKey");
            String signingKey = StrictJson.hex(StrictJson.hex32(v.get("signingKey"), "signingKey"));
            long allowed = StrictJson.mask(v, "allowed");
            if ((allowed & ~CapabilityTable.DEFINED_BITS) != 0) {
                throw new MalformedException("vendor " + name + ": allowed mask sets reserved bits");
            }
            long expiry = StrictJson.u64(v, "expiry");
            if (!indices.add(index) || !keys.add(signingKey) || !vendorKeys.add(vendorKey) || !names.add(name)) {
                throw new MalformedException("vendor " + name + " repeats a name, index, signing key or vendor key");
            }
            vendors.add(new RegistryEntry(name, index, vendorKey, signingKey, allowed, expiry));
        }
        Document d = new Document(table, depth, serial, epoch, root, vk, vendors);
        if (!d.tree().root().equals(root)) {
            throw new MalformedException("registry root does not match the vendor entries");
        }
        return d;
    }

    public static byte[] emit(Document d) {
        ObjectNode o = StrictJson.newObject();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("capabilityTable", d.capabilityTable());
        o.put("depth", d.depth());
        o.put("serial", Long.toUnsignedString(d.serial()));
        o.put("epoch", Long.toUnsignedString(d.epoch()));
        o.put("root", StrictJson.fieldHex(d.root()));
        o.put("verifyingKey", d.verifyingKeyDigest());
        ArrayNode vs = o.putArray("vendors");
        for (RegistryEntry v : d.vendors()) {
            ObjectNode e = vs.addObject();
            e.put("name", v.name());
            e.put("index", Long.toUnsignedString(v.index()));
            e.put("vendorKey", StrictJson.fieldHex(v.vendorKey()));
            e.put("signingKey", v.signingKeyDigest());
            e.put("allowed", StrictJson.maskHex(v.allowedMask()));
            e.put("expiry", Long.toUnsignedString(v.expiry()));
        }
        return StrictJson.pretty(o);
    }
}
