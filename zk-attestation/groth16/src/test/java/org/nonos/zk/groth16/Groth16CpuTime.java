// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.security.SecureRandom;

import org.nonos.zk.circuit.attestation.AttestationCircuit;
import org.nonos.zk.circuit.attestation.AttestationPublicInputs;
import org.nonos.zk.circuit.attestation.AttestationWitness;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;

/**
 * Process CPU time per verify and per prove on the depth-20 attestation circuit, for
 * bench/groth16: on a shared machine wall-clock medians follow the load, CPU time much less.
 * Prints {@code CPU verify_us=… prove_ms=…}.
 */
public final class Groth16CpuTime {
    private Groth16CpuTime() {}

    public static void main(String[] args) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AttestationCircuit circuit = AttestationCircuit.create(20);
        TrustRegistryTree tree = new TrustRegistryTree(20);
        BigInteger secret = new BigInteger("0123456789abcdef0123456789abcdef", 16);
        tree.set(777_777, TrustRegistryTree.leaf(secret, 0xff_ffL, 50_000));
        AttestationPublicInputs pub = new AttestationPublicInputs(new byte[32], 0x0f_0fL, tree.root(), 40_000);
        BigInteger[] w = circuit.witness(pub, new AttestationWitness(secret, 0xff_ffL, 50_000, tree.path(777_777)));
        SecureRandom random = new SecureRandom();
        KeyPair keys = Setup.generate(circuit.r1cs(), random);
        Prover prover = new Prover(circuit.r1cs(), keys.provingKey());
        PreparedVerifyingKey pvk = new PreparedVerifyingKey(keys.verifyingKey());
        BigInteger[] x = circuit.r1cs().publicInputs(w);
        Proof proof = prover.prove(w, random);
        int verifies = 500;
        int proves = 5;
        for (int i = 0; i < verifies; i++) {
            pvk.verify(proof, x); // warm-up
        }
        long c0 = os.getProcessCpuTime();
        for (int i = 0; i < verifies; i++) {
            if (!pvk.verify(proof, x)) {
                throw new IllegalStateException("a valid proof failed");
            }
        }
        long c1 = os.getProcessCpuTime();
        prover.prove(w, random);
        long c2 = os.getProcessCpuTime();
        for (int i = 0; i < proves; i++) {
            prover.prove(w, random);
        }
        long c3 = os.getProcessCpuTime();
        System.out.printf("CPU verify_us=%.1f prove_ms=%.1f%n", (c1 - c0) / 1e3 / verifies, (c3 - c2) / 1e6 / proves);
    }
}
