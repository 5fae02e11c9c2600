// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.RandomField;
import org.nonos.zk.circuit.Variable;
import org.nonos.zk.circuit.attestation.MerklePath;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;

class MerkleGadgetTest {
    private record Membership(Circuit circuit, Variable root, Variable leaf, Variable[] siblings, Variable[] bits) {
        static Membership of(int depth) {
            CircuitBuilder cb = new CircuitBuilder();
            Variable root = cb.publicInput("root");
            Variable leaf = cb.privateInput("leaf");
            Variable[] siblings = new Variable[depth];
            Variable[] bits = new Variable[depth];
            LinearExpr[] s = new LinearExpr[depth];
            for (int i = 0; i < depth; i++) {
                siblings[i] = cb.privateInput("sibling" + i);
                bits[i] = cb.privateInput("bit" + i);
                s[i] = siblings[i].expr();
            }
            MerkleGadget.assertMember(cb, leaf.expr(), s, bits, root.expr(), "merkle");
            return new Membership(cb.build(), root, leaf, siblings, bits);
        }

        BigInteger[] assign(BigInteger rootValue, BigInteger leafValue, MerklePath path) {
            Map<Variable, BigInteger> m = new HashMap<>();
            m.put(root, rootValue);
            m.put(leaf, leafValue);
            for (int i = 0; i < siblings.length; i++) {
                m.put(siblings[i], path.siblings().get(i));
                m.put(bits[i], path.direction(i) ? BigInteger.ONE : BigInteger.ZERO);
            }
            return circuit.witness(m);
        }
    }

    @Test
    void membersProveAndNonMembersDoNot() {
        int depth = 5;
        Membership m = Membership.of(depth);
        // boolean + swap + node hash per level, one root equality.
        assertEquals(depth * (2 + 237) + 1, m.circuit().constraintCount());
        Seeded.forAll("merkle-membership", 6, rnd -> {
            TrustRegistryTree tree = new TrustRegistryTree(depth);
            long index = rnd.nextLong(tree.capacity());
            BigInteger leaf = RandomField.fieldElement(rnd);
            tree.set(index, leaf);
            tree.set((index + 1 + rnd.nextLong(tree.capacity() - 1)) % tree.capacity(), RandomField.fieldElement(rnd));
            MerklePath path = tree.path(index);
            BigInteger[] w = m.assign(tree.root(), leaf, path);
            assertTrue(m.circuit().isSatisfiedBy(w));

            // Wrong leaf, wrong root, wrong sibling: the root equality fails.
            assertFalse(m.circuit().isSatisfiedBy(m.assign(tree.root(), Fr.add(leaf, BigInteger.ONE), path)));
            assertFalse(m.circuit().isSatisfiedBy(m.assign(Fr.add(tree.root(), BigInteger.ONE), leaf, path)));
            BigInteger[] wrongSibling = m.assign(tree.root(), leaf, path);
            int level = rnd.nextInt(depth);
            int sib = m.circuit().wireIndex(m.siblings()[level]);
            wrongSibling[sib] = Fr.add(wrongSibling[sib], BigInteger.ONE);
            assertFalse(m.circuit().isSatisfiedBy(wrongSibling));
            // Wrong direction: the same siblings in the other order lead elsewhere.
            MerklePath flipped = new MerklePath(path.siblings(), path.leafIndex() ^ (1L << level));
            assertFalse(m.circuit().isSatisfiedBy(m.assign(tree.root(), leaf, flipped)));
        });
    }

    @Test
    void aNonBooleanDirectionIsRejected() {
        Membership m = Membership.of(2);
        TrustRegistryTree tree = new TrustRegistryTree(2);
        tree.set(1, BigInteger.TEN);
        BigInteger[] w = m.assign(tree.root(), BigInteger.TEN, tree.path(1));
        assertTrue(m.circuit().isSatisfiedBy(w));
        w[m.circuit().wireIndex(m.bits()[0])] = BigInteger.TWO;
        assertEquals("merkle.level0.direction", m.circuit().firstUnsatisfied(w).orElseThrow());
    }

    @Test
    void depthIsChecked() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable leaf = cb.privateInput("leaf");
        assertThrows(IllegalArgumentException.class,
                () -> MerkleGadget.root(cb, leaf.expr(), new LinearExpr[0], new Variable[0], "m"));
        assertThrows(IllegalArgumentException.class,
                () -> MerkleGadget.root(cb, leaf.expr(), new LinearExpr[2], new Variable[1], "m"));
        assertThrows(IllegalArgumentException.class, () -> MerkleGadget.root(cb, leaf.expr(),
                new LinearExpr[MerkleGadget.MAX_DEPTH + 1], new Variable[MerkleGadget.MAX_DEPTH + 1], "m"));
    }
}
