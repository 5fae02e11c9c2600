// SPDX-License-Identifier: Apache-2.0
/**
 * BLS12-381 arithmetic for zero-knowledge proofs: the scalar field {@link org.nonos.zk.bls12381.Fr}
 * and its FFT domains, the groups G1 and G2 with Zcash encodings and full validation, pairings
 * with precomputed lines, and multi-scalar multiplication. Curve work runs in blst (loaded by
 * {@code org.nonos.zk.bls12381.internal.BlstLibrary}); every check on untrusted input happens
 * in Java before blst sees it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.bls12381;
