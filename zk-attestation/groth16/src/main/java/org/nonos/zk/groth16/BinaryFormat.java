// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.MalformedException;

/**
 * The versioned binary format of proofs and keys (docs/zk-groth16.md "Binary format").
 *
 * <p>Every object starts with an 8-byte header: a 4-byte magic ("NZKP" proof, "NZKV"
 * verifying key, "NZKK" proving key), a version byte (1), a curve byte (1 = BLS12-381) and two
 * zero bytes. Integers are unsigned 32-bit big-endian. Points use the Zcash encodings:
 * compressed in proofs and verifying keys (small, decoded rarely), uncompressed in proving
 * keys (no square roots when loading tens of thousands of points).
 * <pre>
 * proof   = header ‖ A (G1, 48) ‖ B (G2, 96) ‖ C (G1, 48)                          = 200 bytes
 * vk      = header ‖ α₁ (48) ‖ β₂ (96) ‖ γ₂ (96) ‖ δ₂ (96) ‖ u32 k ‖ IC₀..IC_{k−1} (48 each)
 * pk      = header ‖ u32 numWires ‖ u32 numPublic ‖ u32 numConstraints ‖ u32 domainSize
 *           ‖ u32 vkLength ‖ vk ‖ β₁ (96) ‖ δ₁ (96)
 *           ‖ A[numWires] (96) ‖ B₁[numWires] (96) ‖ B₂[numWires] (192)
 *           ‖ L[numWires − numPublic − 1] (96) ‖ H[domainSize − 1] (96)
 * </pre>
 * Decoders check the total length against the header's counts before reading any point, and
 * every point on the curve and in its subgroup; trailing bytes are an error.
 */
public final class BinaryFormat {
    public static final int VERSION = 1;
    public static final int CURVE_BLS12_381 = 1;
    public static final int HEADER_BYTES = 8;
    public static final int PROOF_BYTES = HEADER_BYTES + 48 + 96 + 48;
    private static final byte[] PROOF_MAGIC = {'N', 'Z', 'K', 'P'};
    private static final byte[] VK_MAGIC = {'N', 'Z', 'K', 'V'};
    private static final byte[] PK_MAGIC = {'N', 'Z', 'K', 'K'};
    /** Limits that keep a hostile header from asking for absurd allocations. */
    private static final int MAX_WIRES = 1 << 26;
    private static final int MAX_DOMAIN = 1 << 28;

    private BinaryFormat() {}

    public static byte[] encodeProof(Proof p) {
        ByteBuffer b = ByteBuffer.allocate(PROOF_BYTES);
        header(b, PROOF_MAGIC);
        b.put(p.a().toCompressed()).put(p.b().toCompressed()).put(p.c().toCompressed());
        return b.array();
    }

    public static Proof decodeProof(byte[] in) throws MalformedException {
        if (in == null || in.length != PROOF_BYTES) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "a proof is " + PROOF_BYTES + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(in);
        checkHeader(b, PROOF_MAGIC);
        return Proof.of(G1Point.decode(take(b, 48)), G2Point.decode(take(b, 96)), G1Point.decode(take(b, 48)));
    }

    public static byte[] encodeVerifyingKey(VerifyingKey vk) {
        ByteBuffer b = ByteBuffer.allocate(vkLength(vk.ic().size()));
        header(b, VK_MAGIC);
        b.put(vk.alpha1().toCompressed()).put(vk.beta2().toCompressed()).put(vk.gamma2().toCompressed())
                .put(vk.delta2().toCompressed());
        b.putInt(vk.ic().size());
        for (G1Point p : vk.ic()) {
            b.put(p.toCompressed());
        }
        return b.array();
    }

    private static int vkLength(long icCount) {
        long len = HEADER_BYTES + 48 + 3 * 96 + 4 + 48 * icCount;
        return (int) Math.min(len, Integer.MAX_VALUE);
    }

