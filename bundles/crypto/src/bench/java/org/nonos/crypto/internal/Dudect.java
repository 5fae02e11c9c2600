// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

/**
 * A dudect-style constant-time check (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant
 * time?", DATE 2017). For each target, inputs of two classes are drawn in random order: class 0
 * a fixed input, class 1 random inputs. Each call is timed with System.nanoTime, and Welch's
 * t-test compares the two timing distributions, on all samples and on samples cropped at several
 * percentiles (outliers from interrupts and GC sit in the upper tail). |t| above 4.5 is taken as
 * evidence of a timing difference, as in dudect.
 *
 * <p>Run with bench/crypto-dudect [samples-scale]; not part of the build's tests.
 */
public final class Dudect {
    private static final double THRESHOLD = 4.5;
    private static final double[] CROPS = {1.0, 0.99, 0.9, 0.75, 0.5};

    /** A target: prepare input i of class c (outside the timed region), then run it (timed). */
    interface Target {
        Object prepare(int cls, Random r);

        void run(Object input);
    }

    private Dudect() {}

    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        SecureRandom seeds = new SecureRandom();
        long seed = seeds.nextLong();
        System.out.println("dudect seed " + seed + ", scale " + scale);
        measure("xchacha20poly1305-tag-verify", (int) (300_000 * scale), seed, tagVerify());
        measure("x25519-scalar-mult", (int) (30_000 * scale), seed, x25519());
        measure("ed25519-verify", (int) (20_000 * scale), seed, ed25519Verify());
        measure("ml-dsa-65-verify", (int) (10_000 * scale), seed, mlDsaVerify());
        measure("ed25519-sign", (int) (20_000 * scale), seed, ed25519Sign());
    }

    /**
     * Tag verification: every tag is wrong, so every call fails; class 0 differs from the right tag
     * only in its last byte (a byte-wise early-exit compare would run longest), class 1 is random
     * (such a compare would stop at the first byte). The secret is the right tag.
     */
    static Target tagVerify() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[24];
        new Random(1).nextBytes(key);
        byte[] sealed = Aead.sealX(key, nonce, new byte[0], new byte[256]);
        return new Target() {
            @Override
            public Object prepare(int cls, Random r) {
                byte[] c = sealed.clone();
                if (cls == 0) {
                    c[c.length - 1] ^= 1;
                } else {
                    byte[] tag = new byte[16];
                    r.nextBytes(tag);
                    System.arraycopy(tag, 0, c, c.length - 16, 16);
                }
                return c;
            }

            @Override
            public void run(Object input) {
                try {
                    Aead.openX(key, nonce, new byte[0], (byte[]) input);
                } catch (org.nonos.crypto.CryptoException expected) {
                    // Every input fails; only the time matters.
                }
            }
        };
    }

    /** X25519: the secret scalar is fixed (class 0) or random (class 1); the peer point is fixed. */
    static Target x25519() {
        byte[] peer = X25519Kex.publicKey(fill(32, 5));
        byte[] fixed = fill(32, 0);
        return new Target() {
            @Override
            public Object prepare(int cls, Random r) {
                byte[] k = cls == 0 ? fixed.clone() : new byte[32];
                if (cls == 1) {
                    r.nextBytes(k);
                }
                return k;
            }

            @Override
            public void run(Object input) {
                X25519Kex.agree((byte[]) input, peer);
            }
        };
    }

    /**
     * Ed25519 verification: class 0 the valid signature of the message, class 1 valid signatures
     * of random other messages under the same key (canonical, well-formed, and wrong for this
     * message). Does the time reveal whether a signature verifies?
     */
    static Target ed25519Verify() {
        byte[] seed = fill(32, 9);
        byte[] pk = Ed25519Sig.publicKey(seed);
        byte[] msg = fill(64, 1);
        byte[] good = Ed25519Sig.sign(seed, msg);
        return new Target() {
            @Override
            public Object prepare(int cls, Random r) {
                if (cls == 0) {
                    return good;
                }
                byte[] other = new byte[64];
                r.nextBytes(other);
                return Ed25519Sig.sign(seed, other);
            }

            @Override
            public void run(Object input) {
                Ed25519Sig.verify(pk, msg, (byte[]) input);
            }
        };
    }

    /** ML-DSA-65 verification, same design: the valid signature versus signatures of other messages. */
    static Target mlDsaVerify() {
        byte[] seed = fill(32, 3);
        byte[] pk = MlDsa65.publicKey(seed);
        byte[] msg = fill(64, 1);
        SecureRandom rnd = new SecureRandom();
        byte[] good = MlDsa65.sign(seed, msg, new byte[0], rnd);
        byte[][] others = new byte[64][];
        for (int i = 0; i < others.length; i++) {
            others[i] = MlDsa65.sign(seed, new byte[] {(byte) i}, new byte[0], rnd);
        }
        return new Target() {
            @Override
            public Object prepare(int cls, Random r) {
                return cls == 0 ? good : others[r.nextInt(others.length)];
            }

            @Override
            public void run(Object input) {
                MlDsa65.verify(pk, msg, new byte[0], (byte[]) input);
            }
        };
    }

    /** Ed25519 signing: the secret seed is fixed (class 0) or random (class 1); the message is fixed. */
    static Target ed25519Sign() {
        byte[] fixed = fill(32, 0);
        byte[] msg = fill(64, 2);
        return new Target() {
            @Override
            public Object prepare(int cls, Random r) {
                byte[] s = fixed.clone();
                if (cls == 1) {
                    r.nextBytes(s);
                }
                return s;
            }

            @Override
            public void run(Object input) {
                Ed25519Sig.sign((byte[]) input, msg);
            }
        };
    }

    static void measure(String name, int n, long seed, Target target) {
        Random r = new Random(seed ^ name.hashCode());
        int[] classes = new int[n];
        Object[] inputs = new Object[n];
        for (int i = 0; i < n; i++) {
            classes[i] = r.nextInt(2);
            inputs[i] = target.prepare(classes[i], r);
        }
        // Warm-up so that the JIT has compiled the code under test before any sample counts.
        for (int i = 0; i < Math.min(n, 20_000); i++) {
            target.run(inputs[i]);
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            target.run(inputs[i]);
            times[i] = System.nanoTime() - t0;
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        StringBuilder line = new StringBuilder("DUDECT " + name + " n=" + n + " median_ns=" + sorted[n / 2]);
        double worst = 0;
        for (double crop : CROPS) {
            long limit = sorted[Math.min(n - 1, (int) (crop * n) - (crop < 1 ? 0 : 1))];
            double t = welch(times, classes, limit);
            worst = Math.max(worst, Math.abs(t));
            line.append(String.format(" t@p%.0f=%.2f", crop * 100, t));
        }
        line.append(String.format(" max|t|=%.2f %s", worst, worst > THRESHOLD ? "LEAK?" : "no-evidence-of-leak"));
        System.out.println(line);
    }

    /** Welch's t statistic of class 0 versus class 1 over samples not above {@code limit}. */
    static double welch(long[] times, int[] classes, long limit) {
        double[] mean = new double[2];
        double[] m2 = new double[2];
        long[] count = new long[2];
        for (int i = 0; i < times.length; i++) {
            if (times[i] > limit) {
                continue;
            }
            int c = classes[i];
            count[c]++;
            double delta = times[i] - mean[c];
            mean[c] += delta / count[c];
            m2[c] += delta * (times[i] - mean[c]);
        }
        double var0 = m2[0] / (count[0] - 1);
        double var1 = m2[1] / (count[1] - 1);
        return (mean[0] - mean[1]) / Math.sqrt(var0 / count[0] + var1 / count[1]);
    }

    private static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
