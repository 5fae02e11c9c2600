// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.examples;

import java.math.BigInteger;
import java.util.Map;
import org.nonos.zk.circuit.Circuit;
import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.Variable;

/**
 * x·y = z with z public: the same system, coefficient for coefficient, that circom 2.2 compiles
 * from {@link #CIRCOM_SOURCE} with {@code --prime bls12381}, for interoperability tests with
 * snarkjs. Wires: 0 = one, 1 = z (circom puts outputs first among the public signals), 2 = x,
 * 3 = y. One constraint, in circom's form A·B − C = 0 with A = −x, B = y, C = −z (what
 * {@code snarkjs r1cs print} shows for the compiled circuit).
 */
public final class Multiplier {
    /** The equivalent circom circuit (compile with {@code circom --r1cs --wasm --prime bls12381}). */
    public static final String CIRCOM_SOURCE = """
            pragma circom 2.0.0;

            template Multiplier() {
                signal input x;
                signal input y;
                signal output z;
                z <== x * y;
            }

            component main = Multiplier();
            """;

    private final Circuit circuit;
    private final Variable x;
    private final Variable y;

    private Multiplier() {
        CircuitBuilder cb = new CircuitBuilder();
        Variable[] xy = new Variable[2];
        // Allocate z first as an output computed from x and y: it reads them, so x and y must be
        // allocated before it; public wires are numbered first anyway, so z still gets wire 1.
        xy[0] = cb.privateInput("x");
        xy[1] = cb.privateInput("y");
        Variable z = cb.publicOutput("z", w -> Fr.mul(w.get(xy[0]), w.get(xy[1])));
        cb.constrain(xy[0].expr().times(-1), xy[1].expr(), z.expr().times(-1), "x*y=z");
        this.x = xy[0];
        this.y = xy[1];
        this.circuit = cb.build();
    }

    /** A fresh instance of the circuit (the system is the same every time). */
    public static Multiplier create() {
        return new Multiplier();
    }

    public Circuit circuit() {
        return circuit;
    }

    /** The full assignment [1, x·y, x, y] for canonical x and y. */
    public BigInteger[] assignment(BigInteger xValue, BigInteger yValue) {
        return circuit.witness(Map.of(x, xValue, y, yValue));
    }
}
