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
 *
 * <p>A stream device that a driver serves (a serial line) is driven with {@link #await} (wait
 * with a timeout for input, room, or the peer going away), {@link #readNow}/{@link #writeNow}
 * (never wait; a hang-up is the result {@link #HANGUP}, not an exception) and, on a terminal,
 * {@link #configureLine}/{@link #restoreLine} (termios in the kernel). The kernel counts these
 * calls per capability and audits them as periodic {@code dev.summary} records; refusals are
 * audited one by one.
 */
@ProviderType
public interface Device {

    /**
     * Framework property: which bundle's domain gets which device, as {@code name:bundle} pairs,
     * comma-separated (e.g. {@code serial0:org.nonos.driver.serial}). The device's capability in the
     * root domain is named by the launcher's {@code nonos.device.<name>.cap}; the bundle's domain
     * gets a child with {@code READ|WRITE} when it is created, which the bundle finds among
     * {@link Domain#capabilities()} by {@link #name()}. A device the launcher did not open is skipped.
     */
    String GRANTS = "org.nonos.capability.device.grants";

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

    /** Longest wait of {@link #await} ({@code NK_CONST(DEV_WAIT_MAX)}), in milliseconds. */
    long WAIT_MAX_MS = 60_000;

    /** The result of {@link #readNow}/{@link #writeNow} when the peer went away. */
    int HANGUP = -1;

    /** What {@link #await} waits for and reports ({@code NK_CONST(DEV_*)} bits). */
    enum Event {
        /** Input is there (needs READ). */
        READABLE(1),
        /** Output has room (needs WRITE). */
        WRITABLE(2),
        /** The peer went away (a pty with no terminal left, a pipe with no writer); always reported. */
        HANGUP(4),
        /** The host reports an error on the device; always reported. */
        ERROR(8);

        private final int bit;

        Event(int bit) {
            this.bit = bit;
        }

        /** The kernel's bit. */
        public int bit() {
            return bit;
        }
    }

    /** Parity of a serial line's character frame ({@code NK_CONST(PARITY_*)}). */
    enum Parity {
        NONE(0), EVEN(1), ODD(2);

        private final int code;

        Parity(int code) {
            this.code = code;
        }

        /** The kernel's code. */
        public int code() {
            return code;
        }
    }

    /**
     * Waits up to {@code timeoutMs} (0 = look once, at most {@link #WAIT_MAX_MS}) until one of
     * {@code events} ({@link Event#READABLE}, {@link Event#WRITABLE}) holds or the peer goes away.
     *
     * @return what holds, with {@link Event#HANGUP}/{@link Event#ERROR} when so; empty when the
     *         time ran out
     * @throws CapabilityException {@link KernelError#INVAL} for no events, other events or a timeout
     *         out of range; the capability errors
     */
    java.util.Set<Event> await(java.util.Set<Event> events, long timeoutMs);

    /**
     * Reads what is there now, without waiting, into {@code buf[off..off+len)}.
     *
     * @return the bytes read (&gt; 0), 0 when nothing is there now, {@link #HANGUP} when the peer went
     *         away (after any input it left was read)
     */
    int readNow(byte[] buf, int off, int len);

    /**
     * Writes what fits now, without waiting, from {@code buf[off..off+len)}.
     *
     * @return the bytes written (&gt; 0), 0 when there is no room now, {@link #HANGUP} when nobody reads
     */
    int writeNow(byte[] buf, int off, int len);

    /**
     * Puts a terminal in raw mode with this frame and speed (termios, done by the kernel; WRITE
     * right). The settings found first are kept by the kernel and put back by {@link #restoreLine}
     * and when the device is released.
     *
     * @throws CapabilityException {@link KernelError#NOT_TTY} for a pipe or file, {@link KernelError#INVAL}
     *         for a value out of range (baud not a termios rate, data bits outside 5..8, stop bits not 1 or 2)
     */
    void configureLine(int baud, int dataBits, Parity parity, int stopBits, boolean modemControl);

    /** Puts back the terminal settings found before the first {@link #configureLine} (nothing if none). */
    void restoreLine();
}
