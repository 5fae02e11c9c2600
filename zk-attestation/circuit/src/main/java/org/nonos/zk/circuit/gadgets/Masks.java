// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit.gadgets;

import org.nonos.zk.circuit.CircuitBuilder;
import org.nonos.zk.circuit.LinearExpr;
import org.nonos.zk.circuit.Variable;

/** Capability masks: requested ⊆ allowed over n-bit masks. */
public final class Masks {
    private Masks() {}

    /**
     * Constrains requested ⊆ allowed bit by bit: requested_i·(1 − allowed_i) = 0 (one constraint per
     * bit). The bits must already be boolean.
     */
    public static void assertSubset(CircuitBuilder cb, Variable[] requested, Variable[] allowed, String name) {
        if (requested.length != allowed.length) {
            throw new IllegalArgumentException("masks of " + requested.length + " and " + allowed.length + " bits");
        }
        for (int i = 0; i < requested.length; i++) {
            cb.constrain(requested[i].expr(), Booleans.not(cb, allowed[i].expr()), LinearExpr.zero(),
                    name + ".bit" + i);
        }
    }

    /**
     * Decomposes both masks into n bits (which also range-checks them) and constrains
     * requested ⊆ allowed: 3n + 2 constraints. Returns nothing; use the bit-level form to reuse bits.
     */
    public static void assertSubset(CircuitBuilder cb, LinearExpr requested, LinearExpr allowed, int n, String name) {
        Variable[] r = Bits.decompose(cb, requested, n, name + ".requested");
        Variable[] a = Bits.decompose(cb, allowed, n, name + ".allowed");
        assertSubset(cb, r, a, name);
    }
}
