// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.gadgets.MerkleGadget;
import org.nonos.zk.circuit.poseidon.Poseidon;

/**
 * The trust registry's sparse Poseidon Merkle tree, out of circuit. 2^depth leaves, every empty
 * leaf 0; an empty subtree of height h has root Z_h (Z_0 = 0, Z_{h+1} = H(Z_h, Z_h)), so only
 * non-empty nodes are stored and an update costs depth hashes. H is {@link Poseidon#hashNode}.
 * Not thread-safe.
 */
public final class TrustRegistryTree {
    private final int depth;
    private final BigInteger[] emptyRoots;              // Z_0 .. Z_depth
    private final List<Map<Long, BigInteger>> levels;   // level 0 = leaves; only non-empty nodes

    public TrustRegistryTree(int depth) {
        if (depth < 1 || depth > MerkleGadget.MAX_DEPTH) {
            throw new IllegalArgumentException("tree depth " + depth + " outside 1.." + MerkleGadget.MAX_DEPTH);
        }
        this.depth = depth;
        this.emptyRoots = new BigInteger[depth + 1];
        emptyRoots[0] = BigInteger.ZERO;
        for (int h = 1; h <= depth; h++) {
            emptyRoots[h] = Poseidon.hashNode(emptyRoots[h - 1], emptyRoots[h - 1]);
        }
        this.levels = new ArrayList<>(depth + 1);
        for (int h = 0; h <= depth; h++) {
            levels.add(new HashMap<>());
        }
    }

    /**
     * A vendor's public key for the registry: hash1(secret). The vendor hands this, never the
     * secret, to the registry.
     */
    public static BigInteger vendorKey(BigInteger secret) {
        return Poseidon.hash1(Fr.requireCanonical(secret, "secret"));
    }

    /** The registry leaf of a vendor key: hash3(vendorKey, allowedMask, expiry), mask and expiry unsigned. */
    public static BigInteger leafOfKey(BigInteger vendorKey, long allowedMask, long expiry) {
        return Poseidon.hash3(Fr.requireCanonical(vendorKey, "vendor key"),
                AttestationPublicInputs.unsigned(allowedMask), AttestationPublicInputs.unsigned(expiry));
    }

    /** The registry leaf of a vendor secret: leafOfKey(vendorKey(secret), allowedMask, expiry). */
    public static BigInteger leaf(BigInteger secret, long allowedMask, long expiry) {
        return leafOfKey(vendorKey(secret), allowedMask, expiry);
    }

    public int depth() {
        return depth;
    }

    public long capacity() {
        return 1L << depth;
    }

    /** Sets leaf {@code index} (0 empties it) and updates the path to the root. */
    public void set(long index, BigInteger leaf) {
        checkIndex(index);
        BigInteger cur = Fr.requireCanonical(leaf, "leaf");
        long i = index;
        for (int h = 0; h <= depth; h++) {
            store(h, i, cur);
            if (h == depth) {
                break;
            }
            long sibling = i ^ 1;
            BigInteger s = node(h, sibling);
            cur = (i & 1) == 0 ? Poseidon.hashNode(cur, s) : Poseidon.hashNode(s, cur);
            i >>>= 1;
        }
    }

    public BigInteger leafAt(long index) {
        checkIndex(index);
        return node(0, index);
    }

    public BigInteger root() {
        return node(depth, 0);
    }

    /** The authentication path of leaf {@code index} (empty leaves have paths too). */
    public MerklePath path(long index) {
        checkIndex(index);
        List<BigInteger> siblings = new ArrayList<>(depth);
        long i = index;
        for (int h = 0; h < depth; h++) {
            siblings.add(node(h, i ^ 1));
            i >>>= 1;
        }
        return new MerklePath(siblings, index);
    }

    private BigInteger node(int height, long index) {
        return levels.get(height).getOrDefault(index, emptyRoots[height]);
    }

    private void store(int height, long index, BigInteger value) {
        if (value.equals(emptyRoots[height])) {
            levels.get(height).remove(index);
        } else {
            levels.get(height).put(index, value);
        }
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= capacity()) {
            throw new IllegalArgumentException("leaf index " + index + " outside 0.." + (capacity() - 1));
        }
    }
}
