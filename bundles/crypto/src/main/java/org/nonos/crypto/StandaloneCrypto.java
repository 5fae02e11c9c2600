// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

import org.nonos.crypto.internal.CryptoServiceImpl;

/**
 * The crypto service outside an OSGi framework: for command-line tools, benchmarks and tests.
 * The service is activated as Declarative Services would activate it, power-on self-test
 * included, so a failing self-test throws here exactly as it refuses activation there. Inside the
 * framework, take the {@link CryptoService} from the service registry instead.
 */
public final class StandaloneCrypto {
    private StandaloneCrypto() {}

    /** A service seeded from the operating system. */
    public static CryptoService create() {
        return CryptoServiceImpl.activated(null);
    }

    /** A service seeded from {@code seeds}. */
    public static CryptoService create(SeedSource seeds) {
        return CryptoServiceImpl.activated(seeds);
    }
}
