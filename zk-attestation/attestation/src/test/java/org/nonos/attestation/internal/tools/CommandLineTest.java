// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.attestation.Attestation;
import org.nonos.attestation.TrustAnchor;

/** nonos-registry and nonos-sign run in-process, end to end, on a depth-4 registry in temp dirs. */
class CommandLineTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result registry(String... args) {
        return run(true, args);
    }

    static Result sign(String... args) {
        return run(false, args);
    }

    static Result run(boolean registry, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = registry ? NonosRegistry.run(args, o, e) : NonosSign.run(args, o, e);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    static void ok(Result r) {
        assertEquals(0, r.code(), () -> r.out() + r.err());
    }

    static byte[] bundle(String capabilities) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write(("Manifest-Version: 1.0\r\nBundle-SymbolicName: org.example.cli\r\nNonOS-Capabilities: " + capabilities
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("org/example/cli/Driver.class"));
            z.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 1, 2, 3});
        }
        return b.toByteArray();
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void registryAndVendorEndToEnd() throws Exception {
        Path trust = tmp.resolve("etc/trust");
        Path owner = tmp.resolve("owner");
        String ownerKey = owner.resolve("owner.key").toString();
        String ownerPub = owner.resolve("owner.pub").toString();
        String pk = owner.resolve("proving.key").toString();
        ok(registry("init", "--trust", trust.toString(), "--owner-key", ownerKey, "--owner-pub", ownerPub,
                "--proving-key", pk, "--depth", "4", "--epoch", "2"));
        assertEquals("rw-------", perms(Path.of(ownerKey)));
        assertTrue(Files.exists(trust.resolve(TrustAnchor.VERIFYING_KEY_FILE)));
        assertEquals(3, registry("init", "--trust", trust.toString(), "--owner-key", ownerKey, "--owner-pub", ownerPub,
                "--proving-key", pk, "--depth", "4").code(), "a second init is refused");

        Path vendor = tmp.resolve("vendor");
        Result kg = sign("keygen", "--out", vendor.toString());
        ok(kg);
        assertTrue(kg.out().contains("vendor key"), kg.out());
        assertEquals("rw-------", perms(vendor.resolve(NonosSign.SIGNING_KEY)));
        assertEquals("rw-------", perms(vendor.resolve(NonosSign.SECRET)));
        byte[] secretBefore = Files.readAllBytes(vendor.resolve(NonosSign.SECRET));
        assertEquals(3, sign("keygen", "--out", vendor.toString()).code(), "keys are never overwritten");
        assertArrayEquals(secretBefore, Files.readAllBytes(vendor.resolve(NonosSign.SECRET)));

        ok(registry("add-vendor", "--trust", trust.toString(), "--owner-key", ownerKey, "--name", "acme",
                "--vendor-key", vendor.resolve(NonosSign.PUBLIC).toString(), "--allowed", "device:serial;rights=read,write",
                "--expiry", "50"));
        Path path = vendor.resolve("path.json");
        ok(registry("export-path", "--trust", trust.toString(), "--owner-pub", ownerPub, "--name", "acme", "--out",
                path.toString()));
        Result show = registry("show", "--trust", trust.toString(), "--owner-pub", ownerPub);
        ok(show);
        assertTrue(show.out().contains("vendor acme leaf 0 allowed 0x0000000000000003 expiry 50"), show.out());

        Path jar = tmp.resolve("driver.jar");
        Files.write(jar, bundle("device:serial;rights=read"));
        Result at = sign("attest", jar.toString(), "--keys", vendor.toString(), "--path", path.toString(), "--proving-key", pk);
        ok(at);
        assertTrue(at.err().contains("proving"), "progress on stderr: " + at.err());
        assertTrue(at.err().contains("100%"), at.err());
        Result v = sign("verify", jar.toString(), "--trust", trust.toString(), "--owner-pub", ownerPub);
        ok(v);
        assertTrue(v.out().startsWith("ACCEPT ") && v.out().contains("vendor=acme granted=0x0000000000000001"), v.out());

        // Requested ⊄ allowed: refused before proving, with the capability named; the jar is unchanged.
        Path greedy = tmp.resolve("greedy.jar");
        byte[] greedyBytes = bundle("device:serial;rights=read, device:tpm;rights=read,write");
        Files.write(greedy, greedyBytes);
        Result g = sign("attest", greedy.toString(), "--keys", vendor.toString(), "--path", path.toString(), "--proving-key", pk,
                "--quiet");
        assertEquals(1, g.code(), g.err());
        assertTrue(g.err().contains("device:tpm;rights=read,write"), g.err());
        assertArrayEquals(greedyBytes, Files.readAllBytes(greedy));
        Result gv = sign("verify", greedy.toString(), "--trust", trust.toString(), "--owner-pub", ownerPub);
        assertEquals(1, gv.code());
        assertTrue(gv.out().startsWith("REJECT NO_ATTESTATION"), gv.out());

        // Many jars at once, two jobs: each is attested in place (an attestation already there, as in
        // `jar`, is replaced); one that asks too much is refused by name, the others are written.
        Path second = tmp.resolve("second.jar");
        Files.write(second, bundle("device:serial;rights=write"));
        Path greedy2 = tmp.resolve("greedy2.jar");
        Files.write(greedy2, greedyBytes);
        Result many = sign("attest", jar.toString(), second.toString(), greedy2.toString(), "--keys", vendor.toString(),
                "--path", path.toString(), "--proving-key", pk, "--jobs", "2");
        assertEquals(1, many.code(), many.out() + many.err());
        assertTrue(many.err().contains(greedy2 + ": ") && many.err().contains("device:tpm"), many.err());
        assertArrayEquals(greedyBytes, Files.readAllBytes(greedy2));
        for (Path p : new Path[] {jar, second}) {
            Result mv = sign("verify", p.toString(), "--trust", trust.toString(), "--owner-pub", ownerPub);
            ok(mv);
            assertTrue(mv.out().startsWith("ACCEPT "), mv.out());
        }
        assertEquals(2, sign("attest", jar.toString(), second.toString(), "--keys", vendor.toString(), "--path",
                path.toString(), "--proving-key", pk, "--out", tmp.resolve("x.jar").toString()).code(), "--out takes one jar");
        assertEquals(2, sign("attest", jar.toString(), "--keys", vendor.toString(), "--path", path.toString(),
                "--proving-key", pk, "--jobs", "0").code());

        // Revoked: a new root; the bundle no longer verifies, and the old path no longer proves.
        ok(registry("revoke-vendor", "--trust", trust.toString(), "--owner-key", ownerKey, "--name", "acme"));
        Result after = sign("verify", jar.toString(), "--trust", trust.toString(), "--owner-pub", ownerPub);
        assertEquals(1, after.code());
        assertTrue(after.out().startsWith("REJECT WRONG_ROOT"), after.out());
        assertEquals(3, registry("export-path", "--trust", trust.toString(), "--owner-pub", ownerPub, "--name", "acme",
                "--out", path.toString()).code());

        // Attesting into --out leaves the input alone; the attestation entry is there.
        Path plain = tmp.resolve("plain.jar");
        Files.write(plain, bundle("device:serial;rights=read"));
        Path pathOld = vendor.resolve("path.json");
        Result stale = sign("attest", plain.toString(), "--keys", vendor.toString(), "--path", pathOld.toString(),
                "--proving-key", pk, "--out", tmp.resolve("out.jar").toString(), "--quiet");
        ok(stale); // the path file is the one from before revocation: it proves against the old root
        // ... unless the vendor asks for the check against the current registry.
        Result checked = sign("attest", plain.toString(), "--keys", vendor.toString(), "--path", pathOld.toString(),
                "--proving-key", pk, "--out", tmp.resolve("out2.jar").toString(), "--quiet", "--trust", trust.toString(),
                "--owner-pub", ownerPub);
        assertEquals(1, checked.code(), checked.err());
        assertTrue(checked.err().contains("ask the registry owner for a current path"), checked.err());
        assertTrue(!Files.exists(tmp.resolve("out2.jar")));
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(tmp.resolve("out.jar").toFile())) {
            assertTrue(z.getEntry(Attestation.ENTRY) != null);
        }
        Result staleVerify = sign("verify", tmp.resolve("out.jar").toString(), "--trust", trust.toString(), "--owner-pub", ownerPub);
        assertTrue(staleVerify.out().startsWith("REJECT WRONG_ROOT"), staleVerify.out());
    }

    @Test
    void helpAndUsage() {
        for (String c : new String[] {"init", "add-vendor", "revoke-vendor", "set-epoch", "export-path", "show"}) {
            Result r = registry(c, "--help");
            ok(r);
            assertTrue(r.out().startsWith("usage: nonos-registry " + c), r.out());
        }
        for (String c : new String[] {"keygen", "attest", "verify"}) {
            Result r = sign(c, "--help");
            ok(r);
            assertTrue(r.out().startsWith("usage: nonos-sign " + c), r.out());
        }
        ok(registry("--help"));
        ok(sign("--help"));
        assertEquals(2, registry().code());
        assertEquals(2, sign().code());
        assertEquals(2, registry("frobnicate").code());
        assertEquals(2, sign("keygen", "--bogus").code());
        assertEquals(2, sign("verify", "a.jar").code());
        assertEquals(2, registry("add-vendor", "--name", "x").code());
    }

    @Test
    void verifyRefusesAnAnchorWithoutAGoodOwnerKey() throws Exception {
        Path pub = tmp.resolve("owner.pub");
        Files.writeString(pub, "{}");
        Result r = sign("verify", tmp.resolve("x.jar").toString(), "--trust", tmp.toString(), "--owner-pub", pub.toString());
        assertEquals(3, r.code());
    }
}
