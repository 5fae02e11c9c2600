// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.attestation.internal.Attester;
import org.nonos.attestation.internal.Statement;
import org.nonos.attestation.internal.ToolException;
import org.nonos.attestation.internal.VendorFiles;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.Prover;

/** The verifier against real attestations on a depth-4 registry: every rejection reason. */
class AttestationVerifierTest {
    @TempDir
    static Path tmp;
    static Fixtures.Registry registry;
    static Fixtures.Vendor acme;
    static Fixtures.Vendor globex;
    static byte[] good;

    @BeforeAll
    static void setUp() throws Exception {
        registry = Fixtures.registry(tmp.resolve("trust"), 5);
        acme = Fixtures.vendor("acme");
        globex = Fixtures.vendor("globex");
        registry.add(acme, Fixtures.SERIAL_RW_CRYPTO, 100);
        registry.add(globex, "device:block;rights=read", 100);
        good = Fixtures.attest(Fixtures.bundle("org.example.serial", Fixtures.SERIAL_RW, 1), acme, registry.path(acme));
    }

    static Verdict.Rejected rejected(Verdict v, RejectReason reason) {
        Verdict.Rejected r = assertInstanceOf(Verdict.Rejected.class, v, () -> "expected " + reason + ", got " + v);
        assertEquals(reason, r.reason(), r::message);
        return r;
    }

