// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nonos.crypto.Argon2Profile;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;

/**
 * The stored form of an Argon2id password hash: the PHC string format (P-H-C/phc-string-format),
 * as the reference implementation writes it, so that every parameter travels with the hash:
 * <pre>$argon2id$v=19$m=&lt;KiB&gt;,t=&lt;passes&gt;,p=&lt;lanes&gt;$&lt;salt&gt;$&lt;tag&gt;</pre>
 * v=19 is Argon2 version 0x13 (the format's version field); salt and tag are standard Base64
 * without padding. Parsing is strict: exactly this field order, decimal without leading zeros,
 * canonical Base64, salt 8..64 bytes, tag 16..64 bytes, costs within {@link Argon2Profile}'s
 * bounds; anything else is {@link CryptoError#MALFORMED_ENCODING}.
 *
 * @param profile cost parameters
 * @param salt the salt
 * @param tag the Argon2id output
 */
record PhcString(Argon2Profile profile, byte[] salt, byte[] tag) {
    static final int MIN_TAG = 16;
    static final int MAX_TAG = 64;
    static final int MAX_SALT = 64;
    static final int MAX_LENGTH = 256;
    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(0|[1-9][0-9]{0,9}),t=(0|[1-9][0-9]{0,9}),p=(0|[1-9][0-9]{0,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    static PhcString parse(String encoded) {
        if (encoded == null || encoded.length() > MAX_LENGTH) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "not an Argon2id PHC string");
        }
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "not a version-19 Argon2id PHC string");
        }
        Argon2Profile profile;
        try {
            profile = new Argon2Profile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (NumberFormatException | CryptoException e) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "Argon2id parameters out of range", e);
        }
        byte[] salt = decode(m.group(4));
        byte[] tag = decode(m.group(5));
        if (salt.length < Kdf.MIN_SALT || salt.length > MAX_SALT || tag.length < MIN_TAG || tag.length > MAX_TAG) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "salt or tag length out of range");
        }
        return new PhcString(profile, salt, tag);
    }

    String emit() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + profile.memoryKiB() + ",t=" + profile.iterations() + ",p=" + profile.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(tag);
    }

    private static byte[] decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(padded(text));
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "bad Base64 in PHC string", e);
        }
        // Canonical only: the unused low bits of the last character must be zero.
        if (!Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "non-canonical Base64 in PHC string");
        }
        return bytes;
    }

    private static String padded(String text) {
        if (text.length() % 4 == 1) {
            throw new CryptoException(CryptoError.MALFORMED_ENCODING, "impossible Base64 length");
        }
        return text + "==".substring(0, (4 - text.length() % 4) % 4);
    }
}
