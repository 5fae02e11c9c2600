// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a rank-1 constraint system and the recipe for its witness.
 *
 * <p>Read this first. Every wire is a {@link Variable}: an input (its value given to
 * {@link Circuit#witness}) or computed (a {@link ValueFunction} of earlier wires, run in allocation
 * order by the witness pass). Public wires get the indices 1..numPublic of the {@code R1cs} in the
 * order they were allocated, whatever was allocated between them; private wires follow in
 * allocation order. Constraints are ⟨a,w⟩·⟨b,w⟩ = ⟨c,w⟩ over {@link LinearExpr}s, each with a label
 * that names it in error messages. The same calls in the same order give an identical system.
 *
 * <p>A builder is used by one thread and then {@link #build() built} once.
 */
public final class CircuitBuilder {
    /** One constraint before the final wire numbering. */
    record PendingConstraint(LinearExpr a, LinearExpr b, LinearExpr c, String label) {}

    private final List<Variable> variables = new ArrayList<>();
    private final List<ValueFunction> functions = new ArrayList<>(); // by id; null for inputs and one
    private final List<PendingConstraint> constraints = new ArrayList<>();
    private final Variable one;
    private boolean built;

    public CircuitBuilder() {
        one = new Variable(this, 0, "one", false, Variable.Source.CONSTANT);
        variables.add(one);
        functions.add(null);
    }

    /** The constant-one wire (wire 0 of the system). */
    public Variable one() {
        return one;
    }

    /** A constant as an expression. */
    public LinearExpr constant(BigInteger c) {
        return LinearExpr.constant(this, c);
    }

    public LinearExpr constant(long c) {
        return LinearExpr.constant(this, c);
    }

    /** A public input whose value the caller supplies. */
    public Variable publicInput(String name) {
        return allocate(name, true, Variable.Source.INPUT, null);
    }

    /** A private input whose value the caller supplies. */
    public Variable privateInput(String name) {
        return allocate(name, false, Variable.Source.INPUT, null);
    }

    /** A public wire computed from earlier wires (like an output signal of circom). */
    public Variable publicOutput(String name, ValueFunction f) {
        return allocate(name, true, Variable.Source.COMPUTED, Objects.requireNonNull(f, "value function"));
    }

    /** A private wire computed from earlier wires. Constrain it: an unconstrained wire is free. */
    public Variable witness(String name, ValueFunction f) {
        return allocate(name, false, Variable.Source.COMPUTED, Objects.requireNonNull(f, "value function"));
    }

    private Variable allocate(String name, boolean isPublic, Variable.Source source, ValueFunction f) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        Variable v = new Variable(this, variables.size(), name, isPublic, source);
        variables.add(v);
        functions.add(f);
        return v;
    }

    /** Adds the constraint a·b = c. */
    public void constrain(LinearExpr a, LinearExpr b, LinearExpr c, String label) {
        checkOpen();
        own(a);
        own(b);
        own(c);
        constraints.add(new PendingConstraint(a, b, c, Objects.requireNonNull(label, "label")));
    }

    /** Constrains a = b (one constraint: (a − b)·1 = 0). */
    public void assertEqual(LinearExpr a, LinearExpr b, String label) {
        constrain(a.minus(b), one.expr(), LinearExpr.zero(), label);
    }

    /** Constrains x ∈ {0, 1} (one constraint: x·x = x). */
    public void assertBoolean(LinearExpr x, String label) {
        constrain(x, x, x, label);
    }

    /** A new private wire p = a·b, with the constraint a·b = p. */
    public Variable mul(LinearExpr a, LinearExpr b, String name) {
        Variable p = witness(name, w -> Fr.mul(w.eval(a), w.eval(b)));
        constrain(a, b, p.expr(), name);
        return p;
    }

    /** Number of constraints added so far. */
    public int constraintCount() {
        return constraints.size();
    }

    /** Number of wires allocated so far, the constant one included. */
    public int wireCount() {
        return variables.size();
    }

    /** Freezes the builder into a circuit; the builder cannot be used afterwards. */
    public Circuit build() {
        checkOpen();
        built = true;
        return new Circuit(List.copyOf(variables), new ArrayList<>(functions), List.copyOf(constraints));
    }

    private void own(LinearExpr e) {
        if (e.owner() != null && e.owner() != this) {
            throw new IllegalArgumentException("expression belongs to another circuit builder");
        }
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("circuit already built");
        }
    }
}
