// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.util.Arrays;
import java.util.function.Function;
import org.nonos.crypto.Argon2Profile;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.CryptoService;
import org.nonos.crypto.Encapsulation;
import org.nonos.crypto.HkdfHash;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;
import org.nonos.crypto.SeedSource;
import org.nonos.crypto.SelfTestReport;
import org.nonos.crypto.StreamOpener;
import org.nonos.crypto.StreamSealer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The crypto service component. At activation it seeds the CSPRNG and runs the known-answer
 * self-tests; if any fails, activation throws and the service is never registered.
 * It dispatches to one class per primitive; this class only checks key types and owns keys.
 */
@Component(service = CryptoService.class)
public final class CryptoServiceImpl implements CryptoService {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    SeedSource seedSource;

    private final Function<ChaChaDrbg, SelfTestReport> powerOnSelfTest;
    private ChaChaDrbg random;

    /** For Declarative Services: {@link #activate} follows. */
    public CryptoServiceImpl() {
        this.powerOnSelfTest = SelfTest::run;
    }

    /** Outside OSGi (tests, tools): activated at once with the given seed source. */
    CryptoServiceImpl(SeedSource seeds) {
        this(seeds, SelfTest::run);
    }

    /**
     * Outside OSGi: a service activated at once, power-on self-test included.
     *
     * @param seeds the seed source, or null for the operating system's
     */
    public static CryptoServiceImpl activated(SeedSource seeds) {
        return new CryptoServiceImpl(seeds != null ? seeds : new OsSeedSource());
    }

    /** With a substitute self-test, to prove that a failing self-test stops activation. */
    CryptoServiceImpl(SeedSource seeds, Function<ChaChaDrbg, SelfTestReport> selfTest) {
        this.seedSource = seeds;
        this.powerOnSelfTest = selfTest;
        activate();
    }

    @Activate
    void activate() {
        SeedSource seeds = seedSource != null ? seedSource : new OsSeedSource();
        ChaChaDrbg drbg;
        try {
            drbg = new ChaChaDrbg(seeds);
        } catch (RuntimeException e) {
            throw new CryptoException(CryptoError.SELF_TEST_FAILED, "cannot seed the CSPRNG from " + seeds.name(), e);
        }
        SelfTestReport report = powerOnSelfTest.apply(drbg);
        if (!report.passed()) {
            throw new CryptoException(CryptoError.SELF_TEST_FAILED, "power-on self-test failed: " + report.results().stream()
                    .filter(r -> !r.passed()).map(r -> r.name() + " (" + r.detail() + ")").toList());
        }
        this.random = drbg;
    }

    // ---- keys -----------------------------------------------------------------------------

