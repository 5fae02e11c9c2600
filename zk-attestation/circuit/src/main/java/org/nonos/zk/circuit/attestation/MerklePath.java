// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import java.math.BigInteger;
import java.util.List;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.gadgets.MerkleGadget;
import org.nonos.zk.circuit.poseidon.Poseidon;

/**
 * A Merkle authentication path: the siblings from the leaf level up, and the leaf index whose
 * bits (least significant first) are the direction bits: bit i = 1 when the running node at
 * level i is the right child. Same convention as {@link MerkleGadget}.
 */
public record MerklePath(List<BigInteger> siblings, long leafIndex) {
    public MerklePath {
        siblings = List.copyOf(siblings);
        int depth = siblings.size();
        if (depth < 1 || depth > MerkleGadget.MAX_DEPTH) {
            throw new IllegalArgumentException("Merkle depth " + depth + " outside 1.." + MerkleGadget.MAX_DEPTH);
        }
        if (leafIndex < 0 || (depth < 63 && leafIndex >>> depth != 0)) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " does not fit depth " + depth);
        }
        for (int i = 0; i < depth; i++) {
            Fr.requireCanonical(siblings.get(i), "sibling " + i);
        }
    }

    public int depth() {
        return siblings.size();
    }

    /** Direction bit i (1 = the running node is the right child at level i). */
    public boolean direction(int level) {
        return ((leafIndex >>> level) & 1) == 1;
    }

    /** The root this path leads to from {@code leaf}, computed out of circuit. */
    public BigInteger rootFrom(BigInteger leaf) {
        BigInteger cur = Fr.requireCanonical(leaf, "leaf");
        for (int i = 0; i < depth(); i++) {
            BigInteger sib = siblings.get(i);
            cur = direction(i) ? Poseidon.hashNode(sib, cur) : Poseidon.hashNode(cur, sib);
        }
        return cur;
    }
}
