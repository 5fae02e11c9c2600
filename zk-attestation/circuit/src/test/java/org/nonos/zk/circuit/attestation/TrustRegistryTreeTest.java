// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.RandomField;
import org.nonos.zk.circuit.poseidon.Poseidon;

class TrustRegistryTreeTest {
    /** The root by hashing every level in full: the definition the sparse tree must match. */
    private static BigInteger denseRoot(int depth, Map<Long, BigInteger> leaves) {
        BigInteger[] level = new BigInteger[1 << depth];
        for (int i = 0; i < level.length; i++) {
            level[i] = leaves.getOrDefault((long) i, BigInteger.ZERO);
        }
        while (level.length > 1) {
            BigInteger[] up = new BigInteger[level.length / 2];
            for (int i = 0; i < up.length; i++) {
                up[i] = Poseidon.hashNode(level[2 * i], level[2 * i + 1]);
            }
            level = up;
        }
        return level[0];
    }

    @Test
    void sparseTreeMatchesTheDenseDefinitionAndPathsLeadToTheRoot() {
        Seeded.forAll("registry-tree", 5, rnd -> {
            int depth = 1 + rnd.nextInt(4);
            TrustRegistryTree tree = new TrustRegistryTree(depth);
            Map<Long, BigInteger> leaves = new HashMap<>();
            assertEquals(denseRoot(depth, leaves), tree.root());
            for (int k = 0; k < 4; k++) {
                long i = rnd.nextLong(tree.capacity());
                BigInteger leaf = rnd.nextInt(4) == 0 ? BigInteger.ZERO : RandomField.fieldElement(rnd);
                tree.set(i, leaf);
                leaves.put(i, leaf);
                assertEquals(denseRoot(depth, leaves), tree.root());
            }
            for (long i = 0; i < tree.capacity(); i++) {
                assertEquals(tree.root(), tree.path(i).rootFrom(tree.leafAt(i)));
            }
        });
    }

    @Test
    void emptyingALeafRestoresTheEmptyRoot() {
        TrustRegistryTree tree = new TrustRegistryTree(20);
        BigInteger empty = tree.root();
        tree.set(123_456, TrustRegistryTree.leaf(BigInteger.valueOf(42), 0xffL, 1000));
        assertNotEquals(empty, tree.root());
        tree.set(123_456, BigInteger.ZERO);
        assertEquals(empty, tree.root());
    }

    @Test
    void theLeafIsTheDocumentedHash() {
        BigInteger secret = BigInteger.valueOf(99);
        assertEquals(Poseidon.hash3(Poseidon.hash1(secret), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.valueOf(7)), TrustRegistryTree.leaf(secret, -1L, 7));
        // The registry builds the same leaf from the vendor's key alone.
        assertEquals(TrustRegistryTree.leaf(secret, -1L, 7),
                TrustRegistryTree.leafOfKey(TrustRegistryTree.vendorKey(secret), -1L, 7));
        assertThrows(IllegalArgumentException.class, () -> TrustRegistryTree.leafOfKey(Fr.R, 0, 0));
    }

    @Test
    void badArgumentsAreRefusedAndChangeNothing() {
        assertThrows(IllegalArgumentException.class, () -> new TrustRegistryTree(0));
        assertThrows(IllegalArgumentException.class, () -> new TrustRegistryTree(33));
        TrustRegistryTree tree = new TrustRegistryTree(3);
        tree.set(2, BigInteger.ONE);
        BigInteger root = tree.root();
        assertThrows(IllegalArgumentException.class, () -> tree.set(8, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> tree.set(-1, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> tree.set(3, Fr.R));
        assertThrows(IllegalArgumentException.class, () -> tree.path(8));
        assertEquals(root, tree.root());
        assertThrows(IllegalArgumentException.class, () -> new MerklePath(List.of(BigInteger.ONE), 2));
        assertThrows(IllegalArgumentException.class, () -> new MerklePath(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new MerklePath(List.of(Fr.R), 0));
    }

    @Test
    void aDepth32TreeWorks() {
        TrustRegistryTree tree = new TrustRegistryTree(32);
        long last = tree.capacity() - 1;
        tree.set(last, BigInteger.TEN);
        assertEquals(tree.root(), tree.path(last).rootFrom(BigInteger.TEN));
    }
}
