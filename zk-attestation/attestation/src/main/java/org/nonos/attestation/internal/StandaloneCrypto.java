// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.lang.reflect.Method;
import org.nonos.crypto.CryptoService;

/**
 * The crypto service outside OSGi, for the command-line tools, benchmarks and tests: the crypto
 * bundle's implementation class, activated the way Declarative Services activates it (seeded
 * from the operating system, power-on self-test run). Inside the framework the service comes from
 * DS instead, and this class is never used; it names the implementation only as a string so the
 * bundle does not import the crypto bundle's private package.
 */
public final class StandaloneCrypto {
    private static final String IMPLEMENTATION = "org.nonos.crypto.internal.CryptoServiceImpl";

    private StandaloneCrypto() {}

    public static CryptoService create() {
        try {
            Class<?> c = Class.forName(IMPLEMENTATION);
            Object impl = c.getConstructor().newInstance();
            Method activate = c.getDeclaredMethod("activate");
            activate.setAccessible(true);
            activate.invoke(impl);
            return (CryptoService) impl;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot start the crypto service outside OSGi: " + e, e);
        }
    }
}
