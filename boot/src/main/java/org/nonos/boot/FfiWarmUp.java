// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import jnr.ffi.LibraryLoader;

/**
 * Readies jnr-ffi while the framework initialises: its native stub (jffi), its runtime and its
 * class generator. In a cold JVM that costs well over 100 ms, paid otherwise on the start-level
 * thread by the first bundle that binds a library (the capability API binding the kernel, which
 * the activation gate waits for). jnr-ffi is on the class path (docs/boot.md), so what is loaded
 * here is what the bundles use.
 *
 * <p>Best effort: a failure here changes nothing but the time; the bundle that binds for real
 * reports its own error.
 */
final class FfiWarmUp {
    /** The smallest binding: one libc call that cannot fail or change anything. */
    public interface LibC {
        int getpid();
    }

    private FfiWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    static Thread start() {
        Thread t = new Thread(FfiWarmUp::run, "nonos-ffi-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void run() {
        try {
            jnr.ffi.Runtime.getSystemRuntime();
            LibraryLoader.create(LibC.class).load("c").getpid();
        } catch (RuntimeException | LinkageError e) {
            // Not fatal: the real binding reports its own error (see the class comment).
        }
    }
}
