// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nonos.crypto.Argon2Profile;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.test.support.Mutation;

/**
 * Properties of the Argon2id PHC string parser ({@link PhcString}, docs/crypto.md "Password
 * hashes"): every stored hash round-trips, and a damaged string is either refused with
 * {@code MALFORMED_ENCODING} or is another strict PHC string that re-emits itself (one stored
 * form per hash: no leading zeros, no padding, canonical Base64).
 */
class PhcStringPropertyTest {

    @Provide
    Arbitrary<PhcString> hashes() {
        Arbitrary<Argon2Profile> profiles = Arbitraries.integers().between(1, Argon2Profile.MAX_PARALLELISM)
                .flatMap(p -> Combinators.combine(Arbitraries.integers().between(8 * p, Argon2Profile.MAX_MEMORY_KIB),
                        Arbitraries.integers().between(1, Argon2Profile.MAX_ITERATIONS))
                        .as((m, t) -> new Argon2Profile(m, t, p)));
        return Combinators.combine(profiles,
                Arbitraries.bytes().array(byte[].class).ofMinSize(Kdf.MIN_SALT).ofMaxSize(PhcString.MAX_SALT),
                Arbitraries.bytes().array(byte[].class).ofMinSize(PhcString.MIN_TAG).ofMaxSize(PhcString.MAX_TAG))
                .as(PhcString::new);
    }

    @Property(tries = 300)
    void emitThenParseIsTheIdentity(@ForAll("hashes") PhcString hash) {
        String s = hash.emit();
        PhcString back = PhcString.parse(s);
        assertEquals(hash.profile(), back.profile());
        assertArrayEquals(hash.salt(), back.salt());
        assertArrayEquals(hash.tag(), back.tag());
        assertEquals(s, back.emit());
    }

    @Property(tries = 500)
    void aDamagedStringIsRefusedOrReEmitsItself(@ForAll("hashes") PhcString hash, @ForAll("mutations") Mutation m) {
        // ISO-8859-1 maps every byte to one char, so every byte-level edit is a string edit.
        String damaged = new String(m.apply(hash.emit().getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
        try {
            assertEquals(damaged, PhcString.parse(damaged).emit());
        } catch (CryptoException e) {
            assertEquals(CryptoError.MALFORMED_ENCODING, e.error(), e.getMessage());
        }
    }

    @Property(tries = 200)
    void aLeadingZeroInAnyCostIsRefused(@ForAll("hashes") PhcString hash, @ForAll("costFields") String field) {
        String s = hash.emit().replace(field, field + "0");
        try {
            PhcString.parse(s);
            throw new AssertionError("parsed " + s);
        } catch (CryptoException e) {
            assertEquals(CryptoError.MALFORMED_ENCODING, e.error());
        }
    }

    @Provide
    Arbitrary<String> costFields() {
        return Arbitraries.of("m=", ",t=", ",p=");
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }
}
