// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal.tools;

import java.io.IOException;
import java.nio.file.Path;
import org.nonos.attestation.internal.KeyFiles;
import org.nonos.attestation.internal.ToolException;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;

/** The crypto service for the command-line tools (outside OSGi), and key-file helpers. */
final class ToolCrypto {
    private ToolCrypto() {}

    static CryptoService create() {
        return org.nonos.attestation.internal.StandaloneCrypto.create();
    }

    /** Imports a hybrid signing key file written by keygen or init. */
    static KeyHandle readSigningKey(CryptoService crypto, Path file) throws ToolException {
        byte[] encoded = null;
        try {
            encoded = KeyFiles.read(file, 4096);
            KeyHandle k = crypto.importKey(encoded);
            if (k.type() != KeyType.HYBRID_ED25519_ML_DSA_65) {
                k.close();
                throw new ToolException(ToolException.BAD_INPUT, file + " is a " + k.type() + " key, not an Ed25519 + ML-DSA-65 signing key");
            }
            return k;
        } catch (IOException | CryptoException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot read the key " + file + ": " + e.getMessage(), e);
        } finally {
            if (encoded != null) {
                java.util.Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    /** Writes a key's serialisation to a new file readable by its owner only. */
    static void writeSigningKey(CryptoService crypto, KeyHandle key, Path file) throws ToolException {
        byte[] encoded = crypto.exportKey(key);
        try {
            KeyFiles.writeSecret(file, encoded);
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(encoded, (byte) 0);
        }
    }
}
