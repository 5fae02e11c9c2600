// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.Variable;

/**
 * Merkle membership with the Poseidon node hash, depth 1..{@value #MAX_DEPTH}. Level i (0 = the
 * leaves) takes sibling_i and direction bit b_i: b_i = 0 when the running node is the left child
 * (node = H(cur, sibling_i)), 1 when it is the right child (node = H(sibling_i, cur)); the bits
 * read from the leaves up are the leaf index, least significant first. Per level: b_i·b_i = b_i,
 * one product for the conditional swap, and one {@link PoseidonGadget#hashNode}.
 */
public final class MerkleGadget {
    public static final int MAX_DEPTH = 32;

    private MerkleGadget() {}

    /**
     * The root reached from {@code leaf} along the path. Constrains every direction bit to be
     * boolean; the caller compares the result with the expected root.
     */
    public static LinearExpr root(CircuitBuilder cb, LinearExpr leaf, LinearExpr[] siblings, Variable[] directions,
            String name) {
        if (siblings.length != directions.length) {
            throw new IllegalArgumentException(siblings.length + " siblings but " + directions.length + " direction bits");
        }
        if (siblings.length < 1 || siblings.length > MAX_DEPTH) {
            throw new IllegalArgumentException("Merkle depth " + siblings.length + " outside 1.." + MAX_DEPTH);
        }
        LinearExpr cur = leaf;
        for (int i = 0; i < siblings.length; i++) {
            String level = name + ".level" + i;
            LinearExpr b = directions[i].expr();
            cb.assertBoolean(b, level + ".direction");
            // d = b·(sibling − cur): left = cur + d, right = sibling − d swaps the pair when b = 1.
            Variable d = cb.mul(b, siblings[i].minus(cur), level + ".swap");
            LinearExpr left = cur.plus(d);
            LinearExpr right = siblings[i].minus(d);
            cur = PoseidonGadget.hashNode(cb, left, right, level + ".hash");
        }
        return cur;
    }

    /** Constrains {@code leaf} to be in the tree with the given root (adds one equality). */
    public static void assertMember(CircuitBuilder cb, LinearExpr leaf, LinearExpr[] siblings, Variable[] directions,
            LinearExpr root, String name) {
        cb.assertEqual(root(cb, leaf, siblings, directions, name), root, name + ".root");
    }
}
