// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Measurements in CPU time of the measuring thread, to compare with peers that report CPU time:
 * {@code openssl speed} (user CPU time unless -elapsed) and the reference {@code argon2} CLI
 * (clock(), process CPU time). On a shared, loaded machine wall time mostly measures the other
 * tenants; CPU time measures the code. JMH's wall-time figures are reported beside these.
 * Prints "CPU &lt;metric&gt; &lt;value&gt;" lines for bench/crypto.
 */
public final class CpuTiming {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTiming() {}

    public static void main(String[] args) {
        for (int size : new int[] {4096, 1 << 20}) {
            System.out.printf("CPU xchacha_seal_%d_MBps %.1f%n", size, aeadMBps(size, 3_000_000_000L));
        }
        long best = Long.MAX_VALUE;
        byte[] salt = "nonosbenchsalt16".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] pw = "benchmark password".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 6; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            Kdf.argon2(Argon2Parameters.ARGON2_id, pw, salt, null, null, 65536, 4, 1, 32);
            long cpu = THREADS.getCurrentThreadCpuTime() - c0;
            if (i > 0) {
                best = Math.min(best, cpu);
            }
        }
        System.out.printf("CPU argon2id_64MiB_t4_p1_ms %.1f%n", best / 1e6);

        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] msg = new byte[64];
        byte[] edSeed = new byte[32];
        random.nextBytes(edSeed);
        byte[] edPk = Ed25519Sig.publicKey(edSeed);
        byte[] edSig = Ed25519Sig.sign(edSeed, msg);
        byte[] mlSeed = new byte[32];
        random.nextBytes(mlSeed);
        byte[] mlPk = MlDsa65.publicKey(mlSeed);
        org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters mlKey = MlDsa65.privateKey(mlSeed);
        byte[] mlSig = MlDsa65.sign(mlKey, msg, new byte[0], random);
        byte[] kemSeed = new byte[64];
        random.nextBytes(kemSeed);
        byte[] kemPk = MlKem768.publicKey(kemSeed);
        org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters kemKey = MlKem768.privateKey(kemSeed);
        byte[] kemCt = MlKem768.encapsulate(kemPk, random)[1];
        System.out.printf("CPU ed25519_sign_ops %.0f%n", opsPerCpuSecond(() -> Ed25519Sig.sign(edSeed, msg)));
        System.out.printf("CPU ed25519_verify_ops %.0f%n", opsPerCpuSecond(() -> Ed25519Sig.verify(edPk, msg, edSig)));
        System.out.printf("CPU ml_dsa_65_sign_ops %.0f%n", opsPerCpuSecond(() -> MlDsa65.sign(mlKey, msg, new byte[0], random)));
        System.out.printf("CPU ml_dsa_65_verify_ops %.0f%n", opsPerCpuSecond(() -> MlDsa65.verify(mlPk, msg, new byte[0], mlSig)));
        System.out.printf("CPU ml_kem_768_encaps_ops %.0f%n", opsPerCpuSecond(() -> MlKem768.encapsulate(kemPk, random)));
        System.out.printf("CPU ml_kem_768_decaps_ops %.0f%n", opsPerCpuSecond(() -> MlKem768.decapsulate(kemKey, kemCt)));
    }

    /** Operations per second of thread CPU time: 1 s of warm-up, then 2 s measured. */
    static double opsPerCpuSecond(Runnable op) {
        long warmEnd = THREADS.getCurrentThreadCpuTime() + 1_000_000_000L;
        while (THREADS.getCurrentThreadCpuTime() < warmEnd) {
            op.run();
        }
        long c0 = THREADS.getCurrentThreadCpuTime();
        long n = 0;
        while (THREADS.getCurrentThreadCpuTime() - c0 < 2_000_000_000L) {
            op.run();
            n++;
        }
        return n / ((THREADS.getCurrentThreadCpuTime() - c0) / 1e9);
    }

    /** Seals buffers of {@code size} bytes for {@code cpuNanos} of thread CPU time after a warm-up; a fresh nonce each call. */
    static double aeadMBps(int size, long cpuNanos) {
        byte[] key = new byte[32];
        byte[] nonce = new byte[24];
        byte[] msg = new byte[size];
        long counter = 0;
        long warmEnd = THREADS.getCurrentThreadCpuTime() + 2_000_000_000L;
        while (THREADS.getCurrentThreadCpuTime() < warmEnd) {
            nonce[0] = (byte) counter++;
            Aead.sealX(key, nonce, new byte[0], msg);
        }
        long c0 = THREADS.getCurrentThreadCpuTime();
        long bytes = 0;
        while (THREADS.getCurrentThreadCpuTime() - c0 < cpuNanos) {
            for (int i = 0; i < 16; i++) {
                counter++;
                nonce[0] = (byte) counter;
                nonce[1] = (byte) (counter >>> 8);
                Aead.sealX(key, nonce, new byte[0], msg);
                bytes += size;
            }
        }
        return bytes / ((THREADS.getCurrentThreadCpuTime() - c0) / 1e9) / 1e6;
    }
}
