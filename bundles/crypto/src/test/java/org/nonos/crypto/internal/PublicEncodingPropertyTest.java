// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.Encapsulation;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.test.support.Mutation;

/**
 * Properties of the single-algorithm encodings a peer sends (docs/crypto.md "Algorithm choices"
 * and its edge-case policies): an edited Ed25519 or ML-DSA-65 signature, or the signature under
 * an edited public key, verifies false and never throws; any 32 bytes are an X25519 peer key
 * that either agrees symmetrically (RFC 7748 §5: the top bit is masked) or is refused with
 * {@code ZERO_SHARED_SECRET}; an edited ML-KEM-768 ciphertext is {@code INVALID_LENGTH} or
 * decapsulates to another secret (FIPS 203 implicit rejection). Keys come from fixed seeds.
 */
class PublicEncodingPropertyTest {
    private static final CryptoService CRYPTO = new CryptoServiceImpl(new FixedSeeds(43));
    private static final byte[] MESSAGE = "bundle digest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTEXT = "ctx".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = new byte[0];
    private static final KeyHandle ED = key(KeyType.ED25519, 3);
    private static final byte[] ED_SIGNATURE = CRYPTO.sign(ED, MESSAGE, NONE);
    private static final KeyHandle ML = key(KeyType.ML_DSA_65, 4);
    private static final byte[] ML_SIGNATURE = CRYPTO.sign(ML, MESSAGE, CONTEXT);
    private static final KeyHandle X = key(KeyType.X25519, 5);
    private static final KeyHandle KEM = key(KeyType.ML_KEM_768, 6);
    private static final Encapsulation SENT = CRYPTO.encapsulate(KeyType.ML_KEM_768, KEM.publicKey());

    private static KeyHandle key(KeyType type, int fill) {
        byte[] material = new byte[type.privateLength()];
        Arrays.fill(material, (byte) fill);
        return CRYPTO.importKey(new KeyCodec(type, material).emit());
    }

    private static byte[] secret(KeyHandle k) {
        return CRYPTO.withSecret(k, byte[]::clone);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Property(tries = 100)
    void anEditedEd25519SignatureOrKeyNeverVerifies(@ForAll("mutations") Mutation m, @ForAll boolean editKey) {
        byte[] pk = ED.publicKey();
        assertTrue(CRYPTO.verify(KeyType.ED25519, pk, MESSAGE, NONE, ED_SIGNATURE));
        byte[] damaged = m.apply(editKey ? pk : ED_SIGNATURE);
        if (!Arrays.equals(damaged, editKey ? pk : ED_SIGNATURE)) {
            assertFalse(CRYPTO.verify(KeyType.ED25519, editKey ? damaged : pk, MESSAGE, NONE, editKey ? ED_SIGNATURE : damaged));
        }
    }

    @Property(tries = 60)
    void anEditedMlDsaSignatureOrKeyNeverVerifies(@ForAll("mutations") Mutation m, @ForAll boolean editKey) {
        byte[] pk = ML.publicKey();
        assertTrue(CRYPTO.verify(KeyType.ML_DSA_65, pk, MESSAGE, CONTEXT, ML_SIGNATURE));
        byte[] damaged = m.apply(editKey ? pk : ML_SIGNATURE);
        if (!Arrays.equals(damaged, editKey ? pk : ML_SIGNATURE)) {
            assertFalse(CRYPTO.verify(KeyType.ML_DSA_65, editKey ? damaged : pk, MESSAGE, CONTEXT, editKey ? ML_SIGNATURE : damaged));
        }
    }

    @Property(tries = 100)
    void anyX25519PeerKeyAgreesSymmetricallyOrIsRefused(@ForAll @Size(32) byte[] peerScalar, @ForAll @Size(32) byte[] peerKey) {
        // A real peer: both sides get the same secret.
        try (KeyHandle peer = CRYPTO.importKey(new KeyCodec(KeyType.X25519, peerScalar).emit());
                KeyHandle ours = CRYPTO.agree(X, peer.publicKey()); KeyHandle theirs = CRYPTO.agree(peer, X.publicKey())) {
            assertArrayEquals(secret(ours), secret(theirs));
        }
        // Arbitrary bytes: RFC 7748 decoding (top bit masked), or a typed refusal of a zero secret.
        byte[] masked = peerKey.clone();
        masked[31] &= 0x7f;
        try (KeyHandle a = CRYPTO.agree(X, peerKey); KeyHandle b = CRYPTO.agree(X, masked)) {
            assertArrayEquals(secret(a), secret(b));
        } catch (CryptoException e) {
            assertEquals(CryptoError.ZERO_SHARED_SECRET, e.error(), e.getMessage());
        }
    }

    @Property(tries = 60)
    void anEditedMlKemCiphertextIsRefusedOrGivesAnotherSecret(@ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(SENT.ciphertext());
        if (Arrays.equals(damaged, SENT.ciphertext())) {
            return;
        }
        try (KeyHandle got = CRYPTO.decapsulate(KEM, damaged)) {
            assertFalse(Arrays.equals(secret(got), secret(SENT.secret())));
        } catch (CryptoException e) {
            assertTrue(Set.of(CryptoError.INVALID_LENGTH).contains(e.error()), e.getMessage());
        }
    }
}
