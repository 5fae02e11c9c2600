// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

/**
 * The kernel's error codes, one flat enum as in the kernel ABI ({@code NK_ERROR(E_*)} in
 * {@code kernel-native/include/nonos/nk_abi.def}). The kernel returns {@code -code}; the
 * binding maps it here. A test parses the definition file and compares every name and code,
 * so this list cannot drift from the kernel's.
 */
public enum KernelError {
    /** Null, oversized or out-of-range argument. */
    INVAL(1),
    /** Unknown, forged, stale or foreign capability handle. */
    BAD_HANDLE(2),
    /** The capability has been revoked. */
    REVOKED(3),
    /** The capability has expired. */
    EXPIRED(4),
    /** The capability lacks a needed right, or a rights escalation was attempted. */
    RIGHTS(5),
    /** A right is not in the capability's derive mask. */
    NOT_DERIVABLE(6),
    /** The badge is already set. */
    BADGE_SET(7),
    /** The domain has been destroyed. */
    DEAD_DOMAIN(8),
    /** The object is not of the needed type. */
    WRONG_TYPE(9),
    /** The operation is reserved to the root domain. */
    NOT_ROOT(10),
    /** Out of memory. */
    NOMEM(11),
    /** A per-domain or kernel limit was reached. */
    LIMIT(12),
    /** The operation would block. */
    WOULD_BLOCK(13),
    /** Timed out. */
    TIMEOUT(14),
    /** Host I/O error. */
    IO(15),
    /** The audit log is broken, tampered with or unwritable. */
    AUDIT(16),
    /** Kernel not initialised, already initialised or shutting down. */
    STATE(17),
    /** Memory corruption detected (red zone canary or double free). */
    CORRUPT(18),
    /** No such domain. */
    NO_DOMAIN(19),
    /** The device's peer went away (end of file, hang-up). */
    HANGUP(20),
    /** The device is not a terminal. */
    NOT_TTY(21);

    private final int code;

    KernelError(int code) {
        this.code = code;
    }

    /** The kernel's code ({@code NK_E_*}); functions return it negated. */
    public int code() {
        return code;
    }
}
