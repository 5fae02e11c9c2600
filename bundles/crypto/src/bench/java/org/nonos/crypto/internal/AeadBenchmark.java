// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH: XChaCha20-Poly1305 seal and open as the service runs them (JDK ChaCha20-Poly1305 + HChaCha20). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AeadBenchmark {
    @Param({"4096", "1048576"})
    public int size;

    private byte[] key;
    private byte[] nonce;
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] openNonce;

    @Setup(Level.Trial)
    public void setup() {
        SecureRandom random = new SecureRandom();
        key = new byte[32];
        nonce = new byte[24];
        random.nextBytes(key);
        random.nextBytes(nonce);
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        sealed = Aead.sealX(key, nonce, new byte[0], plaintext);
        openNonce = nonce.clone();
    }

    private long counter;

    /** A fresh nonce per call, as real use has (and the JDK refuses a repeated key and nonce on one object). */
    @Benchmark
    public byte[] xchachaSeal() {
        long c = ++counter;
        nonce[0] = (byte) c;
        nonce[1] = (byte) (c >>> 8);
        nonce[2] = (byte) (c >>> 16);
        return Aead.sealX(key, nonce, new byte[0], plaintext);
    }

    @Benchmark
    public byte[] xchachaOpen() {
        return Aead.openX(key, openNonce, new byte[0], sealed);
    }

    /** Bouncy Castle's own XChaCha20Poly1305, for comparison with the JDK path. */
    @Benchmark
    public byte[] xchachaSealBouncyCastle() {
        return BcAead.seal(true, key, nonce, new byte[0], plaintext);
    }
}
