// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A view of one capability held by one {@link Domain}: a kernel handle plus what the kernel
 * said of it when the view was made. The handle means something only inside its own domain;
 * the kernel rejects it anywhere else ({@link KernelError#BAD_HANDLE}).
 *
 * <p>Rights, derive mask, badge, expiry and type never change for a given capability, so the
 * accessors answer from the view; {@link #info()} asks the kernel again (and fails once the
 * capability was revoked, deleted or has expired). {@link #close()} deletes the capability
 * and everything derived from it.
 */
@ProviderType
public interface Capability extends AutoCloseable {

    /** What the kernel holds about a capability. */
    record Info(ObjectType type, Rights rights, Rights deriveMask, Badge badge, long expiryMs, long objectId) {
        /** True when the capability carries an expiry. */
        public boolean expires() {
            return expiryMs != 0;
        }
    }

    /** The domain holding this capability. */
    Domain.Id domain();

    /** The raw kernel handle, meaningful only in {@link #domain()}. */
    long handle();

    ObjectType type();

    Rights rights();

    /** The rights that a capability derived from this one may carry. */
    Rights deriveMask();

    Badge badge();

    /** Absolute expiry on the kernel's monotonic clock ({@link Domain#nowMs()}), 0 for none. */
    long expiryMs();

    /** The kernel's current record of this capability (fails once it is revoked or expired). */
    Info info();

    /**
     * Derives a child in the same domain with at most the given rights and derive mask (rights
     * only shrink: they must lie within this capability's rights and derive mask).
     */
    Capability derive(Rights rights, Rights deriveMask);

    /**
     * Derives a child carrying a badge (only if this capability has none) and an absolute
     * expiry (0 for none; never later than this capability's).
     */
    Capability derive(Rights rights, Rights deriveMask, Badge badge, long expiryMs);

    /**
     * Gives the target domain a child of this capability (needs {@link Rights.Right#TRANSFER};
     * the child's rights are those of this capability within its derive mask). Returns the
     * handle of the child in the target domain, which the target takes up with
     * {@link Domain#capability(long)}; it means nothing in this domain.
     */
    long transfer(Domain.Id target);

    /** Deletes every capability derived from this one, in every domain; this one stays. */
    void revoke();

    /** Deletes this capability and every capability derived from it. */
    void delete();

    /** A caller of the endpoint this capability names (needs {@link Rights.Right#CALL}). */
    <S> Endpoint<S> endpoint(Class<S> serviceType);

    /** The notification this capability names. */
    Notification notification();

    /**
     * Host I/O through the device this capability names ({@link KernelError#WRONG_TYPE} for any
     * other object); the kernel checks READ or WRITE on every transfer.
     */
    Device device();

    /** Deletes the capability, as {@link #delete()}; does nothing when it is already gone. */
    @Override
    void close();
}
