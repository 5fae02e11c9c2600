// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.nonos.crypto.HkdfHash;
import org.nonos.crypto.SelfTestReport;

/**
 * The power-on self-test: one known answer per primitive, each taken from the primitive's
 * specification (cited per test), plus pairwise-consistency tests for the randomised schemes
 * (FIPS 140-3 IG 10.3.A style) and a continuous health test of the CSPRNG.
 */
final class SelfTest {
    private static final HexFormat HEX = HexFormat.of();

    private SelfTest() {}

    static SelfTestReport run(ChaChaDrbg random) {
        List<SelfTestReport.Result> results = new ArrayList<>();
        check(results, "HChaCha20 (draft-irtf-cfrg-xchacha-03 §2.2.1)", () -> Arrays.equals(
                HChaCha20.subkey(h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
                        h("000000090000004a0000000031415927"), 0),
                h("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc")));
        check(results, "ChaCha20-Poly1305 JDK and BC (RFC 8439 §2.8.2)", SelfTest::chacha);
        check(results, "XChaCha20-Poly1305 JDK and BC (draft-irtf-cfrg-xchacha-03 A.3.1)", SelfTest::xchacha);
        check(results, "X25519 (RFC 7748 §5.2)", () -> Arrays.equals(
                X25519Kex.agree(h("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                        h("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")),
                h("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")));
        check(results, "Ed25519 (RFC 8032 §7.1 TEST 1)", SelfTest::ed25519);
        check(results, "ML-KEM-768 keygen (ACVP ML-KEM keyGen tg 2 tc 26) and pairwise", () -> mlkem(random));
        check(results, "ML-DSA-65 keygen (ACVP ML-DSA keyGen tg 2 tc 26) and pairwise", () -> mldsa(random));
        check(results, "BLAKE3 empty input (official test vectors)", () -> Arrays.equals(Hashes.blake3(new byte[0], 32),
                h("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262")));
        check(results, "SHA3-256 \"abc\" (FIPS 202 examples)", () -> Arrays.equals(Hashes.sha3(256, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                h("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")));
        check(results, "SHAKE128 empty input (FIPS 202 examples)", () -> Arrays.equals(Hashes.shake(128, new byte[0], 32),
                h("7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26")));
        check(results, "HKDF-SHA256 (RFC 5869 A.1)", () -> Arrays.equals(
                Kdf.hkdf(HkdfHash.SHA256, h("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), h("000102030405060708090a0b0c"),
                        h("f0f1f2f3f4f5f6f7f8f9"), 42),
                h("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")));
        check(results, "Argon2id (RFC 9106 §5.3)", () -> Arrays.equals(
                Kdf.argon2(Argon2Parameters.ARGON2_id, fill(32, 1), fill(16, 2), fill(8, 3), fill(12, 4), 32, 3, 4, 32),
                h("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659")));
        check(results, "CSPRNG health (outputs non-constant and distinct)", () -> {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            random.nextBytes(a);
            random.nextBytes(b);
            return !Arrays.equals(a, b) && !Checks.isAllZero(a) && !Checks.isAllZero(b);
        });
        return new SelfTestReport(results);
    }

    private static boolean chacha() {
        byte[] key = h("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = h("070000004041424344454647");
        byte[] aad = h("50515253c0c1c2c3c4c5c6c7");
        byte[] expected = h("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de"
                + "576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691");
        return Arrays.equals(Aead.seal(key, nonce, aad, LADIES), expected)
                && Arrays.equals(BcAead.seal(false, key, nonce, aad, LADIES), expected)
                && Arrays.equals(Aead.open(key, nonce, aad, expected), LADIES)
                && rejectsFlippedTag(() -> Aead.open(key, nonce, aad, flipLast(expected)));
    }

    private static boolean xchacha() {
        byte[] key = h("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = h("404142434445464748494a4b4c4d4e4f5051525354555657");
        byte[] aad = h("50515253c0c1c2c3c4c5c6c7");
        byte[] expected = h("bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39"
                + "ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c97637da"
                + "9768812f615c68b13b52e" + "c0875924c1c7987947deafd8780acf49");
        return Arrays.equals(Aead.sealX(key, nonce, aad, LADIES), expected)
                && Arrays.equals(BcAead.seal(true, key, nonce, aad, LADIES), expected)
                && Arrays.equals(Aead.openX(key, nonce, aad, expected), LADIES)
                && rejectsFlippedTag(() -> Aead.openX(key, nonce, aad, flipLast(expected)));
    }

    private static boolean ed25519() {
        byte[] seed = h("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pk = h("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] sig = h("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        return Arrays.equals(Ed25519Sig.publicKey(seed), pk)
                && Arrays.equals(Ed25519Sig.sign(seed, new byte[0]), sig)
                && Ed25519Sig.verify(pk, new byte[0], sig)
                && !Ed25519Sig.verify(pk, new byte[] {0}, sig);
    }

    private static boolean mlkem(ChaChaDrbg random) {
        byte[] seed = h("A2B4BCA315A6EA4600B4A316E09A2578AA1E8BCE919C8DF3A96C71C843F5B38B"
                + "D6BF055CB7B375E3271ED131F1BA31F83FEF533A239878A71074578B891265D1");
        byte[] ek = MlKem768.publicKey(seed);
        if (!Arrays.equals(Hashes.sha3(256, ek), h("7ca0c2cbbf4fbf28de8c479d4473c339d96b89c34a4e5fcbcf7728bdfb43b945"))) {
            return false;
        }
        byte[][] enc = MlKem768.encapsulate(ek, random);
        return Arrays.equals(MlKem768.decapsulate(seed, enc[1]), enc[0]);
    }

    private static boolean mldsa(ChaChaDrbg random) {
        byte[] seed = h("70CEFB9AED5B68E018B079DA8284B9D5CAD5499ED9C265FF73588005D85C225C");
        byte[] pk = MlDsa65.publicKey(seed);
        if (!Arrays.equals(Hashes.sha3(256, pk), h("3bab48eb1a51111d56433219d7abe12d15a8a3a1e0a190a9d144cf93fa34185c"))) {
            return false;
        }
        byte[] msg = "power-on self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] ctx = {1, 2, 3};
        byte[] sig = MlDsa65.sign(seed, msg, ctx, random);
        return MlDsa65.verify(pk, msg, ctx, sig) && !MlDsa65.verify(pk, msg, new byte[0], sig);
    }

    private static final byte[] LADIES = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
            + "future, sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean rejectsFlippedTag(Runnable open) {
        try {
            open.run();
            return false;
        } catch (org.nonos.crypto.CryptoException e) {
            return e.error() == org.nonos.crypto.CryptoError.AUTHENTICATION_FAILED;
        }
    }

    private static byte[] flipLast(byte[] in) {
        byte[] out = in.clone();
        out[out.length - 1] ^= 1;
        return out;
    }

    private static void check(List<SelfTestReport.Result> results, String name, BooleanSupplier test) {
        try {
            boolean ok = test.getAsBoolean();
            results.add(new SelfTestReport.Result(name, ok, ok ? "" : "wrong answer"));
        } catch (RuntimeException e) {
            results.add(new SelfTestReport.Result(name, false, e.toString()));
        }
    }

    private static byte[] fill(int n, int value) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static byte[] h(String hex) {
        return HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    }
}