    public static VerifyingKey decodeVerifyingKey(byte[] in) throws MalformedException {
        if (in == null || in.length < vkLength(0)) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "verifying key too short");
        }
        ByteBuffer b = ByteBuffer.wrap(in);
        checkHeader(b, VK_MAGIC);
        byte[] alpha = take(b, 48);
        byte[] beta = take(b, 96);
        byte[] gamma = take(b, 96);
        byte[] delta = take(b, 96);
        long k = Integer.toUnsignedLong(b.getInt());
        if (k < 1 || vkLength(k) != in.length) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "IC count " + k + " does not match the length");
        }
        List<G1Point> ic = new ArrayList<>();
        for (long i = 0; i < k; i++) {
            ic.add(G1Point.decode(take(b, 48)));
        }
        return VerifyingKey.of(G1Point.decode(alpha), G2Point.decode(beta), G2Point.decode(gamma), G2Point.decode(delta), ic);
    }

    public static byte[] encodeProvingKey(ProvingKey pk) {
        byte[] vk = encodeVerifyingKey(pk.vk());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES + 20);
        header(h, PK_MAGIC);
        h.putInt(pk.numWires()).putInt(pk.numPublic()).putInt(pk.numConstraints()).putInt(pk.domainSize()).putInt(vk.length);
        out.writeBytes(h.array());
        out.writeBytes(vk);
        out.writeBytes(pk.beta1().toUncompressed());
        out.writeBytes(pk.delta1().toUncompressed());
        pk.a().forEach(p -> out.writeBytes(p.toUncompressed()));
        pk.b1().forEach(p -> out.writeBytes(p.toUncompressed()));
        pk.b2().forEach(p -> out.writeBytes(p.toUncompressed()));
        pk.l().forEach(p -> out.writeBytes(p.toUncompressed()));
        pk.h().forEach(p -> out.writeBytes(p.toUncompressed()));
        return out.toByteArray();
    }

    public static ProvingKey decodeProvingKey(byte[] in) throws MalformedException {
        if (in == null || in.length < HEADER_BYTES + 20) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "proving key too short");
        }
        ByteBuffer b = ByteBuffer.wrap(in);
        checkHeader(b, PK_MAGIC);
        long nw = Integer.toUnsignedLong(b.getInt());
        long np = Integer.toUnsignedLong(b.getInt());
        long nc = Integer.toUnsignedLong(b.getInt());
        long n = Integer.toUnsignedLong(b.getInt());
        long vkLen = Integer.toUnsignedLong(b.getInt());
        if (nw < 1 || nw > MAX_WIRES || np >= nw || n < 1 || n > MAX_DOMAIN || Long.bitCount(n) != 1
                || nc + np + 1 > n || vkLen != vkLength(np + 1)) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "inconsistent proving-key header");
        }
        long expected = HEADER_BYTES + 20 + vkLen + 2 * 96 + nw * (96 + 96 + 192) + (nw - np - 1) * 96 + (n - 1) * 96;
        if (expected != in.length) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH,
                    "proving key of " + in.length + " bytes, header says " + expected);
        }
        VerifyingKey vk = decodeVerifyingKey(take(b, (int) vkLen));
        G1Point beta1 = G1Point.decode(take(b, 96));
        G1Point delta1 = G1Point.decode(take(b, 96));
        List<G1Point> a = g1s(b, nw);
        List<G1Point> b1 = g1s(b, nw);
        List<G2Point> b2 = new ArrayList<>();
        for (long i = 0; i < nw; i++) {
            b2.add(G2Point.decode(take(b, 192)));
        }
        List<G1Point> l = g1s(b, nw - np - 1);
        List<G1Point> h = g1s(b, n - 1);
        if (beta1.isIdentity() || delta1.isIdentity()) {
            throw new MalformedException(MalformedException.Reason.IDENTITY, "β₁ and δ₁ must not be the point at infinity");
        }
        return new ProvingKey((int) nw, (int) np, (int) nc, (int) n, vk, beta1, delta1, a, b1, b2, l, h);
    }

    private static List<G1Point> g1s(ByteBuffer b, long count) throws MalformedException {
        List<G1Point> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            out.add(G1Point.decode(take(b, 96)));
        }
        return out;
    }

    private static void header(ByteBuffer b, byte[] magic) {
        b.order(ByteOrder.BIG_ENDIAN);
        b.put(magic).put((byte) VERSION).put((byte) CURVE_BLS12_381).put((byte) 0).put((byte) 0);
    }

    private static void checkHeader(ByteBuffer b, byte[] magic) throws MalformedException {
        byte[] m = take(b, 4);
        if (!Arrays.equals(m, magic)) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "wrong magic");
        }
        int version = b.get() & 0xff;
        int curve = b.get() & 0xff;
        int reserved = b.getShort();
        if (version != VERSION) {
            throw new MalformedException(MalformedException.Reason.UNSUPPORTED, "format version " + version);
        }
        if (curve != CURVE_BLS12_381) {
            throw new MalformedException(MalformedException.Reason.UNSUPPORTED, "curve " + curve);
        }
        if (reserved != 0) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "reserved header bytes not zero");
        }
    }

    private static byte[] take(ByteBuffer b, int n) throws MalformedException {
        if (b.remaining() < n) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "truncated");
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
