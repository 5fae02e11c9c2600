// SPDX-License-Identifier: Apache-2.0
/**
 * The activation gate of NØNOS.
 *
 * <p>No bundle resolves, and so none activates, unless the gate accepted its revision: a valid
 * attestation ({@code META-INF/NONOS/ATTESTATION}) under the trust anchor of {@code etc/trust/},
 * or, for a boot bundle, a digest the launcher measured at boot. The {@link org.nonos.gate.Gate}
 * service answers what the gate decided about a bundle and why, and verifies a jar before anyone
 * installs it (hot deploy does). See docs/gate.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.gate;
