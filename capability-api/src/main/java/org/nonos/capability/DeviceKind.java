// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

/**
 * The kind of host resource a device object stands for ({@code NK_DEVKIND} in the kernel ABI; a
 * test compares the codes with the kernel's definition file).
 */
public enum DeviceKind {
    FILE(1),
    BLOCK(2),
    TAP(3),
    SERIAL(4),
    TPM(5),
    OTHER(6);

    private final int code;

    DeviceKind(int code) {
        this.code = code;
    }

    /** The kernel's code ({@code NK_DEV_*}). */
    public int code() {
        return code;
    }

    /** The kind with the kernel's code {@code code}. */
    public static DeviceKind ofCode(int code) {
        for (DeviceKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("no device kind with code " + code);
    }
}
