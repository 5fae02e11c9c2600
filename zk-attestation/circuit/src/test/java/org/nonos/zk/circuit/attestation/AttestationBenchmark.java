// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.attestation;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.nonos.zk.circuit.poseidon.Poseidon;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks run by bench/zk-circuit: the depth-20 attestation witness (the prover's first
 * step), building the depth-20 system, and one native Poseidon node hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttestationBenchmark {
    private static final int DEPTH = 20;
    private AttestationCircuit circuit;
    private AttestationPublicInputs publicInputs;
    private AttestationWitness witness;

    @Setup
    public void setUp() {
        circuit = AttestationCircuit.create(DEPTH);
        TrustRegistryTree tree = new TrustRegistryTree(DEPTH);
        BigInteger secret = new BigInteger("0123456789abcdef0123456789abcdef", 16);
        tree.set(777_777, TrustRegistryTree.leaf(secret, 0xff_ffL, 50_000));
        publicInputs = new AttestationPublicInputs(new byte[32], 0x0f_0fL, tree.root(), 40_000);
        witness = new AttestationWitness(secret, 0xff_ffL, 50_000, tree.path(777_777));
    }

    /** The full assignment of a depth-20 proof, unchecked (what a prover needs). */
    @Benchmark
    public BigInteger[] witnessDepth20() {
        return circuit.assign(publicInputs, witness);
    }

    @Benchmark
    public AttestationCircuit buildDepth20() {
        return AttestationCircuit.create(DEPTH);
    }

    @Benchmark
    public BigInteger poseidonHashNode() {
        return Poseidon.hashNode(publicInputs.registryRoot(), witness.secret());
    }
}
