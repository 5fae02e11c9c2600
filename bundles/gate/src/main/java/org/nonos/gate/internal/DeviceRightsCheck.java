// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.List;
import java.util.Optional;

/**
 * The attestation check, and then whether this system's devices can give what an accepted
 * attestation requested ({@link DeviceOffers#unavailable}). An attestation that holds but asks
 * for a device right no device here has (write on a read-only disk) is refused with
 * {@value DeviceOffers#UNAVAILABLE}: a bundle activates with exactly what it requested or not at
 * all. The devices are fixed at boot, so the outcome may be cached with the attestation's.
 */
final class DeviceRightsCheck implements AttestationCheck {
    private final AttestationCheck attestation;
    private final DeviceOffers devices;

    DeviceRightsCheck(AttestationCheck attestation, DeviceOffers devices) {
        this.attestation = attestation;
        this.devices = devices;
    }

    @Override
    public Outcome check(JarContent content) {
        Outcome o = attestation.check(content);
        if (!o.valid()) {
            return o;
        }
        Optional<String> missing = devices.unavailable(o.capabilities());
        return missing.isEmpty() ? o
                : new Outcome(o.digest(), false, DeviceOffers.UNAVAILABLE, missing.get() + "; " + o.detail(), List.of(),
                        o.definitive());
    }
}
