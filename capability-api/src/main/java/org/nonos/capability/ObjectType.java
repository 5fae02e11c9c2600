// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

/**
 * The kind of kernel object a capability names ({@code NK_OBJTYPE} in the kernel ABI; a test
 * compares the codes with the kernel's definition file).
 */
public enum ObjectType {
    ENDPOINT(1),
    NOTIFICATION(2),
    REGION(3),
    DEVICE(4);

    private final int code;

    ObjectType(int code) {
        this.code = code;
    }

    /** The kernel's code ({@code NK_OBJ_*}). */
    public int code() {
        return code;
    }
}
