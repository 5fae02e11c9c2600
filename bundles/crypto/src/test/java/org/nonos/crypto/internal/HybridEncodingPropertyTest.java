// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.Encapsulation;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.test.support.Mutation;

/**
 * Properties of the hybrid encodings a peer sends (docs/crypto.md "Algorithm choices"): the
 * hybrid Ed25519 + ML-DSA-65 public key (A ‖ pk) and signature (Ed25519 ‖ ML-DSA-65), and the
 * hybrid X25519 + ML-KEM-768 public key (ek ‖ u) and ciphertext (ct ‖ u). Any edit of a
 * signature or of the key it is checked against makes {@code verify} return false (never throw);
 * an edited KEM ciphertext is refused with a typed error or decapsulates to a secret other than
 * the sender's; an edited KEM public key is refused with a typed error or gives a secret the
 * real key does not share. Keys come from fixed seeds; each try costs one verification or one
 * KEM operation (about 0.1–1 ms), so the tries are few.
 */
class HybridEncodingPropertyTest {
    private static final CryptoService CRYPTO = new CryptoServiceImpl(new FixedSeeds(41));
    private static final byte[] MESSAGE = "bundle digest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTEXT = "nonos-attestation-v1".getBytes(StandardCharsets.US_ASCII);
    private static final KeyHandle SIGNING = key(KeyType.HYBRID_ED25519_ML_DSA_65, 1);
    private static final byte[] SIGNING_PUBLIC = SIGNING.publicKey();
    private static final byte[] SIGNATURE = CRYPTO.sign(SIGNING, MESSAGE, CONTEXT);
    private static final KeyHandle KEM = key(KeyType.HYBRID_X25519_ML_KEM_768, 2);
    private static final byte[] KEM_PUBLIC = KEM.publicKey();
    private static final Encapsulation SENT = CRYPTO.encapsulate(KeyType.HYBRID_X25519_ML_KEM_768, KEM_PUBLIC);

    private static KeyHandle key(KeyType type, int fill) {
        byte[] material = new byte[type.privateLength()];
        Arrays.fill(material, (byte) fill);
        return CRYPTO.importKey(new KeyCodec(type, material).emit());
    }

    private static boolean sameSecret(KeyHandle x, KeyHandle y) {
        return CRYPTO.<Boolean>withSecret(x, a -> CRYPTO.<Boolean>withSecret(y, b -> Arrays.equals(a, b)));
    }

    @Property(tries = 40)
    void anEditedHybridSignatureNeverVerifies(@ForAll("mutations") Mutation m) {
        assertTrue(CRYPTO.verify(KeyType.HYBRID_ED25519_ML_DSA_65, SIGNING_PUBLIC, MESSAGE, CONTEXT, SIGNATURE));
        byte[] damaged = m.apply(SIGNATURE);
        if (!Arrays.equals(damaged, SIGNATURE)) {
            assertFalse(CRYPTO.verify(KeyType.HYBRID_ED25519_ML_DSA_65, SIGNING_PUBLIC, MESSAGE, CONTEXT, damaged));
        }
    }

    @Property(tries = 40)
    void aSignatureNeverVerifiesUnderAnEditedHybridKey(@ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(SIGNING_PUBLIC);
        if (!Arrays.equals(damaged, SIGNING_PUBLIC)) {
            assertFalse(CRYPTO.verify(KeyType.HYBRID_ED25519_ML_DSA_65, damaged, MESSAGE, CONTEXT, SIGNATURE));
        }
    }

    @Property(tries = 40)
    void anEditedKemCiphertextIsRefusedOrGivesAnotherSecret(@ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(SENT.ciphertext());
        if (Arrays.equals(damaged, SENT.ciphertext())) {
            return;
        }
        try (KeyHandle secret = CRYPTO.decapsulate(KEM, damaged)) {
            // ML-KEM's implicit rejection (FIPS 203 §6.3) or another X25519 share: never the sent secret.
            assertFalse(sameSecret(secret, SENT.secret()));
        } catch (CryptoException e) {
            assertTrue(Set.of(CryptoError.INVALID_LENGTH, CryptoError.ZERO_SHARED_SECRET).contains(e.error()), e.getMessage());
        }
    }

    @Property(tries = 40)
    void anEditedKemPublicKeyIsRefusedOrSharesNothingWithTheRealKey(@ForAll("mutations") Mutation m) {
        byte[] damaged = m.apply(KEM_PUBLIC);
        if (Arrays.equals(damaged, KEM_PUBLIC)) {
            return;
        }
        Encapsulation e;
        try {
            e = CRYPTO.encapsulate(KeyType.HYBRID_X25519_ML_KEM_768, damaged);
        } catch (CryptoException refused) {
            assertTrue(Set.of(CryptoError.INVALID_KEY, CryptoError.MALFORMED_ENCODING, CryptoError.ZERO_SHARED_SECRET)
                    .contains(refused.error()), refused.getMessage());
            return;
        }
        try (KeyHandle theirs = e.secret(); KeyHandle ours = CRYPTO.decapsulate(KEM, e.ciphertext())) {
            assertFalse(sameSecret(theirs, ours));
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }
}
