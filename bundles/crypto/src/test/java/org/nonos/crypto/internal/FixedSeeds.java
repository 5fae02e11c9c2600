// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.nonos.crypto.SeedSource;

/** A deterministic seed source for tests: seed i is 32 bytes of (base + i). Counts its calls. */
final class FixedSeeds implements SeedSource {
    private final int base;
    final AtomicInteger calls = new AtomicInteger();

    FixedSeeds(int base) {
        this.base = base;
    }

    @Override
    public void fill(byte[] seed) {
        java.util.Arrays.fill(seed, (byte) (base + calls.getAndIncrement()));
    }

    @Override
    public String name() {
        return "test:fixed";
    }
}
