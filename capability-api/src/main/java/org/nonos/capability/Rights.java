// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable set of capability rights over the kernel's rights bit mask.
 *
 * <p>The bit values are the kernel ABI's ({@code NK_R_*} in {@code nonos/nk_abi.def}); a test
 * compares them with that file so they cannot drift. A mask with a bit the kernel does not
 * define is refused by {@link #ofMask(int)}: it would otherwise name a right nobody checks.
 */
public final class Rights {

    /** The single rights, in bit order. */
    public enum Right {
        /** Read from the object (device, region) and receive on an endpoint. */
        READ(1),
        /** Write to the object (device, region). */
        WRITE(1 << 1),
        /** Call through an endpoint. */
        CALL(1 << 2),
        /** Signal a notification. */
        SIGNAL(1 << 3),
        /** Wait on or poll a notification. */
        WAIT(1 << 4),
        /** Derive a child capability at all. */
        DERIVE(1 << 5),
        /** Transfer a derived copy to another domain. */
        TRANSFER(1 << 6),
        /** Revoke the derivation subtree below this capability. */
        REVOKE(1 << 7),
        /** Map a memory region. */
        MAP(1 << 8);

        private final int bit;

        Right(int bit) {
            this.bit = bit;
        }

        /** The bit of this right in the kernel's mask. */
        public int bit() {
            return bit;
        }
    }

    private static final int ALL_BITS;

    static {
        int all = 0;
        for (Right r : Right.values()) {
            all |= r.bit;
        }
        ALL_BITS = all;
    }

    /** No rights. */
    public static final Rights NONE = new Rights(0);
    /** Every right the kernel defines. */
    public static final Rights ALL = new Rights(ALL_BITS);

    private final int mask;

    private Rights(int mask) {
        this.mask = mask;
    }

    /** The set holding exactly the given rights. */
    public static Rights of(Right... rights) {
        if (rights == null) {
            throw new CapabilityException(KernelError.INVAL, "rights must not be null");
        }
        int m = 0;
        for (Right r : rights) {
            if (r == null) {
                throw new CapabilityException(KernelError.INVAL, "a right must not be null");
            }
            m |= r.bit;
        }
        return new Rights(m);
    }

    /**
     * The set named by a kernel mask.
     *
     * @throws CapabilityException {@link KernelError#INVAL} when the mask has a bit the kernel does not define
     */
    public static Rights ofMask(int mask) {
        if ((mask & ~ALL_BITS) != 0) {
            throw new CapabilityException(KernelError.INVAL,
                    "unknown rights bits 0x" + Integer.toHexString(mask & ~ALL_BITS));
        }
        return new Rights(mask);
    }

    /** The kernel's bit mask for this set. */
    public int mask() {
        return mask;
    }

    public boolean contains(Right right) {
        return right != null && (mask & right.bit) != 0;
    }

    /** True when every right of {@code this} is also in {@code other}. */
    public boolean isSubsetOf(Rights other) {
        return (mask & ~other.mask) == 0;
    }

    public Rights union(Rights other) {
        return new Rights(mask | other.mask);
    }

    public Rights intersect(Rights other) {
        return new Rights(mask & other.mask);
    }

    public Rights without(Right right) {
        return new Rights(mask & ~right.bit);
    }

    public boolean isEmpty() {
        return mask == 0;
    }

    /** The rights in this set, in bit order. */
    public List<Right> toList() {
        List<Right> out = new ArrayList<>();
        for (Right r : Right.values()) {
            if ((mask & r.bit) != 0) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rights r && r.mask == mask;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(mask);
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
