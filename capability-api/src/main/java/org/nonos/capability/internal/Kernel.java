// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelError;

/**
 * The loaded kernel library, bound on first use (never at bundle start, so loading the
 * native library stays off the boot critical path). The library's path comes from the
 * system property {@code nonos.kernel.lib}, set by the launcher (and by surefire in tests).
 *
 * <p>When the launcher booted the JVM, the kernel already runs in this process and
 * {@code nk_init} answers {@code E_STATE}; in a plain JVM (tests, tools) this class starts
 * it with an in-memory audit log, or the file named by {@code nonos.kernel.audit}.
 *
 * <p>This is the only class that turns the kernel's raw status ints into
 * {@link KernelError}s.
 */
public final class Kernel {

    /** The ABI version this binding was written against ({@code NK_CONST(ABI_VERSION)}). */
    static final int ABI_VERSION = 2;
    /** {@code NK_CONST(ROOT_DOMAIN)}. */
    static final int ROOT_DOMAIN = 0;
    /** {@code NK_CONST(MAX_OBJECTS)}: object table size, bounds the dispatch table. */
    static final int MAX_OBJECTS = 262144;

    private static final KernelError[] BY_CODE;

    static {
        int max = 0;
        for (KernelError e : KernelError.values()) {
            max = Math.max(max, e.code());
        }
        BY_CODE = new KernelError[max + 1];
        for (KernelError e : KernelError.values()) {
            BY_CODE[e.code()] = e;
        }
    }

    private final NkLib lib;
    /** One dispatch table per process, as object ids are unique per kernel. */
    private final ServerTable servers = new ServerTable();

    private Kernel(NkLib lib) {
        this.lib = lib;
    }

    ServerTable servers() {
        return servers;
    }

    private static volatile Kernel instance;

    /**
     * The kernel of this process, loaded and started on first call. A failure to load is
     * reported to every caller (and retried), not remembered as a broken class.
     */
    public static Kernel get() {
        Kernel k = instance;
        if (k == null) {
            synchronized (Kernel.class) {
                k = instance;
                if (k == null) {
                    k = load(System.getProperty("nonos.kernel.lib"));
                    instance = k;
                }
            }
        }
        return k;
    }

    /** Binds the library at {@code path} and starts the kernel unless it runs already. */
    static Kernel load(String path) {
        if (path == null || path.isBlank()) {
            throw new CapabilityException(KernelError.STATE,
                    "system property nonos.kernel.lib does not name the kernel library");
        }
        NkLib lib;
        try {
            lib = LibraryLoader.create(NkLib.class)
                    .option(LibraryOption.IgnoreError, Boolean.TRUE)
                    .failImmediately()
                    .load(path);
        } catch (LinkageError e) {
            throw new CapabilityException(KernelError.STATE, "cannot load the kernel library " + path + ": " + e.getMessage());
        }
        int abi = lib.nk_abi_version();
        if (abi != ABI_VERSION) {
            throw new CapabilityException(KernelError.STATE,
                    "kernel library " + path + " speaks ABI " + abi + ", this binding " + ABI_VERSION);
        }
        int status = lib.nk_init(System.getProperty("nonos.kernel.audit"));
        if (status != 0 && status != -KernelError.STATE.code()) {
            throw new CapabilityException(errorOf(status), "nk_init: " + lib.nk_strerror(status));
        }
        return new Kernel(lib);
    }

    /** The raw binding, for the hot path and for code of this package. */
    NkLib lib() {
        return lib;
    }

    /** The error a negative status stands for. */
    static KernelError errorOf(long status) {
        long code = -status;
        if (code > 0 && code < BY_CODE.length && BY_CODE[(int) code] != null) {
            return BY_CODE[(int) code];
        }
        throw new IllegalStateException("kernel returned a status this binding does not know: " + status);
    }

    /** Throws the typed exception for a failed status; returns when status is NK_OK. */
    void check(int status, String operation) {
        if (status != 0) {
            throw failure(status, operation);
        }
    }

    /** The typed exception for a negative status. */
    CapabilityException failure(long status, String operation) {
        return new CapabilityException(errorOf(status), operation + ": " + lib.nk_strerror((int) status));
    }

    public long nowMs() {
        return lib.nk_now_ms();
    }

    public long auditCount() {
        return lib.nk_audit_count();
    }

    /** Checks the whole audit chain; returns the number of records checked. */
    public long auditVerify() {
        long[] n = new long[1];
        check(lib.nk_audit_verify(n), "audit.verify");
        return n[0];
    }

    /**
     * The audit records with sequence number at least {@code fromSeq}, as text lines. The
     * kernel writes only whole lines and one line is at most {@link #LINE_MAX} bytes, so a
     * buffer left with more room than that held every record; otherwise read again, larger.
     */
    public String auditRead(long fromSeq) {
        for (int size = 1 << 16; ; size <<= 2) {
            byte[] buf = new byte[size];
            long[] used = new long[1];
            check(lib.nk_audit_read(fromSeq, buf, buf.length, used), "audit.read");
            if (used[0] + LINE_MAX < buf.length || size >= (1 << 28)) {
                return new String(buf, 0, (int) used[0], StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Bound on one audit line: the event text ({@code NK_EVENT_MAX} bytes, each possibly
     * escaped as {@code %XX}) plus the record's fields.
     */
    static final int LINE_MAX = 1024 * 3 + 512;

    public void auditFlush() {
        check(lib.nk_audit_flush(), "audit.flush");
    }
}
