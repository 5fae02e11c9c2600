// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Device;
import org.nonos.capability.Device.Event;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelError;
import org.nonos.capability.ObjectType;
import org.nonos.driver.serial.LineGoneException;
import org.nonos.driver.serial.LineSettings;

/**
 * {@link LineDevice} over the kernel's device capabilities: the path used under the launcher, which
 * opened the line (a pty master, a tty, the console) and registered it as device {@code serial0} (and
 * {@code serial0.out} when standard input and output are two pipes). The capability API hands this
 * bundle's domain a {@code READ|WRITE} child of each ({@code org.nonos.capability.device.grants}); this
 * class finds them among the domain's capabilities by device name. Nothing here opens a host device.
 * <ul>
 * <li>A session starts when the line reports no hang-up (a pty: a terminal has the slave side open).</li>
 * <li>A terminal is put in raw mode with the settings through the kernel ({@link Device#configureLine});
 * the settings found are put back when the session closes.</li>
 * <li>The launcher's standard input and output ({@code nonos.serial.mode=stdio}): a hang-up is their
 * end, and the line is gone for good.</li>
 * </ul>
 */
final class KernelLineDevice implements LineDevice {
    static final String IN_DEVICE = "serial0";
    static final String OUT_DEVICE = "serial0.out";
    private static final Set<Event> IN = EnumSet.of(Event.READABLE);

    private final Supplier<Domain> domain;
    private final String name;
    private final boolean hangupIsFinal;
    private volatile Device in;
    private volatile Device out;
    private volatile boolean ended;

    /**
     * @param domain this bundle's domain (asked on the first open: binding the kernel is slow in a cold
     *               JVM, so the caller may resolve it in the background)
     * @param name   for messages: what a terminal opens ({@code nonos.serial.device})
     * @param hangupIsFinal the line is the launcher's standard input and output ({@code nonos.serial.mode=stdio}):
     *               their end is the end of the line, as for {@link HostLineDevice}'s {@code stdio}
     */
    KernelLineDevice(Supplier<Domain> domain, String name, boolean hangupIsFinal) {
        this.domain = domain;
        this.name = name;
        this.hangupIsFinal = hangupIsFinal;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LineIo tryOpen(LineSettings settings) throws IOException {
        if (ended) {
            throw new LineGoneException(name + ": standard input has ended");
        }
        try {
            if (in == null) {
                find();
            }
            Set<Event> now = in.await(IN, 0);
            if (now.contains(Event.HANGUP) && !now.contains(Event.READABLE)) {
                if (hangupIsFinal) {
                    ended = true;
                    throw new LineGoneException(name + ": standard input has ended");
                }
                return null; // no terminal on the line yet
            }
            boolean configured = configure(settings);
            return new KernelLineIo(in, out, name, configured, () -> ended |= hangupIsFinal);
        } catch (CapabilityException e) {
            throw KernelLineIo.failure(e);
        }
    }

    /** Raw mode and the settings, if the line is a terminal; false for pipes. */
    private boolean configure(LineSettings s) {
        Device.Parity parity = switch (s.parity()) {
            case NONE -> Device.Parity.NONE;
            case EVEN -> Device.Parity.EVEN;
            case ODD -> Device.Parity.ODD;
        };
        try {
            in.configureLine(s.baud(), s.dataBits(), parity, s.stopBits(), s.modemControl());
            return true;
        } catch (CapabilityException e) {
            if (e.error() == KernelError.NOT_TTY) {
                return false;
            }
            throw e;
        }
    }

    /** The line's devices among this bundle's capabilities. */
    private void find() throws IOException {
        Domain d;
        try {
            d = domain.get();
        } catch (RuntimeException e) {
            throw new IOException(name + ": no capability domain for this driver: " + e.getMessage(), e);
        }
        Device i = null;
        Device o = null;
        for (Capability c : d.capabilities()) {
            if (c.type() != ObjectType.DEVICE) {
                continue;
            }
            Device dev = c.device();
            String n = dev.name();
            if (n.equals(IN_DEVICE)) {
                i = dev;
            } else if (n.equals(OUT_DEVICE)) {
                o = dev;
            }
        }
        if (i == null) {
            throw new IOException(name + ": this driver's domain holds no capability for device " + IN_DEVICE
                + " (org.nonos.capability.device.grants)");
        }
        out = o != null ? o : i;
        in = i;
    }
}
