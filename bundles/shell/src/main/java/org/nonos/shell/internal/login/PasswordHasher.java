// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Argon2id (RFC 9106) through the crypto service: new hashes with the configured profile, checks in
 * constant time. The password's bytes are its UTF-8 encoding (as RFC 9106 leaves it to the caller,
 * and as the hashes in existing account files were made).
 */
public final class PasswordHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Profile profile;
    private final PasswordCrypto crypto;
    private final SecretEquality equality;
    private final Runnable afterDerive;
    private volatile PasswordHash decoy;

    /**
     * @param afterDerive run after each Argon2id derivation, whatever its outcome ({@link HeapTrim}
     *                    in the shell: the derivation's memory is garbage then)
     */
    public PasswordHasher(Argon2Profile profile, PasswordCrypto crypto, SecretEquality equality, Runnable afterDerive) {
        this.profile = profile;
        this.crypto = crypto;
        this.equality = equality;
        this.afterDerive = afterDerive;
    }

    public PasswordHasher(Argon2Profile profile, PasswordCrypto crypto, SecretEquality equality) {
        this(profile, crypto, equality, () -> { });
    }

    public PasswordHasher(Argon2Profile profile, PasswordCrypto crypto) {
        this(profile, crypto, SecretEquality.CONSTANT_TIME);
    }

    public Argon2Profile profile() {
        return profile;
    }

    public PasswordHash hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        crypto.randomBytes(salt);
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
            crypto.randomBytes(salt);
            byte[] h = new byte[HASH_BYTES];
            crypto.randomBytes(h);
            d = new PasswordHash(profile, salt, h);
            decoy = d;
        }
        verify(password, d);
        return false;
    }

    byte[] derive(char[] password, Argon2Profile p, byte[] salt, int length) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[utf8.remaining()];
        utf8.get(pw);
        try {
            return crypto.argon2id(pw, salt, p, length);
        } finally {
            Arrays.fill(pw, (byte) 0);
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
            afterDerive.run();
        }
    }
}
