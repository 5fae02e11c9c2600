// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.util.ArrayList;
import java.util.List;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.nonos.zk.bls12381.internal.Blst;
import org.nonos.zk.bls12381.internal.BlstLibrary;

/**
 * A few fixed G1 points with blst's windowed tables precomputed (blst_p1s_mult_wbits): a
 * multi-scalar multiplication over them then needs no doublings per point, only table
 * look-ups and additions. Sized for a verifying key's public-input points.
 */
public final class G1FixedBaseTable {
    /** Window width: 2^(W−1) multiples per point, 96 bytes each (12 KiB per point at W = 8). */
    private static final int WBITS = 8;

    private final int size;
    private final int[] finite;
    private final Pointer table;
    private final long scratchBytes;

    public G1FixedBaseTable(List<G1Point> points) {
        this.size = points.size();
        List<byte[]> affines = new ArrayList<>();
        int[] idx = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!points.get(i).isIdentity()) {
                affines.add(points.get(i).affineView());
                idx[n++] = i;
            }
        }
        this.finite = java.util.Arrays.copyOf(idx, n);
        Blst blst = BlstLibrary.get();
        Runtime rt = BlstLibrary.runtime();
        if (n > 0) {
            Pointer pts = Pippenger.pack(affines, Blst.P1_AFFINE);
            this.table = Memory.allocateDirect(rt, blst.blst_p1s_mult_wbits_precompute_sizeof(WBITS, n));
            blst.blst_p1s_mult_wbits_precompute(table, WBITS, Native.contiguous(rt, pts), n);
            this.scratchBytes = Math.max(8, blst.blst_p1s_mult_wbits_scratch_sizeof(n));
        } else {
            this.table = null;
            this.scratchBytes = 0;
        }
    }

    public int size() {
        return size;
    }

    /** Σ k_i·P_i for an {@link Fr} vector of {@link #size()} scalars. */
    public G1Point multiply(long[] scalars) {
        if (Fr.length(scalars) != size) {
            throw new IllegalArgumentException(Fr.length(scalars) + " scalars for " + size + " points");
        }
        if (finite.length == 0) {
            return G1Point.identity();
        }
        Buffers b = buffers.get();
        byte[] bytes = b.bytes;
        for (int i = 0; i < finite.length; i++) {
            Fr.toLittleEndian(scalars, finite[i], bytes, 32 * i);
        }
        b.scalars.put(0, bytes, 0, bytes.length);
        BlstLibrary.get().blst_p1s_mult_wbits(b.ret, table, WBITS, finite.length, b.scalarPointers, 255, b.scratch);
        byte[] out = new byte[Blst.P1];
        b.ret.get(0, out, 0, Blst.P1);
        return G1Point.ofJacobian(out);
    }

    /**
     * Native buffers of one thread, reused by every call: verification is the hot path, and
     * fresh native allocations there would be freed only when the collector gets to them.
     */
    private final class Buffers {
        final byte[] bytes = new byte[32 * finite.length];
        final Pointer scalars;
        final Pointer scalarPointers;
        final Pointer ret;
        final Pointer scratch;

        Buffers() {
            Runtime rt = BlstLibrary.runtime();
            scalars = Memory.allocateDirect(rt, bytes.length);
            scalarPointers = Native.contiguous(rt, scalars);
            ret = Memory.allocateDirect(rt, Blst.P1, true);
            scratch = Memory.allocateDirect(rt, scratchBytes);
        }
    }

    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);
}
