// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
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

    @Override
    public Set<Event> await(Set<Event> events, long timeoutMs) {
        if (events == null) {
            throw domain.reject("dev.wait", KernelError.INVAL, "events must not be null");
        }
        int mask = 0;
        for (Event e : events) {
            mask |= e.bit();
        }
        // Bad events and timeouts go to the kernel, which refuses and audits them itself.
        int[] revents = new int[1];
        int rc = kernel.lib().nk_dev_wait(domain.idValue(), cap.handle(), mask, timeoutMs, revents);
        if (rc == -KernelError.TIMEOUT.code()) {
            return EnumSet.noneOf(Event.class);
        }
        kernel.check(rc, "dev.wait");
        EnumSet<Event> out = EnumSet.noneOf(Event.class);
        for (Event e : Event.values()) {
            if ((revents[0] & e.bit()) != 0) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public int readNow(byte[] buf, int off, int len) {
        checkRange("dev.read", buf, off, len);
        byte[] into = off == 0 ? buf : new byte[len];
        long n = kernel.lib().nk_dev_read_nb(domain.idValue(), cap.handle(), into, len);
        int r = nowResult(n, "dev.read");
        if (r > 0 && into != buf) {
            System.arraycopy(into, 0, buf, off, r);
        }
        return r;
    }

    @Override
    public int writeNow(byte[] buf, int off, int len) {
        checkRange("dev.write", buf, off, len);
        byte[] from = off == 0 ? buf : Arrays.copyOfRange(buf, off, off + len);
        return nowResult(kernel.lib().nk_dev_write_nb(domain.idValue(), cap.handle(), from, len), "dev.write");
    }

    /** Bytes moved, 0 for would-block, {@link #HANGUP} for a hang-up; any other error thrown. */
    private int nowResult(long n, String op) {
        if (n >= 0) {
            return (int) n;
        }
        if (n == -KernelError.WOULD_BLOCK.code()) {
            return 0;
        }
        if (n == -KernelError.HANGUP.code()) {
            return HANGUP;
        }
        throw kernel.failure(n, op);
    }

    @Override
    public void configureLine(int baud, int dataBits, Parity parity, int stopBits, boolean modemControl) {
        if (parity == null) {
            throw domain.reject("dev.line", KernelError.INVAL, "parity must not be null");
        }
        kernel.check(kernel.lib().nk_dev_line_set(domain.idValue(), cap.handle(), baud, dataBits, parity.code(),
                stopBits, modemControl ? 1 : 0), "dev.line");
    }

    @Override
    public void restoreLine() {
        kernel.check(kernel.lib().nk_dev_line_restore(domain.idValue(), cap.handle()), "dev.line");
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
