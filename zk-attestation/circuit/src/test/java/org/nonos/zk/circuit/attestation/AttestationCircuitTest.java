// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.attestation.UnsatisfiedStatementException.Reason;

class AttestationCircuitTest {
    private static final int DEPTH = 20;
    private static final BigInteger SECRET = new BigInteger("1234567890abcdef1234567890abcdef", 16);
    private static final long ALLOWED = 0b1011_0110L | (1L << 63);
    private static final long EXPIRY = 20_000;
    private static final long INDEX = 654_321;

    private static AttestationCircuit circuit;
    private static TrustRegistryTree tree;

    @BeforeAll
    static void setUp() {
        circuit = AttestationCircuit.create(DEPTH);
        tree = new TrustRegistryTree(DEPTH);
        tree.set(INDEX, TrustRegistryTree.leaf(SECRET, ALLOWED, EXPIRY));
        tree.set(7, TrustRegistryTree.leaf(BigInteger.TWO, -1L, Long.MAX_VALUE));
    }

    private static byte[] digest() {
        byte[] d = new byte[32];
        for (int i = 0; i < 32; i++) {
            d[i] = (byte) (0xf0 - 3 * i);
        }
        return d;
    }

    private static AttestationPublicInputs pub(long requested, BigInteger root, long epoch) {
        return new AttestationPublicInputs(digest(), requested, root, epoch);
    }

    private static AttestationWitness vendor() {
        return new AttestationWitness(SECRET, ALLOWED, EXPIRY, tree.path(INDEX));
    }

    @Test
    void constraintCountForDepth20() {
        // 2 digest squares, 3·64+2 subset, 3·65 epoch/expiry ranges and comparison,
        // 234 + 282 for the leaf, 20·239 + 1 for the path.
        int expected = 2 + (3 * 64 + 2) + 3 * 65 + 234 + 282 + DEPTH * 239 + 1;
        System.out.println("attestation circuit, depth " + DEPTH + ": " + circuit.r1cs().constraints().size()
                + " constraints, " + circuit.r1cs().numWires() + " wires");
        assertEquals(expected, circuit.r1cs().constraints().size());
        assertEquals(AttestationPublicInputs.COUNT, circuit.r1cs().numPublic());
    }

    @Test
    void anHonestVendorGetsASatisfyingAssignmentWithThePublicInputsInOrder() throws Exception {
        AttestationPublicInputs p = pub(ALLOWED & 0b0011_0110L, tree.root(), 19_999);
        BigInteger[] a = circuit.witness(p, vendor());
        assertTrue(circuit.r1cs().isSatisfiedBy(a));
        BigInteger[] expected = {
            new BigInteger(1, java.util.Arrays.copyOfRange(digest(), 0, 16)),
            new BigInteger(1, java.util.Arrays.copyOfRange(digest(), 16, 32)),
            BigInteger.valueOf(0b0011_0110L), tree.root(), BigInteger.valueOf(19_999)};
        assertArrayEquals(expected, circuit.r1cs().publicInputs(a));
        assertEquals(p, AttestationPublicInputs.fromFieldElements(circuit.r1cs().publicInputs(a)));
    }

    @Test
    void boundaryValuesAreAccepted() throws Exception {
        // requested = allowed (top bit included) and epoch = expiry.
        assertTrue(circuit.r1cs().isSatisfiedBy(circuit.witness(pub(ALLOWED, tree.root(), EXPIRY), vendor())));
        assertTrue(circuit.r1cs().isSatisfiedBy(circuit.witness(pub(0, tree.root(), 0), vendor())));
    }

    /** The raw assignment of a false statement fails the system, and the checked form says why. */
    private static void refused(AttestationPublicInputs p, AttestationWitness w, Reason reason) {
        assertFalse(circuit.r1cs().isSatisfiedBy(circuit.assign(p, w)));
        UnsatisfiedStatementException e = assertThrows(UnsatisfiedStatementException.class, () -> circuit.witness(p, w));
        assertEquals(reason, e.reason());
    }

    @Test
    void requestingACapabilityNotAllowedFails() {
        refused(pub(ALLOWED | 1L, tree.root(), 100), vendor(), Reason.NOT_SUBSET);
        refused(pub(-1L, tree.root(), 100), vendor(), Reason.NOT_SUBSET);
    }

    @Test
    void anEpochAfterExpiryFails() {
        refused(pub(0, tree.root(), EXPIRY + 1), vendor(), Reason.EXPIRED);
        refused(pub(0, tree.root(), -1L), vendor(), Reason.EXPIRED);
    }

    @Test
    void aLeafOutsideTheRegistryFails() {
        AttestationPublicInputs p = pub(0b10L, tree.root(), 100);
        refused(pub(0b10L, Fr.add(tree.root(), BigInteger.ONE), 100), vendor(), Reason.NOT_IN_REGISTRY);
        refused(p, new AttestationWitness(Fr.add(SECRET, BigInteger.ONE), ALLOWED, EXPIRY, tree.path(INDEX)),
                Reason.NOT_IN_REGISTRY);
        // Claiming a wider mask or a later expiry than registered changes the leaf.
        refused(p, new AttestationWitness(SECRET, -1L, EXPIRY, tree.path(INDEX)), Reason.NOT_IN_REGISTRY);
        refused(p, new AttestationWitness(SECRET, ALLOWED, EXPIRY + 1, tree.path(INDEX)), Reason.NOT_IN_REGISTRY);
        List<BigInteger> siblings = new ArrayList<>(tree.path(INDEX).siblings());
        siblings.set(5, Fr.add(siblings.get(5), BigInteger.ONE));
        refused(p, new AttestationWitness(SECRET, ALLOWED, EXPIRY, new MerklePath(siblings, INDEX)),
                Reason.NOT_IN_REGISTRY);
        refused(p, new AttestationWitness(SECRET, ALLOWED, EXPIRY, new MerklePath(tree.path(INDEX).siblings(), INDEX ^ 4)),
                Reason.NOT_IN_REGISTRY);
    }

