// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.time.Duration;
import java.util.function.Supplier;
import org.nonos.crypto.CryptoService;

/**
 * What the shell's passwords need from the crypto service (docs/crypto.md): Argon2id and random
 * salts. The crypto service is the one place where cryptography happens; the shell holds no
 * primitive of its own.
 */
public interface PasswordCrypto {

    /** Raw Argon2id (RFC 9106, version 0x13) of {@code password}: {@code length} bytes. */
    byte[] argon2id(byte[] password, byte[] salt, Argon2Profile profile, int length);

    /** Fills {@code out} from the crypto service's CSPRNG. */
    void randomBytes(byte[] out);

    /** Over one crypto service. */
    static PasswordCrypto of(CryptoService crypto) {
        return of(() -> crypto, Duration.ZERO);
    }

    /**
     * Over the crypto service that {@code service} finds when a password is checked or set,
     * waiting up to {@code wait} for it: the shell answers its serial line before the crypto
     * service has finished its power-on self-test, and nobody types a password that fast.
     *
     * @throws CryptoUnavailableException from either method when no service came in time
     */
    static PasswordCrypto of(Supplier<CryptoService> service, Duration wait) {
        return new PasswordCrypto() {
            @Override
            public byte[] argon2id(byte[] password, byte[] salt, Argon2Profile p, int length) {
                return get().argon2id(password, salt,
                        new org.nonos.crypto.Argon2Profile(p.memoryKiB(), p.iterations(), p.parallelism()), length);
            }

            @Override
            public void randomBytes(byte[] out) {
                get().randomBytes(out);
            }

            private CryptoService get() {
                long deadline = System.nanoTime() + wait.toNanos();
                while (true) {
                    CryptoService c = service.get();
                    if (c != null) {
                        return c;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        throw new CryptoUnavailableException("the crypto service is not available");
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CryptoUnavailableException("interrupted while waiting for the crypto service");
                    }
                }
            }
        };
    }

    /** No crypto service to hash or check a password with: the login or setup cannot go on. */
    final class CryptoUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CryptoUnavailableException(String message) {
            super(message);
        }
    }
}
