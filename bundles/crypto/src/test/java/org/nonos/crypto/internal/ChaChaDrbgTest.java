// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ChaCha20 CSPRNG: determined by its seeds, reseeded on request, by output volume and by time. */
class ChaChaDrbgTest {

    @Test
    void outputIsAFunctionOfTheSeeds() {
        byte[] a = new byte[1000];
        byte[] b = new byte[1000];
        byte[] c = new byte[1000];
        new ChaChaDrbg(new FixedSeeds(1)).nextBytes(a);
        new ChaChaDrbg(new FixedSeeds(1)).nextBytes(b);
        new ChaChaDrbg(new FixedSeeds(2)).nextBytes(c);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void fastKeyErasureChangesTheKeyOnEveryRequest() {
        ChaChaDrbg d = new ChaChaDrbg(new FixedSeeds(1));
        byte[] x = new byte[32];
        byte[] y = new byte[32];
        d.nextBytes(x);
        d.nextBytes(y);
        assertFalse(Arrays.equals(x, y));
        // setSeed is ignored: the state comes from the seed source only.
        ChaChaDrbg e = new ChaChaDrbg(new FixedSeeds(1));
        e.setSeed(42L);
        e.setSeed(new byte[] {1, 2});
        byte[] z = new byte[32];
        e.nextBytes(z);
        assertArrayEquals(x, z);
    }

    @Test
    void reseedOnRequestUsesTheSeedSourceAndChangesTheStream() {
        FixedSeeds seeds = new FixedSeeds(7);
        ChaChaDrbg d = new ChaChaDrbg(seeds);
        ChaChaDrbg twin = new ChaChaDrbg(new FixedSeeds(7));
        assertEquals(1, seeds.calls.get());
        d.reseed();
        assertEquals(2, seeds.calls.get());
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        d.nextBytes(a);
        twin.nextBytes(b);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void reseedOnSchedule() {
        AtomicLong now = new AtomicLong();
        FixedSeeds seeds = new FixedSeeds(3);
        ChaChaDrbg d = new ChaChaDrbg(seeds, now::get);
        d.nextBytes(new byte[100]);
        assertEquals(1, seeds.calls.get());
        now.addAndGet(ChaChaDrbg.RESEED_INTERVAL_NANOS);
        d.nextBytes(new byte[1]);
        assertEquals(2, seeds.calls.get(), "reseeded after the interval");
        d.nextBytes(new byte[(int) ChaChaDrbg.RESEED_BYTES]);
        assertEquals(2, seeds.calls.get());
        d.nextBytes(new byte[1]);
        assertEquals(3, seeds.calls.get(), "reseeded after RESEED_BYTES of output");
        assertEquals(3, d.reseedCount());
    }
}
