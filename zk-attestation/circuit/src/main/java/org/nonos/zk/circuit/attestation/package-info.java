// SPDX-License-Identifier: Apache-2.0
/**
 * The attestation circuit (vendor leaf in the trust registry, requested ⊆ allowed capabilities,
 * epoch ≤ expiry, bound to the bundle digest), its public-input encoding, witness generation and
 * the native trust-registry Merkle tree. See docs/zk-circuits.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.circuit.attestation;
