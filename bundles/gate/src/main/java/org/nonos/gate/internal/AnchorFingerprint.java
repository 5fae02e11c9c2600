// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.nonos.attestation.TrustAnchor;

/**
 * The fingerprint of a trust anchor as files: SHA-256 over the owner's public key file and the
 * three files of {@code etc/trust/} ({@code registry.json}, {@code registry.sig},
 * {@code verifying.key}), each length-prefixed, after a label naming this fingerprint, the gate's
 * verdict cache format and the attestation format it verified:
 *
 * <pre>
 * SHA-256( "NONOS-GATE-ANCHOR-V1\0attestation-v1\0" ‖ for each file: u64 length ‖ bytes )
 * </pre>
 *
 * <p>{@code registry.json} holds the registry root, epoch and serial and the BLAKE3 of the
 * verifying key, and the owner signs exactly those bytes: so two anchors with the same fingerprint
 * have the same root, epoch, vendors, verifying key and owner, and verify every bundle the same
 * way. Computed with the JDK's SHA-256 only, without the crypto service: the boot verdict cache is
 * looked up before the crypto service exists.
 */
final class AnchorFingerprint {
    static final String LABEL = "NONOS-GATE-ANCHOR-V1\0attestation-v1\0";
    /** Far above any real anchor file (the verifying key of 5 public inputs is about 1 KiB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private AnchorFingerprint() {
    }

    /** The fingerprint (64 hex), or empty when a file is missing, unreadable or too large. */
    static Optional<String> of(Path trustDir, Path ownerPublicKey) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        md.update(LABEL.getBytes(StandardCharsets.US_ASCII));
        Path[] files = {ownerPublicKey, trustDir.resolve(TrustAnchor.REGISTRY_FILE), trustDir.resolve(TrustAnchor.SIGNATURE_FILE),
            trustDir.resolve(TrustAnchor.VERIFYING_KEY_FILE)};
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    return Optional.empty();
                }
                md.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
                md.update(bytes);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(HexFormat.of().formatHex(md.digest()));
    }
}
