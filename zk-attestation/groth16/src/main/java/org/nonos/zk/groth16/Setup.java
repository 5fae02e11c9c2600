// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.bls12381.G1Point;
import org.nonos.zk.bls12381.G2Point;
import org.nonos.zk.bls12381.Radix2Domain;
import org.nonos.zk.groth16.internal.ConstraintMatrices;
import org.nonos.zk.r1cs.R1cs;

/**
 * The Groth16 key generation for one circuit (Groth 2016 §3.2 "Setup").
 *
 * <p><b>A development setup.</b> One process draws the "toxic waste" τ, α, β, γ, δ from a
 * CSPRNG, derives the keys and overwrites the secrets. Whoever controls that process (or reads
 * its memory while it runs) can forge proofs for the circuit. Production keys need a
 * multi-party ceremony, where the result is sound if any one participant erased their share.
 * The code is split for that: {@link ToxicWaste} holds the secrets and is the only input to
 * {@link #derive}; a ceremony replaces it with phase-1 powers of τ and phase-2 δ contributions
 * and computes the same queries from group elements instead of field elements.
 */
public final class Setup {
    private Setup() {}

    /** Secrets of one setup, as Fr elements in one erasable vector: τ, α, β, γ, δ. */
    public static final class ToxicWaste implements AutoCloseable {
        static final int TAU = 0, ALPHA = 1, BETA = 2, GAMMA = 3, DELTA = 4;
        final long[] values = Fr.vector(5);

        /** Draws each secret uniformly from Fr \ {0} (64 random bytes reduced mod r; bias < 2^-250). */
        public ToxicWaste(SecureRandom random) {
            byte[] buf = new byte[65];
            try {
                for (int i = 0; i < 5; i++) {
                    BigInteger v;
                    do {
                        random.nextBytes(buf);
                        buf[0] = 0;
                        v = new BigInteger(buf).mod(Fr.MODULUS);
                    } while (v.signum() == 0);
                    Fr.set(values, i, v);
                }
            } finally {
                Arrays.fill(buf, (byte) 0);
            }
        }

        @Override
        public void close() {
            Arrays.fill(values, 0);
        }
    }

    /** Runs a development setup with fresh secrets from {@code random}, erased before returning. */
    public static KeyPair generate(R1cs r1cs, SecureRandom random) {
        ConstraintMatrices m = new ConstraintMatrices(r1cs);
        while (true) {
            try (ToxicWaste t = new ToxicWaste(random)) {
                KeyPair keys = derive(m, t);
                if (keys != null) {
                    return keys;
                }
            }
        }
    }

