// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nonos.attestation.internal.AttestationJson;

/**
 * The attestation record carried at {@value #ENTRY} (docs/attestation.md "Format", version
 * {@value #FORMAT_VERSION}). Immutable; byte arrays are copied in and out.
 *
 * @param digest            the bundle's content digest ({@link BundleDigest})
 * @param capabilities      the canonical text of the requested capabilities ({@link CapabilityRequest#canonical()})
 * @param capabilityMask    their bits in {@link CapabilityTable} version {@code capabilityTable}
 * @param capabilityTable   the capability table version
 * @param signingKey        the vendor's hybrid Ed25519 + ML-DSA-65 public key (1984 bytes)
 * @param registryRoot      the trust registry root the proof was made against
 * @param epoch             the registry epoch the proof was made for (unsigned)
 * @param signature         the hybrid signature over {@link #signedMessage()}
 * @param proof             the Groth16 proof in the groth16 binary format (200 bytes)
 * @param publicInputs      the proof's five public inputs (docs/zk-circuits.md order)
 */
public record Attestation(BundleDigest digest, String capabilities, long capabilityMask, int capabilityTable,
        byte[] signingKey, BigInteger registryRoot, long epoch, byte[] signature, byte[] proof,
        List<BigInteger> publicInputs) {

    /** Where the attestation lives inside the jar. */
    public static final String ENTRY = "META-INF/NONOS/ATTESTATION";
    public static final int FORMAT_VERSION = 1;
    /** The largest attestation accepted, in bytes. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The context string of the vendor's signature (FIPS 204 ctx for the ML-DSA half). */
    public static final String SIGNATURE_CONTEXT = "nonos-attestation-v1";
    private static final byte[] SIGNED_TAG = "NONOS-ATTESTATION\0".getBytes(StandardCharsets.US_ASCII);

    public Attestation {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(registryRoot, "registry root");
        signingKey = signingKey.clone();
        signature = signature.clone();
        proof = proof.clone();
        publicInputs = List.copyOf(publicInputs);
    }

    /** Parses the canonical JSON form; strict (docs/attestation.md "Parsing rules"). */
    public static Attestation parse(byte[] json) throws MalformedException {
        return AttestationJson.parse(json);
    }

    /** The canonical JSON form: fixed member order, no whitespace, UTF-8. */
    public byte[] emit() {
        return AttestationJson.emit(this);
    }

    /**
     * The bytes the vendor signs: "NONOS-ATTESTATION\0" ‖ u8 format version ‖ u8 table version ‖
     * digest (32) ‖ u64 mask ‖ u32 length ‖ capabilities (UTF-8) ‖ root (32, big-endian) ‖ u64 epoch.
     */
    public byte[] signedMessage() {
        return signedMessage(digest, capabilities, capabilityMask, capabilityTable, registryRoot, epoch);
    }

    /** {@link #signedMessage()} for the given values, before an attestation exists. */
    public static byte[] signedMessage(BundleDigest digest, String capabilities, long mask, int table,
            BigInteger root, long epoch) {
        byte[] caps = capabilities.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(SIGNED_TAG.length + 2 + 32 + 8 + 4 + caps.length + 32 + 8);
        b.put(SIGNED_TAG).put((byte) FORMAT_VERSION).put((byte) table).put(digest.bytes()).putLong(mask)
                .putInt(caps.length).put(caps).put(fieldBytes(root)).putLong(epoch);
        return b.array();
    }

    /** A field element (< 2^256) as 32 big-endian bytes. */
    public static byte[] fieldBytes(BigInteger x) {
        byte[] raw = x.toByteArray();
        if (x.signum() < 0 || raw.length > 33 || (raw.length == 33 && raw[0] != 0)) {
            throw new IllegalArgumentException("not a 256-bit unsigned value");
        }
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attestation a && digest.equals(a.digest) && capabilities.equals(a.capabilities)
                && capabilityMask == a.capabilityMask && capabilityTable == a.capabilityTable
                && Arrays.equals(signingKey, a.signingKey) && registryRoot.equals(a.registryRoot)
                && epoch == a.epoch && Arrays.equals(signature, a.signature) && Arrays.equals(proof, a.proof)
                && publicInputs.equals(a.publicInputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest, capabilities, capabilityMask, capabilityTable, Arrays.hashCode(signingKey),
                registryRoot, epoch, Arrays.hashCode(signature), Arrays.hashCode(proof), publicInputs);
    }

    @Override
    public String toString() {
        return "Attestation[digest=" + digest + ", capabilities=" + capabilities + ", mask="
                + CapabilityTable.hex(capabilityMask) + ", root=" + registryRoot.toString(16) + ", epoch="
                + Long.toUnsignedString(epoch) + "]";
    }
}
