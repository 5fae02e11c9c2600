// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.nonos.attestation.internal.JarDigest;
import org.nonos.crypto.CryptoService;

/**
 * The content digest of a bundle jar: BLAKE3-256 over the jar's entries (every file entry except
 * {@code META-INF/NONOS/ATTESTATION}; directory entries carry no content and are left out),
 * sorted by name, each as length-prefixed name and length-prefixed BLAKE3-256 of its content.
 * Zip metadata (order, timestamps, compression, comments, extra fields) is outside the digest,
 * so re-zipping keeps it; any change of a name or of a content byte changes it.
 * docs/attestation.md "Content digest" has the byte layout.
 */
public final class BundleDigest {
    public static final int BYTES = 32;
    private final byte[] bytes;

    private BundleDigest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A digest from its 32 bytes. */
    public static BundleDigest of(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a bundle digest is " + BYTES + " bytes");
        }
        return new BundleDigest(bytes.clone());
    }

    /** Computes the digest of a jar held in memory. */
    public static BundleDigest compute(CryptoService crypto, byte[] jar) throws MalformedException {
        return new BundleDigest(JarDigest.digest(crypto, JarDigest.read(jar)));
    }

    /** Computes the digest of a jar file. */
    public static BundleDigest compute(CryptoService crypto, Path jar) throws MalformedException {
        return new BundleDigest(JarDigest.digest(crypto, JarDigest.read(jar)));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleDigest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "blake3:" + hex();
    }
}
