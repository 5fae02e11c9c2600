// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nonos.attestation.MalformedException;
import org.nonos.attestation.RegistryEntry;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyHandle;
import org.nonos.zk.circuit.attestation.AttestationCircuit;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.KeyPair;
import org.nonos.zk.groth16.Setup;

/**
 * The registry owner's operations on a trust directory: every change loads and checks the current
 * signed registry with the owner's key, computes the new document (a new root), and only then
 * writes registry.json and registry.sig (each atomically; a crash between the two leaves a pair
 * whose signature fails, which systems refuse to load: fail closed).
 */
public final class RegistryAdmin {
    public static final long MAX_PROVING_KEY_BYTES = 1L << 31;
    private final CryptoService crypto;

    public RegistryAdmin(CryptoService crypto) {
        this.crypto = crypto;
    }

    /**
     * Creates a registry: runs the (development) Groth16 setup of the attestation circuit at
     * {@code depth}, writes the verifying key and an empty signed registry into {@code trustDir}
     * and the proving key for vendors to {@code provingKey}.
     */
    public RegistryJson.Document init(Path trustDir, KeyHandle owner, int depth, long epoch, Path provingKey,
            SecureRandom random) throws ToolException {
        if (Files.exists(trustDir.resolve(TrustAnchor.REGISTRY_FILE))) {
            throw new ToolException(ToolException.BAD_INPUT, trustDir + " already holds a registry");
        }
        AttestationCircuit circuit;
        try {
            circuit = AttestationCircuit.create(depth);
        } catch (IllegalArgumentException e) {
            throw new ToolException(ToolException.USAGE, e.getMessage(), e);
        }
        KeyPair keys = Setup.generate(circuit.r1cs(), random);
        byte[] vk = BinaryFormat.encodeVerifyingKey(keys.verifyingKey());
        byte[] pk = BinaryFormat.encodeProvingKey(keys.provingKey());
        RegistryJson.Document doc = new RegistryJson.Document(org.nonos.attestation.CapabilityTable.VERSION, depth, 1, epoch,
                new TrustRegistryTree(depth).root(), "blake3:" + StrictJson.hex(crypto.blake3(vk, 32)), List.of());
        try {
            KeyFiles.writePublic(provingKey, pk);
            KeyFiles.writePublic(trustDir.resolve(TrustAnchor.VERIFYING_KEY_FILE), vk);
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot write keys: " + e.getMessage(), e);
        }
        write(trustDir, owner, doc);
        return doc;
    }

