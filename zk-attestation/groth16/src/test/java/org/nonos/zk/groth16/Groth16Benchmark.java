// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.nonos.zk.bls12381.MalformedException;
import org.nonos.zk.circuit.attestation.AttestationCircuit;
import org.nonos.zk.circuit.attestation.AttestationPublicInputs;
import org.nonos.zk.circuit.attestation.AttestationWitness;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;
import org.nonos.zk.circuit.attestation.UnsatisfiedStatementException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks run by bench/groth16, on the depth-20 attestation circuit: verify with a
 * prepared key (proof already decoded), verify from the 200-byte binary proof (decoding with
 * subgroup checks included), and prove (from the full assignment).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
public class Groth16Benchmark {
    private static final int DEPTH = 20;
    private final SecureRandom random = new SecureRandom();
    private BigInteger[] assignment;
    private BigInteger[] publicInputs;
    private Prover prover;
    private PreparedVerifyingKey verifier;
    private Proof proof;
    private byte[] encodedProof;

    @Setup(Level.Trial)
    public void setUp() throws UnsatisfiedStatementException {
        AttestationCircuit circuit = AttestationCircuit.create(DEPTH);
        TrustRegistryTree tree = new TrustRegistryTree(DEPTH);
        BigInteger secret = new BigInteger("0123456789abcdef0123456789abcdef", 16);
        tree.set(777_777, TrustRegistryTree.leaf(secret, 0xff_ffL, 50_000));
        AttestationPublicInputs pub = new AttestationPublicInputs(new byte[32], 0x0f_0fL, tree.root(), 40_000);
        assignment = circuit.witness(pub, new AttestationWitness(secret, 0xff_ffL, 50_000, tree.path(777_777)));
        publicInputs = circuit.r1cs().publicInputs(assignment);
        KeyPair keys = org.nonos.zk.groth16.Setup.generate(circuit.r1cs(), random);
        prover = new Prover(circuit.r1cs(), keys.provingKey());
        verifier = new PreparedVerifyingKey(keys.verifyingKey());
        proof = prover.prove(assignment, random);
        encodedProof = BinaryFormat.encodeProof(proof);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean verify() throws MalformedException {
        return verifier.verify(proof, publicInputs);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean verifyFromBytes() throws MalformedException {
        return verifier.verify(BinaryFormat.decodeProof(encodedProof), publicInputs);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Proof prove() {
        return prover.prove(assignment, random);
    }
}
