// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.poseidon;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.nonos.zk.circuit.Fr;

/**
 * One Poseidon instance over the BLS12-381 scalar field: width t, R_F full rounds, R_P partial
 * rounds, S-box x^5, round constants and MDS matrix generated in code by the Grain LFSR exactly as
 * the Poseidon authors' reference generator does for field=1 (prime field), sbox=0 (x^alpha),
 * n=255, 128-bit security. The pinned instances are {@link #T3} and {@link #T5} (R_F=8, R_P=56),
 * checked against vectors/poseidon-bls12-381/VECTORS.txt.
 *
 * <p>Arrays handed out are copies; the instance itself is immutable.
 */
public final class PoseidonParameters {
    /** Bit length n of r (the reference generator's FIELD_SIZE). */
    public static final int FIELD_BITS = 255;
    public static final int ALPHA = 5;

    /** t = 3 (2-to-1 hashing, Merkle nodes). */
    public static final PoseidonParameters T3 = generate(3, 8, 56);
    /** t = 5 (up to 4 inputs, the registry leaf). */
    public static final PoseidonParameters T5 = generate(5, 8, 56);

    private final int t;
    private final int fullRounds;
    private final int partialRounds;
    private final BigInteger[] roundConstants; // (R_F + R_P)·t, round by round
    private final BigInteger[][] mds;
    /** The same constants in Montgomery form, for the native permutation. */
    final long[][] roundConstantsMont;
    final long[][][] mdsMont;

    private PoseidonParameters(int t, int fullRounds, int partialRounds, BigInteger[] rc, BigInteger[][] mds) {
        this.t = t;
        this.fullRounds = fullRounds;
        this.partialRounds = partialRounds;
        this.roundConstants = rc;
        this.mds = mds;
        this.roundConstantsMont = new long[rc.length][];
        for (int i = 0; i < rc.length; i++) {
            roundConstantsMont[i] = MontgomeryFr.fromBigInteger(rc[i]);
        }
        this.mdsMont = new long[t][t][];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                mdsMont[i][j] = MontgomeryFr.fromBigInteger(mds[i][j]);
            }
        }
    }

    /**
     * Generates an instance. The LFSR first yields the (R_F + R_P)·t round constants (255-bit
     * candidates, rejected when ≥ r), then the 2t Cauchy points x_0..x_{t-1}, y_0..y_{t-1} (255-bit
     * draws reduced mod r, redrawn as a set while any two coincide), and M[i][j] = 1/(x_i + y_j).
     * The reference generator then runs its subspace-trail checks on M; for the pinned instances
     * the first matrix drawn is the published one (the vector test pins mds[0][0]).
     */
    public static PoseidonParameters generate(int t, int fullRounds, int partialRounds) {
        if (t < 2 || t > 16 || fullRounds <= 0 || fullRounds % 2 != 0 || partialRounds < 0) {
            throw new IllegalArgumentException("unsupported Poseidon shape t=" + t + " R_F=" + fullRounds + " R_P=" + partialRounds);
        }
        GrainLfsr lfsr = new GrainLfsr(1, 0, FIELD_BITS, t, fullRounds, partialRounds);
        BigInteger[] rc = new BigInteger[(fullRounds + partialRounds) * t];
        for (int i = 0; i < rc.length; i++) {
            rc[i] = lfsr.nextBelow(FIELD_BITS, Fr.R);
        }
        BigInteger[][] mds = new BigInteger[t][t];
        while (true) {
            BigInteger[] points = distinctPoints(lfsr, 2 * t);
            if (fillCauchy(points, mds)) {
                break;
            }
        }
        return new PoseidonParameters(t, fullRounds, partialRounds, rc, mds);
    }

    private static BigInteger[] distinctPoints(GrainLfsr lfsr, int count) {
        while (true) {
            BigInteger[] p = new BigInteger[count];
            Set<BigInteger> seen = new HashSet<>();
            for (int i = 0; i < count; i++) {
                p[i] = Fr.of(lfsr.nextBits(FIELD_BITS));
                seen.add(p[i]);
            }
            if (seen.size() == count) {
                return p;
            }
        }
    }

    /** Fills M[i][j] = 1/(x_i + y_j); false when some x_i + y_j = 0 (then new points are drawn). */
    private static boolean fillCauchy(BigInteger[] points, BigInteger[][] m) {
        int t = m.length;
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                BigInteger sum = Fr.add(points[i], points[t + j]);
                if (sum.signum() == 0) {
                    return false;
                }
                m[i][j] = Fr.inverse(sum);
            }
        }
        return true;
    }

    public int width() {
        return t;
    }

    public int fullRounds() {
        return fullRounds;
    }

    public int partialRounds() {
        return partialRounds;
    }

    public int rounds() {
        return fullRounds + partialRounds;
    }

    /** Whether round {@code round} (0-based) is a full round: the first and last R_F/2 are. */
    public boolean isFullRound(int round) {
        return round < fullRounds / 2 || round >= fullRounds / 2 + partialRounds;
    }

    /** The round constant added to state element {@code i} at the start of round {@code round}. */
    public BigInteger roundConstant(int round, int i) {
        return roundConstants[round * t + i];
    }

    /** Round constant number {@code index} in generation order. */
    public BigInteger roundConstant(int index) {
        return roundConstants[index];
    }

    public int roundConstantCount() {
        return roundConstants.length;
    }

    public BigInteger mds(int i, int j) {
        return mds[i][j];
    }
}
