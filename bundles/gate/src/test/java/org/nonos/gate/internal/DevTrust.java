// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nonos.attestation.AttestationVerifier;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.internal.StandaloneCrypto;
import org.nonos.attestation.internal.tools.NonosRegistry;
import org.nonos.attestation.internal.tools.NonosSign;
import org.nonos.crypto.CryptoService;

/**
 * A development trust registry made with the project's own tools ({@code nonos-registry},
 * {@code nonos-sign}), run in-process: a registry of depth 4 with one vendor, "acme", allowed the
 * serial line; and jars attested by that vendor. Made once per JVM (the Groth16 setup is the slow
 * part). The gate's test jar carries it to the hot-deploy tests, which attest with the same registry.
 */
public final class DevTrust {
    public static final String VENDOR = "acme";
    public static final String ALLOWED = "device:serial;rights=read,write";

    private static DevTrust instance;

    final Path dir;
    final Path trust;
    final Path ownerKey;
    final Path ownerPub;
    final Path provingKey;
    final Path vendorKeys;
    final Path vendorPath;
    final CryptoService crypto = StandaloneCrypto.create();

    private DevTrust(Path dir) throws IOException {
        this.dir = dir;
        this.trust = dir.resolve("trust");
        this.ownerKey = dir.resolve("owner.key");
        this.ownerPub = dir.resolve("owner.pub");
        this.provingKey = dir.resolve("proving.key");
        this.vendorKeys = dir.resolve("acme");
        this.vendorPath = dir.resolve("acme.path");
        registry("init", "--depth", "4", "--trust", trust.toString(), "--owner-key", ownerKey.toString(),
                "--owner-pub", ownerPub.toString(), "--proving-key", provingKey.toString());
        sign("keygen", "--out", vendorKeys.toString());
        registry("add-vendor", "--name", VENDOR, "--vendor-key", vendorKeys.resolve("vendor.pub").toString(),
                "--allowed", ALLOWED, "--expiry", "1000", "--trust", trust.toString(), "--owner-key", ownerKey.toString());
        registry("export-path", "--name", VENDOR, "--out", vendorPath.toString(), "--owner-pub", ownerPub.toString(),
                "--trust", trust.toString());
    }

    public static synchronized DevTrust get() throws IOException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("nonos-devtrust");
            instance = new DevTrust(dir);
        }
        return instance;
    }

    public AttestationVerifier verifier() throws Exception {
        return AttestationVerifier.create(TrustAnchor.load(trust, TrustAnchor.readOwnerPublicKey(ownerPub), crypto), crypto);
    }

    /** The jar with an attestation by acme. */
    public byte[] attest(byte[] jar) throws IOException {
        Path in = Files.createTempFile(dir, "in", ".jar");
        Path out = Files.createTempFile(dir, "out", ".jar");
        Files.write(in, jar);
        Files.delete(out);
        sign("attest", in.toString(), "--keys", vendorKeys.toString(), "--path", vendorPath.toString(),
                "--proving-key", provingKey.toString(), "--out", out.toString(), "--quiet");
        return Files.readAllBytes(out);
    }

    static void registry(String... args) {
        run("nonos-registry", NonosRegistry::run, args);
    }

    static void sign(String... args) {
        run("nonos-sign", NonosSign::run, args);
    }

    interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static void run(String name, Tool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int rc = tool.run(args, ps, ps);
        if (rc != 0) {
            throw new IllegalStateException(name + " " + String.join(" ", args) + " failed (" + rc + "): "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }
}
