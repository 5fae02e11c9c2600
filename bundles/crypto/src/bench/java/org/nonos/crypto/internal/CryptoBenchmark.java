// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH: Argon2id, Ed25519, ML-DSA-65 and ML-KEM-768 as the service runs them (bench/crypto; never run by the build). */
@State(Scope.Thread)
public class CryptoBenchmark {
    private byte[] salt;
    private byte[] edSeed;
    private byte[] edPk;
    private byte[] edSig;
    private byte[] mlSeed;
    private byte[] mlPk;
    private byte[] mlSig;
    private org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters mlKey;
    private byte[] kemSeed;
    private byte[] kemPk;
    private byte[] kemCt;
    private org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters kemKey;
    private final byte[] msg = new byte[64];
    private final SecureRandom random = new SecureRandom();

    @Setup(Level.Trial)
    public void setup() {
        salt = new byte[16];
        random.nextBytes(salt);
        edSeed = new byte[32];
        random.nextBytes(edSeed);
        edPk = Ed25519Sig.publicKey(edSeed);
        edSig = Ed25519Sig.sign(edSeed, msg);
        mlSeed = new byte[32];
        random.nextBytes(mlSeed);
        mlPk = MlDsa65.publicKey(mlSeed);
        mlKey = MlDsa65.privateKey(mlSeed);
        mlSig = MlDsa65.sign(mlSeed, msg, new byte[0], random);
        kemSeed = new byte[64];
        random.nextBytes(kemSeed);
        kemPk = MlKem768.publicKey(kemSeed);
        kemKey = MlKem768.privateKey(kemSeed);
        kemCt = MlKem768.encapsulate(kemPk, random)[1];
    }

    /** Argon2id 64 MiB, 4 passes, 1 lane, 32-byte tag: the default profile. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] argon2idDefault() {
        return Kdf.argon2(Argon2Parameters.ARGON2_id, msg, salt, null, null, 65536, 4, 1, 32);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] ed25519Sign() {
        return Ed25519Sig.sign(edSeed, msg);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean ed25519Verify() {
        return Ed25519Sig.verify(edPk, msg, edSig);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] mlDsa65Sign() {
        return MlDsa65.sign(mlKey, msg, new byte[0], random);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean mlDsa65Verify() {
        return MlDsa65.verify(mlPk, msg, new byte[0], mlSig);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[][] mlKem768Encaps() {
        return MlKem768.encapsulate(kemPk, random);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] mlKem768Decaps() {
        return MlKem768.decapsulate(kemKey, kemCt);
    }
}