    @Test
    void theDigestIsBoundIntoTheConstraints() throws Exception {
        BigInteger[] a = circuit.witness(pub(0, tree.root(), 1), vendor());
        int hi = 1 + AttestationPublicInputs.DIGEST_HI;
        int lo = 1 + AttestationPublicInputs.DIGEST_LO;
        boolean hiUsed = false;
        boolean loUsed = false;
        for (var k : circuit.r1cs().constraints()) {
            for (var lc : List.of(k.a(), k.b(), k.c())) {
                hiUsed |= lc.terms().stream().anyMatch(t -> t.wire() == hi);
                loUsed |= lc.terms().stream().anyMatch(t -> t.wire() == lo);
            }
        }
        assertTrue(hiUsed && loUsed);
        // Swapping in another digest without recomputing the witness breaks the system.
        a[hi] = Fr.add(a[hi], BigInteger.ONE);
        assertFalse(circuit.r1cs().isSatisfiedBy(a));
    }

    @Test
    void aNonBooleanDirectionBitFails() throws Exception {
        BigInteger[] a = circuit.witness(pub(0, tree.root(), 1), vendor());
        a[circuit.circuit().wireIndex(circuit.direction(3))] = BigInteger.TWO;
        assertEquals("merkle.level3.direction", circuit.circuit().firstUnsatisfied(a).orElseThrow());
    }

    @Test
    void everyWireIsConstrained() throws Exception {
        // A wire that no constraint pins down is a classic circuit bug (a free witness value).
        // On the depth-1 circuit, changing any single wire but the constant one must break the system.
        AttestationCircuit small = AttestationCircuit.create(1);
        TrustRegistryTree t = new TrustRegistryTree(1);
        t.set(1, TrustRegistryTree.leaf(SECRET, ALLOWED, EXPIRY));
        BigInteger[] a = small.witness(pub(ALLOWED & 0x36L, t.root(), 5),
                new AttestationWitness(SECRET, ALLOWED, EXPIRY, t.path(1)));
        for (int wire = 1; wire < a.length; wire++) {
            BigInteger saved = a[wire];
            a[wire] = Fr.add(saved, BigInteger.ONE);
            assertFalse(small.r1cs().isSatisfiedBy(a), "wire " + wire + " is not constrained");
            a[wire] = saved;
        }
        assertTrue(small.r1cs().isSatisfiedBy(a));
    }

    @Test
    void theSystemIsDeterministic() {
        assertEquals(AttestationCircuit.create(4).r1cs(), AttestationCircuit.create(4).r1cs());
        assertEquals(circuit.r1cs(), AttestationCircuit.create(DEPTH).r1cs());
    }

    @Test
    void wrongShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AttestationCircuit.create(0));
        assertThrows(IllegalArgumentException.class, () -> AttestationCircuit.create(33));
        TrustRegistryTree small = new TrustRegistryTree(3);
        AttestationWitness shallow = new AttestationWitness(SECRET, ALLOWED, EXPIRY, small.path(0));
        UnsatisfiedStatementException e = assertThrows(UnsatisfiedStatementException.class,
                () -> circuit.witness(pub(0, tree.root(), 1), shallow));
        assertEquals(Reason.WRONG_DEPTH, e.reason());
        assertThrows(IllegalArgumentException.class, () -> circuit.assign(pub(0, tree.root(), 1), shallow));
        assertThrows(IllegalArgumentException.class, () -> new AttestationPublicInputs(new byte[31], 0, BigInteger.ONE, 0));
        assertThrows(IllegalArgumentException.class, () -> new AttestationPublicInputs(new byte[32], 0, Fr.R, 0));
        assertThrows(IllegalArgumentException.class, () -> new AttestationWitness(Fr.R, 0, 0, tree.path(0)));
    }

    @Test
    void publicInputDecodingChecksRanges() {
        BigInteger[] ok = pub(-1L, tree.root(), -1L).toFieldElements();
        assertEquals(pub(-1L, tree.root(), -1L), AttestationPublicInputs.fromFieldElements(ok));
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int i = 0; i < AttestationPublicInputs.COUNT; i++) {
            BigInteger[] bad = ok.clone();
            bad[i] = switch (i) {
                case AttestationPublicInputs.DIGEST_HI, AttestationPublicInputs.DIGEST_LO -> two128;
                case AttestationPublicInputs.ROOT -> Fr.R;
                default -> two64;
            };
            assertThrows(IllegalArgumentException.class, () -> AttestationPublicInputs.fromFieldElements(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> AttestationPublicInputs.fromFieldElements(new BigInteger[4]));
    }
}