    /**
     * Derives the keys from the secrets, or null when τ happens to lie in the FFT domain
     * (probability n/r; the caller draws again).
     */
    static KeyPair derive(ConstraintMatrices m, ToxicWaste t) {
        Radix2Domain d = m.domain;
        int n = d.size();
        long[] s = t.values;
        long[] tmp = Fr.vector(8);
        long[] lagrange = null;
        long[][] uvw = null;
        long[] ic = null;
        long[] lq = null;
        long[] hq = null;
        try {
            // Z(τ) = τ^n − 1
            long[] one = Fr.vector(1);
            Fr.setOne(one, 0);
            Fr.pow(s, ToxicWaste.TAU, BigInteger.valueOf(n), tmp, 0);
            Fr.sub(tmp, 0, one, 0, tmp, 0);
            if (Fr.isZero(tmp, 0)) {
                return null;
            }
            // L_j(τ) = Z(τ)·ω^j / (n·(τ − ω^j))
            lagrange = Fr.vector(n);
            long[] omega = d.omega();
            long[] wj = Fr.vector(1);
            Fr.setOne(wj, 0);
            long[] nn = Fr.of(BigInteger.valueOf(n));
            for (int j = 0; j < n; j++) {
                Fr.sub(s, ToxicWaste.TAU, wj, 0, lagrange, j);
                Fr.mul(lagrange, j, nn, 0, lagrange, j);
                Fr.mul(wj, 0, omega, 0, wj, 0);
            }
            Fr.batchInverse(lagrange, 0, n);
            Fr.setOne(wj, 0);
            for (int j = 0; j < n; j++) {
                Fr.mul(lagrange, j, wj, 0, lagrange, j);
                Fr.mul(lagrange, j, tmp, 0, lagrange, j);
                Fr.mul(wj, 0, omega, 0, wj, 0);
            }
            uvw = m.polynomialsAt(lagrange);
            long[] u = uvw[0], v = uvw[1], w = uvw[2];
            // 1/γ and 1/δ
            Fr.inverse(s, ToxicWaste.GAMMA, tmp, 1);
            Fr.inverse(s, ToxicWaste.DELTA, tmp, 2);
            int np = m.numPublic;
            int nw = m.numWires;
            ic = Fr.vector(np + 1);
            lq = Fr.vector(nw - np - 1);
            for (int i = 0; i < nw; i++) {
                // β·u_i + α·v_i + w_i
                Fr.mul(s, ToxicWaste.BETA, u, i, tmp, 3);
                Fr.mul(s, ToxicWaste.ALPHA, v, i, tmp, 4);
                Fr.add(tmp, 3, tmp, 4, tmp, 3);
                Fr.add(tmp, 3, w, i, tmp, 3);
                if (i <= np) {
                    Fr.mul(tmp, 3, tmp, 1, ic, i);
                } else {
                    Fr.mul(tmp, 3, tmp, 2, lq, i - np - 1);
                }
            }
            // τ^j·Z(τ)/δ, j = 0..n−2
            hq = Fr.vector(n - 1);
            Fr.mul(tmp, 0, tmp, 2, tmp, 5);
            for (int j = 0; j < n - 1; j++) {
                Fr.copy(tmp, 5, hq, j);
                Fr.mul(tmp, 5, s, ToxicWaste.TAU, tmp, 5);
            }
            return toKeys(m, s, u, v, ic, lq, hq);
        } finally {
            Arrays.fill(tmp, 0);
            wipe(lagrange);
            if (uvw != null) {
                for (long[] x : uvw) {
                    wipe(x);
                }
            }
            wipe(ic);
            wipe(lq);
            wipe(hq);
        }
    }

    private static void wipe(long[] x) {
        if (x != null) {
            Arrays.fill(x, 0);
        }
    }

    private static KeyPair toKeys(ConstraintMatrices m, long[] s, long[] u, long[] v, long[] ic, long[] lq, long[] hq) {
        G1Point g1 = G1Point.generator();
        G2Point g2 = G2Point.generator();
        List<G1Point> a = times(g1, u, m.numWires);
        List<G1Point> b1 = times(g1, v, m.numWires);
        List<G2Point> b2 = parallel(m.numWires, i -> g2.multiply(v, i));
        List<G1Point> icPoints = times(g1, ic, m.numPublic + 1);
        List<G1Point> l = times(g1, lq, Fr.length(lq));
        List<G1Point> h = times(g1, hq, Fr.length(hq));
        VerifyingKey vk = new VerifyingKey(g1.multiply(s, ToxicWaste.ALPHA), g2.multiply(s, ToxicWaste.BETA),
                g2.multiply(s, ToxicWaste.GAMMA), g2.multiply(s, ToxicWaste.DELTA), icPoints);
        ProvingKey pk = new ProvingKey(m.numWires, m.numPublic, m.numConstraints, m.domain.size(), vk,
                g1.multiply(s, ToxicWaste.BETA), g1.multiply(s, ToxicWaste.DELTA), a, b1, b2, l, h);
        return new KeyPair(pk, vk);
    }

    private static List<G1Point> times(G1Point g, long[] scalars, int count) {
        return parallel(count, i -> g.multiply(scalars, i));
    }

    /** f(0..count−1), spread over the processors. */
    private static <T> List<T> parallel(int count, IntFunction<T> f) {
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        @SuppressWarnings("unchecked")
        T[] out = (T[]) new Object[count];
        ExecutorService pool = Executors.newFixedThreadPool(cpus);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int c = 0; c < cpus; c++) {
                int first = c;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < count; i += cpus) {
                        out[i] = f.apply(i);
                    }
                }));
            }
            for (Future<?> p : parts) {
                p.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("setup interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("setup failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(out);
    }
}
