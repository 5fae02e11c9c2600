// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An immutable linear combination Σ c_i·v_i over Fr, kept sorted by variable id with duplicates
 * merged and zero coefficients dropped. A constant c is c·one (variable id 0). Linear operations
 * are free in R1CS: gadgets build expressions and spend constraints only on products.
 */
public final class LinearExpr {
    private static final BigInteger MINUS_ONE = Fr.R.subtract(BigInteger.ONE);
    private static final LinearExpr ZERO = new LinearExpr(null, new Variable[0], new BigInteger[0]);

    private final CircuitBuilder owner; // null only for expressions without variables besides one
    private final Variable[] vars;      // sorted by id, distinct
    private final BigInteger[] coeffs;  // canonical, non-zero

    private LinearExpr(CircuitBuilder owner, Variable[] vars, BigInteger[] coeffs) {
        this.owner = owner;
        this.vars = vars;
        this.coeffs = coeffs;
    }

    public static LinearExpr zero() {
        return ZERO;
    }

    public static LinearExpr of(Variable v) {
        return new LinearExpr(v.owner(), new Variable[] {v}, new BigInteger[] {BigInteger.ONE});
    }

    /** The constant c (as c·one of the given builder). */
    public static LinearExpr constant(CircuitBuilder builder, BigInteger c) {
        BigInteger k = Fr.of(c);
        if (k.signum() == 0) {
            return ZERO;
        }
        return new LinearExpr(builder, new Variable[] {builder.one()}, new BigInteger[] {k});
    }

    public static LinearExpr constant(CircuitBuilder builder, long c) {
        return constant(builder, BigInteger.valueOf(c));
    }

    public LinearExpr plus(LinearExpr other) {
        return combine(other, BigInteger.ONE);
    }

    public LinearExpr plus(Variable v) {
        return combine(of(v), BigInteger.ONE);
    }

    public LinearExpr minus(LinearExpr other) {
        return combine(other, MINUS_ONE);
    }

    public LinearExpr minus(Variable v) {
        return combine(of(v), MINUS_ONE);
    }

    /** this + c (c any integer, taken mod r). */
    public LinearExpr plusConstant(CircuitBuilder builder, BigInteger c) {
        return plus(constant(builder, c));
    }

    /** k·this (k any integer, taken mod r). */
    public LinearExpr times(BigInteger k) {
        BigInteger f = Fr.of(k);
        if (f.signum() == 0) {
            return ZERO;
        }
        BigInteger[] c = new BigInteger[coeffs.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Fr.mul(coeffs[i], f);
        }
        return new LinearExpr(owner, vars, c);
    }

    public LinearExpr times(long k) {
        return times(BigInteger.valueOf(k));
    }

    /** this + k·other, merging the two sorted term lists. */
    private LinearExpr combine(LinearExpr other, BigInteger k) {
        CircuitBuilder o = sameOwner(other);
        Variable[] v = new Variable[vars.length + other.vars.length];
        BigInteger[] c = new BigInteger[v.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < vars.length || j < other.vars.length) {
            int cmp;
            if (i == vars.length) {
                cmp = 1;
            } else if (j == other.vars.length) {
                cmp = -1;
            } else {
                cmp = Integer.compare(vars[i].id(), other.vars[j].id());
            }
            BigInteger coeff;
            Variable var;
            if (cmp < 0) {
                var = vars[i];
                coeff = coeffs[i++];
            } else if (cmp > 0) {
                var = other.vars[j];
                coeff = scale(other.coeffs[j++], k);
            } else {
                var = vars[i];
                coeff = Fr.add(coeffs[i++], scale(other.coeffs[j++], k));
            }
            if (coeff.signum() != 0) {
                v[n] = var;
                c[n++] = coeff;
            }
        }
        if (n == 0) {
            return ZERO;
        }
        return new LinearExpr(o, Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    /** c·k for k = 1 or −1 without a division (the common cases), otherwise mod r. */
    private static BigInteger scale(BigInteger c, BigInteger k) {
        if (k.equals(BigInteger.ONE)) {
            return c;
        }
        if (k.equals(MINUS_ONE)) {
            return Fr.neg(c);
        }
        return Fr.mul(c, k);
    }

    private CircuitBuilder sameOwner(LinearExpr other) {
        if (owner == null) {
            return other.owner;
        }
        if (other.owner != null && other.owner != owner) {
            throw new IllegalArgumentException("expressions from two different circuit builders");
        }
        return owner;
    }

    CircuitBuilder owner() {
        return owner;
    }

    /** Number of terms (the constant counts as one term). */
    public int size() {
        return vars.length;
    }

    public Variable variable(int i) {
        return vars[i];
    }

    public BigInteger coefficient(int i) {
        return coeffs[i];
    }

    /** Whether this is a constant (no variable other than one). */
    public boolean isConstant() {
        return vars.length == 0 || (vars.length == 1 && vars[0].id() == 0);
    }

    /** The value of a constant expression; fails when the expression has a variable. */
    public BigInteger constantValue() {
        if (!isConstant()) {
            throw new IllegalStateException("not a constant: " + this);
        }
        return vars.length == 0 ? BigInteger.ZERO : coeffs[0];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < vars.length; i++) {
            if (i > 0) {
                sb.append(" + ");
            }
            sb.append(coeffs[i].toString(16)).append('·').append(vars[i]);
        }
        return vars.length == 0 ? "0" : sb.toString();
    }
}
