// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.nonos.driver.serial.LineGoneException;
import org.nonos.driver.serial.LineSettings;
import org.nonos.driver.serial.SerialConnection;
import org.nonos.driver.serial.SerialLine;

/** {@link SerialLine} over a {@link LineDevice}: waits for a peer, then one connection at a time. */
public final class DeviceSerialLine implements SerialLine {
    /** How often to look again for a peer (carrier, an open pty slave, a device that appears). */
    static final long CARRIER_POLL_MS = 100;

    private final LineDevice device;
    private final LineSettings settings;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<LineConnection> current = new AtomicReference<>();

    DeviceSerialLine(LineDevice device, LineSettings settings) {
        this.device = device;
        this.settings = settings;
    }

    /** A line on the host, bound to libc on the first connect (binding is slow in a cold JVM). */
    public static SerialLine host(org.nonos.driver.serial.LineAddress address, LineSettings settings) {
        return new DeviceSerialLine(new HostLineDevice(address), settings);
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public LineSettings settings() {
        return settings;
    }

    @Override
    public SerialConnection connect() throws IOException, InterruptedException {
        if (current.get() != null) {
            throw new IllegalStateException(name() + ": the previous connection is still open");
        }
        while (true) {
            if (closed.get()) {
                throw new LineGoneException(name() + ": line closed");
            }
            LineIo io = device.tryOpen(settings);
            if (io != null) {
                LineConnection[] self = new LineConnection[1];
                self[0] = new LineConnection(io, name(), () -> current.compareAndSet(self[0], null));
                if (!current.compareAndSet(null, self[0])) {
                    io.close();
                    throw new IllegalStateException(name() + ": connected twice at once");
                }
                if (closed.get()) {
                    self[0].close();
                    throw new LineGoneException(name() + ": line closed");
                }
                return self[0];
            }
            Thread.sleep(CARRIER_POLL_MS);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LineConnection c = current.get();
            if (c != null) {
                c.close();
            }
        }
    }
}
