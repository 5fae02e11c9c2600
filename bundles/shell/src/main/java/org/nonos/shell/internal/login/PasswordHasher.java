// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (RFC 9106) with Bouncy Castle: new hashes with the configured profile, checks in constant time. */
public final class PasswordHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Profile profile;
    private final SecureRandom random;
    private final SecretEquality equality;
    private volatile PasswordHash decoy;

    public PasswordHasher(Argon2Profile profile, SecureRandom random, SecretEquality equality) {
        this.profile = profile;
        this.random = random;
        this.equality = equality;
    }

    public PasswordHasher(Argon2Profile profile) {
        this(profile, new SecureRandom(), SecretEquality.CONSTANT_TIME);
    }

    public Argon2Profile profile() {
        return profile;
    }

    public PasswordHash hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(profile, salt, derive(password, profile, salt, HASH_BYTES));
    }

    /** True when {@code password} matches; the comparison of the derived bytes is constant-time. */
    public boolean verify(char[] password, PasswordHash stored) {
        byte[] expected = stored.hash();
        byte[] actual = derive(password, stored.profile(), stored.salt(), expected.length);
        try {
            return equality.equal(actual, expected);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    /**
     * Does the same work as a real check for a user who does not exist, so that the time of a failed
     * login does not tell whether the name was right. Always false.
     */
    public boolean verifyDecoy(char[] password) {
        PasswordHash d = decoy;
        if (d == null) {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            byte[] h = new byte[HASH_BYTES];
            random.nextBytes(h);
            d = new PasswordHash(profile, salt, h);
            decoy = d;
        }
        verify(password, d);
        return false;
    }

    static byte[] derive(char[] password, Argon2Profile p, byte[] salt, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        gen.generateBytes(password, out);
        return out;
    }
}
