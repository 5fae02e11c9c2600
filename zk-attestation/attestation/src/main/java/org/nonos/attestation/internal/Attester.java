// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nonos.attestation.Attestation;
import org.nonos.attestation.BundleDigest;
import org.nonos.attestation.CapabilityRequest;
import org.nonos.attestation.CapabilityTable;
import org.nonos.attestation.MalformedException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyHandle;
import org.nonos.zk.circuit.attestation.AttestationCircuit;
import org.nonos.zk.circuit.attestation.AttestationPublicInputs;
import org.nonos.zk.circuit.attestation.AttestationWitness;
import org.nonos.zk.circuit.attestation.UnsatisfiedStatementException;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.Proof;
import org.nonos.zk.groth16.Prover;

/**
 * Makes an attestation for a bundle: digest, capabilities from the manifest, the statement checked
 * natively (so that a vendor outside the registry or asking for too much learns why before any
 * proving time is spent), the hybrid signature, then the Groth16 proof.
 */
public final class Attester {
    /** Reports the stage reached, for a progress display. */
    public interface Progress {
        void stage(String name, int percent);

        Progress NONE = (name, percent) -> { };
    }

    /** Where the prover comes from; asked only once the statement is known to hold. */
    @FunctionalInterface
    public interface ProverSource {
        Prover get() throws ToolException;
    }

    private final CryptoService crypto;
    private final AttestationCircuit circuit;
    private final ProverSource prover;

    public Attester(CryptoService crypto, AttestationCircuit circuit, Prover prover) {
        this(crypto, circuit, () -> prover);
    }

    /** With a prover made on demand (loading a proving key takes a while: refusals come first). */
    public Attester(CryptoService crypto, AttestationCircuit circuit, ProverSource prover) {
        this.crypto = crypto;
        this.circuit = circuit;
        this.prover = prover;
    }

    public Attestation attest(byte[] jarBytes, KeyHandle signingKey, BigInteger secret, VendorFiles.PathFile path,
            SecureRandom random, Progress progress) throws ToolException {
        progress.stage("reading the bundle", 2);
        JarDigest.Jar jar;
        CapabilityRequest request;
        try {
            jar = JarDigest.read(jarBytes);
            request = CapabilityRequest.parse(JarDigest.manifestHeader(jar));
        } catch (MalformedException e) {
            throw new ToolException(ToolException.BAD_INPUT, "the bundle cannot be attested: " + e.getMessage(), e);
        }
        progress.stage("content digest", 5);
        BundleDigest digest = BundleDigest.of(JarDigest.digest(crypto, jar));
        byte[] signingPublic = signingKey.publicKey();
        AttestationPublicInputs pub = Statement.publicInputs(crypto, digest, signingPublic, request.mask(), path.root(),
                path.epoch());
        progress.stage("checking the statement", 8);
        BigInteger[] assignment;
        try {
            assignment = circuit.witness(pub, new AttestationWitness(secret, path.allowed(), path.expiry(), path.path()));
        } catch (UnsatisfiedStatementException e) {
            throw new ToolException(ToolException.REFUSED, explain(e, request.mask(), path), e);
        }
        Prover p = prover.get();
        progress.stage("signing", 10);
        byte[] message = Attestation.signedMessage(digest, request.canonical(), request.mask(), CapabilityTable.VERSION,
                path.root(), path.epoch());
        byte[] signature = crypto.sign(signingKey, message, Attestation.SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        progress.stage("proving", 15);
        Proof proof = p.prove(assignment, random);
        progress.stage("proved", 100);
        return new Attestation(digest, request.canonical(), request.mask(), CapabilityTable.VERSION, signingPublic,
                path.root(), path.epoch(), signature, BinaryFormat.encodeProof(proof), List.of(pub.toFieldElements()));
    }

    private static String explain(UnsatisfiedStatementException e, long requested, VendorFiles.PathFile path) {
        return switch (e.reason()) {
            case NOT_SUBSET -> {
                long excess = requested & ~path.allowed();
                String names;
                try {
                    names = CapabilityRequest.ofMask(excess).canonical();
                } catch (MalformedException m) {
                    names = CapabilityTable.hex(excess);
                }
                yield "the bundle requests capabilities the registry does not allow vendor " + path.name() + ": requested "
                        + CapabilityTable.hex(requested) + ", allowed " + CapabilityTable.hex(path.allowed())
                        + ", not allowed: " + names + ". Remove them from " + CapabilityRequest.HEADER
                        + " or ask the registry owner to allow them.";
            }
            case NOT_IN_REGISTRY -> "the vendor's Merkle path does not lead to the registry root "
                    + path.root().toString(16) + ": the secret does not belong to this path file, or the vendor is not "
                    + "(or no longer) in the registry. Ask the registry owner for a current path (nonos-registry export-path).";
            case EXPIRED -> "vendor " + path.name() + " may attest up to epoch " + Long.toUnsignedString(path.expiry())
                    + ", the registry is at epoch " + Long.toUnsignedString(path.epoch()) + ": the registration expired.";
            case WRONG_DEPTH -> "the path file is for a registry of another depth than the proving key: " + e.getMessage();
            case CONSTRAINT -> "the statement does not hold: " + e.getMessage();
        };
    }

    /**
     * The jar with {@code attestation} at {@link Attestation#ENTRY}, replacing any earlier one. Every
     * other entry keeps its name, content and time, so the content digest is unchanged.
     */
    public static byte[] withAttestation(byte[] jar, byte[] attestation) throws ToolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length + attestation.length + 512);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar), StandardCharsets.UTF_8);
                ZipOutputStream zout = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(Attestation.ENTRY)) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zout.putNextEntry(copy);
                in.transferTo(zout);
                zout.closeEntry();
            }
            ZipEntry a = new ZipEntry(Attestation.ENTRY);
            a.setTime(0);
            zout.putNextEntry(a);
            zout.write(attestation);
            zout.closeEntry();
        } catch (IOException | RuntimeException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot rewrite the jar: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