    static Attestation attestationOf(byte[] jar) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(Attestation.ENTRY)) {
                    return Attestation.parse(in.readAllBytes());
                }
            }
        }
        throw new AssertionError("no attestation");
    }

    /** Re-signs {@code a} as {@code v} after changing fields, as a forger holding v's key would. */
    static Attestation resign(Attestation a, Fixtures.Vendor v, BundleDigest digest, String caps, long mask,
            BigInteger root, long epoch, List<BigInteger> inputs) {
        byte[] msg = Attestation.signedMessage(digest, caps, mask, CapabilityTable.VERSION, root, epoch);
        byte[] sig = Fixtures.CRYPTO.sign(v.signing(), msg, Attestation.SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        return new Attestation(digest, caps, mask, CapabilityTable.VERSION, v.signing().publicKey(), root, epoch, sig,
                a.proof(), inputs);
    }

    @Test
    void acceptsAnAttestedBundleAndGrantsExactlyTheRequestedCapabilities() throws Exception {
        Verdict v = registry.verifier().verify(good);
        Verdict.Accepted a = assertInstanceOf(Verdict.Accepted.class, v, v::toString);
        assertEquals("acme", a.vendor());
        assertEquals(CapabilityRequest.parse(Fixtures.SERIAL_RW).mask(), a.grantedMask());
        assertEquals(BundleDigest.compute(Fixtures.CRYPTO, good), a.bundleDigest());
        assertEquals(List.of(new Capability("device", "serial", "read"), new Capability("device", "serial", "write")), a.granted());
    }

    @Test
    void acceptsTheSameBundleFromAFile() throws Exception {
        Path f = tmp.resolve("good.jar");
        Files.write(f, good);
        assertTrue(registry.verifier().verify(f).accepted());
    }

    @Test
    void aReZippedBundleStillVerifies() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(good))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        byte[] rezipped = Fixtures.zip(entries, false); // name order, deflated, other timestamps
        assertTrue(registry.verifier().verify(rezipped).accepted());
    }

    @Test
    void aTamperedByteAnywhereIsNeverAccepted() throws Exception {
        AttestationVerifier verifier = registry.verifier();
        int step = Math.max(1, good.length / 300);
        int tried = 0;
        for (int pos = 0; pos < good.length; pos += step) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] t = good.clone();
                t[pos] ^= (byte) bit;
                Verdict v = verifier.verify(t);
                tried++;
                // Zip metadata (timestamps, extra fields) is outside the digest by design; the
                // bytes it covers must not make a difference, every other byte must reject.
                if (v.accepted()) {
                    assertTrue(Metadata.isZipMetadata(good, pos), "tampered byte at " + pos + " accepted: " + v);
                }
            }
        }
        assertTrue(tried > 100);
    }

    @Test
    void aTamperedByteInsideTheAttestationIsRejected() throws Exception {
        AttestationVerifier verifier = registry.verifier();
        byte[] json = attestationOf(good).emit();
        byte[] plain = Fixtures.bundle("org.example.serial", Fixtures.SERIAL_RW, 1);
        for (int pos = 0; pos < json.length; pos += Math.max(1, json.length / 120)) {
            byte[] t = json.clone();
            t[pos] ^= 0x01;
            Verdict v = verifier.verify(Attester.withAttestation(plain, t));
            assertFalse(v.accepted(), "attestation byte " + pos + " flipped and accepted");
        }
        // The signature, the proof and the public inputs, each changed in a way that still parses.
        Attestation a = attestationOf(good);
        byte[] sig = a.signature();
        sig[100] ^= 1;
        rejected(verifier.verify(with(plain, copy(a, sig, a.proof(), a.publicInputs()))), RejectReason.BAD_SIGNATURE);
        List<BigInteger> inputs = new ArrayList<>(a.publicInputs());
        inputs.set(0, inputs.get(0).add(BigInteger.ONE));
        rejected(verifier.verify(with(plain, copy(a, a.signature(), a.proof(), inputs))), RejectReason.BAD_PROOF);
        byte[] otherProof = attestationOf(Fixtures.attest(plain, acme, registry.path(acme))).proof();
        Attestation swapped = copy(a, a.signature(), otherProof, a.publicInputs());
        assertTrue(registry.verifier().verify(with(plain, swapped)).accepted(), "a fresh proof of the same statement verifies");
        byte[] broken = a.proof();
        broken[BinaryFormat.PROOF_BYTES - 1] ^= 1;
        Verdict v = verifier.verify(with(plain, copy(a, a.signature(), broken, a.publicInputs())));
        assertFalse(v.accepted(), v::toString);
    }

    static Attestation copy(Attestation a, byte[] sig, byte[] proof, List<BigInteger> inputs) {
        return new Attestation(a.digest(), a.capabilities(), a.capabilityMask(), a.capabilityTable(), a.signingKey(),
                a.registryRoot(), a.epoch(), sig, proof, inputs);
    }

    static byte[] with(byte[] jar, Attestation a) throws ToolException {
        return Attester.withAttestation(jar, a.emit());
    }

    @Test
    void noAttestation() throws Exception {
        rejected(registry.verifier().verify(Fixtures.bundle("x", Fixtures.SERIAL_RW, 2)), RejectReason.NO_ATTESTATION);
    }

    @Test
    void notAJar() throws Exception {
        rejected(registry.verifier().verify("not a zip".getBytes(StandardCharsets.US_ASCII)), RejectReason.MALFORMED);
        rejected(registry.verifier().verify(new byte[0]), RejectReason.MALFORMED);
        rejected(registry.verifier().verify(tmp.resolve("missing.jar")), RejectReason.MALFORMED);
    }

    @Test
    void malformedAttestation() throws Exception {
        byte[] plain = Fixtures.bundle("x", Fixtures.SERIAL_RW, 3);
        AttestationVerifier verifier = registry.verifier();
        for (String bad : new String[] {"", "{}", "null", "[1,2]", "{\"format\":\"nonos-attestation\",\"version\":2}",
                new String(attestationOf(good).emit(), StandardCharsets.UTF_8).replace("{\"format\"", "{\"extra\":1,\"format\"")}) {
            rejected(verifier.verify(Attester.withAttestation(plain, bad.getBytes(StandardCharsets.UTF_8))), RejectReason.MALFORMED);
        }
    }

    @Test
    void manifestCapabilitiesDifferentFromTheAttestedOnesAreRejected() throws Exception {
        Attestation a = attestationOf(good);
        byte[] other = Fixtures.bundle("org.example.serial", "device:serial;rights=read", 1);
        rejected(registry.verifier().verify(with(other, a)), RejectReason.DIGEST_MISMATCH);
    }

    @Test
    void proofReplayedOntoAnotherBundle() throws Exception {
        Attestation a = attestationOf(good);
        byte[] other = Fixtures.bundle("org.example.other", Fixtures.SERIAL_RW, 99);
        AttestationVerifier verifier = registry.verifier();
        // As it is: the digest names the first bundle.
        rejected(verifier.verify(with(other, a)), RejectReason.DIGEST_MISMATCH);
        // The vendor re-signs for the new digest but keeps the proof and its inputs.
        BundleDigest d = BundleDigest.compute(Fixtures.CRYPTO, other);
        rejected(verifier.verify(with(other, resign(a, acme, d, a.capabilities(), a.capabilityMask(), a.registryRoot(),
                a.epoch(), a.publicInputs()))), RejectReason.BAD_PROOF);
        // ... and also rewrites the public inputs for the new bundle: the pairing check fails.
        List<BigInteger> inputs = Statement.asList(Statement.publicInputs(Fixtures.CRYPTO, d, acme.signing().publicKey(),
                a.capabilityMask(), a.registryRoot(), a.epoch()));
        rejected(verifier.verify(with(other, resign(a, acme, d, a.capabilities(), a.capabilityMask(), a.registryRoot(),
                a.epoch(), inputs))), RejectReason.BAD_PROOF);
    }

    @Test
    void proofMovedUnderAnotherVendorsSignature() throws Exception {
        // globex takes acme's proof for the same bundle and signs it itself.
        byte[] plain = Fixtures.bundle("org.example.serial", "device:block;rights=read", 7);
        Attestation byGlobex = attestationOf(Fixtures.attest(plain, globex, registry.path(globex)));
        byte[] acmeJar = Fixtures.bundle("org.example.serial", "device:block;rights=read", 7);
        Attestation a = byGlobex;
        List<BigInteger> inputs = Statement.asList(Statement.publicInputs(Fixtures.CRYPTO, a.digest(),
                acme.signing().publicKey(), a.capabilityMask(), a.registryRoot(), a.epoch()));
        Attestation moved = resign(a, acme, a.digest(), a.capabilities(), a.capabilityMask(), a.registryRoot(), a.epoch(), inputs);
        // acme may not request block devices at all, so it is refused before the proof.
        rejected(registry.verifier().verify(with(acmeJar, moved)), RejectReason.CAPABILITIES_EXCEED);
    }

    @Test
    void vendorNotInTheRegistry() throws Exception {
        Fixtures.Vendor mallory = Fixtures.vendor("mallory");
        // mallory is not registered: the tool refuses before proving.
        byte[] plain = Fixtures.bundle("org.example.evil", Fixtures.SERIAL_RW, 4);
        VendorFiles.PathFile acmePath = registry.path(acme);
        ToolException e = assertThrows(ToolException.class, () -> Fixtures.attester().attest(plain, mallory.signing(),
                mallory.secret(), acmePath, new SecureRandom(), Attester.Progress.NONE));
        assertEquals(ToolException.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("does not lead to the registry root"), e.getMessage());

        // mallory builds a registry of its own with the same (public) proving key and proves against it.
        Fixtures.Registry own = Fixtures.registry(tmp.resolve("mallory-trust"), 5);
        own.add(mallory, Fixtures.SERIAL_RW_CRYPTO, 100);
        byte[] evil = Fixtures.attest(plain, mallory, own.path(mallory));
        rejected(registry.verifier().verify(evil), RejectReason.WRONG_ROOT);

        // ... then claims the real root: its signing key is not registered.
        Attestation a = attestationOf(evil);
        BigInteger realRoot = registry.anchor().root();
        List<BigInteger> inputs = Statement.asList(Statement.publicInputs(Fixtures.CRYPTO, a.digest(),
                mallory.signing().publicKey(), a.capabilityMask(), realRoot, a.epoch()));
        rejected(registry.verifier().verify(with(plain, resign(a, mallory, a.digest(), a.capabilities(), a.capabilityMask(),
                realRoot, a.epoch(), inputs))), RejectReason.UNKNOWN_VENDOR);

        // ... or gets a registered vendor (acme) to sign a proof made from mallory's own tree.
        Fixtures.Registry own2 = Fixtures.registry(tmp.resolve("mallory-trust2"), 5);
        Fixtures.Vendor mallory2 = new Fixtures.Vendor("mallory", acme.signing(), mallory.secret());
        own2.add(mallory2, Fixtures.SERIAL_RW_CRYPTO, 100);
        Attestation b = attestationOf(Fixtures.attest(plain, mallory2, own2.path(mallory2)));
        List<BigInteger> inputs2 = Statement.asList(Statement.publicInputs(Fixtures.CRYPTO, b.digest(),
                acme.signing().publicKey(), b.capabilityMask(), realRoot, b.epoch()));
        rejected(registry.verifier().verify(with(plain, resign(b, acme, b.digest(), b.capabilities(), b.capabilityMask(),
                realRoot, b.epoch(), inputs2))), RejectReason.BAD_PROOF);
    }

    @Test
    void revokedVendor() throws Exception {
        Fixtures.Registry r = Fixtures.registry(tmp.resolve("revoke"), 5);
        Fixtures.Vendor v = Fixtures.vendor("initech");
        r.add(v, Fixtures.SERIAL_RW, 100);
        r.add(Fixtures.vendor("hooli"), Fixtures.SERIAL_RW, 100);
        VendorFiles.PathFile before = r.path(v);
        byte[] jar = Fixtures.attest(Fixtures.bundle("org.example.r", Fixtures.SERIAL_RW, 5), v, before);
        assertTrue(r.verifier().verify(jar).accepted());
        r.admin().revokeVendor(r.dir(), r.owner(), "initech", null);
        TrustAnchor after = r.anchor();
        Verdict.Rejected rej = rejected(AttestationVerifier.create(after, Fixtures.CRYPTO).verify(jar), RejectReason.WRONG_ROOT);
        assertTrue(rej.message().contains("revoked"), rej.message());
        // The old path against the new root: refused before proving.
        VendorFiles.PathFile stale = new VendorFiles.PathFile(before.name(), before.depth(), after.epoch(), after.root(),
                before.allowed(), before.expiry(), before.path());
        ToolException e = assertThrows(ToolException.class, () -> Fixtures.attester().attest(
                Fixtures.bundle("org.example.r", Fixtures.SERIAL_RW, 6), v.signing(), v.secret(), stale, new SecureRandom(),
                Attester.Progress.NONE));
        assertTrue(e.getMessage().contains("does not lead to the registry root"), e.getMessage());
        assertThrows(ToolException.class, () -> r.path(v));
    }

    @Test
    void requestedCapabilitiesExceedTheAllowedOnes() throws Exception {
        byte[] greedy = Fixtures.bundle("org.example.greedy", "device:serial;rights=read,write, device:tpm;rights=write", 8);
        // The tool names the excess before proving.
        ToolException e = assertThrows(ToolException.class, () -> Fixtures.attester().attest(greedy, acme.signing(),
                acme.secret(), registry.path(acme), new SecureRandom(), Attester.Progress.NONE));
        assertEquals(ToolException.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("device:tpm;rights=write"), e.getMessage());
        // No proof can be made for it at all: the prover refuses an assignment that breaks the circuit.
        VendorFiles.PathFile p = registry.path(acme);
        byte[] signingKey = acme.signing().publicKey();
        CapabilityRequest req = CapabilityRequest.parse("device:serial;rights=read,write, device:tpm;rights=write");
        BigInteger[] assignment = org.nonos.zk.circuit.attestation.AttestationCircuit.create(Fixtures.DEPTH).assign(
                Statement.publicInputs(Fixtures.CRYPTO, BundleDigest.compute(Fixtures.CRYPTO, greedy), signingKey, req.mask(),
                        p.root(), p.epoch()),
                new org.nonos.zk.circuit.attestation.AttestationWitness(acme.secret(), p.allowed(), p.expiry(), p.path()));
        assertThrows(IllegalArgumentException.class, () -> new Prover(
                org.nonos.zk.circuit.attestation.AttestationCircuit.create(Fixtures.DEPTH).r1cs(), Fixtures.provingKey())
                .prove(assignment, new SecureRandom()));
        // A forged attestation with a proof for fewer capabilities is refused by name.
        Attestation a = attestationOf(good);
        BundleDigest d = BundleDigest.compute(Fixtures.CRYPTO, greedy);
        List<BigInteger> inputs = Statement.asList(Statement.publicInputs(Fixtures.CRYPTO, d, signingKey, req.mask(),
                a.registryRoot(), a.epoch()));
        Verdict.Rejected r = rejected(registry.verifier().verify(with(greedy, resign(a, acme, d, req.canonical(), req.mask(),
                a.registryRoot(), a.epoch(), inputs))), RejectReason.CAPABILITIES_EXCEED);
        assertTrue(r.message().contains("no valid proof"), r.message());
    }

    @Test
    void expiredEpoch() throws Exception {
        Fixtures.Registry r = Fixtures.registry(tmp.resolve("epoch"), 5);
        Fixtures.Vendor v = Fixtures.vendor("umbrella");
        r.add(v, Fixtures.SERIAL_RW, 8);
        byte[] jar = Fixtures.attest(Fixtures.bundle("org.example.e", Fixtures.SERIAL_RW, 9), v, r.path(v));
        assertTrue(r.verifier().verify(jar).accepted());
        r.admin().setEpoch(r.dir(), r.owner(), 9);
        rejected(r.verifier().verify(jar), RejectReason.EXPIRED);
        // At epoch 9 the vendor (expiry 8) can no longer attest.
        ToolException e = assertThrows(ToolException.class, () -> Fixtures.attest(
                Fixtures.bundle("org.example.e", Fixtures.SERIAL_RW, 10), v, r.path(v)));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        // An epoch never goes back.
        assertThrows(ToolException.class, () -> r.admin().setEpoch(r.dir(), r.owner(), 3));
    }

    @Test
    void manyBundlesInOneBatch() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path f = tmp.resolve("batch" + i + ".jar");
            Files.write(f, Fixtures.attest(Fixtures.bundle("org.example.b" + i, Fixtures.SERIAL_RW, 20 + i), acme,
                    registry.path(acme)));
            jars.add(f);
        }
        AttestationVerifier verifier = registry.verifier();
        assertTrue(verifier.verifyAll(jars).stream().allMatch(Verdict::accepted));
        // One bundle with a proof that does not hold, one not a jar: exact verdicts for each.
        Attestation a = attestationOf(Files.readAllBytes(jars.get(1)));
        byte[] otherProof = attestationOf(Files.readAllBytes(jars.get(2))).proof();
        Path bad = tmp.resolve("batch-bad.jar");
        Files.write(bad, with(Fixtures.bundle("org.example.b1", Fixtures.SERIAL_RW, 21),
                copy(a, a.signature(), otherProof, a.publicInputs())));
        Path junk = tmp.resolve("junk.jar");
        Files.writeString(junk, "junk");
        List<Verdict> verdicts = verifier.verifyAll(List.of(jars.get(0), bad, jars.get(3), junk));
        assertTrue(verdicts.get(0).accepted());
        rejected(verdicts.get(1), RejectReason.BAD_PROOF);
        assertTrue(verdicts.get(2).accepted());
        rejected(verdicts.get(3), RejectReason.MALFORMED);
    }

    @Test
    void vendorKeyIsHash1OfTheSecret() {
        assertEquals(TrustRegistryTree.vendorKey(acme.secret()), acme.publicKey().vendorKey());
    }
}
