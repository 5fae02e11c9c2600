// SPDX-License-Identifier: Apache-2.0
/**
 * Poseidon over the BLS12-381 scalar field, out of circuit: parameter generation (Grain LFSR round
 * constants, Cauchy MDS), the permutation, and the hash modes used by the trust registry and the
 * attestation circuit. See docs/zk-circuits.md for the pinned instance and modes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.circuit.poseidon;
