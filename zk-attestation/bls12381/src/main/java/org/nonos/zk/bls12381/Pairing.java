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
 * The optimal ate pairing e: G1 × G2 → GT of BLS12-381, through blst's Miller loop and final
 * exponentiation.
 *
 * <p>blst's Miller loop does not special-case the point at infinity when it pairs several
 * points at once, so pairs with an infinite point (whose pairing is 1) are dropped here first.
 */
public final class Pairing {
    private Pairing() {}

    /** The Miller loop of one pair, not yet exponentiated. */
    public static Fp12 millerLoop(G1Point p, G2Point q) {
        byte[] out = new byte[Blst.FP12];
        if (p.isIdentity() || q.isIdentity()) {
            return one();
        }
        BlstLibrary.get().blst_miller_loop(out, q.affineView(), p.affineView());
        return new Fp12(out);
    }

    /** e(P, Q). */
    public static Fp12 pairing(G1Point p, G2Point q) {
        return millerLoop(p, q).finalExponentiation();
    }

    /** 1 in Fp12 (the Miller loop of the identity). */
    public static Fp12 one() {
        byte[] out = new byte[Blst.FP12];
        BlstLibrary.get().blst_miller_loop(out, G2Point.identity().affineView(), G1Point.identity().affineView());
        return new Fp12(out);
    }

    /**
     * The product of the Miller loops of all pairs, in one multi-Miller loop (shared squarings).
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static Fp12 multiMillerLoop(List<G1Point> ps, List<G2Point> qs) {
        if (ps.size() != qs.size()) {
            throw new IllegalArgumentException(ps.size() + " G1 points for " + qs.size() + " G2 points");
        }
        List<G1Point> p = new ArrayList<>();
        List<G2Point> q = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            if (!ps.get(i).isIdentity() && !qs.get(i).isIdentity()) {
                p.add(ps.get(i));
                q.add(qs.get(i));
            }
        }
        if (p.isEmpty()) {
            return one();
        }
        if (p.size() == 1) {
            return millerLoop(p.get(0), q.get(0));
        }
        int n = p.size();
        Runtime rt = BlstLibrary.runtime();
        Pointer pBase = Memory.allocateDirect(rt, (long) n * Blst.P1_AFFINE);
        Pointer qBase = Memory.allocateDirect(rt, (long) n * Blst.P2_AFFINE);
        for (int i = 0; i < n; i++) {
            pBase.put((long) i * Blst.P1_AFFINE, p.get(i).affineView(), 0, Blst.P1_AFFINE);
            qBase.put((long) i * Blst.P2_AFFINE, q.get(i).affineView(), 0, Blst.P2_AFFINE);
        }
        byte[] out = new byte[Blst.FP12];
        BlstLibrary.get().blst_miller_loop_n(out, Native.contiguous(rt, qBase), Native.contiguous(rt, pBase), n);
        return new Fp12(out);
    }

    /** Whether Π e(P_i, Q_i) = 1. */
    public static boolean pairingCheck(List<G1Point> ps, List<G2Point> qs) {
        return multiMillerLoop(ps, qs).finalExponentiation().isOne();
    }
}
