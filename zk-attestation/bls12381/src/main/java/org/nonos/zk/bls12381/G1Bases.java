// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.nonos.zk.bls12381.internal.Blst;
import org.nonos.zk.bls12381.internal.BlstLibrary;

/**
 * A fixed list of G1 points kept in native memory for repeated multi-scalar multiplications
 * (a Groth16 proving key's queries). Points at infinity are kept out of the native table and
 * their scalars skipped: they add nothing, and blst's buckets expect finite points.
 */
public final class G1Bases {
    private final int size;
    /** Index in the caller's list of each point stored natively. */
    private final int[] finite;
    private final Pointer table;

    public G1Bases(List<G1Point> points) {
        this.size = points.size();
        List<byte[]> affines = new ArrayList<>();
        int[] idx = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            G1Point p = points.get(i);
            if (!p.isIdentity()) {
                affines.add(p.affineView());
                idx[n++] = i;
            }
        }
        this.finite = java.util.Arrays.copyOf(idx, n);
        this.table = Pippenger.pack(affines, Blst.P1_AFFINE);
    }

    public int size() {
        return size;
    }

    /**
     * Σ k_i·P_i for an {@link Fr} vector of scalars starting at element {@code offset}
     * (scalars[offset + i] goes with point i).
     */
    public G1Point multiply(long[] scalars, int offset) {
        if (Fr.length(scalars) - offset < size || offset < 0) {
            throw new IllegalArgumentException("need " + size + " scalars from " + offset);
        }
        Pointer packed = packScalars(scalars, offset, finite);
        return G1Point.ofJacobian(Pippenger.sum(false, table, packed, finite.length));
    }

    /** Σ k_i·P_i for scalars in [0, r). */
    public G1Point multiply(BigInteger[] scalars) {
        return multiply(toVector(scalars, size), 0);
    }

    static long[] toVector(BigInteger[] scalars, int size) {
        if (scalars.length != size) {
            throw new IllegalArgumentException(scalars.length + " scalars for " + size + " points");
        }
        long[] v = Fr.vector(size);
        for (int i = 0; i < size; i++) {
            Fr.set(v, i, scalars[i]);
        }
        return v;
    }

    static Pointer packScalars(long[] scalars, int offset, int[] indices) {
        byte[] bytes = new byte[Math.max(32, 32 * indices.length)];
        for (int i = 0; i < indices.length; i++) {
            Fr.toLittleEndian(scalars, offset + indices[i], bytes, 32 * i);
        }
        Pointer p = Memory.allocateDirect(BlstLibrary.runtime(), bytes.length);
        p.put(0, bytes, 0, bytes.length);
        return p;
    }
}
