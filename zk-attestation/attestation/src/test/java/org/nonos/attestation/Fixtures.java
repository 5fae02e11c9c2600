// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nonos.attestation.internal.Attester;
import org.nonos.attestation.internal.RegistryAdmin;
import org.nonos.attestation.internal.RegistryJson;
import org.nonos.attestation.internal.ToolException;
import org.nonos.attestation.internal.VendorFiles;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.attestation.AttestationCircuit;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.Prover;
import org.nonos.zk.groth16.ProvingKey;

/**
 * Shared test fixtures: one crypto service, one development setup of the depth-4 attestation
 * circuit per JVM (the setup is the slow part), registries in temporary directories, vendors,
 * bundle jars and attestations.
 */
final class Fixtures {
    static final int DEPTH = 4;
    static final CryptoService CRYPTO = org.nonos.attestation.internal.StandaloneCrypto.create();
    static final String SERIAL_RW = "device:serial;rights=read,write";
    static final String SERIAL_RW_CRYPTO = "device:serial;rights=read,write, service:org.nonos.crypto.CryptoService;rights=call";

    private static Path keysDir;
    private static ProvingKey provingKey;
    private static byte[] verifyingKey;
    private static Prover prover;
    private static final AttestationCircuit CIRCUIT = AttestationCircuit.create(DEPTH);

    private Fixtures() {}

    /** A vendor's secrets and public registration. */
    record Vendor(String name, KeyHandle signing, BigInteger secret) {
        VendorFiles.VendorKey publicKey() {
            return new VendorFiles.VendorKey(TrustRegistryTree.vendorKey(secret), signing.publicKey());
        }
    }

    /** A registry in a temporary directory, owned by {@code owner}. */
    record Registry(Path dir, KeyHandle owner, RegistryAdmin admin) {
        TrustAnchor anchor() throws TrustAnchorException {
            return TrustAnchor.load(dir, owner.publicKey(), CRYPTO);
        }

        AttestationVerifier verifier() throws TrustAnchorException {
            return AttestationVerifier.create(anchor(), CRYPTO);
        }

        RegistryJson.Document add(Vendor v, String allowed, long expiry) throws Exception {
            return admin.addVendor(dir, owner, v.name(), v.publicKey(), CapabilityRequest.parse(allowed).mask(), expiry, null);
        }

        VendorFiles.PathFile path(Vendor v) throws ToolException {
            return admin.exportPath(admin.load(dir, owner.publicKey()), v.name());
        }
    }

    static synchronized void ensureKeys() {
        if (prover != null) {
            return;
        }
        try {
            keysDir = Files.createTempDirectory("nonos-attest-keys");
            KeyHandle owner = CRYPTO.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65);
            Path pk = keysDir.resolve("proving.key");
            new RegistryAdmin(CRYPTO).init(keysDir.resolve("trust"), owner, DEPTH, 1, pk, new SecureRandom());
            provingKey = BinaryFormat.decodeProvingKey(Files.readAllBytes(pk));
            verifyingKey = Files.readAllBytes(keysDir.resolve("trust").resolve(TrustAnchor.VERIFYING_KEY_FILE));
            prover = new Prover(CIRCUIT.r1cs(), provingKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new empty registry at {@code epoch} that shares the per-JVM Groth16 keys. */
    static Registry registry(Path dir, long epoch) throws Exception {
        ensureKeys();
        KeyHandle owner = CRYPTO.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65);
        Files.createDirectories(dir);
        Files.write(dir.resolve(TrustAnchor.VERIFYING_KEY_FILE), verifyingKey);
        // An empty registry document, signed like init signs it (init itself runs the setup).
        RegistryJson.Document doc = new RegistryJson.Document(CapabilityTable.VERSION, DEPTH, 1, epoch,
                new TrustRegistryTree(DEPTH).root(), "blake3:" + java.util.HexFormat.of().formatHex(CRYPTO.blake3(verifyingKey, 32)),
                java.util.List.of());
        byte[] json = RegistryJson.emit(doc);
        Files.write(dir.resolve(TrustAnchor.REGISTRY_FILE), json);
        Files.write(dir.resolve(TrustAnchor.SIGNATURE_FILE),
                CRYPTO.sign(owner, json, TrustAnchor.SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII)));
        return new Registry(dir, owner, new RegistryAdmin(CRYPTO));
    }

    static Vendor vendor(String name) {
        byte[] b = new byte[64];
        CRYPTO.randomBytes(b);
        BigInteger s = new BigInteger(1, b).mod(Fr.R);
        return new Vendor(name, CRYPTO.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65), s);
    }

    static Attester attester() {
        ensureKeys();
        return new Attester(CRYPTO, CIRCUIT, prover);
    }

    static ProvingKey provingKey() {
        ensureKeys();
        return provingKey;
    }

    static Path provingKeyFile() {
        ensureKeys();
        return keysDir.resolve("proving.key");
    }

    /** Attests {@code jar} as {@code v} with path {@code p}; returns the attested jar. */
    static byte[] attest(byte[] jar, Vendor v, VendorFiles.PathFile p) throws ToolException {
        Attestation a = attester().attest(jar, v.signing(), v.secret(), p, new SecureRandom(), Attester.Progress.NONE);
        return Attester.withAttestation(jar, a.emit());
    }

    /** A bundle jar requesting {@code capabilities}, with some stored and some deflated entries. */
    static byte[] bundle(String symbolicName, String capabilities, long seed) {
        Random r = new Random(seed);
        String manifest = "Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-SymbolicName: " + symbolicName
                + "\r\n" + (capabilities == null ? "" : CapabilityRequest.HEADER + ": " + capabilities + "\r\n") + "\r\n";
        byte[] cls = new byte[700];
        r.nextBytes(cls);
        byte[] res = new byte[300];
        r.nextBytes(res);
        return zip(Map.of("META-INF/MANIFEST.MF", manifest.getBytes(StandardCharsets.UTF_8),
                "org/example/Driver.class", cls,
                "org/example/", new byte[0],
                "org/example/config.txt", res), true);
    }

    /** A jar of the given entries (names ending in '/' are directories), in name order or reversed. */
    static byte[] zip(Map<String, byte[]> entries, boolean stored) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : new java.util.TreeMap<>(entries).keySet()) {
                byte[] content = entries.get(name);
                ZipEntry e = new ZipEntry(name);
                if (stored) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(content);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(content.length);
                    e.setCompressedSize(content.length);
                    e.setCrc(crc.getValue());
                }
                e.setTime(1_700_000_000_000L);
                z.putNextEntry(e);
                z.write(content);
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
