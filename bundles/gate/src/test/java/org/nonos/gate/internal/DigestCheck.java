// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check for the gate's own machinery (hook, caches, audit), independent of the attestation
 * format: a jar is "attested" when its attestation entry names the SHA-256 of its other entries.
 * The tests with the real verifier are in {@code RealVerifierGateTest}.
 */
final class DigestCheck implements AttestationCheck {
    final AtomicInteger checks = new AtomicInteger();

    String digest(JarContent content) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : content.entries().entrySet()) {
                if (!e.getKey().equals(TestJars.ATTESTATION)) {
                    md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Outcome check(JarContent content) {
        checks.incrementAndGet();
        String digest = digest(content);
        byte[] att = content.entries().get(TestJars.ATTESTATION);
        if (att == null) {
            return new Outcome(digest, false, "NO_ATTESTATION", "no " + TestJars.ATTESTATION, List.of(), true);
        }
        if (!new String(att, StandardCharsets.UTF_8).equals("attested " + digest)) {
            return new Outcome(digest, false, "DIGEST_MISMATCH", "content differs from what was attested", List.of(), true);
        }
        return new Outcome(digest, true, "OK", "attested by test", capabilities(content), true);
    }

    /**
     * The capabilities of the manifest's NonOS-Capabilities header, one per right
     * ({@code kind:name;rights=r}); {@code service:test;rights=call} when there is no header.
     */
    static List<String> capabilities(JarContent content) {
        try {
            java.util.jar.Manifest m = new java.util.jar.Manifest(
                    new java.io.ByteArrayInputStream(content.entries().get("META-INF/MANIFEST.MF")));
            String h = m.getMainAttributes().getValue("NonOS-Capabilities");
            if (h == null) {
                return List.of("service:test;rights=call");
            }
            List<String> out = new java.util.ArrayList<>();
            for (String c : h.split(" ")) {
                String[] tr = c.split(";rights=");
                for (String r : tr[1].split("\\+")) {
                    out.add(tr[0] + ";rights=" + r);
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The jar with a valid test attestation. */
    static byte[] attest(byte[] jar) throws MalformedJarException {
        String digest = new DigestCheck().digest(JarContent.of(jar));
        return TestJars.with(jar, TestJars.ATTESTATION, ("attested " + digest).getBytes(StandardCharsets.UTF_8));
    }
}
