// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import jnr.ffi.Pointer;
import org.nonos.zk.bls12381.internal.Blst;

/**
 * A fixed list of G2 points kept in native memory for repeated multi-scalar multiplications
 * (the B query of a Groth16 proving key). Points at infinity are kept out of the native table and
 * their scalars skipped: they add nothing, and blst's buckets expect finite points.
 */
public final class G2Bases {
    private final int size;
    /** Index in the caller's list of each point stored natively. */
    private final int[] finite;
    private final Pointer table;

    public G2Bases(List<G2Point> points) {
        this.size = points.size();
        List<byte[]> affines = new ArrayList<>();
        int[] idx = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            G2Point p = points.get(i);
            if (!p.isIdentity()) {
                affines.add(p.affineView());
                idx[n++] = i;
            }
        }
        this.finite = java.util.Arrays.copyOf(idx, n);
        this.table = Pippenger.pack(affines, Blst.P2_AFFINE);
    }

    public int size() {
        return size;
    }

    /**
     * Σ k_i·P_i for an {@link Fr} vector of scalars starting at element {@code offset}
     * (scalars[offset + i] goes with point i).
     */
    public G2Point multiply(long[] scalars, int offset) {
        if (Fr.length(scalars) - offset < size || offset < 0) {
            throw new IllegalArgumentException("need " + size + " scalars from " + offset);
        }
        Pointer packed = G1Bases.packScalars(scalars, offset, finite);
        return G2Point.ofJacobian(Pippenger.sum(true, table, packed, finite.length));
    }

    /** Σ k_i·P_i for scalars in [0, r). */
    public G2Point multiply(BigInteger[] scalars) {
        return multiply(G1Bases.toVector(scalars, size), 0);
    }
}
