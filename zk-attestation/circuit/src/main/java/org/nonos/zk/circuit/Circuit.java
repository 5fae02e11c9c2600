// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.nonos.zk.r1cs.Constraint;
import org.nonos.zk.r1cs.LinearCombination;
import org.nonos.zk.r1cs.R1cs;
import org.nonos.zk.r1cs.Term;

/**
 * A built circuit: the {@link R1cs} (wire 0 = one, public wires 1..numPublic, then private) and
 * the witness recipe. Immutable; {@link #witness} may be called from several threads.
 */
public final class Circuit {
    private final List<Variable> variables;     // by allocation id
    private final List<ValueFunction> functions; // by allocation id
    private final int[] wireOf;                  // allocation id → wire index
    private final List<Variable> publicVariables;
    private final List<String> labels;
    private final R1cs r1cs;

    Circuit(List<Variable> variables, List<ValueFunction> functions, List<CircuitBuilder.PendingConstraint> pending) {
        this.variables = variables;
        this.functions = Collections.unmodifiableList(functions);
        this.wireOf = new int[variables.size()];
        List<Variable> pub = new ArrayList<>();
        for (Variable v : variables) {
            if (v.isPublic()) {
                pub.add(v);
            }
        }
        this.publicVariables = List.copyOf(pub);
        int next = 1 + pub.size();
        int nextPublic = 1;
        for (Variable v : variables) {
            if (v.id() == 0) {
                wireOf[0] = 0;
            } else if (v.isPublic()) {
                wireOf[v.id()] = nextPublic++;
            } else {
                wireOf[v.id()] = next++;
            }
        }
        List<Constraint> out = new ArrayList<>(pending.size());
        List<String> names = new ArrayList<>(pending.size());
        for (CircuitBuilder.PendingConstraint k : pending) {
            out.add(new Constraint(toCombination(k.a()), toCombination(k.b()), toCombination(k.c())));
            names.add(k.label());
        }
        this.labels = List.copyOf(names);
        this.r1cs = new R1cs(variables.size(), pub.size(), out);
    }

    /** Maps an expression to final wire indices, terms sorted by wire (so the system is canonical). */
    private LinearCombination toCombination(LinearExpr e) {
        Term[] terms = new Term[e.size()];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = new Term(wireOf[e.variable(i).id()], e.coefficient(i));
        }
        Arrays.sort(terms, (x, y) -> Integer.compare(x.wire(), y.wire()));
        return new LinearCombination(Arrays.asList(terms));
    }

    public R1cs r1cs() {
        return r1cs;
    }

    /** The public variables in wire order (index i is wire i + 1). */
    public List<Variable> publicVariables() {
        return publicVariables;
    }

    /** The final wire index of a variable of this circuit. */
    public int wireIndex(Variable v) {
        checkOwn(v);
        return wireOf[v.id()];
    }

    public int constraintCount() {
        return r1cs.constraints().size();
    }

    /** The label given to constraint {@code i} when it was added. */
    public String constraintLabel(int i) {
        return labels.get(i);
    }

    /**
     * Runs the witness pass: takes the value of every input variable (each exactly once, canonical),
     * computes every other wire in allocation order, and returns the full assignment in wire order.
     * The assignment is not checked against the constraints; see {@link #firstUnsatisfied}.
     *
     * @throws IllegalArgumentException when an input is missing, unknown, not an input of this
     *         circuit, or not in [0, r)
     * @throws IllegalStateException when a value function misbehaves (a bug in a gadget)
     */
    public BigInteger[] witness(Map<Variable, BigInteger> inputs) {
        BigInteger[] byId = new BigInteger[variables.size()];
        byId[0] = BigInteger.ONE;
        for (Map.Entry<Variable, BigInteger> e : inputs.entrySet()) {
            Variable v = e.getKey();
            checkOwn(v);
            if (v.source() != Variable.Source.INPUT) {
                throw new IllegalArgumentException(v + " is not an input");
            }
            byId[v.id()] = Fr.requireCanonical(e.getValue(), "input " + v.name());
        }
        for (Variable v : variables) {
            if (v.source() == Variable.Source.INPUT && byId[v.id()] == null) {
                throw new IllegalArgumentException("no value for input " + v.name());
            }
        }
        Pass pass = new Pass(byId);
        for (Variable v : variables) {
            if (v.source() == Variable.Source.COMPUTED) {
                pass.limit = v.id();
                BigInteger value = functions.get(v.id()).compute(pass);
                if (value == null || value.signum() < 0 || value.compareTo(Fr.R) >= 0) {
                    throw new IllegalStateException("value function of " + v + " returned a non-canonical value");
                }
                byId[v.id()] = value;
            }
        }
        BigInteger[] assignment = new BigInteger[byId.length];
        for (int id = 0; id < byId.length; id++) {
            assignment[wireOf[id]] = byId[id];
        }
        return assignment;
    }

    /** The label of the first constraint the assignment violates, or empty when all hold. */
    public Optional<String> firstUnsatisfied(BigInteger[] assignment) {
        OptionalInt i = r1cs.firstUnsatisfied(assignment);
        return i.isPresent() ? Optional.of(labels.get(i.getAsInt())) : Optional.empty();
    }

    /** Whether the assignment satisfies every constraint. */
    public boolean isSatisfiedBy(BigInteger[] assignment) {
        return r1cs.isSatisfiedBy(assignment);
    }

    /** The value of a variable in a full assignment (in wire order). */
    public BigInteger valueOf(Variable v, BigInteger[] assignment) {
        return assignment[wireIndex(v)];
    }

    private void checkOwn(Variable v) {
        if (v.id() >= variables.size() || variables.get(v.id()) != v) {
            throw new IllegalArgumentException(v + " is not a variable of this circuit");
        }
    }

    /** The values seen by value functions: only wires allocated before the one being computed. */
    private static final class Pass implements WireValues {
        private final BigInteger[] byId;
        private final Map<Object, Object> shared = new IdentityHashMap<>();
        int limit;

        Pass(BigInteger[] byId) {
            this.byId = byId;
        }

        @Override
        public BigInteger get(Variable v) {
            if (v.id() >= limit || v.id() >= byId.length || byId[v.id()] == null) {
                throw new IllegalStateException(v + " read before it is computed");
            }
            return byId[v.id()];
        }

        @Override
        public BigInteger eval(LinearExpr e) {
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < e.size(); i++) {
                sum = sum.add(e.coefficient(i).multiply(get(e.variable(i))));
            }
            return sum.mod(Fr.R);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T shared(Object key, Function<WireValues, T> compute) {
            Object v = shared.get(key);
            if (v == null) {
                v = compute.apply(this);
                shared.put(key, v);
            }
            return (T) v;
        }
    }
}
