// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

/**
 * A wire allocated by a {@link CircuitBuilder}. Its final index in the {@link org.nonos.zk.r1cs.R1cs}
 * is fixed only when the circuit is built (public wires move to the front), so a variable is known
 * by its allocation id, which is also the order in which the witness pass computes values.
 */
public final class Variable {
    /** Where a wire's value comes from. */
    public enum Source {
        /** Wire 0, always 1. */
        CONSTANT,
        /** Given by the caller of {@link Circuit#witness}. */
        INPUT,
        /** Computed in the witness pass by its {@link ValueFunction}. */
        COMPUTED
    }

    private final CircuitBuilder owner;
    private final int id;
    private final String name;
    private final boolean isPublic;
    private final Source source;

    Variable(CircuitBuilder owner, int id, String name, boolean isPublic, Source source) {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.isPublic = isPublic;
        this.source = source;
    }

    CircuitBuilder owner() {
        return owner;
    }

    /** Allocation id: 0 for the constant one, then 1, 2, ... in allocation order. */
    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public Source source() {
        return source;
    }

    /** This variable as a linear expression 1·this. */
    public LinearExpr expr() {
        return LinearExpr.of(this);
    }

    @Override
    public String toString() {
        return name + "#" + id;
    }
}
