// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import org.nonos.attestation.CapabilityRequest;
import org.nonos.attestation.CapabilityTable;
import org.nonos.attestation.MalformedException;
import org.nonos.attestation.RegistryEntry;
import org.nonos.attestation.TrustAnchor;
import org.nonos.attestation.TrustAnchorException;
import org.nonos.attestation.internal.KeyFiles;
import org.nonos.attestation.internal.RegistryAdmin;
import org.nonos.attestation.internal.RegistryJson;
import org.nonos.attestation.internal.ToolException;
import org.nonos.attestation.internal.VendorFiles;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;

/**
 * {@code nonos-registry}: the trust registry owner's tool (docs/attestation.md "nonos-registry").
 * Exit codes: 0 done, 1 refused, 2 usage, 3 bad or missing file.
 */
public final class NonosRegistry {
    static final String USAGE = """
            usage: nonos-registry <command> [options]   (every command takes --help)
              init           create a registry: Groth16 setup, owner key, signed empty registry
              add-vendor     add a vendor (a new root)
              revoke-vendor  remove a vendor (a new root)
              set-epoch      move the registry to a later epoch
              export-path    write a vendor's Merkle path file
              show           print the registry
            exit codes: 0 done, 1 refused, 2 usage error, 3 bad or missing file
            """;
    private static final String COMMON = """
              --trust DIR        the trust directory (default etc/trust)
              --owner-key FILE   the owner's secret signing key (default owner.key)
            """;
    private static final String HELP_INIT = """
            usage: nonos-registry init [--depth N] [--epoch N] [--proving-key FILE] [--owner-pub FILE]
            Runs a DEVELOPMENT Groth16 setup of the attestation circuit at the given tree depth
            (default 20), writes verifying.key, registry.json and registry.sig into the trust directory
            and the proving key for vendors to --proving-key (default proving.key). Creates the owner
            key (mode 0600) unless it exists, and writes its public key to --owner-pub (default owner.pub).
            """ + COMMON;
    private static final String HELP_ADD = """
            usage: nonos-registry add-vendor --name NAME --vendor-key FILE (--allowed CAPS | --allowed-mask 0xMASK)
                                             --expiry EPOCH [--epoch N]
            Adds the vendor whose public file (from nonos-sign keygen) is --vendor-key, allowed the
            capabilities CAPS (NonOS-Capabilities syntax) up to epoch EPOCH. Prints the new root.
            """ + COMMON;
    private static final String HELP_REVOKE = """
            usage: nonos-registry revoke-vendor --name NAME [--epoch N]
            Empties the vendor's leaf: a new root, and every attestation made before stops verifying.
            """ + COMMON;
    private static final String HELP_EPOCH = """
            usage: nonos-registry set-epoch EPOCH
            Moves the registry to a later epoch; attestations made for an earlier epoch are EXPIRED.
            """ + COMMON;
    private static final String HELP_EXPORT = """
            usage: nonos-registry export-path --name NAME --out FILE [--owner-pub FILE] [--trust DIR]
            Writes the vendor's path file (root, epoch, its leaf's values and Merkle path) for nonos-sign.
            """;
    private static final String HELP_SHOW = """
            usage: nonos-registry show [--owner-pub FILE] [--trust DIR]
            Checks the owner's signature and prints root, epoch and vendors.
            """;

