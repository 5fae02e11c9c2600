// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

/**
 * Argon2id cost parameters (RFC 9106 §3.1).
 *
 * @param memoryKiB memory size m in KiB, at least 8 * parallelism
 * @param iterations number of passes t, at least 1
 * @param parallelism number of lanes p, 1..255 (the service's bound; RFC allows up to 2^24-1)
 */
public record Argon2Profile(int memoryKiB, int iterations, int parallelism) {
    /** The system default: 64 MiB, 4 passes, 1 lane. */
    public static final Argon2Profile DEFAULT = new Argon2Profile(64 * 1024, 4, 1);

    /** Upper bound on memory accepted from a stored hash: 4 GiB (m is in KiB). */
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    public static final int MAX_ITERATIONS = 1 << 16;
    public static final int MAX_PARALLELISM = 255;

    public Argon2Profile {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "parallelism " + parallelism + " outside 1.." + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "iterations " + iterations + " outside 1.." + MAX_ITERATIONS);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "memory " + memoryKiB + " KiB outside 8*p.." + MAX_MEMORY_KIB);
        }
    }
}
