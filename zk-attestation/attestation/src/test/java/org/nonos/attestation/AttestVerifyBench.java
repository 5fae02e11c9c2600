// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nonos.attestation.internal.RegistryAdmin;
import org.nonos.attestation.internal.VendorFiles;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.zk.circuit.attestation.AttestationCircuit;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.Prover;

/**
 * bench/attest-verify: verification of 100 attested bundles, one by one (median per bundle, total)
 * and as one batch. Not a test (surefire runs *Test classes only). Arguments: registry depth
 * (default 20), bundle count (default 100), rounds (default 5).
 */
public final class AttestVerifyBench {
    private AttestVerifyBench() {}

    public static void main(String[] args) throws Exception {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("nonos-attest-bench");
        try {
            run(dir, depth, count, rounds);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int depth, int count, int rounds) throws Exception {
        var crypto = Fixtures.CRYPTO;
        RegistryAdmin admin = new RegistryAdmin(crypto);
        KeyHandle owner = crypto.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65);
        Path trust = dir.resolve("trust");
        long t0 = System.nanoTime();
        admin.init(trust, owner, depth, 1, dir.resolve("proving.key"), new SecureRandom());
        System.out.printf(Locale.ROOT, "setup depth %d: %.1f s%n", depth, (System.nanoTime() - t0) / 1e9);
        Fixtures.Vendor v = Fixtures.vendor("bench");
        admin.addVendor(trust, owner, "bench", v.publicKey(), CapabilityRequest.parse(Fixtures.SERIAL_RW_CRYPTO).mask(), 1000, null);
        VendorFiles.PathFile path = admin.exportPath(admin.load(trust, owner.publicKey()), "bench");
        AttestationCircuit circuit = AttestationCircuit.create(depth);
        Prover prover = new Prover(circuit.r1cs(), BinaryFormat.decodeProvingKey(Files.readAllBytes(dir.resolve("proving.key"))));
        var attester = new org.nonos.attestation.internal.Attester(crypto, circuit, prover);
        List<Path> jars = new ArrayList<>();
        double[] prove = new double[count];
        for (int i = 0; i < count; i++) {
            byte[] plain = Fixtures.bundle("org.example.bench" + i, Fixtures.SERIAL_RW, i);
            long s = System.nanoTime();
            Attestation a = attester.attest(plain, v.signing(), v.secret(), path, new SecureRandom(),
                    org.nonos.attestation.internal.Attester.Progress.NONE);
            prove[i] = (System.nanoTime() - s) / 1e6;
            Path f = dir.resolve("b" + i + ".jar");
            Files.write(f, org.nonos.attestation.internal.Attester.withAttestation(plain, a.emit()));
            jars.add(f);
        }
        AttestationVerifier verifier = AttestationVerifier.create(TrustAnchor.load(trust, owner.publicKey(), crypto), crypto);
        for (int w = 0; w < 3; w++) { // warm-up (JIT), and every bundle must verify
            for (Path j : jars) {
                if (!verifier.verify(j).accepted()) {
                    throw new IllegalStateException("bundle " + j + " does not verify: " + verifier.verify(j));
                }
            }
            verifier.verifyAll(jars);
        }
        double[] each = new double[rounds * count];
        double[] totals = new double[rounds];
        double[] batches = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long s = System.nanoTime();
                if (!verifier.verify(jars.get(i)).accepted()) {
                    throw new IllegalStateException("rejected in round " + r);
                }
                each[r * count + i] = (System.nanoTime() - s) / 1e6;
            }
            totals[r] = (System.nanoTime() - start) / 1e6;
            long b = System.nanoTime();
            if (!verifier.verifyAll(jars).stream().allMatch(Verdict::accepted)) {
                throw new IllegalStateException("batch rejected in round " + r);
            }
            batches[r] = (System.nanoTime() - b) / 1e6;
        }
        System.out.printf(Locale.ROOT, "RESULT attest_verify_median=%.2f ms%n", median(each));
        System.out.printf(Locale.ROOT, "RESULT attest_verify_%d_total=%.1f ms%n", count, median(totals));
        System.out.printf(Locale.ROOT, "RESULT attest_verify_%d_batch=%.1f ms%n", count, median(batches));
        System.out.printf(Locale.ROOT, "RESULT attest_prove_depth%d_median=%.1f ms%n", depth, median(prove));
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
