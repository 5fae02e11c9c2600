// SPDX-License-Identifier: Apache-2.0
package org.nonos.crypto.internal;

import java.util.Arrays;
import org.nonos.crypto.CryptoError;
import org.nonos.crypto.CryptoException;
import org.nonos.crypto.KeyHandle;
import org.nonos.crypto.KeyType;

/**
 * The service's key handle: the private material lives in this object, private to the bundle's
 * internal package, and is zeroed by {@link #close}. Only {@link CryptoServiceImpl} reads it.
 */
final class ServiceKey implements KeyHandle {
    private final KeyType type;
    private final byte[] material;
    private final byte[] publicKey;
    /** Bouncy Castle's expanded form of an ML-KEM / ML-DSA key, made once on first use (expansion costs more than the operation). */
    private Object expanded;
    private volatile boolean destroyed;

    /** Takes ownership of {@code material} (the caller must not keep or zero it). */
    ServiceKey(KeyType type, byte[] material) {
        if (material.length != type.privateLength()) {
            throw new CryptoException(CryptoError.INVALID_KEY, type + " key must be " + type.privateLength() + " bytes");
        }
        this.type = type;
        this.material = material;
        this.publicKey = derivePublic(type, material);
    }

    private static byte[] derivePublic(KeyType type, byte[] material) {
        return switch (type) {
            case X25519 -> X25519Kex.publicKey(material);
            case ED25519 -> Ed25519Sig.publicKey(material);
            case ML_KEM_768 -> MlKem768.publicKey(material);
            case ML_DSA_65 -> MlDsa65.publicKey(material);
            case HYBRID_X25519_ML_KEM_768 -> HybridKem.publicKey(material);
            case HYBRID_ED25519_ML_DSA_65 -> HybridSignature.publicKey(material);
            case CHACHA20_POLY1305, XCHACHA20_POLY1305, SECRET -> new byte[0];
        };
    }

    @Override
    public KeyType type() {
        return type;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public synchronized void close() {
        destroyed = true;
        Arrays.fill(material, (byte) 0);
        if (expanded instanceof javax.security.auth.Destroyable d) {
            try {
                d.destroy();
            } catch (javax.security.auth.DestroyFailedException e) {
                // Bouncy Castle's ML-KEM and ML-DSA keys zero their arrays in destroy(); nothing more to do.
            }
        }
        expanded = null;
    }

    /** The expanded key, made by {@code expand} from the material on first use and kept until close. */
    @SuppressWarnings("unchecked")
    synchronized <T> T expanded(java.util.function.Function<byte[], T> expand) {
        byte[] m = material();
        if (expanded == null) {
            expanded = expand.apply(m);
        }
        return (T) expanded;
    }

    /** The live material, for the service's own use; fails once closed. */
    byte[] material() {
        if (destroyed) {
            throw new CryptoException(CryptoError.KEY_DESTROYED, type + " key was closed");
        }
        return material;
    }

    /** The material without the destroyed check: for tests that prove it was zeroed. */
    byte[] materialForTest() {
        return material;
    }

    @Override
    public String toString() {
        return "KeyHandle[" + type + (destroyed ? ", destroyed" : "") + "]";
    }
}
