// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;

/** Loading etc/trust/: the owner signature, the verifying key binding, the document checks. */
class TrustAnchorTest {
    @TempDir
    static Path tmp;
    static Fixtures.Registry registry;
    static byte[] json;
    static byte[] sig;
    static byte[] vk;

    @BeforeAll
    static void setUp() throws Exception {
        registry = Fixtures.registry(tmp.resolve("trust"), 3);
        registry.add(Fixtures.vendor("acme"), Fixtures.SERIAL_RW, 10);
        json = Files.readAllBytes(registry.dir().resolve(TrustAnchor.REGISTRY_FILE));
        sig = Files.readAllBytes(registry.dir().resolve(TrustAnchor.SIGNATURE_FILE));
        vk = Files.readAllBytes(registry.dir().resolve(TrustAnchor.VERIFYING_KEY_FILE));
    }

    static TrustAnchor load(byte[] j, byte[] s, byte[] v, byte[] owner) throws TrustAnchorException {
        return TrustAnchor.fromBytes(j, s, v, owner, Fixtures.CRYPTO);
    }

    @Test
    void loads() throws Exception {
        TrustAnchor a = registry.anchor();
        assertEquals(3, a.epoch());
        assertEquals(Fixtures.DEPTH, a.depth());
        assertEquals(1, a.vendors().size());
        assertEquals("acme", a.vendors().get(0).name());
        assertTrue(a.vendorBySigningKey(a.vendors().get(0).signingKeyDigest()).isPresent());
    }

    @Test
    void aBadOwnerSignatureRefusesToLoad() throws Exception {
        byte[] owner = registry.owner().publicKey();
        byte[] s = sig.clone();
        s[10] ^= 1;
        assertThrows(TrustAnchorException.class, () -> load(json, s, vk, owner));
        try (KeyHandle other = Fixtures.CRYPTO.generateKey(KeyType.HYBRID_ED25519_ML_DSA_65)) {
            assertThrows(TrustAnchorException.class, () -> load(json, sig, vk, other.publicKey()));
        }
        byte[] j = new String(json, StandardCharsets.UTF_8).replace("\"epoch\" : \"3\"", "\"epoch\" : \"4\"")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(!java.util.Arrays.equals(j, json), "the test changes the document");
        assertThrows(TrustAnchorException.class, () -> load(j, sig, vk, owner));
        assertThrows(TrustAnchorException.class, () -> load(json, sig, vk, new byte[32]));
        assertThrows(TrustAnchorException.class, () -> load(json, new byte[0], vk, owner));
    }

    @Test
    void anotherVerifyingKeyRefusesToLoad() throws Exception {
        byte[] v = vk.clone();
        v[v.length - 1] ^= 1;
        assertThrows(TrustAnchorException.class, () -> load(json, sig, v, registry.owner().publicKey()));
    }

    @Test
    void aSignedButInconsistentDocumentRefusesToLoad() throws Exception {
        // The owner signs a document whose root does not match its vendors: refused all the same.
        String doc = new String(json, StandardCharsets.UTF_8);
        String root = registry.anchor().root().toString(16);
        String bad = doc.replaceFirst("\"root\" : \"[0-9a-f]{64}\"", "\"root\" : \"" + "0".repeat(64) + "\"");
        assertTrue(!bad.equals(doc), root);
        byte[] b = bad.getBytes(StandardCharsets.UTF_8);
        byte[] s = Fixtures.CRYPTO.sign(registry.owner(), b, TrustAnchor.SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        TrustAnchorException e = assertThrows(TrustAnchorException.class, () -> load(b, s, vk, registry.owner().publicKey()));
        assertTrue(e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void installTakesOnlyANewerRegistry(@TempDir Path dir) throws Exception {
        Fixtures.Registry r = Fixtures.registry(dir.resolve("owner"), 1);
        byte[] owner = r.owner().publicKey();
        byte[][] v1 = files(r.dir());
        r.add(Fixtures.vendor("a"), Fixtures.SERIAL_RW, 10);
        byte[][] v2 = files(r.dir());
        r.admin().revokeVendor(r.dir(), r.owner(), "a", null);
        byte[][] v3 = files(r.dir());
        Path sys = dir.resolve("system");
        assertEquals(1, TrustAnchor.install(sys, v1[0], v1[1], v1[2], owner, Fixtures.CRYPTO).serial());
        assertEquals(3, TrustAnchor.install(sys, v3[0], v3[1], v3[2], owner, Fixtures.CRYPTO).serial());
        // Putting back the registry from before the revocation is refused, and changes nothing.
        assertThrows(TrustAnchorException.class, () -> TrustAnchor.install(sys, v2[0], v2[1], v2[2], owner, Fixtures.CRYPTO));
        assertThrows(TrustAnchorException.class, () -> TrustAnchor.install(sys, v3[0], v3[1], v3[2], owner, Fixtures.CRYPTO));
        byte[] badSig = v3[1].clone();
        badSig[0] ^= 1;
        assertThrows(TrustAnchorException.class, () -> TrustAnchor.install(sys, v3[0], badSig, v3[2], owner, Fixtures.CRYPTO));
        assertEquals(3, TrustAnchor.load(sys, owner, Fixtures.CRYPTO).serial());
        assertTrue(java.util.Arrays.equals(v3[0], Files.readAllBytes(sys.resolve(TrustAnchor.REGISTRY_FILE))));
    }

    static byte[][] files(Path d) throws Exception {
        return new byte[][] {Files.readAllBytes(d.resolve(TrustAnchor.REGISTRY_FILE)),
                Files.readAllBytes(d.resolve(TrustAnchor.SIGNATURE_FILE)), Files.readAllBytes(d.resolve(TrustAnchor.VERIFYING_KEY_FILE))};
    }

    @Test
    void missingFiles() {
        assertThrows(TrustAnchorException.class, () -> TrustAnchor.load(tmp.resolve("nowhere"),
                registry.owner().publicKey(), Fixtures.CRYPTO));
    }
}
