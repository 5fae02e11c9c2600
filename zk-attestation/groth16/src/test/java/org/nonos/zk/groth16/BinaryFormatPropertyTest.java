// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.MalformedException;
import org.nonos.test.support.Mutation;

/**
 * Properties of the binary format of proofs, verifying keys and proving keys
 * ({@link BinaryFormat}, docs/zk-groth16.md "Binary format"), the bytes a verifier reads from a
 * bundle's attestation and from key files: encode then decode is the identity; an edited
 * encoding (a flipped bit, a changed, dropped or inserted byte, a cut or an extension) is refused
 * with a {@link MalformedException} or decodes to an object whose encoding is exactly the edited
 * bytes; a proof of any other length than {@value BinaryFormat#PROOF_BYTES} bytes is BAD_LENGTH.
 * Points are k·G for random k (group elements by construction), so the properties are about the
 * format; the point checks themselves are bls12381's PointEncodingPropertyTest.
 */
class BinaryFormatPropertyTest {
    /** A real proving key of the multiplier circuit (a few dozen points), made once. */
    private static final byte[] PROVING_KEY =
            BinaryFormat.encodeProvingKey(Setup.generate(Circuits.multiplier(), new SecureRandom()).provingKey());

    @Provide
    Arbitrary<BigInteger> scalars() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> new BigInteger(1, b).max(BigInteger.ONE));
    }

    @Provide
    Arbitrary<Proof> proofs() {
        return scalars().list().ofSize(3).map(k -> new Proof(g1(k.get(0)), g2(k.get(1)), g1(k.get(2))));
    }

    @Provide
    Arbitrary<VerifyingKey> verifyingKeys() {
        return scalars().list().ofMinSize(5).ofMaxSize(9).map(k -> {
            List<G1Point> ic = new ArrayList<>();
            for (BigInteger x : k.subList(4, k.size())) {
                ic.add(g1(x));
            }
            return new VerifyingKey(g1(k.get(0)), g2(k.get(1)), g2(k.get(2)), g2(k.get(3)), ic);
        });
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    private static G1Point g1(BigInteger k) {
        return G1Point.generator().multiply(k);
    }

    private static G2Point g2(BigInteger k) {
        return G2Point.generator().multiply(k);
    }

    @Property(tries = 30)
    void proofsRoundTrip(@ForAll("proofs") Proof p) throws MalformedException {
        byte[] bytes = BinaryFormat.encodeProof(p);
        assertEquals(BinaryFormat.PROOF_BYTES, bytes.length);
        Proof back = BinaryFormat.decodeProof(bytes);
        assertEquals(p, back);
        assertArrayEquals(bytes, BinaryFormat.encodeProof(back));
    }

    @Property(tries = 100)
    void anEditedProofIsRefusedOrReEncodesItself(@ForAll("proofs") Proof p, @ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(BinaryFormat.encodeProof(p));
        try {
            assertArrayEquals(damaged, BinaryFormat.encodeProof(BinaryFormat.decodeProof(damaged)));
        } catch (MalformedException refused) {
            if (damaged.length != BinaryFormat.PROOF_BYTES) {
                assertEquals(MalformedException.Reason.BAD_LENGTH, refused.reason());
            }
        }
    }

    @Property(tries = 100)
    void aProofOfAnyOtherLengthIsBadLength(@ForAll @Size(max = 400) byte[] bytes) {
        if (bytes.length == BinaryFormat.PROOF_BYTES) {
            return;
        }
        try {
            BinaryFormat.decodeProof(bytes);
            throw new AssertionError("a " + bytes.length + "-byte proof decoded");
        } catch (MalformedException e) {
            assertEquals(MalformedException.Reason.BAD_LENGTH, e.reason());
        }
    }

    @Property(tries = 20)
    void verifyingKeysRoundTrip(@ForAll("verifyingKeys") VerifyingKey vk) throws MalformedException {
        byte[] bytes = BinaryFormat.encodeVerifyingKey(vk);
        VerifyingKey back = BinaryFormat.decodeVerifyingKey(bytes);
        assertEquals(vk, back);
        assertArrayEquals(bytes, BinaryFormat.encodeVerifyingKey(back));
    }

    @Property(tries = 60)
    void anEditedVerifyingKeyIsRefusedOrReEncodesItself(@ForAll("verifyingKeys") VerifyingKey vk,
            @ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(BinaryFormat.encodeVerifyingKey(vk));
        try {
            assertArrayEquals(damaged, BinaryFormat.encodeVerifyingKey(BinaryFormat.decodeVerifyingKey(damaged)));
        } catch (MalformedException refused) {
            // Refused with a typed reason: the wanted outcome.
        }
    }

    @Property(tries = 60)
    void aVerifyingKeyCutShortIsRefused(@ForAll("verifyingKeys") VerifyingKey vk, @ForAll @IntRange(min = 1, max = 1000) int cut) {
        byte[] bytes = BinaryFormat.encodeVerifyingKey(vk);
        byte[] prefix = Arrays.copyOf(bytes, Math.max(0, bytes.length - cut));
        try {
            BinaryFormat.decodeVerifyingKey(prefix);
            throw new AssertionError("a verifying key cut by " + cut + " bytes decoded");
        } catch (MalformedException e) {
            assertEquals(MalformedException.Reason.BAD_LENGTH, e.reason(), e.getMessage());
        }
    }

    @Property(tries = 40)
    void anEditedProvingKeyIsRefusedOrReEncodesItself(@ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(PROVING_KEY);
        try {
            assertArrayEquals(damaged, BinaryFormat.encodeProvingKey(BinaryFormat.decodeProvingKey(damaged)));
        } catch (MalformedException refused) {
            // Refused with a typed reason: the wanted outcome.
        }
    }
}
