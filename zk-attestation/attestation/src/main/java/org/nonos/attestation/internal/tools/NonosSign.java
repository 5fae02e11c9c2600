// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nonos.attestation.Attestation;
import org.nonos.attestation.AttestationVerifier;
import org.nonos.attestation.CapabilityRequest;
import org.nonos.attestation.MalformedException;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.attestation.Verdict;
import org.nonos.attestation.internal.Attester;
import org.nonos.attestation.internal.KeyFiles;
import org.nonos.attestation.internal.RegistryAdmin;
import org.nonos.attestation.internal.Statement;
import org.nonos.attestation.internal.ToolException;
import org.nonos.attestation.internal.VendorFiles;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.zk.circuit.Fr;
import org.nonos.zk.circuit.attestation.AttestationCircuit;
import org.nonos.zk.circuit.attestation.TrustRegistryTree;
import org.nonos.zk.groth16.BinaryFormat;
import org.nonos.zk.groth16.PreparedVerifyingKey;
import org.nonos.zk.groth16.Proof;
import org.nonos.zk.groth16.Prover;
import org.nonos.zk.groth16.ProvingKey;

/**
 * {@code nonos-sign}: the vendor's tool (docs/attestation.md "nonos-sign").
 * Exit codes: 0 done (or bundle accepted), 1 refused (statement does not hold, or bundle
 * rejected), 2 usage, 3 bad or missing file.
 */
public final class NonosSign {
    public static final String SIGNING_KEY = "signing.key";
    public static final String SECRET = "vendor.secret";
    public static final String PUBLIC = "vendor.pub";
    static final String USAGE = """
            usage: nonos-sign <command> [options]   (every command takes --help)
              keygen   create the vendor's signing key and registry secret
              attest   attest a bundle jar (digest, sign, prove) and write the attestation into it
              verify   verify a bundle jar offline against a trust directory
            exit codes: 0 done or accepted, 1 refused or rejected, 2 usage error, 3 bad or missing file
            """;
    private static final String HELP_KEYGEN = """
            usage: nonos-sign keygen --out DIR
            Writes DIR/signing.key (Ed25519 + ML-DSA-65, mode 0600), DIR/vendor.secret (the registry
            secret, mode 0600) and DIR/vendor.pub (what the registry owner needs: vendor key and signing
            public key). Never overwrites a key file.
            """;
    private static final String HELP_ATTEST = """
            usage: nonos-sign attest BUNDLE.jar... --keys DIR --path FILE --proving-key FILE [--out FILE] [--quiet]
                                    [--trust DIR --owner-pub FILE] [--jobs N]
            Reads NonOS-Capabilities from the manifest, computes the content digest, checks that the
            vendor's path leads to the registry root and that the capabilities are allowed, signs, proves
            (progress on stderr) and writes META-INF/NONOS/ATTESTATION into the jar (or into --out),
            atomically through a temporary file. With --trust, first checks that the path file is for
            the registry's current root and epoch. An attestation already in the jar is replaced.
            Several jars are attested in place, N at a time (--jobs, default one per processor), the
            proving key read once; --out takes one jar. The exit code is the worst of all jars.
            """;
    private static final String HELP_VERIFY = """
            usage: nonos-sign verify BUNDLE.jar --trust DIR --owner-pub FILE
            Verifies the bundle as a system would: prints ACCEPT with the granted capabilities, or
            REJECT with the reason. Exit code 0 when accepted, 1 when rejected.
            """;

    /** Upper bound of {@code --jobs}. */
    static final int MAX_JOBS = 64;

