// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto;

import java.util.function.Function;

/**
 * The crypto service. Every method checks all of its input before it computes anything and throws
 * {@link CryptoException} on bad input, so a caller never sees partial output.
 *
 * <p>Algorithms: AEAD is ChaCha20-Poly1305 (RFC 8439) and XChaCha20-Poly1305
 * (draft-irtf-cfrg-xchacha-03); key agreement X25519 (RFC 7748); KEMs ML-KEM-768 (FIPS 203) and
 * the hybrid X25519 + ML-KEM-768; signatures Ed25519 (RFC 8032), ML-DSA-65 (FIPS 204) and the
 * hybrid Ed25519 + ML-DSA-65; hashes BLAKE3, SHA3-256/512, SHAKE128/256 (FIPS 202); KDFs
 * Argon2id (RFC 9106) and HKDF (RFC 5869).
 */
@org.osgi.annotation.versioning.ProviderType
public interface CryptoService {

    // ---- keys -----------------------------------------------------------------------------

    /** Generates a fresh key of {@code type} from the service's CSPRNG. */
    KeyHandle generateKey(KeyType type);

    /** Imports a key from the versioned key serialisation ("Key formats" in docs/crypto.md). */
    KeyHandle importKey(byte[] encoded);

    /** Exports a key in the versioned key serialisation. The caller should zero the result. */
    byte[] exportKey(KeyHandle key);

    /**
     * Lends a copy of the private material of {@code key} to {@code use} and zeroes the copy
     * when {@code use} returns. {@code use} must not keep the array.
     */
    <T> T withSecret(KeyHandle key, Function<byte[], T> use);

    // ---- AEAD -----------------------------------------------------------------------------

    /** Seals {@code plaintext}: returns ciphertext || 16-byte tag. Nonce: 12 or 24 bytes by key type. */
    byte[] seal(KeyHandle key, byte[] nonce, byte[] aad, byte[] plaintext);

    /** Opens ciphertext || tag; on a bad tag throws {@link CryptoError#AUTHENTICATION_FAILED} and releases nothing. */
    byte[] open(KeyHandle key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag);

    /** Starts a chunked stream encryption under an XChaCha20-Poly1305 key. */
    StreamSealer streamSealer(KeyHandle key, byte[] aad, int chunkSize);

    /** Starts decryption of a stream, given its header. */
    StreamOpener streamOpener(KeyHandle key, byte[] aad, byte[] header);

    // ---- key agreement and KEMs -------------------------------------------------------------

    /** X25519(private, peer): the shared secret as a handle; rejects the all-zero result. */
    KeyHandle agree(KeyHandle x25519Key, byte[] peerPublicKey);

    /** Encapsulates to an ML-KEM-768 or hybrid X25519+ML-KEM-768 public key. */
    Encapsulation encapsulate(KeyType kemType, byte[] publicKey);

    /** Decapsulates with an ML-KEM-768 or hybrid private key (ML-KEM's implicit rejection applies). */
    KeyHandle decapsulate(KeyHandle kemKey, byte[] ciphertext);

    // ---- signatures -----------------------------------------------------------------------

    /**
     * Signs {@code message} with an Ed25519, ML-DSA-65 or hybrid key. {@code context} (at most
     * 255 bytes) is the FIPS 204 context string; Ed25519 (pure RFC 8032) takes no context, so
     * it must be empty for an Ed25519 key.
     */
    byte[] sign(KeyHandle key, byte[] message, byte[] context);

    /** Verifies; false for any signature that does not verify or is malformed. */
    boolean verify(KeyType type, byte[] publicKey, byte[] message, byte[] context, byte[] signature);

    // ---- hashes ---------------------------------------------------------------------------

    /** BLAKE3 hash with {@code outputLength} bytes of output (32 is the default; longer is the XOF). */
    byte[] blake3(byte[] input, int outputLength);

    /** BLAKE3 keyed hash; {@code key} is 32 bytes. */
    byte[] blake3Keyed(byte[] key, byte[] input, int outputLength);

    /** BLAKE3 derive_key mode with a hard-coded, globally unique context string. */
    byte[] blake3DeriveKey(String context, byte[] keyMaterial, int outputLength);

    byte[] sha3_256(byte[] input);

    byte[] sha3_512(byte[] input);

    /** SHAKE128 or SHAKE256 ({@code bits} = 128 or 256) with {@code outputLength} bytes of output. */
    byte[] shake(int bits, byte[] input, int outputLength);

    // ---- KDFs -----------------------------------------------------------------------------

    /** HKDF-Extract-and-Expand (RFC 5869 §2) over bytes the caller owns. */
    byte[] hkdf(HkdfHash hash, byte[] ikm, byte[] salt, byte[] info, int length);

    /** HKDF from a secret handle into a new key of {@code type} (symmetric types and SECRET). */
    KeyHandle hkdf(HkdfHash hash, KeyHandle ikm, byte[] salt, byte[] info, KeyType type);

    /** Hashes a password with Argon2id and a fresh 16-byte salt; returns the PHC string with every parameter. */
    String argon2idHash(byte[] password, Argon2Profile profile);

    /** Verifies a password against a PHC string produced by {@link #argon2idHash}; compares in constant time. */
    boolean argon2idVerify(byte[] password, String encodedHash);

    /** Raw Argon2id (RFC 9106) for key derivation: tag of {@code length} bytes. */
    byte[] argon2id(byte[] password, byte[] salt, Argon2Profile profile, int length);

    // ---- randomness and health ------------------------------------------------------------

    /** Fills {@code out} from the service's ChaCha20 CSPRNG. */
    void randomBytes(byte[] out);

    /** Reseeds the CSPRNG from its seed source now. */
    void reseed();

    /** Re-runs the known-answer self-tests. */
    SelfTestReport selfTest();
}
