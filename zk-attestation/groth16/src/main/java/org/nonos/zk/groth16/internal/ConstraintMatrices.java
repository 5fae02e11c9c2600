// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16.internal;

import java.util.List;

import org.nonos.zk.bls12381.Fr;
import org.nonos.zk.bls12381.Radix2Domain;
import org.nonos.zk.r1cs.Constraint;
import org.nonos.zk.r1cs.LinearCombination;
import org.nonos.zk.r1cs.R1cs;
import org.nonos.zk.r1cs.Term;

/**
 * The A, B, C matrices of an R1CS in compressed-row form with Montgomery {@link Fr}
 * coefficients, extended by the Groth16 input constraints: row m + i (i = 0..numPublic) has
 * A = wire i and B = C = 0. Built once per circuit; shared by setup and prover.
 */
public final class ConstraintMatrices {
    public final int numWires;
    public final int numPublic;
    public final int numConstraints;
    /** Rows of the QAP: the constraints plus the input constraints. */
    public final int numRows;
    public final Radix2Domain domain;
    private final Sparse a;
    private final Sparse b;
    private final Sparse c;

    /** One matrix: row r holds entries start[r]..start[r+1]−1. */
    private record Sparse(int[] start, int[] wire, long[] coeff) {}

    public ConstraintMatrices(R1cs r1cs) {
        this.numWires = r1cs.numWires();
        this.numPublic = r1cs.numPublic();
        List<Constraint> cs = r1cs.constraints();
        this.numConstraints = cs.size();
        this.numRows = numConstraints + numPublic + 1;
        this.domain = new Radix2Domain(numRows);
        this.a = build(cs, 0);
        this.b = build(cs, 1);
        this.c = build(cs, 2);
    }

    private Sparse build(List<Constraint> cs, int which) {
        int count = 0;
        for (Constraint k : cs) {
            count += lc(k, which).terms().size();
        }
        boolean inputs = which == 0;
        if (inputs) {
            count += numPublic + 1;
        }
        int[] start = new int[numRows + 1];
        int[] wire = new int[count];
        long[] coeff = Fr.vector(count);
        int e = 0;
        for (int r = 0; r < cs.size(); r++) {
            start[r] = e;
            for (Term t : lc(cs.get(r), which).terms()) {
                wire[e] = t.wire();
                Fr.set(coeff, e, t.coefficient());
                e++;
            }
        }
        for (int i = 0; i <= numPublic; i++) {
            start[cs.size() + i] = e;
            if (inputs) {
                wire[e] = i;
                Fr.setOne(coeff, e);
                e++;
            }
        }
        start[numRows] = e;
        return new Sparse(start, wire, coeff);
    }

    private static LinearCombination lc(Constraint k, int which) {
        return which == 0 ? k.a() : which == 1 ? k.b() : k.c();
    }

    /**
     * Evaluations of A·w, B·w, C·w at every row, zero-padded to the domain size.
     *
     * @param w the full assignment as an Fr vector of numWires elements
     * @return {a, b, c}, each an Fr vector of domain-size elements
     */
    public long[][] evaluate(long[] w) {
        int n = domain.size();
        return new long[][] {evaluate(a, w, n), evaluate(b, w, n), evaluate(c, w, n)};
    }

    private long[] evaluate(Sparse m, long[] w, int n) {
        long[] out = Fr.vector(n);
        long[] t = Fr.vector(1);
        for (int r = 0; r < numRows; r++) {
            for (int e = m.start[r]; e < m.start[r + 1]; e++) {
                Fr.mul(m.coeff, e, w, m.wire[e], t, 0);
                Fr.add(out, r, t, 0, out, r);
            }
        }
        return out;
    }

    /**
     * u_i(τ), v_i(τ), w_i(τ) for every wire i, given the Lagrange basis at τ:
     * u_i(τ) = Σ_rows A[row][i]·L_row(τ), and likewise for B and C.
     *
     * @param lagrange Fr vector of L_row(τ) for every row of the domain
     * @return {u, v, w}, Fr vectors of numWires elements
     */
    public long[][] polynomialsAt(long[] lagrange) {
        return new long[][] {accumulate(a, lagrange), accumulate(b, lagrange), accumulate(c, lagrange)};
    }

    private long[] accumulate(Sparse m, long[] lagrange) {
        long[] out = Fr.vector(numWires);
        long[] t = Fr.vector(1);
        for (int r = 0; r < numRows; r++) {
            for (int e = m.start[r]; e < m.start[r + 1]; e++) {
                Fr.mul(m.coeff, e, lagrange, r, t, 0);
                Fr.add(out, m.wire[e], t, 0, out, m.wire[e]);
            }
        }
        java.util.Arrays.fill(t, 0);
        return out;
    }
}
