// SPDX-License-Identifier: Apache-2.0
/**
 * A small builder for rank-1 constraint systems over the BLS12-381 scalar field: variables
 * (public and private, inputs or computed), linear expressions, constraints, the witness pass,
 * and the satisfaction check. A built {@link org.nonos.zk.circuit.Circuit} hands the proof system
 * an {@link org.nonos.zk.r1cs.R1cs} and a full assignment. See docs/zk-circuits.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.circuit;
