// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** A cheap profile for tests; the default one is exercised once, in {@link #defaultProfile()}. */
    static final Argon2Profile SMALL = new Argon2Profile(64, 1, 1);
    static final PasswordCrypto CRYPTO = TestCrypto.PASSWORDS;

    @Test
    void hashThenVerify() {
        PasswordHasher h = new PasswordHasher(SMALL, CRYPTO);
        PasswordHash ph = h.hash("correct horse".toCharArray());
        assertTrue(h.verify("correct horse".toCharArray(), ph));
        assertFalse(h.verify("correct horsf".toCharArray(), ph));
        assertFalse(h.verify("".toCharArray(), ph));
        assertNotEquals(ph, h.hash("correct horse".toCharArray()), "a fresh salt every time");
    }

    @Test
    void knownAnswerOfTheReferenceImplementation() {
        // Argon2id v=19 test of the reference implementation (phc-winner-argon2, src/test.c):
        // t=2, m=2^16 KiB, p=1, password "password", salt "somesalt".
        String phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        PasswordHash ph = PasswordHash.parse(phc);
        assertEquals("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7", HexFormat.of().formatHex(ph.hash()));
        assertArrayEquals(ph.hash(), new PasswordHasher(SMALL, CRYPTO).derive("password".toCharArray(), ph.profile(), ph.salt(), 32));
        assertTrue(new PasswordHasher(SMALL, CRYPTO).verify("password".toCharArray(), ph));
        assertEquals(phc, ph.encode());
    }

    @Test
    void verifyUsesTheInjectedConstantTimeComparisonOnFullLengthArrays() {
        List<int[]> calls = new ArrayList<>();
        SecretEquality watching = (a, b) -> {
            calls.add(new int[] {a.length, b.length});
            return SecretEquality.CONSTANT_TIME.equal(a, b);
        };
        PasswordHasher h = new PasswordHasher(SMALL, CRYPTO, watching);
        PasswordHash ph = h.hash("s3cret-pass".toCharArray());
        assertTrue(h.verify("s3cret-pass".toCharArray(), ph));
        assertFalse(h.verify("wrong".toCharArray(), ph));
        assertFalse(h.verifyDecoy("anything".toCharArray()));
        assertEquals(3, calls.size(), "every check, including the decoy, goes through the comparison");
        for (int[] c : calls) {
            assertEquals(PasswordHasher.HASH_BYTES, c[0]);
            assertEquals(PasswordHasher.HASH_BYTES, c[1]);
        }
    }

    @Test
    void defaultComparisonIsMessageDigestIsEqual() {
        byte[] a = {1, 2, 3};
        assertTrue(SecretEquality.CONSTANT_TIME.equal(a, new byte[] {1, 2, 3}));
        assertFalse(SecretEquality.CONSTANT_TIME.equal(a, new byte[] {1, 2, 4}));
        assertFalse(SecretEquality.CONSTANT_TIME.equal(a, new byte[] {1, 2}));
    }

    @Test
    void storedParametersWinOverTheCurrentProfile() {
        PasswordHash old = new PasswordHasher(new Argon2Profile(128, 2, 1), CRYPTO).hash("pw-pw-pw-pw".toCharArray());
        PasswordHasher now = new PasswordHasher(SMALL, CRYPTO);
        assertTrue(now.verify("pw-pw-pw-pw".toCharArray(), old));
    }

    @Test
    void phcRoundTripAndRejections() {
        PasswordHash ph = new PasswordHasher(SMALL, CRYPTO).hash("abcdefgh".toCharArray());
        String s = ph.encode();
        assertTrue(s.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), s);
        assertEquals(ph, PasswordHash.parse(s));
        for (String bad : new String[] {
            "", "argon2id", "$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=16$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$t=1,m=64,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=64,t=1,p=1$AAA$AAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAA",
            "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAA$!!!!",
            "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA$extra"}) {
            assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(bad), bad);
        }
    }

    @Test
    void profileText() {
        assertEquals(Argon2Profile.DEFAULT, Argon2Profile.parse("m=65536,t=4,p=1"));
        assertEquals("m=65536,t=4,p=1", Argon2Profile.DEFAULT.toString());
        for (String bad : new String[] {"", "m=64", "m=64,t=1,p=0", "m=4,t=1,p=1", "m=64,t=0,p=1", "m=x,t=1,p=1",
            "m=64,t=1,p=1,q=2"}) {
            assertThrows(IllegalArgumentException.class, () -> Argon2Profile.parse(bad), bad);
        }
    }

    /** The one test with the production profile (64 MiB, 4 passes). */
    @Test
    void defaultProfile() {
        PasswordHasher h = new PasswordHasher(Argon2Profile.DEFAULT, CRYPTO);
        PasswordHash ph = h.hash("production-cost".toCharArray());
        assertEquals(Argon2Profile.DEFAULT, ph.profile());
        assertTrue(h.verify("production-cost".toCharArray(), PasswordHash.parse(ph.encode())));
    }
}
