// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.test.support.Mutation;

/**
 * Properties of AEAD ciphertexts, the bytes an opener takes from outside (RFC 8439 §2.8,
 * draft-irtf-cfrg-xchacha-03): open inverts seal on both paths (the JDK's and Bouncy Castle's),
 * and any edit of a sealed message (a flipped bit, a changed, dropped or inserted byte, a cut or
 * an extension) is refused with {@code AUTHENTICATION_FAILED}, or {@code INVALID_LENGTH} when
 * it is shorter than a tag, on both paths; no plaintext is returned.
 */
class AeadPropertyTest {

    @Property(tries = 200)
    void openInvertsSealOnBothPaths(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
            @ForAll @Size(max = 64) byte[] aad, @ForAll @Size(max = 2048) byte[] plaintext) {
        byte[] sealed = Aead.sealX(key, nonce, aad, plaintext);
        assertArrayEquals(sealed, BcAead.seal(true, key, nonce, aad, plaintext));
        assertArrayEquals(plaintext, Aead.openX(key, nonce, aad, sealed));
        assertArrayEquals(plaintext, BcAead.open(true, key, nonce, aad, sealed));
        byte[] nonce12 = Arrays.copyOf(nonce, Aead.NONCE_LENGTH);
        assertArrayEquals(plaintext, Aead.open(key, nonce12, aad, Aead.seal(key, nonce12, aad, plaintext)));
    }

    @Property(tries = 300)
    void anEditedCiphertextNeverOpens(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
            @ForAll @Size(max = 16) byte[] aad, @ForAll @Size(max = 300) byte[] plaintext, @ForAll("mutations") Mutation m) {
        byte[] sealed = Aead.sealX(key, nonce, aad, plaintext);
        byte[] damaged = m.apply(sealed);
        if (Arrays.equals(damaged, sealed)) {
            return; // an overwrite with the byte already there is no edit
        }
        refused(() -> Aead.openX(key, nonce, aad, damaged));
        refused(() -> BcAead.open(true, key, nonce, aad, damaged));
    }

    private static void refused(Runnable open) {
        try {
            open.run();
            throw new AssertionError("an edited ciphertext opened");
        } catch (CryptoException e) {
            assertTrue(Set.of(CryptoError.AUTHENTICATION_FAILED, CryptoError.INVALID_LENGTH).contains(e.error()), e.getMessage());
        }
    }

    @Property(tries = 100)
    void theWrongAssociatedDataNeverOpens(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
            @ForAll @Size(max = 16) byte[] aad, @ForAll @Size(max = 16) byte[] otherAad, @ForAll @Size(max = 100) byte[] plaintext) {
        if (Arrays.equals(aad, otherAad)) {
            return;
        }
        byte[] sealed = Aead.sealX(key, nonce, aad, plaintext);
        try {
            Aead.openX(key, nonce, otherAad, sealed);
            throw new AssertionError("opened under other associated data");
        } catch (CryptoException e) {
            assertEquals(CryptoError.AUTHENTICATION_FAILED, e.error());
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }
}
