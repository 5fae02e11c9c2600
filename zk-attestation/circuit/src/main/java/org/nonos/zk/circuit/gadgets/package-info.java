// SPDX-License-Identifier: Apache-2.0
/**
 * Gadgets for the circuit builder: booleans, bit decomposition and range checks, comparison,
 * capability-mask subsets, Poseidon and Poseidon Merkle membership. Each documents its
 * constraint cost and its soundness preconditions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.circuit.gadgets;
