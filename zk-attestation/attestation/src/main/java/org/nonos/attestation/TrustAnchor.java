// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nonos.attestation.internal.RegistryJson;
import org.nonos.attestation.internal.TrustFiles;
import org.nonos.crypto.CryptoService;
import org.nonos.zk.groth16.PreparedVerifyingKey;
import org.nonos.zk.groth16.VerifyingKey;

/**
 * What a system trusts: the Groth16 verifying key of the attestation circuit, the trust
 * registry's root and epoch, and the registry's public vendor entries, all signed by the system
 * owner. Loaded from {@code etc/trust/} (docs/attestation.md "Registry layout"):
 * <pre>
 *   verifying.key   the Groth16 verifying key, groth16 binary format (versioned header)
 *   registry.json   root, epoch, depth, capability table, BLAKE3 of verifying.key, vendor entries
 *   registry.sig    the owner's hybrid Ed25519 + ML-DSA-65 signature over registry.json
 * </pre>
 * The owner's public key is configuration, never read from the same directory. A missing file,
 * a malformed one, a verifying key that does not match the signed digest or a bad owner
 * signature refuses to load. Immutable.
 */
public final class TrustAnchor {
    public static final String VERIFYING_KEY_FILE = "verifying.key";
    public static final String REGISTRY_FILE = "registry.json";
    public static final String SIGNATURE_FILE = "registry.sig";
    /** The context string of the owner's signature over registry.json. */
    public static final String SIGNATURE_CONTEXT = "nonos-registry-v1";

    private final RegistryJson.Document registry;
    private final VerifyingKey verifyingKey;
    private final PreparedVerifyingKey prepared;

    private TrustAnchor(RegistryJson.Document registry, VerifyingKey verifyingKey) {
        this.registry = registry;
        this.verifyingKey = verifyingKey;
        this.prepared = new PreparedVerifyingKey(verifyingKey);
    }

    /** Loads and checks {@code dir}; {@code ownerPublicKey} is the owner's hybrid public key. */
    public static TrustAnchor load(Path dir, byte[] ownerPublicKey, CryptoService crypto) throws TrustAnchorException {
        try {
            return fromBytes(Files.readAllBytes(dir.resolve(REGISTRY_FILE)), Files.readAllBytes(dir.resolve(SIGNATURE_FILE)),
                    Files.readAllBytes(dir.resolve(VERIFYING_KEY_FILE)), ownerPublicKey, crypto);
        } catch (IOException e) {
            throw new TrustAnchorException("cannot read the trust anchor in " + dir + ": " + e, e);
        }
    }

    /**
     * Reads an owner public key file ({@code nonos-public-key}, docs/attestation.md "Files"), as
     * written by {@code nonos-registry init}.
     */
    public static byte[] readOwnerPublicKey(Path file) throws TrustAnchorException {
        try {
            return org.nonos.attestation.internal.VendorFiles.parsePublicKey(
                    org.nonos.attestation.internal.KeyFiles.read(file, org.nonos.attestation.internal.VendorFiles.MAX_BYTES));
        } catch (IOException | MalformedException e) {
            throw new TrustAnchorException("owner public key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Installs a new signed registry into {@code dir}, as an administrator does when the owner
     * publishes a new root: everything is checked first (owner signature, document, verifying
     * key) and, when {@code dir} already holds an anchor signed by the same owner, the new one
     * must be newer (a higher serial), so an older registry (one from before a revocation) can
     * never be put back. Only then are the three files written, each atomically.
     */
    public static TrustAnchor install(Path dir, byte[] registryJson, byte[] signature, byte[] verifyingKey,
            byte[] ownerPublicKey, CryptoService crypto) throws TrustAnchorException {
        TrustAnchor next = fromBytes(registryJson, signature, verifyingKey, ownerPublicKey, crypto);
        if (Files.exists(dir.resolve(REGISTRY_FILE))) {
            TrustAnchor current = load(dir, ownerPublicKey, crypto);
            if (Long.compareUnsigned(next.serial(), current.serial()) <= 0) {
                throw new TrustAnchorException("the registry to install (serial " + Long.toUnsignedString(next.serial())
                        + ") is not newer than the installed one (serial " + Long.toUnsignedString(current.serial()) + ")");
            }
        }
        try {
            org.nonos.attestation.internal.KeyFiles.writePublic(dir.resolve(VERIFYING_KEY_FILE), verifyingKey);
            org.nonos.attestation.internal.KeyFiles.writePublic(dir.resolve(REGISTRY_FILE), registryJson);
            org.nonos.attestation.internal.KeyFiles.writePublic(dir.resolve(SIGNATURE_FILE), signature);
        } catch (IOException e) {
            throw new TrustAnchorException("cannot write the trust anchor into " + dir + ": " + e.getMessage(), e);
        }
        return next;
    }

    /** Checks and loads an anchor from the contents of its three files. */
    public static TrustAnchor fromBytes(byte[] registryJson, byte[] signature, byte[] verifyingKey,
            byte[] ownerPublicKey, CryptoService crypto) throws TrustAnchorException {
        TrustFiles.Checked c = TrustFiles.check(registryJson, signature, verifyingKey, ownerPublicKey, crypto);
        return new TrustAnchor(c.registry(), c.verifyingKey());
    }

    public BigInteger root() {
        return registry.root();
    }

    /** The registry's version: 1 at init, one more on every change. */
    public long serial() {
        return registry.serial();
    }

    public long epoch() {
        return registry.epoch();
    }

    public int depth() {
        return registry.depth();
    }

    public int capabilityTable() {
        return registry.capabilityTable();
    }

    public List<RegistryEntry> vendors() {
        return registry.vendors();
    }

    /** The vendor whose signing key has this BLAKE3-256 digest (hex). */
    public Optional<RegistryEntry> vendorBySigningKey(String signingKeyDigest) {
        return registry.vendors().stream().filter(v -> v.signingKeyDigest().equals(signingKeyDigest)).findFirst();
    }

    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }

    public PreparedVerifyingKey preparedVerifyingKey() {
        return prepared;
    }

    @Override
    public String toString() {
        return "TrustAnchor[serial=" + Long.toUnsignedString(serial()) + ", root=" + root().toString(16) + ", epoch=" + Long.toUnsignedString(epoch()) + ", depth="
                + depth() + ", vendors=" + vendors().size() + "]";
    }
}