    private NonosRegistry() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        return ToolCli.run("nonos-registry", USAGE, argv, out, err, command -> switch (command) {
            case "init" -> init(argv, out);
            case "add-vendor" -> addVendor(argv, out);
            case "revoke-vendor" -> revoke(argv, out);
            case "set-epoch" -> setEpoch(argv, out);
            case "export-path" -> exportPath(argv, out);
            case "show" -> show(argv, out);
            default -> throw ToolCli.unknownCommand(command, USAGE);
        });
    }

    private static int init(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_INIT)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("trust", "owner-key", "owner-pub", "proving-key", "depth", "epoch"), Set.of());
        a.expectPositionals(0, "");
        Path trust = Path.of(a.get("trust", "etc/trust"));
        Path ownerKey = Path.of(a.get("owner-key", "owner.key"));
        Path ownerPub = Path.of(a.get("owner-pub", "owner.pub"));
        Path provingKey = Path.of(a.get("proving-key", "proving.key"));
        int depth;
        try {
            depth = Integer.parseInt(a.get("depth", "20"));
        } catch (NumberFormatException e) {
            throw new ToolException(ToolException.USAGE, "--depth must be an integer", e);
        }
        Long epoch = a.unsigned("epoch");
        CryptoService crypto = ToolCrypto.create();
        boolean newOwner = !Files.exists(ownerKey);
        KeyHandle owner = newOwner ? crypto.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65) : ToolCrypto.readSigningKey(crypto, ownerKey);
        try (owner) {
            if (Files.exists(trust.resolve(TrustAnchor.REGISTRY_FILE))) {
                throw new ToolException(ToolException.BAD_INPUT, trust + " already holds a registry");
            }
            if (newOwner) {
                ToolCrypto.writeSigningKey(crypto, owner, ownerKey);
            }
            KeyFiles.writePublic(ownerPub, VendorFiles.emitPublicKey(owner.publicKey()));
            out.println("running the Groth16 setup for registry depth " + depth + " (development setup: see docs/attestation.md)");
            RegistryJson.Document d = new RegistryAdmin(crypto).init(trust, owner, depth, epoch == null ? 1 : epoch,
                    provingKey, new SecureRandom());
            out.println("registry created in " + trust + ": depth " + d.depth() + ", epoch " + Long.toUnsignedString(d.epoch())
                    + ", root " + d.root().toString(16));
            out.println("owner key " + ownerKey + (newOwner ? " (new)" : "") + ", owner public key " + ownerPub
                    + ", proving key " + provingKey);
            return 0;
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
    }

    private static int addVendor(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_ADD)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("trust", "owner-key", "name", "vendor-key", "allowed", "allowed-mask", "expiry",
                "epoch"), Set.of());
        a.expectPositionals(0, "");
        String name = a.required("name");
        long allowed;
        if (a.present("allowed") == a.present("allowed-mask")) {
            throw new ToolException(ToolException.USAGE, "give exactly one of --allowed and --allowed-mask");
        }
        try {
            if (a.present("allowed")) {
                allowed = CapabilityRequest.parse(a.required("allowed")).mask();
            } else {
                String m = a.required("allowed-mask");
                if (!m.matches("0x[0-9a-fA-F]{1,16}")) {
                    throw new ToolException(ToolException.USAGE, "--allowed-mask must be 0x and 1..16 hex digits");
                }
                allowed = Long.parseUnsignedLong(m.substring(2), 16);
                CapabilityTable.capabilities(allowed);
            }
        } catch (MalformedException e) {
            throw new ToolException(ToolException.USAGE, e.getMessage(), e);
        }
        Long expiry = a.unsigned("expiry");
        if (expiry == null) {
            throw new ToolException(ToolException.USAGE, "--expiry is required");
        }
        VendorFiles.VendorKey key;
        Path keyFile = Path.of(a.required("vendor-key"));
        try {
            key = VendorFiles.parseVendorKey(KeyFiles.read(keyFile, VendorFiles.MAX_BYTES));
        } catch (IOException | MalformedException e) {
            throw new ToolException(ToolException.BAD_INPUT, keyFile + ": " + e.getMessage(), e);
        }
        CryptoService crypto = ToolCrypto.create();
        try (KeyHandle owner = ToolCrypto.readSigningKey(crypto, Path.of(a.get("owner-key", "owner.key")))) {
            RegistryJson.Document d = new RegistryAdmin(crypto).addVendor(Path.of(a.get("trust", "etc/trust")), owner, name,
                    key, allowed, expiry, a.unsigned("epoch"));
            out.println("added " + name + " (allowed " + CapabilityTable.hex(allowed) + ", expiry " + Long.toUnsignedString(expiry)
                    + "); new root " + d.root().toString(16) + ", epoch " + Long.toUnsignedString(d.epoch()));
            return 0;
        }
    }

    private static int revoke(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_REVOKE)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("trust", "owner-key", "name", "epoch"), Set.of());
        a.expectPositionals(0, "");
        String name = a.required("name");
        CryptoService crypto = ToolCrypto.create();
        try (KeyHandle owner = ToolCrypto.readSigningKey(crypto, Path.of(a.get("owner-key", "owner.key")))) {
            RegistryJson.Document d = new RegistryAdmin(crypto).revokeVendor(Path.of(a.get("trust", "etc/trust")), owner, name,
                    a.unsigned("epoch"));
            out.println("revoked " + name + "; new root " + d.root().toString(16) + ", epoch " + Long.toUnsignedString(d.epoch()));
            return 0;
        }
    }

    private static int setEpoch(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_EPOCH)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("trust", "owner-key"), Set.of());
        a.expectPositionals(1, "the new epoch");
        long epoch;
        try {
            epoch = Long.parseUnsignedLong(a.positional.get(0));
        } catch (NumberFormatException e) {
            throw new ToolException(ToolException.USAGE, "the epoch must be an unsigned decimal integer", e);
        }
        CryptoService crypto = ToolCrypto.create();
        try (KeyHandle owner = ToolCrypto.readSigningKey(crypto, Path.of(a.get("owner-key", "owner.key")))) {
            RegistryJson.Document d = new RegistryAdmin(crypto).setEpoch(Path.of(a.get("trust", "etc/trust")), owner, epoch);
            out.println("registry at epoch " + Long.toUnsignedString(d.epoch()) + ", root " + d.root().toString(16));
            return 0;
        }
    }

    private static RegistryJson.Document loadChecked(Args a, CryptoService crypto) throws ToolException {
        byte[] ownerPub;
        try {
            ownerPub = TrustAnchor.readOwnerPublicKey(Path.of(a.get("owner-pub", "owner.pub")));
        } catch (TrustAnchorException e) {
            throw new ToolException(ToolException.BAD_INPUT, e.getMessage(), e);
        }
        return new RegistryAdmin(crypto).load(Path.of(a.get("trust", "etc/trust")), ownerPub);
    }

    private static int exportPath(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_EXPORT)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("trust", "owner-pub", "name", "out"), Set.of());
        a.expectPositionals(0, "");
        CryptoService crypto = ToolCrypto.create();
        RegistryJson.Document d = loadChecked(a, crypto);
        VendorFiles.PathFile p = new RegistryAdmin(crypto).exportPath(d, a.required("name"));
        Path file = Path.of(a.required("out"));
        try {
            KeyFiles.writePublic(file, VendorFiles.emitPath(p));
        } catch (IOException e) {
            throw new ToolException(ToolException.BAD_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
        out.println("wrote the path of " + p.name() + " (leaf " + p.path().leafIndex() + ", root " + p.root().toString(16)
                + ", epoch " + Long.toUnsignedString(p.epoch()) + ") to " + file);
        return 0;
    }

    private static int show(String[] argv, PrintStream out) throws ToolException {
        if (ToolCli.help(argv, out, HELP_SHOW)) {
            return 0;
        }
        Args a = Args.parse(argv, 1, Set.of("trust", "owner-pub"), Set.of());
        a.expectPositionals(0, "");
        RegistryJson.Document d = loadChecked(a, ToolCrypto.create());
        out.println("root   " + d.root().toString(16));
        out.println("epoch  " + Long.toUnsignedString(d.epoch()));
        out.println("serial " + Long.toUnsignedString(d.serial()));
        out.println("depth  " + d.depth() + " (capability table " + d.capabilityTable() + ")");
        for (RegistryEntry v : d.vendors()) {
            out.println("vendor " + v.name() + " leaf " + v.index() + " allowed " + CapabilityTable.hex(v.allowedMask())
                    + " expiry " + Long.toUnsignedString(v.expiry()) + " signing key " + v.signingKeyDigest());
        }
        return 0;
    }
}
