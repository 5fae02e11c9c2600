// SPDX-License-Identifier: Apache-2.0
/**
 * Small circuits with a known circom equivalent, used as fixtures by the proof system's
 * interoperability tests.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.zk.circuit.examples;
