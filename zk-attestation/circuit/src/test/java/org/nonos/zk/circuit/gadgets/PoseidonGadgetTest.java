// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.test.support.Seeded;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.RandomField;
import org.nonos.zk.circuit.Variable;
import org.nonos.zk.circuit.poseidon.Poseidon;
import org.nonos.zk.circuit.poseidon.PoseidonParameters;

/** The in-circuit Poseidon computes what the native one computes, and nothing else satisfies it. */
class PoseidonGadgetTest {
    /** A circuit exposing the permutation's outputs as public wires over private inputs. */
    private record PermCircuit(Circuit circuit, Variable[] in, Variable[] out) {
        static PermCircuit build(PoseidonParameters p) {
            CircuitBuilder cb = new CircuitBuilder();
            int t = p.width();
            Variable[] in = new Variable[t];
            LinearExpr[] state = new LinearExpr[t];
            for (int i = 0; i < t; i++) {
                in[i] = cb.privateInput("in" + i);
                state[i] = in[i].expr();
            }
            LinearExpr[] result = PoseidonGadget.permute(cb, p, state, "perm");
            Variable[] out = new Variable[t];
            for (int i = 0; i < t; i++) {
                LinearExpr r = result[i];
                out[i] = cb.publicOutput("out" + i, w -> w.eval(r));
                cb.assertEqual(out[i].expr(), r, "out" + i);
            }
            return new PermCircuit(cb.build(), in, out);
        }

        BigInteger[] run(BigInteger[] values) {
            Map<Variable, BigInteger> m = new HashMap<>();
            for (int i = 0; i < in.length; i++) {
                m.put(in[i], values[i]);
            }
            return circuit.witness(m);
        }
    }

    private static void agreesWithNative(PoseidonParameters p) {
        PermCircuit pc = PermCircuit.build(p);
        int t = p.width();
        // 3 constraints per S-box, t per full round and 1 per partial round, plus t output equalities.
        assertEquals(3 * (p.fullRounds() * t + p.partialRounds()) + t, pc.circuit().constraintCount());
        Seeded.forAll("poseidon-gadget-t" + t, 8, rnd -> {
            BigInteger[] x = new BigInteger[t];
            for (int i = 0; i < t; i++) {
                x[i] = RandomField.fieldElement(rnd);
            }
            BigInteger[] w = pc.run(x);
            assertTrue(pc.circuit().isSatisfiedBy(w));
            BigInteger[] expected = Poseidon.permute(p, x);
            for (int i = 0; i < t; i++) {
                assertEquals(expected[i], pc.circuit().valueOf(pc.out()[i], w));
            }
            // Any other claimed output fails.
            w[1 + rnd.nextInt(t)] = Fr.add(w[1], BigInteger.ONE);
            assertFalse(pc.circuit().isSatisfiedBy(w));
        });
    }

    @Test
    void widthThreeAgreesWithNative() {
        agreesWithNative(PoseidonParameters.T3);
    }

    @Test
    void widthFiveAgreesWithNative() {
        agreesWithNative(PoseidonParameters.T5);
    }

    @Test
    void hashModesAgreeWithNative() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable a = cb.privateInput("a");
        Variable b = cb.privateInput("b");
        Variable c = cb.privateInput("c");
        LinearExpr node = PoseidonGadget.hashNode(cb, a.expr(), b.expr(), "node");
        LinearExpr one = PoseidonGadget.hash1(cb, a.expr(), "one");
        LinearExpr three = PoseidonGadget.hash3(cb, a.expr(), b.expr(), c.expr(), "three");
        Variable[] outs = new Variable[3];
        LinearExpr[] exprs = {node, one, three};
        for (int i = 0; i < 3; i++) {
            LinearExpr e = exprs[i];
            outs[i] = cb.publicOutput("h" + i, w -> w.eval(e));
            cb.assertEqual(outs[i].expr(), e, "h" + i);
        }
        Circuit circuit = cb.build();
        // Constant S-box inputs in the first round (tag, zero padding) cost nothing.
        assertEquals((240 - 3) + (240 - 6) + (288 - 6) + 3, circuit.constraintCount());
        Seeded.forAll("poseidon-hash-modes", 4, rnd -> {
            BigInteger x = RandomField.fieldElement(rnd);
            BigInteger y = RandomField.fieldElement(rnd);
            BigInteger z = RandomField.fieldElement(rnd);
            BigInteger[] w = circuit.witness(Map.of(a, x, b, y, c, z));
            assertTrue(circuit.isSatisfiedBy(w));
            assertEquals(Poseidon.hashNode(x, y), circuit.valueOf(outs[0], w));
            assertEquals(Poseidon.hash1(x), circuit.valueOf(outs[1], w));
            assertEquals(Poseidon.hash3(x, y, z), circuit.valueOf(outs[2], w));
        });
    }

    @Test
    void hashModesAreDomainSeparated() {
        BigInteger x = BigInteger.valueOf(7);
        // hash1(x) and hashNode(x, 0) share the width and the inputs, only the capacity tag differs.
        assertFalse(Poseidon.hash1(x).equals(Poseidon.hashNode(x, BigInteger.ZERO)));
        assertEquals(Poseidon.permute(PoseidonParameters.T3,
                new BigInteger[] {BigInteger.valueOf(3), x, BigInteger.ONE})[1], Poseidon.hashNode(x, BigInteger.ONE));
    }
}
