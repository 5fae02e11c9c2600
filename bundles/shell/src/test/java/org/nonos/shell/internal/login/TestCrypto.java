// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import org.nonos.crypto.StandaloneCrypto;

/** The real crypto service for the shell's tests, as the shell gets it in the framework. */
public final class TestCrypto {
    public static final PasswordCrypto PASSWORDS = PasswordCrypto.of(StandaloneCrypto.create());

    private TestCrypto() {
    }
}
