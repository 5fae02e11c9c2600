// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

/**
 * The badge of a capability: a 64-bit word the holder cannot change, set at most once when a
 * capability is derived (seL4's badged endpoint capabilities). A server reads it to learn which
 * client, among those it handed capabilities to, is calling; a notification signal ORs it into
 * the notification word. Zero means "unset".
 *
 * @param value the kernel's unsigned 64-bit badge word (compare with {@link Long#compareUnsigned})
 */
public record Badge(long value) {

    /** No badge: a child derived from a capability without badge may still set one. */
    public static final Badge NONE = new Badge(0);

    /** The badge with the given word. */
    public static Badge of(long value) {
        return value == 0 ? NONE : new Badge(value);
    }

    public boolean isSet() {
        return value != 0;
    }

    @Override
    public String toString() {
        return isSet() ? "Badge[0x" + Long.toHexString(value) + "]" : "Badge[none]";
    }
}
