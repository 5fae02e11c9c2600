// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.MalformedException;
import org.nonos.test.support.Mutation;

/**
 * Properties of the snarkjs JSON reader ({@link SnarkjsJson}, docs/zk-groth16.md "Encodings"),
 * which takes proofs, verifying keys and public inputs written by other tools: what it writes it
 * reads back equal; an edited document is refused with a {@link MalformedException} or reads to
 * a proof, or inputs, that write and read back to the same value, with every input below r; no
 * other exception. The JSON form is not canonical (snarkjs writes decimal strings and any
 * whitespace), so an accepted edit is not required to give back the edited text.
 */
class SnarkjsJsonPropertyTest {

    @Provide
    Arbitrary<BigInteger> scalars() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> new BigInteger(1, b).max(BigInteger.ONE));
    }

    @Provide
    Arbitrary<Proof> proofs() {
        return scalars().list().ofSize(3).map(k -> new Proof(G1Point.generator().multiply(k.get(0)),
                G2Point.generator().multiply(k.get(1)), G1Point.generator().multiply(k.get(2))));
    }

    @Provide
    Arbitrary<List<BigInteger>> inputs() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> new BigInteger(1, b).mod(Fr.MODULUS))
                .list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Property(tries = 30)
    void proofsRoundTrip(@ForAll("proofs") Proof p) throws MalformedException {
        assertEquals(p, SnarkjsJson.readProof(SnarkjsJson.writeProof(p)));
    }

    @Property(tries = 50)
    void publicInputsRoundTrip(@ForAll("inputs") List<BigInteger> inputs) throws MalformedException {
        BigInteger[] x = inputs.toArray(BigInteger[]::new);
        assertArrayEquals(x, SnarkjsJson.readPublicInputs(SnarkjsJson.writePublicInputs(x)));
    }

    @Property(tries = 100)
    void anEditedProofDocumentIsRefusedOrReadsToAStableProof(@ForAll("proofs") Proof p, @ForAll("mutations") Mutation m) {
        String edited = edit(SnarkjsJson.writeProof(p), m);
        Proof read;
        try {
            read = SnarkjsJson.readProof(edited);
        } catch (MalformedException refused) {
            return;
        }
        try {
            assertEquals(read, SnarkjsJson.readProof(SnarkjsJson.writeProof(read)));
        } catch (MalformedException e) {
            throw new AssertionError("a proof the reader accepted does not read back", e);
        }
    }

    @Property(tries = 100)
    void editedPublicInputsAreRefusedOrAllBelowR(@ForAll("inputs") List<BigInteger> inputs, @ForAll("mutations") Mutation m) {
        String edited = edit(SnarkjsJson.writePublicInputs(inputs.toArray(BigInteger[]::new)), m);
        BigInteger[] read;
        try {
            read = SnarkjsJson.readPublicInputs(edited);
        } catch (MalformedException refused) {
            return;
        }
        for (BigInteger x : read) {
            assertTrue(x.signum() >= 0 && x.compareTo(Fr.MODULUS) < 0, x.toString());
        }
    }

    /** The edit applied to the document's bytes (ISO-8859-1: one char per byte). */
    private static String edit(String json, Mutation m) {
        return new String(m.apply(json.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }
}
