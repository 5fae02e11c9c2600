// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.nio.charset.StandardCharsets;
import org.nonos.attestation.MalformedException;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyType;
import org.nonos.zk.circuit.attestation.AttestationPublicInputs;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.VerifyingKey;

/**
 * Checks the three files of a trust anchor in this order: the owner's signature over
 * registry.json (nothing is parsed before it verifies), the document, the verifying key's
 * BLAKE3-256 against the signed digest, then the key itself.
 */
public final class TrustFiles {
    /** A checked registry document and its verifying key. */
    public record Checked(RegistryJson.Document registry, VerifyingKey verifyingKey) {}

    private TrustFiles() {}

    public static Checked check(byte[] registryJson, byte[] signature, byte[] verifyingKey, byte[] ownerPublicKey,
            CryptoService crypto) throws TrustAnchorException {
        if (registryJson == null || signature == null || verifyingKey == null || ownerPublicKey == null) {
            throw new TrustAnchorException("a trust anchor file or the owner key is missing");
        }
        if (ownerPublicKey.length != KeyType.HYBRID_ED25519_ML_DSA_65.publicLength()) {
            throw new TrustAnchorException("the owner public key must be a " + KeyType.HYBRID_ED25519_ML_DSA_65.publicLength()
                    + "-byte Ed25519 + ML-DSA-65 public key");
        }
        boolean signed;
        try {
            signed = crypto.verify(KeyType.HYBRID_ED25519_ML_DSA_65, ownerPublicKey, registryJson,
                    TrustAnchor.SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII), signature);
        } catch (CryptoException e) {
            signed = false;
        }
        if (!signed) {
            throw new TrustAnchorException("the owner's signature over " + TrustAnchor.REGISTRY_FILE + " does not verify");
        }
        RegistryJson.Document doc;
        try {
            doc = RegistryJson.parse(registryJson);
        } catch (MalformedException e) {
            throw new TrustAnchorException(TrustAnchor.REGISTRY_FILE + ": " + e.getMessage(), e);
        }
        String vkDigest = "blake3:" + StrictJson.hex(crypto.blake3(verifyingKey, 32));
        if (!vkDigest.equals(doc.verifyingKeyDigest())) {
            throw new TrustAnchorException(TrustAnchor.VERIFYING_KEY_FILE + " is not the key the registry was signed with");
        }
        VerifyingKey vk;
        try {
            vk = BinaryFormat.decodeVerifyingKey(verifyingKey);
        } catch (org.nonos.zk.bls12381.MalformedException e) {
            throw new TrustAnchorException(TrustAnchor.VERIFYING_KEY_FILE + ": " + e.getMessage(), e);
        }
        if (vk.numPublic() != AttestationPublicInputs.COUNT) {
            throw new TrustAnchorException(TrustAnchor.VERIFYING_KEY_FILE + " takes " + vk.numPublic()
                    + " public inputs, the attestation circuit has " + AttestationPublicInputs.COUNT);
        }
        return new Checked(doc, vk);
    }
}
