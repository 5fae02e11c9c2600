// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nonos.crypto.SeedSource;

/**
 * Seeds from the host kernel: /dev/urandom, which on Linux is the getrandom(2) pool (it blocks
 * only until the pool is first initialised, after which both give the same stream). Read
 * directly, not through a JDK SecureRandom, so that no other seeding policy is mixed in.
 */
final class OsSeedSource implements SeedSource {
    private static final Path URANDOM = Path.of("/dev/urandom");

    @Override
    public void fill(byte[] seed) {
        try (InputStream in = Files.newInputStream(URANDOM)) {
            int off = 0;
            while (off < seed.length) {
                int n = in.read(seed, off, seed.length - off);
                if (n < 0) {
                    throw new IllegalStateException("/dev/urandom ended");
                }
                off += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /dev/urandom", e);
        }
    }

    @Override
    public String name() {
        return "os:/dev/urandom";
    }
}
