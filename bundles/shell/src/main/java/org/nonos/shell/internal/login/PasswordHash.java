// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.util.Arrays;
import java.util.Base64;

/**
 * An Argon2id hash with its parameters and salt, in the PHC string format
 * ({@code $argon2id$v=19$m=65536,t=4,p=1$<salt>$<hash>}, base64 without padding), the form the
 * reference implementation of RFC 9106 prints. Only version 19 (0x13) and Argon2id are accepted.
 */
public record PasswordHash(Argon2Profile profile, byte[] salt, byte[] hash) {
    static final int VERSION = 0x13;
    static final int MIN_SALT = 8;
    static final int MAX_SALT = 64;
    static final int MIN_HASH = 16;
    static final int MAX_HASH = 64;

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public PasswordHash {
        if (salt.length < MIN_SALT || salt.length > MAX_SALT) {
            throw new IllegalArgumentException("salt must be " + MIN_SALT + ".." + MAX_SALT + " bytes");
        }
        if (hash.length < MIN_HASH || hash.length > MAX_HASH) {
            throw new IllegalArgumentException("hash must be " + MIN_HASH + ".." + MAX_HASH + " bytes");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    public String encode() {
        return "$argon2id$v=" + VERSION + "$" + profile + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Parses the PHC form; throws {@link IllegalArgumentException} with the reason. */
    public static PasswordHash parse(String s) {
        String[] f = s.split("\\$", -1);
        if (f.length != 6 || !f[0].isEmpty()) {
            throw new IllegalArgumentException("not a PHC hash string");
        }
        if (!f[1].equals("argon2id")) {
            throw new IllegalArgumentException("algorithm '" + f[1] + "' is not argon2id");
        }
        if (!f[2].equals("v=" + VERSION)) {
            throw new IllegalArgumentException("argon2 version '" + f[2] + "' is not v=19");
        }
        Argon2Profile profile = Argon2Profile.parse(f[3]);
        if (!f[3].equals(profile.toString())) {
            throw new IllegalArgumentException("argon2 parameters not in canonical m,t,p order");
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = B64D.decode(f[4]);
            hash = B64D.decode(f[5]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad base64 in salt or hash");
        }
        if (f[4].endsWith("=") || f[5].endsWith("=")) {
            throw new IllegalArgumentException("PHC base64 has no padding");
        }
        return new PasswordHash(profile, salt, hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.profile.equals(profile) && Arrays.equals(p.salt, salt)
            && Arrays.equals(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return profile.hashCode() * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + profile + "]";
    }
}
