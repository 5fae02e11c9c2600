// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Host I/O through a device capability ({@link Capability#device()}): the host resource (a disk
 * image, a serial line, a tap interface) was opened by the launcher and registered with the
 * kernel, and every transfer below goes through the kernel, which checks the capability on each
 * call ({@link Rights.Right#READ} for reads, {@link Rights.Right#WRITE} for writes, not revoked,
 * not expired). A refused or failed transfer throws {@link CapabilityException}:
 * {@link KernelError#RIGHTS}, {@link KernelError#REVOKED}, {@link KernelError#BAD_HANDLE},
 * {@link KernelError#EXPIRED}, {@link KernelError#WOULD_BLOCK} (a non-blocking host resource has
 * nothing now), {@link KernelError#IO} (the host refused), {@link KernelError#INVAL} (a bad range).
 * Each transfer moves 1 to {@link #IO_MAX} bytes.
 */
@ProviderType
public interface Device {

    /** Largest transfer in one call ({@code NK_CONST(DEV_IO_MAX)}). */
    int IO_MAX = 16 * 1024 * 1024;

    /** The capability this device is used through. */
    Capability capability();

    /** The kind the launcher registered (asked of the kernel). */
    DeviceKind kind();

    /** The name the launcher registered, e.g. {@code serial0} (asked of the kernel). */
    String name();

    /** Reads up to {@code len} bytes at the stream position into {@code buf[off..]}; 0 = end of input. */
    int read(byte[] buf, int off, int len);

    /** Writes {@code buf[off..off+len)} at the stream position; returns the bytes written. */
    int write(byte[] buf, int off, int len);

    /** Reads up to {@code len} bytes at {@code offset} (≥ 0) without moving the stream position. */
    int pread(long offset, byte[] buf, int off, int len);

    /** Writes {@code buf[off..off+len)} at {@code offset} (≥ 0) without moving the stream position. */
    int pwrite(long offset, byte[] buf, int off, int len);
}
