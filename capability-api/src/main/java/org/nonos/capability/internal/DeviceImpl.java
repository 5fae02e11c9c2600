// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nonos.capability.Capability;
import org.nonos.capability.Device;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.KernelError;

/**
 * Host I/O through a device capability: every transfer is {@code nk_dev_read}/{@code nk_dev_write}
 * (kernel.h), which checks the capability (READ/WRITE, revocation, expiry) on each call. Ranges
 * the kernel could not be handed (null, out of the array, empty, over {@link #IO_MAX}, a negative
 * offset) are refused here and audited like the kernel's own refusals.
 */
final class DeviceImpl implements Device {

    /** {@code nk_dev_*}'s offset for the stream position (read/write rather than pread/pwrite). */
    private static final long STREAM = -1;

    private final CapabilityImpl cap;
    private final DomainImpl domain;
    private final Kernel kernel;

    DeviceImpl(CapabilityImpl cap, DomainImpl domain) {
        this.cap = cap;
        this.domain = domain;
        this.kernel = domain.kernel();
    }

    @Override
    public Capability capability() {
        return cap;
    }

    @Override
    public DeviceKind kind() {
        int[] kind = new int[1];
        kernel.check(kernel.lib().nk_dev_info(domain.idValue(), cap.handle(), kind, null, 0), "dev.info");
        return DeviceKind.ofCode(kind[0]);
    }

    @Override
    public String name() {
        byte[] name = new byte[64]; // NK_NAME_MAX + NUL
        kernel.check(kernel.lib().nk_dev_info(domain.idValue(), cap.handle(), null, name, name.length), "dev.info");
        int n = 0;
        while (n < name.length && name[n] != 0) {
            n++;
        }
        return new String(name, 0, n, StandardCharsets.US_ASCII);
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        return readAt("dev.read", STREAM, buf, off, len);
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        return writeAt("dev.write", STREAM, buf, off, len);
    }

    @Override
    public int pread(long offset, byte[] buf, int off, int len) {
        checkOffset("dev.read", offset);
        return readAt("dev.read", offset, buf, off, len);
    }

    @Override
    public int pwrite(long offset, byte[] buf, int off, int len) {
        checkOffset("dev.write", offset);
        return writeAt("dev.write", offset, buf, off, len);
    }

    private int readAt(String op, long offset, byte[] buf, int off, int len) {
        checkRange(op, buf, off, len);
        // jnr-ffi passes whole arrays: read into a scratch array unless the range is the array's start.
        byte[] into = off == 0 ? buf : new byte[len];
        long n = kernel.lib().nk_dev_read(domain.idValue(), cap.handle(), into, len, offset);
        if (n < 0) {
            throw kernel.failure(n, op);
        }
        if (into != buf) {
            System.arraycopy(into, 0, buf, off, (int) n);
        }
        return (int) n;
    }

    private int writeAt(String op, long offset, byte[] buf, int off, int len) {
        checkRange(op, buf, off, len);
        byte[] from = off == 0 ? buf : Arrays.copyOfRange(buf, off, off + len);
        long n = kernel.lib().nk_dev_write(domain.idValue(), cap.handle(), from, len, offset);
        if (n < 0) {
            throw kernel.failure(n, op);
        }
        return (int) n;
    }

    private void checkRange(String op, byte[] buf, int off, int len) {
        if (buf == null) {
            throw domain.reject(op, KernelError.INVAL, "buffer must not be null");
        }
        if (len < 1 || len > IO_MAX) {
            throw domain.reject(op, KernelError.INVAL, "length " + len + " is outside 1.." + IO_MAX);
        }
        if (off < 0 || off > buf.length - len) {
            throw domain.reject(op, KernelError.INVAL, "range " + off + "+" + len + " is outside the buffer");
        }
    }

    private void checkOffset(String op, long offset) {
        if (offset < 0) {
            throw domain.reject(op, KernelError.INVAL, "offset " + offset + " is negative");
        }
    }
}