    /** The current registry, checked against the owner's public key. */
    public RegistryJson.Document load(Path trustDir, byte[] ownerPublicKey) throws ToolException {
        try {
            return TrustFiles.check(read(trustDir.resolve(TrustAnchor.REGISTRY_FILE)),
                    read(trustDir.resolve(TrustAnchor.SIGNATURE_FILE)), read(trustDir.resolve(TrustAnchor.VERIFYING_KEY_FILE)),
                    ownerPublicKey, crypto).registry();
        } catch (TrustAnchorException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** Adds a vendor at the lowest free leaf index; a new root. */
    public RegistryJson.Document addVendor(Path trustDir, KeyHandle owner, String name, VendorFiles.VendorKey key,
            long allowed, long expiry, Long newEpoch) throws ToolException {
        RegistryJson.Document doc = load(trustDir, owner.publicKey());
        try {
            RegistryJson.checkName(name);
        } catch (MalformedException e) {
            throw new ToolException(ToolException.USAGE, e.getMessage(), e);
        }
        if ((allowed & ~org.nonos.attestation.CapabilityTable.DEFINED_BITS) != 0) {
            throw new ToolException(ToolException.USAGE, "the allowed mask sets reserved capability bits");
        }
        String signing = Statement.signingKeyDigest(crypto, key.signingKey());
        Set<Long> used = new HashSet<>();
        for (RegistryEntry v : doc.vendors()) {
            if (v.name().equals(name) || v.signingKeyDigest().equals(signing) || v.vendorKey().equals(key.vendorKey())) {
                throw new ToolException(ToolException.BAD_INPUT, "vendor " + v.name() + " already has this name or key");
            }
            used.add(v.index());
        }
        long index = 0;
        while (used.contains(index)) {
            index++;
        }
        if (index >= (1L << doc.depth())) {
            throw new ToolException(ToolException.BAD_INPUT, "the registry tree of depth " + doc.depth() + " is full");
        }
        List<RegistryEntry> vendors = new ArrayList<>(doc.vendors());
        vendors.add(new RegistryEntry(name, index, key.vendorKey(), signing, allowed, expiry));
        return commit(trustDir, owner, doc, vendors, newEpoch);
    }

    /** Removes a vendor (its leaf becomes empty); a new root, so its attestations stop verifying. */
    public RegistryJson.Document revokeVendor(Path trustDir, KeyHandle owner, String name, Long newEpoch) throws ToolException {
        RegistryJson.Document doc = load(trustDir, owner.publicKey());
        List<RegistryEntry> vendors = new ArrayList<>(doc.vendors());
        if (!vendors.removeIf(v -> v.name().equals(name))) {
            throw new ToolException(ToolException.BAD_INPUT, "no vendor named " + name);
        }
        return commit(trustDir, owner, doc, vendors, newEpoch);
    }

    /** Moves the registry to a later epoch (same vendors and root). */
    public RegistryJson.Document setEpoch(Path trustDir, KeyHandle owner, long epoch) throws ToolException {
        RegistryJson.Document doc = load(trustDir, owner.publicKey());
        return commit(trustDir, owner, doc, doc.vendors(), epoch);
    }

    /** The path file of vendor {@code name} for the current root and epoch. */
    public VendorFiles.PathFile exportPath(RegistryJson.Document doc, String name) throws ToolException {
        for (RegistryEntry v : doc.vendors()) {
            if (v.name().equals(name)) {
                return new VendorFiles.PathFile(name, doc.depth(), doc.epoch(), doc.root(), v.allowedMask(), v.expiry(),
                        doc.tree().path(v.index()));
            }
        }
        throw new ToolException(ToolException.BAD_INPUT, "no vendor named " + name);
    }

    private RegistryJson.Document commit(Path trustDir, KeyHandle owner, RegistryJson.Document doc,
            List<RegistryEntry> vendors, Long newEpoch) throws ToolException {
        long epoch = newEpoch == null ? doc.epoch() : newEpoch;
        if (Long.compareUnsigned(epoch, doc.epoch()) < 0) {
            throw new ToolException(ToolException.USAGE, "the epoch never goes back: the registry is at "
                    + Long.toUnsignedString(doc.epoch()));
        }
        long serial = doc.serial() + 1;
        RegistryJson.Document next = new RegistryJson.Document(doc.capabilityTable(), doc.depth(), serial, epoch,
                BigInteger.ZERO, doc.verifyingKeyDigest(), vendors);
        next = new RegistryJson.Document(doc.capabilityTable(), doc.depth(), serial, epoch, next.tree().root(),
                doc.verifyingKeyDigest(), vendors);
        write(trustDir, owner, next);
        return next;
    }

    private void write(Path trustDir, KeyHandle owner, RegistryJson.Document doc) throws ToolException {
        byte[] json = RegistryJson.emit(doc);
        byte[] sig = crypto.sign(owner, json, TrustAnchor.SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        try {
            KeyFiles.writePublic(trustDir.resolve(TrustAnchor.REGISTRY_FILE), json);
            KeyFiles.writePublic(trustDir.resolve(TrustAnchor.SIGNATURE_FILE), sig);
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot write the registry: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws ToolException {
        try {
            return KeyFiles.read(file, RegistryJson.MAX_BYTES);
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
