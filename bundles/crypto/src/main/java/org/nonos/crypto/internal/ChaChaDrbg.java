// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.nonos.crypto.SeedSource;

/**
 * A ChaCha20 CSPRNG with fast key erasure (Bernstein, "Fast-key-erasure random-number
 * generators", 2017): each request runs ChaCha20 under the current key, the first 32 bytes of
 * keystream become the next key at once, the rest is output. A later compromise of the state
 * does not reveal earlier outputs.
 *
 * <p>Reseeding mixes 32 fresh bytes from the {@link SeedSource} into the key with BLAKE3
 * derive_key ("NONOS ChaCha20 CSPRNG reseed v1", key || seed), so a bad seed never weakens a
 * good state. It happens at construction, on request ({@link #reseed}), after
 * {@link #RESEED_BYTES} bytes of output and after {@link #RESEED_INTERVAL_NANOS}.
 *
 * <p>It is a {@link SecureRandom} so that Bouncy Castle's key generators can draw from it.
 */
final class ChaChaDrbg extends SecureRandom {
    private static final long serialVersionUID = 1L;
    static final long RESEED_BYTES = 1L << 24;
    static final long RESEED_INTERVAL_NANOS = 60L * 1_000_000_000L;
    private static final int MAX_PER_KEY = 1 << 16;
    private static final String RESEED_CONTEXT = "NONOS ChaCha20 CSPRNG reseed v1";
    private static final byte[] ZERO_NONCE = new byte[12];

    private final transient SeedSource seeds;
    private final transient LongSupplier clock;
    private final byte[] key = new byte[32];
    private long bytesSinceReseed;
    private long lastReseed;
    private long reseeds;

    ChaChaDrbg(SeedSource seeds, LongSupplier nanoClock) {
        // No SecureRandomSpi: every SecureRandom method that draws bytes ends in nextBytes, overridden here.
        super(null, null);
        this.seeds = seeds;
        this.clock = nanoClock;
        reseed();
    }

    ChaChaDrbg(SeedSource seeds) {
        this(seeds, System::nanoTime);
    }

    /** Mixes a fresh seed into the key now. */
    @Override
    public synchronized void reseed() {
        byte[] seed = new byte[32];
        byte[] input = new byte[64];
        try {
            seeds.fill(seed);
            System.arraycopy(key, 0, input, 0, 32);
            System.arraycopy(seed, 0, input, 32, 32);
            byte[] next = Hashes.blake3DeriveKey(RESEED_CONTEXT, input, 32);
            System.arraycopy(next, 0, key, 0, 32);
            Arrays.fill(next, (byte) 0);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(input, (byte) 0);
        }
        bytesSinceReseed = 0;
        lastReseed = clock.getAsLong();
        reseeds++;
    }

    synchronized long reseedCount() {
        return reseeds;
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        int off = 0;
        while (off < out.length) {
            if (bytesSinceReseed >= RESEED_BYTES || clock.getAsLong() - lastReseed >= RESEED_INTERVAL_NANOS) {
                reseed();
            }
            int n = Math.min(out.length - off, MAX_PER_KEY);
            byte[] stream = new byte[32 + n];
            ChaCha7539Engine chacha = new ChaCha7539Engine();
            chacha.init(true, new ParametersWithIV(new KeyParameter(key), ZERO_NONCE));
            chacha.processBytes(stream, 0, stream.length, stream, 0);
            System.arraycopy(stream, 0, key, 0, 32);
            System.arraycopy(stream, 32, out, off, n);
            Arrays.fill(stream, (byte) 0);
            off += n;
            bytesSinceReseed += n;
        }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] out = new byte[numBytes];
        nextBytes(out);
        return out;
    }

    /** Caller seeds are not accepted: the state comes from the seed source alone. */
    @Override
    public void setSeed(long seed) {
        // SecureRandom's constructor calls this; ignoring it keeps the state a function of the seed source only.
    }

    @Override
    public void setSeed(byte[] seed) {
        // See setSeed(long).
    }

    @Override
    public String getAlgorithm() {
        return "NONOS-ChaCha20-FKE";
    }

    @Override
    public String toString() {
        return getAlgorithm() + "[" + seeds.name() + "]";
    }
}
