// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nonos.zk.circuit.attestation.AttestationPublicInputs;
import org.nonos.zk.circuit.attestation.AttestationWitness;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;
import org.nonos.zk.circuit.poseidon.PoseidonParameters;

/**
 * The generated circom source carries this module's Poseidon instance and the input file carries
 * the public inputs in the documented order. (Compiling it with circom and checking the witness
 * against our root is zk-attestation/circuit/interop/circom-check.)
 */
class AttestationCircomTest {
    @Test
    void sourceCarriesTheInstanceAndTheDepth() {
        String src = AttestationCircom.source(7);
        assertEquals(src, AttestationCircom.source(7));
        for (PoseidonParameters p : new PoseidonParameters[] {PoseidonParameters.T3, PoseidonParameters.T5}) {
            assertTrue(src.contains(p.roundConstant(0).toString()));
            assertTrue(src.contains(p.roundConstant(p.roundConstantCount() - 1).toString()));
            assertTrue(src.contains(p.mds(p.width() - 1, p.width() - 1).toString()));
        }
        assertTrue(src.contains("component main {public [digest_hi, digest_lo, requested, root, epoch]} = Attestation(7);"));
        assertThrows(IllegalArgumentException.class, () -> AttestationCircom.source(0));
        assertThrows(IllegalArgumentException.class, () -> AttestationCircom.source(33));
    }

    @Test
    void inputFileListsTheValues() {
        TrustRegistryTree tree = new TrustRegistryTree(3);
        tree.set(5, TrustRegistryTree.leaf(BigInteger.TEN, -1L, 9));
        AttestationPublicInputs pub = new AttestationPublicInputs(new byte[32], 6, tree.root(), 4);
        String json = AttestationCircom.inputJson(pub, new AttestationWitness(BigInteger.TEN, -1L, 9, tree.path(5)));
        assertTrue(json.contains("\"root\": \"" + tree.root() + "\""));
        assertTrue(json.contains("\"allowed\": \"18446744073709551615\""));
        assertTrue(json.contains("\"directions\": [\"1\", \"0\", \"1\"]"));
        Matcher m = Pattern.compile("\"(\\w+)\":").matcher(json);
        StringBuilder order = new StringBuilder();
        while (m.find()) {
            order.append(m.group(1)).append(' ');
        }
        assertEquals("digest_hi digest_lo requested root epoch secret allowed expiry siblings directions ",
                order.toString());
    }
}
