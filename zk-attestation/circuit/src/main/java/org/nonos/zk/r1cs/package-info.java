// SPDX-License-Identifier: Apache-2.0
/**
 * Rank-1 constraint systems over the BLS12-381 scalar field: the contract between circuit
 * builders (which produce an {@link org.nonos.zk.r1cs.R1cs} and a witness) and proof systems
 * (which consume them). Plain immutable data; no arithmetic beyond reduction and evaluation.
 *
 * <p>Wire layout, fixed for every system: wire 0 is the constant 1; wires
 * {@code 1..numPublic} are the public inputs in order; every later wire is private.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.r1cs;
