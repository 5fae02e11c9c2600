// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.nonos.zk.circuit.Fr;

/**
 * The public statement of an attestation proof and its encoding as field elements. The order is
 * fixed (verifiers and the attestation format depend on it), wires 1..5 of the system:
 * <ol>
 *   <li>digest_hi: bytes 0..15 of the 32-byte content digest, big-endian unsigned (&lt; 2^128)</li>
 *   <li>digest_lo: bytes 16..31 of the digest, big-endian unsigned (&lt; 2^128)</li>
 *   <li>requested: the requested-capability mask, 64-bit unsigned (bit i = capability i)</li>
 *   <li>root: the trust registry's Merkle root, a field element</li>
 *   <li>epoch: the current epoch, 64-bit unsigned</li>
 * </ol>
 * Masks and epochs are Java longs read as unsigned 64-bit integers.
 */
public final class AttestationPublicInputs {
    public static final int DIGEST_BYTES = 32;
    public static final int COUNT = 5;
    public static final int DIGEST_HI = 0;
    public static final int DIGEST_LO = 1;
    public static final int REQUESTED = 2;
    public static final int ROOT = 3;
    public static final int EPOCH = 4;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    private final byte[] contentDigest;
    private final long requestedMask;
    private final BigInteger registryRoot;
    private final long epoch;

    public AttestationPublicInputs(byte[] contentDigest, long requestedMask, BigInteger registryRoot, long epoch) {
        Objects.requireNonNull(contentDigest, "content digest");
        if (contentDigest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("content digest has " + contentDigest.length + " bytes, expected 32");
        }
        this.contentDigest = contentDigest.clone();
        this.requestedMask = requestedMask;
        this.registryRoot = Fr.requireCanonical(registryRoot, "registry root");
        this.epoch = epoch;
    }

    /** Decodes the five public field elements, checking each one's range. */
    public static AttestationPublicInputs fromFieldElements(BigInteger[] elements) {
        Objects.requireNonNull(elements, "public inputs");
        if (elements.length != COUNT) {
            throw new IllegalArgumentException(elements.length + " public inputs, expected " + COUNT);
        }
        byte[] digest = new byte[DIGEST_BYTES];
        putUnsigned128(below(elements[DIGEST_HI], TWO_128, "digest_hi"), digest, 0);
        putUnsigned128(below(elements[DIGEST_LO], TWO_128, "digest_lo"), digest, 16);
        long requested = below(elements[REQUESTED], TWO_64, "requested mask").longValue();
        BigInteger root = Fr.requireCanonical(elements[ROOT], "registry root");
        long epoch = below(elements[EPOCH], TWO_64, "epoch").longValue();
        return new AttestationPublicInputs(digest, requested, root, epoch);
    }

    /** The public inputs in wire order (see the class comment). */
    public BigInteger[] toFieldElements() {
        BigInteger[] out = new BigInteger[COUNT];
        out[DIGEST_HI] = new BigInteger(1, Arrays.copyOfRange(contentDigest, 0, 16));
        out[DIGEST_LO] = new BigInteger(1, Arrays.copyOfRange(contentDigest, 16, 32));
        out[REQUESTED] = unsigned(requestedMask);
        out[ROOT] = registryRoot;
        out[EPOCH] = unsigned(epoch);
        return out;
    }

    public byte[] contentDigest() {
        return contentDigest.clone();
    }

    public long requestedMask() {
        return requestedMask;
    }

    public BigInteger registryRoot() {
        return registryRoot;
    }

    public long epoch() {
        return epoch;
    }

    /** A long read as an unsigned 64-bit integer. */
    static BigInteger unsigned(long x) {
        BigInteger v = BigInteger.valueOf(x & Long.MAX_VALUE);
        return x < 0 ? v.setBit(63) : v;
    }

    private static BigInteger below(BigInteger x, BigInteger bound, String what) {
        if (x == null || x.signum() < 0 || x.compareTo(bound) >= 0) {
            throw new IllegalArgumentException(what + " out of range");
        }
        return x;
    }

    private static void putUnsigned128(BigInteger x, byte[] out, int offset) {
        byte[] b = x.toByteArray(); // big-endian, possibly with a leading sign byte
        int n = Math.min(b.length, 16);
        System.arraycopy(b, b.length - n, out, offset + 16 - n, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttestationPublicInputs p && Arrays.equals(contentDigest, p.contentDigest)
                && requestedMask == p.requestedMask && registryRoot.equals(p.registryRoot) && epoch == p.epoch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(contentDigest), requestedMask, registryRoot, epoch);
    }
}
