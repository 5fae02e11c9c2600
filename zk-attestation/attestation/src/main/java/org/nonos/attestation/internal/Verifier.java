// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nonos.attestation.Attestation;
import org.nonos.attestation.AttestationVerifier;
import org.nonos.attestation.BundleDigest;
import org.nonos.attestation.CapabilityRequest;
import org.nonos.attestation.CapabilityTable;
import org.nonos.attestation.MalformedException;
import org.nonos.attestation.RegistryEntry;
import org.nonos.attestation.RejectReason;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.Verdict;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyType;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.Proof;

/**
 * The verifier. Read this first: {@link #precheck} runs every check but the pairing, in the order
 * of docs/attestation.md "Verification", and returns either a rejection or the proof still to be
 * checked; {@link #verify(byte[])} then checks that proof alone and {@link #verifyAll} checks all
 * of them in one batch.
 */
public final class Verifier implements AttestationVerifier {
    private static final byte[] SIGNATURE_CONTEXT = Attestation.SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII);

    private final TrustAnchor anchor;
    private final CryptoService crypto;

    public Verifier(TrustAnchor anchor, CryptoService crypto) {
        this.anchor = anchor;
        this.crypto = crypto;
    }

    @Override
    public TrustAnchor anchor() {
        return anchor;
    }

    @Override
    public Verdict verify(Path jar) {
        try {
            return verify(JarDigest.read(jar));
        } catch (MalformedException e) {
            return reject(RejectReason.MALFORMED, e.getMessage(), null);
        } catch (RuntimeException e) {
            return internalError(e);
        }
    }

    @Override
    public Verdict verify(byte[] jar) {
        try {
            return verify(JarDigest.read(jar));
        } catch (MalformedException e) {
            return reject(RejectReason.MALFORMED, e.getMessage(), null);
        } catch (RuntimeException e) {
            return internalError(e);
        }
    }

    /**
     * Fail closed: every check is written not to throw, but should one ever do so the bundle is
     * rejected, never accepted and never left to an exception in the caller's resolver hook.
     */
    private static Verdict.Rejected internalError(RuntimeException e) {
        return reject(RejectReason.MALFORMED, "the bundle could not be checked: " + e, null);
    }

    private Object safePrecheck(JarDigest.Jar jar) {
        try {
            return precheck(jar);
        } catch (RuntimeException e) {
            return internalError(e);
        }
    }

    private Verdict verify(JarDigest.Jar jar) {
        Object p = safePrecheck(jar);
        if (p instanceof Verdict v) {
            return v;
        }
        Pending pending = (Pending) p;
        return proofHolds(pending) ? pending.accepted : pending.badProof();
    }

    @Override
    public List<Verdict> verifyAll(List<Path> jars) {
        List<Object> checked = new ArrayList<>(jars.size());
        List<Proof> proofs = new ArrayList<>();
        List<BigInteger[]> inputs = new ArrayList<>();
        for (Path jar : jars) {
            Object p;
            try {
                p = safePrecheck(JarDigest.read(jar));
            } catch (MalformedException e) {
                p = reject(RejectReason.MALFORMED, e.getMessage(), null);
            } catch (RuntimeException e) {
                p = internalError(e);
            }
            checked.add(p);
            if (p instanceof Pending pending) {
                proofs.add(pending.proof);
                inputs.add(pending.inputs);
            }
        }
        boolean all = false;
        if (!proofs.isEmpty()) {
            try {
                all = anchor.preparedVerifyingKey().verifyBatch(proofs, inputs, new SecureRandom());
            } catch (org.nonos.zk.bls12381.MalformedException | RuntimeException e) {
                all = false; // fall back to one by one, which names the bad ones
            }
        }
        List<Verdict> out = new ArrayList<>(jars.size());
        for (Object p : checked) {
            if (p instanceof Pending pending) {
                out.add(all || proofHolds(pending) ? pending.accepted : pending.badProof());
            } else {
                out.add((Verdict) p);
            }
        }
        return out;
    }

    /** A bundle whose every check but the proof passed. */
    private record Pending(Proof proof, BigInteger[] inputs, Verdict.Accepted accepted) {
        Verdict badProof() {
            return reject(RejectReason.BAD_PROOF, "the Groth16 proof does not verify for this bundle, vendor key, "
                    + "capabilities, registry root and epoch", accepted.bundleDigest());
        }
    }

    private boolean proofHolds(Pending p) {
        try {
            return anchor.preparedVerifyingKey().verify(p.proof, p.inputs);
        } catch (org.nonos.zk.bls12381.MalformedException | RuntimeException e) {
            return false;
        }
    }

    /** Every check but the pairing: a {@link Verdict.Rejected}, or a {@link Pending}. */
    private Object precheck(JarDigest.Jar jar) {
        BundleDigest digest = BundleDigest.of(JarDigest.digest(crypto, jar));
        if (jar.attestation() == null) {
            return reject(RejectReason.NO_ATTESTATION, "the bundle has no " + Attestation.ENTRY, digest);
        }
        Attestation a;
        CapabilityRequest requested;
        try {
            a = Attestation.parse(jar.attestation());
            requested = CapabilityRequest.parse(JarDigest.manifestHeader(jar));
        } catch (MalformedException e) {
            return reject(RejectReason.MALFORMED, e.getMessage(), digest);
        }
        if (!a.digest().equals(digest)) {
            return reject(RejectReason.DIGEST_MISMATCH, "the bundle's content digest is " + digest.hex()
                    + ", the attestation was made for " + a.digest().hex(), digest);
        }
        if (requested.mask() != a.capabilityMask()) {
            return reject(RejectReason.DIGEST_MISMATCH, "the manifest requests " + CapabilityTable.hex(requested.mask())
                    + ", the attestation covers " + CapabilityTable.hex(a.capabilityMask()), digest);
        }
        if (!a.registryRoot().equals(anchor.root())) {
            return reject(RejectReason.WRONG_ROOT, "the attestation was made against registry root "
                    + a.registryRoot().toString(16) + ", the trust anchor's root is " + anchor.root().toString(16)
                    + " (vendor revoked, or the registry changed since: re-attest)", digest);
        }
        int epochOrder = Long.compareUnsigned(a.epoch(), anchor.epoch());
        if (epochOrder < 0) {
            return reject(RejectReason.EXPIRED, "the attestation is for epoch " + Long.toUnsignedString(a.epoch())
                    + ", the registry is at epoch " + Long.toUnsignedString(anchor.epoch()), digest);
        }
        if (epochOrder > 0) {
            return reject(RejectReason.WRONG_ROOT, "the attestation is for epoch " + Long.toUnsignedString(a.epoch())
                    + ", later than the trust anchor's " + Long.toUnsignedString(anchor.epoch()), digest);
        }
        byte[] signingKey = a.signingKey();
        Optional<RegistryEntry> vendor = anchor.vendorBySigningKey(Statement.signingKeyDigest(crypto, signingKey));
        if (vendor.isEmpty()) {
            return reject(RejectReason.UNKNOWN_VENDOR, "the signing key "
                    + Statement.signingKeyDigest(crypto, signingKey) + " belongs to no vendor of the registry", digest);
        }
        RegistryEntry v = vendor.get();
        long excess = a.capabilityMask() & ~v.allowedMask();
        if (excess != 0) {
            return reject(RejectReason.CAPABILITIES_EXCEED, "vendor " + v.name() + " is allowed "
                    + CapabilityTable.hex(v.allowedMask()) + " but the bundle requests " + CapabilityTable.hex(a.capabilityMask())
                    + "; " + CapabilityTable.hex(excess) + " exceed it, so no valid proof can exist", digest);
        }
        if (Long.compareUnsigned(anchor.epoch(), v.expiry()) > 0) {
            return reject(RejectReason.EXPIRED, "vendor " + v.name() + " expired at epoch "
                    + Long.toUnsignedString(v.expiry()), digest);
        }
        boolean signed;
        try {
            signed = crypto.verify(KeyType.HYBRID_ED25519_ML_DSA_65, signingKey, a.signedMessage(), SIGNATURE_CONTEXT,
                    a.signature());
        } catch (CryptoException e) {
            signed = false;
        }
        if (!signed) {
            return reject(RejectReason.BAD_SIGNATURE, "the vendor's Ed25519 + ML-DSA-65 signature does not verify", digest);
        }
        BigInteger[] inputs = Statement.publicInputs(crypto, digest, signingKey, a.capabilityMask(), anchor.root(),
                anchor.epoch()).toFieldElements();
        if (!a.publicInputs().equals(List.of(inputs))) {
            return reject(RejectReason.BAD_PROOF, "the proof's public inputs belong to another bundle, key, "
                    + "capability set, root or epoch", digest);
        }
        Proof proof;
        try {
            proof = BinaryFormat.decodeProof(a.proof());
        } catch (org.nonos.zk.bls12381.MalformedException e) {
            return reject(RejectReason.MALFORMED, "the Groth16 proof is malformed: " + e.getMessage(), digest);
        }
        List<org.nonos.attestation.Capability> granted;
        try {
            granted = CapabilityTable.capabilities(a.capabilityMask());
        } catch (MalformedException e) {
            return reject(RejectReason.MALFORMED, e.getMessage(), digest);
        }
        return new Pending(proof, inputs, new Verdict.Accepted(digest, v.name(), a.capabilityMask(), granted, a));
    }

    private static Verdict.Rejected reject(RejectReason reason, String message, BundleDigest digest) {
        return new Verdict.Rejected(reason, message, Optional.ofNullable(digest));
    }
}
