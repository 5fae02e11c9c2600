// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

/**
 * Functions of the {@code nonos} launcher, bound by the launcher itself with JNI
 * {@code RegisterNatives} before it calls {@link Boot#run}. No library is loaded for them: they
 * live in the launcher's executable, so binding them costs nothing at boot.
 *
 * <p>They exist only when the launcher sets {@code nonos.launcher=native}; {@link Boot} checks
 * that before calling them.
 */
final class LauncherNatives {
    private LauncherNatives() {
    }

    /**
     * Writes bytes to the serial line through the kernel's device object (root domain).
     *
     * @return the number of bytes written, or a negative kernel status
     */
    static native long serialWrite(byte[] bytes);

    /** The measured-boot event log and the final register values, as text. */
    static native String measurements();
}
