// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

import org.nonos.zk.bls12381.internal.Blst;
import org.nonos.zk.bls12381.internal.BlstLibrary;

/**
 * A G2 point with the line functions of its Miller loop precomputed (blst_precompute_lines):
 * for a fixed Q, each e(·, Q) Miller loop then costs only the line evaluations at P.
 */
public final class PreparedG2 {
    private final G2Point point;
    private final byte[] lines;

    public PreparedG2(G2Point q) {
        this.point = q;
        this.lines = new byte[Blst.LINES];
        if (!q.isIdentity()) {
            BlstLibrary.get().blst_precompute_lines(lines, q.affineView());
        }
    }

    public G2Point point() {
        return point;
    }

    /** The Miller loop of (P, Q). */
    public Fp12 millerLoop(G1Point p) {
        if (p.isIdentity() || point.isIdentity()) {
            return Pairing.one();
        }
        byte[] out = new byte[Blst.FP12];
        BlstLibrary.get().blst_miller_loop_lines(out, lines, p.affineView());
        return new Fp12(out);
    }
}
