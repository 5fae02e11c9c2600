// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.nonos.attestation.BundleDigest;
import org.nonos.crypto.CryptoService;
import org.nonos.zk.circuit.attestation.AttestationPublicInputs;

/**
 * The public statement of an attestation proof. The circuit's digest input is not the bundle
 * digest itself but
 * <pre>  bound = BLAKE3-256("NONOS-ATTESTATION-PROOF\0" ‖ bundle digest (32) ‖ signing public key (1984))</pre>
 * so a proof holds for one bundle <em>and</em> one signing key: it can be moved neither to
 * another bundle nor under another vendor's signature (docs/attestation.md "Binding").
 */
public final class Statement {
    private static final byte[] TAG = "NONOS-ATTESTATION-PROOF\0".getBytes(StandardCharsets.US_ASCII);

    private Statement() {}

    public static byte[] boundDigest(CryptoService crypto, BundleDigest digest, byte[] signingKey) {
        ByteBuffer b = ByteBuffer.allocate(TAG.length + 32 + signingKey.length);
        b.put(TAG).put(digest.bytes()).put(signingKey);
        return crypto.blake3(b.array(), 32);
    }

    public static AttestationPublicInputs publicInputs(CryptoService crypto, BundleDigest digest, byte[] signingKey,
            long mask, BigInteger root, long epoch) {
        return new AttestationPublicInputs(boundDigest(crypto, digest, signingKey), mask, root, epoch);
    }

    public static List<BigInteger> asList(AttestationPublicInputs p) {
        return Arrays.asList(p.toFieldElements());
    }

    /** BLAKE3-256 of a signing public key, hex: how registry.json names a vendor's key. */
    public static String signingKeyDigest(CryptoService crypto, byte[] signingKey) {
        return StrictJson.hex(crypto.blake3(signingKey, 32));
    }
}
