// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.poseidon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pinned instance against vectors/poseidon-bls12-381/VECTORS.txt (a missing file fails). */
class PoseidonVectorsTest {
    /** One block of the vector file: the values listed for one width t. */
    private record Block(int t, int rcCount, BigInteger rc0, BigInteger mds00, BigInteger[] perm) {}

    private static final Pattern HEADER = Pattern.compile("^t=(\\d+) R_F=8 R_P=56\\s+#rc=(\\d+)\\s*$");
    private static final Pattern VALUE = Pattern.compile("^\\s*(rc\\[0\\]|mds\\[0\\]\\[0\\]|perm\\(\\[0\\.\\.t-1\\]\\)) = (.*)$");
    private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]+)");

    private static Map<Integer, Block> readVectors() throws IOException {
        String root = System.getProperty("nonos.vectors");
        assertNotNull(root, "system property nonos.vectors is not set");
        Path file = Path.of(root, "poseidon-bls12-381", "VECTORS.txt");
        assertTrue(Files.isRegularFile(file), "vector file missing: " + file);
        Map<Integer, Block> blocks = new HashMap<>();
        int t = -1;
        int rcCount = -1;
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher h = HEADER.matcher(line);
            Matcher v = VALUE.matcher(line);
            if (h.matches()) {
                t = Integer.parseInt(h.group(1));
                rcCount = Integer.parseInt(h.group(2));
                values = new HashMap<>();
            } else if (t > 0 && v.matches()) {
                values.put(v.group(1), v.group(2));
                if (values.size() == 3) {
                    blocks.put(t, new Block(t, rcCount, hex(values.get("rc[0]")), hex(values.get("mds[0][0]")),
                            hexList(values.get("perm([0..t-1])"))));
                    t = -1;
                }
            }
        }
        return blocks;
    }

    private static BigInteger hex(String s) {
        BigInteger[] all = hexList(s);
        assertEquals(1, all.length, "expected one value in " + s);
        return all[0];
    }

    private static BigInteger[] hexList(String s) {
        List<BigInteger> out = new ArrayList<>();
        Matcher m = HEX.matcher(s);
        while (m.find()) {
            out.add(new BigInteger(m.group(1), 16));
        }
        return out.toArray(BigInteger[]::new);
    }

    private static void check(PoseidonParameters p) throws IOException {
        Block b = readVectors().get(p.width());
        assertNotNull(b, "no vectors for t=" + p.width());
        assertEquals(b.rcCount(), p.roundConstantCount(), "number of round constants");
        assertEquals(b.rc0(), p.roundConstant(0), "rc[0]");
        assertEquals(b.mds00(), p.mds(0, 0), "mds[0][0]");
        BigInteger[] input = new BigInteger[p.width()];
        for (int i = 0; i < input.length; i++) {
            input[i] = BigInteger.valueOf(i);
        }
        assertArrayEquals(b.perm(), Poseidon.permute(p, input), "perm([0..t-1])");
    }

    @Test
    void widthThreeMatchesVectors() throws IOException {
        check(PoseidonParameters.T3);
    }

    @Test
    void widthFiveMatchesVectors() throws IOException {
        check(PoseidonParameters.T5);
    }
}
