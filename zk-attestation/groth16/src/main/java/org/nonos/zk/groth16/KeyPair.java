// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

/** A proving key and its verifying key, from one setup. */
public record KeyPair(ProvingKey provingKey, VerifyingKey verifyingKey) {}
