// SPDX-License-Identifier: Apache-2.0
/**
 * Groth16 zk-SNARKs over BLS12-381 (J. Groth, "On the Size of Pairing-based Non-interactive
 * Arguments", EUROCRYPT 2016, §3.2) for the rank-1 constraint systems of
 * {@link org.nonos.zk.r1cs}: a development key setup ({@link org.nonos.zk.groth16.Setup}),
 * the prover ({@link org.nonos.zk.groth16.Prover}), the verifier with per-key precomputation
 * and batch verification ({@link org.nonos.zk.groth16.PreparedVerifyingKey}), and the key and
 * proof formats: a versioned binary one ({@link org.nonos.zk.groth16.BinaryFormat}) and
 * snarkjs's JSON ({@link org.nonos.zk.groth16.SnarkjsJson}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.groth16;
