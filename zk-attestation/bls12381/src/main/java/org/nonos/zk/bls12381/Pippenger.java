// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.nonos.zk.bls12381.internal.Blst;
import org.nonos.zk.bls12381.internal.BlstLibrary;

/**
 * Multi-scalar multiplication Σ k_i·P_i with blst's Pippenger (bucket) method, split into one
 * slice of the points per processor; the slices' sums are added at the end. Shared by
 * {@link G1Bases} and {@link G2Bases}.
 */
final class Pippenger {
    /** Slices below this many points are not worth a thread hand-off. */
    private static final int MIN_SLICE = 512;
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "nonos-msm");
        t.setDaemon(true);
        return t;
    });

    private Pippenger() {}

    /**
     * @param g2       whether the points are G2 affine (else G1)
     * @param points   n contiguous blst affine points, none at infinity
     * @param scalars  n contiguous 32-byte little-endian scalars
     * @return the blst Jacobian sum (all zero bytes for the identity)
     */
    static byte[] sum(boolean g2, Pointer points, Pointer scalars, int n) {
        int jac = g2 ? Blst.P2 : Blst.P1;
        int aff = g2 ? Blst.P2_AFFINE : Blst.P1_AFFINE;
        if (n == 0) {
            return new byte[jac];
        }
        int cpus = java.lang.Runtime.getRuntime().availableProcessors();
        int slices = Math.max(1, Math.min(cpus, n / MIN_SLICE));
        int per = (n + slices - 1) / slices;
        List<Future<byte[]>> parts = new ArrayList<>();
        for (int s = 1; s < slices; s++) {
            int from = s * per;
            int count = Math.min(n, from + per) - from;
            if (count > 0) {
                parts.add(POOL.submit(() -> slice(g2, points.slice((long) from * aff), scalars.slice(32L * from), count)));
            }
        }
        byte[] acc = slice(g2, points, scalars, Math.min(per, n));
        Blst blst = BlstLibrary.get();
        for (Future<byte[]> f : parts) {
            byte[] part;
            try {
                part = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a multi-scalar multiplication", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("multi-scalar multiplication failed", e.getCause());
            }
            byte[] out = new byte[jac];
            if (g2) {
                blst.blst_p2_add_or_double(out, acc, part);
            } else {
                blst.blst_p1_add_or_double(out, acc, part);
            }
            acc = out;
        }
        return acc;
    }

    private static byte[] slice(boolean g2, Pointer points, Pointer scalars, int n) {
        Blst blst = BlstLibrary.get();
        Runtime rt = BlstLibrary.runtime();
        int jac = g2 ? Blst.P2 : Blst.P1;
        long scratchBytes = g2 ? blst.blst_p2s_mult_pippenger_scratch_sizeof(n) : blst.blst_p1s_mult_pippenger_scratch_sizeof(n);
        Pointer scratch = Memory.allocateDirect(rt, Math.max(8, scratchBytes));
        Pointer ret = Memory.allocateDirect(rt, jac, true);
        Pointer pts = Native.contiguous(rt, points);
        Pointer scs = Native.contiguous(rt, scalars);
        if (g2) {
            blst.blst_p2s_mult_pippenger(ret, pts, n, scs, 255, scratch);
        } else {
            blst.blst_p1s_mult_pippenger(ret, pts, n, scs, 255, scratch);
        }
        byte[] out = new byte[jac];
        ret.get(0, out, 0, jac);
        return out;
    }

    /** Copies n affine points into native memory. */
    static Pointer pack(List<byte[]> affines, int size) {
        Pointer base = Memory.allocateDirect(BlstLibrary.runtime(), Math.max(1L, (long) affines.size() * size));
        for (int i = 0; i < affines.size(); i++) {
            base.put((long) i * size, affines.get(i), 0, size);
        }
        return base;
    }
}