    private NonosSign() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        return ToolCli.run("nonos-sign", USAGE, argv, out, err, command -> switch (command) {
            case "keygen" -> keygen(argv, out);
            case "attest" -> attest(argv, out, err);
            case "verify" -> verify(argv, out);
            default -> throw ToolCli.unknownCommand(command, USAGE);
        });
    }

    private static int keygen(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_KEYGEN)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("out"), Set.of());
        a.expectPositionals(0, "");
        Path dir = Path.of(a.required("out"));
        for (String f : new String[] {SIGNING_KEY, SECRET}) {
            if (dir.resolve(f).toFile().exists()) {
                throw new ToolException(ToolException.BAD_INPUT, dir.resolve(f) + " exists: a key file is never overwritten");
            }
        }
        CryptoService crypto = ToolCrypto.create();
        BigInteger secret = randomFieldElement(crypto);
        try (KeyHandle signing = crypto.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65)) {
            ToolCrypto.writeSigningKey(crypto, signing, dir.resolve(SIGNING_KEY));
            KeyFiles.writeSecret(dir.resolve(SECRET), VendorFiles.emitSecret(secret));
            BigInteger vendorKey = TrustRegistryTree.vendorKey(secret);
            KeyFiles.writePublic(dir.resolve(PUBLIC), VendorFiles.emitVendorKey(new VendorFiles.VendorKey(vendorKey,
                    signing.publicKey())));
            out.println("vendor key    " + vendorKey.toString(16));
            out.println("signing key   " + Statement.signingKeyDigest(crypto, signing.publicKey()) + " (BLAKE3-256)");
            out.println("give " + dir.resolve(PUBLIC) + " to the registry owner; keep " + SIGNING_KEY + " and " + SECRET + " secret");
            return 0;
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** Uniform in Fr \ {0}: 64 random bytes reduced mod r (bias below 2^-250). */
    static BigInteger randomFieldElement(CryptoService crypto) {
        byte[] buf = new byte[64];
        BigInteger s;
        do {
            crypto.randomBytes(buf);
            s = new BigInteger(1, buf).mod(Fr.R);
        } while (s.signum() == 0);
        java.util.Arrays.fill(buf, (byte) 0);
        return s;
    }

    private static int attest(String[] argv, PrintStream out, PrintStream err) throws ToolException {
        if (ToolCli.help(argv, out, HELP_ATTEST)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("keys", "path", "proving-key", "out", "trust", "owner-pub", "jobs"), Set.of("quiet"));
        if (a.positional.isEmpty()) {
            throw new ToolException(ToolException.USAGE, "expected the bundle jar");
        }
        if (a.present("out") && a.positional.size() > 1) {
            throw new ToolException(ToolException.USAGE, "--out takes one bundle jar, not " + a.positional.size());
        }
        Long jobsOption = a.unsigned("jobs");
        if (jobsOption != null && (jobsOption < 1 || jobsOption > MAX_JOBS)) {
            throw new ToolException(ToolException.USAGE, "--jobs must be between 1 and " + MAX_JOBS);
        }
        Path keys = Path.of(a.required("keys"));
        CryptoService crypto = ToolCrypto.create();
        VendorFiles.PathFile path;
        BigInteger secret;
        Path pathFile = Path.of(a.required("path"));
        Path pkFile = Path.of(a.required("proving-key"));
        try {
            path = VendorFiles.parsePath(KeyFiles.read(pathFile, VendorFiles.MAX_BYTES));
            secret = VendorFiles.parseSecret(KeyFiles.read(keys.resolve(SECRET), VendorFiles.MAX_BYTES));
        } catch (IOException | MalformedException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
        if (a.present("trust")) {
            checkCurrent(path, Path.of(a.required("trust")), Path.of(a.required("owner-pub")), crypto);
        }
        AttestationCircuit circuit = AttestationCircuit.create(path.depth());
        SharedProver prover = new SharedProver(circuit, pkFile, path.depth());
        if (a.positional.size() == 1) {
            Path jarFile = Path.of(a.positional.get(0));
            Path target = Path.of(a.get("out", jarFile.toString()));
            ProgressBar bar = a.has("quiet") ? null : new ProgressBar(err);
            try {
                attestOne(crypto, keys, secret, path, circuit, prover, jarFile, target, bar != null ? bar : Attester.Progress.NONE, out);
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            return 0;
        }
        return attestMany(a, jobsOption, crypto, keys, secret, path, circuit, prover, out, err);
    }

    /**
     * Many jars, each attested in place, {@code --jobs} at a time (default: one per processor). The
     * proving key is read once and its prover shared (it is immutable); each job signs with its own
     * handle of the signing key. Every jar is tried; the exit code is the worst of them.
     */
    private static int attestMany(Args a, Long jobsOption, CryptoService crypto, Path keys, BigInteger secret,
            VendorFiles.PathFile path, AttestationCircuit circuit, SharedProver prover, PrintStream out, PrintStream err) {
        List<Path> jars = a.positional.stream().map(Path::of).toList();
        int jobs = (int) Math.min(jars.size(), jobsOption != null ? jobsOption : Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "nonos-sign-attest");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Path jar : jars) {
                results.add(pool.submit(() -> {
                    try {
                        attestOne(crypto, keys, secret, path, circuit, prover, jar, jar, Attester.Progress.NONE, out);
                        return 0;
                    } catch (ToolException e) {
                        synchronized (err) {
                            err.println("nonos-sign: " + jar + ": " + e.getMessage());
                        }
                        return e.exitCode();
                    }
                }));
            }
            int worst = 0;
            for (Future<Integer> f : results) {
                int code;
                try {
                    code = f.get();
                } catch (ExecutionException e) {
                    synchronized (err) {
                        err.println("nonos-sign: " + e.getCause());
                    }
                    code = ToolException.BAD_INPUT;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ToolException.BAD_INPUT;
                }
                worst = Math.max(worst, code);
            }
            return worst;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void attestOne(CryptoService crypto, Path keys, BigInteger secret, VendorFiles.PathFile path,
            AttestationCircuit circuit, SharedProver prover, Path jarFile, Path target, Attester.Progress p, PrintStream out)
            throws ToolException {
        byte[] jar;
        try {
            jar = KeyFiles.read(jarFile, org.nonos.attestation.internal.JarDigest.MAX_JAR_BYTES);
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
        Attestation att;
        try (KeyHandle signing = ToolCrypto.readSigningKey(crypto, keys.resolve(SIGNING_KEY))) {
            att = new Attester(crypto, circuit, () -> prover.get(p)).attest(jar, signing, secret, path, new SecureRandom(), p);
        }
        // Check the proof with the key it was made for before writing anything: fail closed.
        try {
            Proof proof = BinaryFormat.decodeProof(att.proof());
            if (!prover.verifyingKey().verify(proof, att.publicInputs().toArray(BigInteger[]::new))) {
                throw new ToolException(ToolException.REFUSED, "the proof does not verify with the proving key's own verifying key");
            }
        } catch (org.nonos.zk.bls12381.MalformedException e) {
            throw new ToolException(ToolException.REFUSED, "the proof could not be checked: " + e.getMessage(), e);
        }
        byte[] attested = Attester.withAttestation(jar, att.emit());
        try {
            KeyFiles.writePublic(target, attested);
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot write " + target + ": " + e.getMessage(), e);
        }
        String line = "attested " + target + ": digest " + att.digest().hex() + ", capabilities "
                + (att.capabilities().isEmpty() ? "(none)" : att.capabilities()) + ", root " + att.registryRoot().toString(16)
                + ", epoch " + Long.toUnsignedString(att.epoch());
        synchronized (out) {
            out.println(line);
        }
    }

    /**
     * The prover, made once from the proving key on first use (after a statement was found to hold,
     * so refusals come before the key is read) and shared by every job.
     */
    private static final class SharedProver {
        private final AttestationCircuit circuit;
        private final Path pkFile;
        private final int depth;
        private Prover prover;
        private PreparedVerifyingKey vk;

        SharedProver(AttestationCircuit circuit, Path pkFile, int depth) {
            this.circuit = circuit;
            this.pkFile = pkFile;
            this.depth = depth;
        }

        synchronized Prover get(Attester.Progress p) throws ToolException {
            if (prover == null) {
                p.stage("loading the proving key", 9);
                try {
                    ProvingKey pk = BinaryFormat.decodeProvingKey(KeyFiles.read(pkFile, RegistryAdmin.MAX_PROVING_KEY_BYTES));
                    prover = new Prover(circuit.r1cs(), pk);
                    vk = new PreparedVerifyingKey(pk.vk());
                } catch (IOException | org.nonos.zk.bls12381.MalformedException e) {
                    throw new ToolException(ToolException.BAD_INPUT, "proving key " + pkFile + ": " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new ToolException(ToolException.BAD_INPUT, "the proving key is not for a registry of depth "
                            + depth + " (" + e.getMessage() + ")", e);
                }
            }
            return prover;
        }

        synchronized PreparedVerifyingKey verifyingKey() {
            return vk;
        }
    }

    /** Refuses a path file made for another root or epoch than the registry's current ones. */
    private static void checkCurrent(VendorFiles.PathFile path, Path trust, Path ownerPub, CryptoService crypto)
            throws ToolException {
        TrustAnchor anchor;
        try {
            anchor = TrustAnchor.load(trust, TrustAnchor.readOwnerPublicKey(ownerPub), crypto);
        } catch (TrustAnchorException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
        if (!anchor.root().equals(path.root()) || anchor.epoch() != path.epoch()) {
            throw new ToolException(ToolException.REFUSED, "the path file is for registry root " + path.root().toString(16)
                    + " at epoch " + Long.toUnsignedString(path.epoch()) + ", but the registry is at root "
                    + anchor.root().toString(16) + ", epoch " + Long.toUnsignedString(anchor.epoch())
                    + ": ask the registry owner for a current path (nonos-registry export-path)");
        }
    }

    private static int verify(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_VERIFY)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("trust", "owner-pub"), Set.of());
        a.expectPositionals(1, "the bundle jar");
        CryptoService crypto = ToolCrypto.create();
        TrustAnchor anchor;
        try {
            anchor = TrustAnchor.load(Path.of(a.required("trust")),
                    TrustAnchor.readOwnerPublicKey(Path.of(a.required("owner-pub"))), crypto);
        } catch (TrustAnchorException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
        Verdict v = AttestationVerifier.create(anchor, crypto).verify(Path.of(a.positional.get(0)));
        if (v instanceof Verdict.Accepted acc) {
            String caps;
            try {
                caps = CapabilityRequest.ofMask(acc.grantedMask()).canonical();
            } catch (MalformedException e) {
                caps = "";
            }
            out.println("ACCEPT " + acc.bundleDigest().hex() + " vendor=" + acc.vendor() + " granted="
                    + org.nonos.attestation.CapabilityTable.hex(acc.grantedMask()) + (caps.isEmpty() ? "" : " (" + caps + ")"));
            return 0;
        }
        Verdict.Rejected r = (Verdict.Rejected) v;
        out.println("REJECT " + r.reason() + ": " + r.message());
        return ToolException.REFUSED;
    }
}
