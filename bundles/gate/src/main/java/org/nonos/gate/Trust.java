// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate;

/** On what ground the gate accepted (or did not accept) a bundle revision. */
public enum Trust {
    /** Its attestation verified against the trust anchor. */
    ATTESTED,
    /**
     * A boot bundle: its jar is the one the launcher measured at boot (the measured-boot event log)
     * and its attestation by the distribution's key verified, at this boot or at an earlier one
     * under the same trust anchor (the boot verdict cache).
     */
    MEASURED_BOOT,
    /** Resolved before the gate's hook was registered: the gate's own dependencies (see docs/gate.md). */
    BEFORE_GATE,
    /** Not accepted. */
    NONE
}
