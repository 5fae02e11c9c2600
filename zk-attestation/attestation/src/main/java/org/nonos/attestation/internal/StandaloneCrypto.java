// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import org.nonos.crypto.CryptoService;

/**
 * The crypto service outside OSGi, for the command-line tools, benchmarks and tests. Inside the
 * framework the service comes from Declarative Services instead, and this class is never used.
 */
public final class StandaloneCrypto {
    private StandaloneCrypto() {}

    public static CryptoService create() {
        return org.nonos.crypto.StandaloneCrypto.create();
    }
}