    @Override
    public KeyHandle generateKey(KeyType type) {
        if (type == null) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "key type is null");
        }
        byte[] material = new byte[type.privateLength()];
        random.nextBytes(material);
        return new ServiceKey(type, material);
    }

    @Override
    public KeyHandle importKey(byte[] encoded) {
        KeyCodec codec = KeyCodec.parse(encoded);
        return new ServiceKey(codec.type(), codec.material());
    }

    @Override
    public byte[] exportKey(KeyHandle key) {
        ServiceKey k = own(key);
        return new KeyCodec(k.type(), k.material()).emit();
    }

    @Override
    public <T> T withSecret(KeyHandle key, Function<byte[], T> use) {
        byte[] copy = own(key).material().clone();
        try {
            return use.apply(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    private static ServiceKey own(KeyHandle key) {
        if (!(key instanceof ServiceKey k)) {
            throw new CryptoException(CryptoError.INVALID_KEY, "not a key of this service");
        }
        return k;
    }

    private static byte[] material(KeyHandle key, KeyType... allowed) {
        ServiceKey k = own(key);
        for (KeyType t : allowed) {
            if (k.type() == t) {
                return k.material();
            }
        }
        throw new CryptoException(CryptoError.INVALID_KEY, k.type() + " key cannot be used here; expected " + Arrays.toString(allowed));
    }

    // ---- AEAD -----------------------------------------------------------------------------

    @Override
    public byte[] seal(KeyHandle key, byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] k = material(key, KeyType.CHACHA20_POLY1305, KeyType.XCHACHA20_POLY1305);
        return key.type() == KeyType.CHACHA20_POLY1305 ? Aead.seal(k, nonce, aad, plaintext) : Aead.sealX(k, nonce, aad, plaintext);
    }

    @Override
    public byte[] open(KeyHandle key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        byte[] k = material(key, KeyType.CHACHA20_POLY1305, KeyType.XCHACHA20_POLY1305);
        return key.type() == KeyType.CHACHA20_POLY1305 ? Aead.open(k, nonce, aad, ciphertextAndTag) : Aead.openX(k, nonce, aad, ciphertextAndTag);
    }

    @Override
    public StreamSealer streamSealer(KeyHandle key, byte[] aad, int chunkSize) {
        byte[] k = material(key, KeyType.XCHACHA20_POLY1305);
        byte[] prefix = new byte[StreamHeader.PREFIX_LENGTH];
        random.nextBytes(prefix);
        return new AeadStream.Sealer(k, aad, new StreamHeader(chunkSize, prefix));
    }

    @Override
    public StreamOpener streamOpener(KeyHandle key, byte[] aad, byte[] header) {
        return new AeadStream.Opener(material(key, KeyType.XCHACHA20_POLY1305), aad, header);
    }

    // ---- key agreement and KEMs -------------------------------------------------------------

    @Override
    public KeyHandle agree(KeyHandle x25519Key, byte[] peerPublicKey) {
        return new ServiceKey(KeyType.SECRET, X25519Kex.agree(material(x25519Key, KeyType.X25519), peerPublicKey));
    }

    @Override
    public Encapsulation encapsulate(KeyType kemType, byte[] publicKey) {
        byte[][] r;
        if (kemType == KeyType.ML_KEM_768) {
            r = MlKem768.encapsulate(publicKey, random);
        } else if (kemType == KeyType.HYBRID_X25519_ML_KEM_768) {
            r = HybridKem.encapsulate(publicKey, random);
        } else {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, kemType + " is not a KEM");
        }
        return new Encapsulation(r[1], new ServiceKey(KeyType.SECRET, r[0]));
    }

    @Override
    public KeyHandle decapsulate(KeyHandle kemKey, byte[] ciphertext) {
        byte[] k = material(kemKey, KeyType.ML_KEM_768, KeyType.HYBRID_X25519_ML_KEM_768);
        byte[] ss = kemKey.type() == KeyType.ML_KEM_768
                ? MlKem768.decapsulate(own(kemKey).expanded(MlKem768::privateKey), ciphertext)
                : HybridKem.decapsulate(k, ciphertext);
        return new ServiceKey(KeyType.SECRET, ss);
    }

    // ---- signatures -----------------------------------------------------------------------

    @Override
    public byte[] sign(KeyHandle key, byte[] message, byte[] context) {
        byte[] k = material(key, KeyType.ED25519, KeyType.ML_DSA_65, KeyType.HYBRID_ED25519_ML_DSA_65);
        Checks.notNull(context, "context");
        return switch (key.type()) {
            case ED25519 -> {
                if (context.length != 0) {
                    throw new CryptoException(CryptoError.INVALID_ARGUMENT, "pure Ed25519 (RFC 8032) takes no context");
                }
                yield Ed25519Sig.sign(k, message);
            }
            case ML_DSA_65 -> MlDsa65.sign(own(key).<org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters>expanded(MlDsa65::privateKey),
                    message, context, random);
            default -> HybridSignature.sign(k, message, context, random);
        };
    }

    @Override
    public boolean verify(KeyType type, byte[] publicKey, byte[] message, byte[] context, byte[] signature) {
        if (type == null || context == null) {
            return false;
        }
        return switch (type) {
            case ED25519 -> context.length == 0 && Ed25519Sig.verify(publicKey, message, signature);
            case ML_DSA_65 -> MlDsa65.verify(publicKey, message, context, signature);
            case HYBRID_ED25519_ML_DSA_65 -> HybridSignature.verify(publicKey, message, context, signature);
            default -> throw new CryptoException(CryptoError.INVALID_ARGUMENT, type + " is not a signature scheme");
        };
    }

    // ---- hashes ---------------------------------------------------------------------------

    @Override
    public byte[] blake3(byte[] input, int outputLength) {
        return Hashes.blake3(input, outputLength);
    }

    @Override
    public byte[] blake3Keyed(byte[] key, byte[] input, int outputLength) {
        return Hashes.blake3Keyed(key, input, outputLength);
    }

    @Override
    public byte[] blake3DeriveKey(String context, byte[] keyMaterial, int outputLength) {
        return Hashes.blake3DeriveKey(context, keyMaterial, outputLength);
    }

    @Override
    public byte[] sha3_256(byte[] input) {
        return Hashes.sha3(256, input);
    }

    @Override
    public byte[] sha3_512(byte[] input) {
        return Hashes.sha3(512, input);
    }

    @Override
    public byte[] shake(int bits, byte[] input, int outputLength) {
        return Hashes.shake(bits, input, outputLength);
    }

    // ---- KDFs -----------------------------------------------------------------------------

    @Override
    public byte[] hkdf(HkdfHash hash, byte[] ikm, byte[] salt, byte[] info, int length) {
        return Kdf.hkdf(hash, ikm, salt, info, length);
    }

    @Override
    public KeyHandle hkdf(HkdfHash hash, KeyHandle ikm, byte[] salt, byte[] info, KeyType type) {
        if (type == null || !(type.isAead() || type == KeyType.SECRET)) {
            throw new CryptoException(CryptoError.INVALID_ARGUMENT, "HKDF derives symmetric keys and secrets only, not " + type);
        }
        // Only secrets and symmetric keys feed HKDF: a signing or KEM key is never reused as KDF input.
        byte[] k = material(ikm, KeyType.SECRET, KeyType.CHACHA20_POLY1305, KeyType.XCHACHA20_POLY1305);
        return new ServiceKey(type, Kdf.hkdf(hash, k, salt, info, type.privateLength()));
    }

    @Override
    public String argon2idHash(byte[] password, Argon2Profile profile) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] tag = Kdf.argon2id(password, salt, profile, 32);
        return new PhcString(profile, salt, tag).emit();
    }

    @Override
    public boolean argon2idVerify(byte[] password, String encodedHash) {
        PhcString phc = PhcString.parse(encodedHash);
        byte[] tag = Kdf.argon2id(password, phc.salt(), phc.profile(), phc.tag().length);
        return Checks.constantTimeEquals(tag, phc.tag());
    }

    @Override
    public byte[] argon2id(byte[] password, byte[] salt, Argon2Profile profile, int length) {
        return Kdf.argon2id(password, salt, profile, length);
    }

    // ---- randomness and health ------------------------------------------------------------

    @Override
    public void randomBytes(byte[] out) {
        Checks.notNull(out, "output");
        random.nextBytes(out);
    }

    @Override
    public void reseed() {
        random.reseed();
    }

    long reseedCount() {
        return random.reseedCount();
    }

    @Override
    public SelfTestReport selfTest() {
        return SelfTest.run(random);
    }
}
