// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The EIP-2537 precompile vectors (vectors/eip2537-bls12-381/eip-assets): pairing checks,
 * their failure cases, and G1/G2 multiplication and G1 MSM, decoded with the EIP's encoding
 * (EIP-2537 "Fine points and encoding": Fp as 64 bytes big-endian with the top 16 zero,
 * G2 as x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1, all zeros for infinity).
 */
class Eip2537VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static JsonNode load(String name) throws IOException {
        String dir = System.getProperty("nonos.vectors");
        Path file = Path.of(dir == null ? "vectors" : dir, "eip2537-bls12-381", "eip-assets", name);
        assertTrue(Files.isRegularFile(file), "missing vector file " + file);
        return new ObjectMapper().readTree(file.toFile());
    }

    /** One 64-byte EIP-2537 field element. */
    static BigInteger fp(byte[] in, int off) throws MalformedException {
        for (int i = 0; i < 16; i++) {
            if (in[off + i] != 0) {
                throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "top 16 bytes of an Fp element not zero");
            }
        }
        byte[] be = new byte[49];
        System.arraycopy(in, off + 16, be, 1, 48);
        BigInteger v = new BigInteger(be);
        Fp.checkCanonical(v);
        return v;
    }

    static boolean allZero(byte[] in, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (in[off + i] != 0) {
                return false;
            }
        }
        return true;
    }

    static G1Point g1(byte[] in, int off) throws MalformedException {
        BigInteger x = fp(in, off);
        BigInteger y = fp(in, off + 64);
        return allZero(in, off, 128) ? G1Point.identity() : G1Point.fromAffine(x, y);
    }

    static G2Point g2(byte[] in, int off) throws MalformedException {
        BigInteger x0 = fp(in, off);
        BigInteger x1 = fp(in, off + 64);
        BigInteger y0 = fp(in, off + 128);
        BigInteger y1 = fp(in, off + 192);
        return allZero(in, off, 256) ? G2Point.identity() : G2Point.fromAffine(x0, x1, y0, y1);
    }

    static boolean pairingCheck(byte[] in) throws MalformedException {
        if (in.length == 0 || in.length % 384 != 0) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "pairing input of " + in.length + " bytes");
        }
        List<G1Point> ps = new ArrayList<>();
        List<G2Point> qs = new ArrayList<>();
        for (int off = 0; off < in.length; off += 384) {
            ps.add(g1(in, off));
            qs.add(g2(in, off + 128));
        }
        return Pairing.pairingCheck(ps, qs);
    }

    @Test
    void pairingCheckVectors() throws Exception {
        JsonNode cases = load("pairing_check_bls.json");
        assertEquals(15, cases.size());
        for (JsonNode c : cases) {
            boolean expected = new BigInteger(c.get("Expected").asText(), 16).equals(BigInteger.ONE);
            assertEquals(expected, pairingCheck(HEX.parseHex(c.get("Input").asText())), c.get("Name").asText());
        }
    }

    @Test
    void pairingFailureVectors() throws Exception {
        JsonNode cases = load("fail-pairing_check_bls.json");
        assertEquals(25, cases.size());
        for (JsonNode c : cases) {
            String name = c.get("Name").asText();
            String error = c.get("ExpectedError").asText();
            MalformedException e = assertThrows(MalformedException.class,
                    () -> pairingCheck(HEX.parseHex(c.get("Input").asText())), name);
            MalformedException.Reason want;
            if (error.contains("length")) {
                want = MalformedException.Reason.BAD_LENGTH;
            } else if (error.contains("top bytes")) {
                want = MalformedException.Reason.BAD_ENCODING;
            } else if (error.contains("fp.Element")) {
                want = MalformedException.Reason.NOT_CANONICAL;
            } else if (error.contains("not on curve")) {
                want = MalformedException.Reason.NOT_ON_CURVE;
            } else {
                want = MalformedException.Reason.NOT_IN_SUBGROUP;
            }
            assertEquals(want, e.reason(), name + ": " + e.getMessage());
        }
    }

    @Test
    void multiplicationVectors() throws Exception {
        for (JsonNode c : load("mul_G1_bls.json")) {
            byte[] in = HEX.parseHex(c.get("Input").asText());
            G1Point p = g1(in, 0);
            BigInteger k = new BigInteger(1, java.util.Arrays.copyOfRange(in, 128, 160));
            assertEquals(g1(HEX.parseHex(c.get("Expected").asText()), 0), p.multiply(k), c.get("Name").asText());
        }
        for (JsonNode c : load("mul_G2_bls.json")) {
            byte[] in = HEX.parseHex(c.get("Input").asText());
            G2Point p = g2(in, 0);
            BigInteger k = new BigInteger(1, java.util.Arrays.copyOfRange(in, 256, 288));
            assertEquals(g2(HEX.parseHex(c.get("Expected").asText()), 0), p.multiply(k), c.get("Name").asText());
        }
        for (JsonNode c : load("msm_G1_bls.json")) {
            byte[] in = HEX.parseHex(c.get("Input").asText());
            int n = in.length / 160;
            List<G1Point> ps = new ArrayList<>();
            BigInteger[] ks = new BigInteger[n];
            for (int i = 0; i < n; i++) {
                ps.add(g1(in, 160 * i));
                ks[i] = new BigInteger(1, java.util.Arrays.copyOfRange(in, 160 * i + 128, 160 * i + 160)).mod(Fr.MODULUS);
            }
            assertEquals(g1(HEX.parseHex(c.get("Expected").asText()), 0), new G1Bases(ps).multiply(ks), c.get("Name").asText());
        }
    }
}
