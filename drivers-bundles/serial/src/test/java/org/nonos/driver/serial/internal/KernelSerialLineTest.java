// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nonos.capability.Capability;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.Domain;
import org.nonos.capability.internal.DomainImpl;
import org.nonos.capability.internal.Standalone;
import org.nonos.driver.serial.HangupException;
import org.nonos.driver.serial.LineGoneException;
import org.nonos.driver.serial.LineSettings;
import org.nonos.driver.serial.SerialConnection;
import org.nonos.driver.serial.SerialLine;

/**
 * The line through the kernel's device capability, against the real kernel in this process: the pty
 * master is registered by the root (as the launcher does) and handed to a driver domain; the test plays
 * the terminal on the slave side. The driver itself opens nothing on the host.
 */
@Timeout(30)
class KernelSerialLineTest {
    private static final int O_RDWR = 02;
    private static final int O_NOCTTY = 0400;

    /** The launcher's part: the master registered as device serial0, a READ|WRITE child in a new domain. */
    private static Domain driverDomain(Pty pty, Capability[] rootCap) {
        Capability root = DomainImpl.root().registerDevice(pty.master, KernelLineDevice.IN_DEVICE, DeviceKind.SERIAL);
        rootCap[0] = root;
        Domain d = Standalone.domain("serial-test");
        root.derive(org.nonos.capability.Rights.of(org.nonos.capability.Rights.Right.READ,
                org.nonos.capability.Rights.Right.WRITE, org.nonos.capability.Rights.Right.TRANSFER),
                org.nonos.capability.Rights.of(org.nonos.capability.Rights.Right.READ,
                        org.nonos.capability.Rights.Right.WRITE)).transfer(d.id());
        return d;
    }

    private static int openTerminal(Pty pty) {
        int fd = LibC.get().open(pty.slavePath, O_RDWR | O_NOCTTY);
        assertTrue(fd >= 0, "open " + pty.slavePath);
        return fd;
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                throw new AssertionError("end of stream after " + got + " bytes");
            }
            got += r;
        }
        return b;
    }

    private static String readTerminal(int fd, int n) {
        byte[] buf = new byte[n];
        int got = 0;
        long end = System.currentTimeMillis() + 5000;
        while (got < n && System.currentTimeMillis() < end) {
            byte[] pfd = PollFd.of(fd, PollFd.POLLIN);
            if (LibC.get().poll(pfd, 1, 50) > 0 && (PollFd.revents(pfd) & PollFd.POLLIN) != 0) {
                byte[] tmp = new byte[n - got];
                long r = LibC.get().read(fd, tmp, tmp.length);
                if (r > 0) {
                    System.arraycopy(tmp, 0, buf, got, (int) r);
                    got += (int) r;
                }
            }
        }
        return new String(buf, 0, got, StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesPassRawBothWaysThroughTheKernel() throws Exception {
        Capability[] root = new Capability[1];
        try (Pty pty = new Pty()) {
            Domain d = driverDomain(pty, root);
            int term = openTerminal(pty);
            try (SerialLine line = new DeviceSerialLine(new KernelLineDevice(() -> d, pty.slavePath, false),
                    LineSettings.of8N1(9600)); SerialConnection c = line.connect()) {
                // Raw mode set by the kernel: CR stays CR, control and binary bytes arrive as they are.
                byte[] typed = {'a', 'b', '\r', 3, 4, 0, (byte) 0xff, 0x1b, '['};
                assertEquals(typed.length, LibC.get().write(term, typed, typed.length));
                assertArrayEquals(typed, readExactly(c.input(), typed.length));
                c.output().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello\n", readTerminal(term, 6), "no output processing, no echo");
                assertFalse(c.isHungUp());
            } finally {
                LibC.get().close(term);
            }
        } finally {
            root[0].close();
        }
    }

    @Test
    void aTerminalThatClosesIsAHangUpAndTheNextOneConnects() throws Exception {
        Capability[] root = new Capability[1];
        try (Pty pty = new Pty()) {
            Domain d = driverDomain(pty, root);
            try (SerialLine line = new DeviceSerialLine(new KernelLineDevice(() -> d, pty.slavePath, false),
                    LineSettings.DEFAULT)) {
                for (int round = 0; round < 2; round++) {
                    int term = openTerminal(pty);
                    SerialConnection c = line.connect();
                    assertEquals(1, LibC.get().write(term, new byte[] {'x'}, 1));
                    assertEquals('x', c.input().read());
                    LibC.get().close(term);
                    assertThrows(HangupException.class, () -> c.input().read());
                    assertTrue(c.isHungUp());
                    c.close();
                }
            }
        } finally {
            root[0].close();
        }
    }

    @Test
    void aRevokedLineIsGoneAndAMissingOneIsReported() throws Exception {
        Capability[] root = new Capability[1];
        try (Pty pty = new Pty()) {
            Domain d = driverDomain(pty, root);
            int term = openTerminal(pty);
            try (SerialLine line = new DeviceSerialLine(new KernelLineDevice(() -> d, pty.slavePath, false),
                    LineSettings.DEFAULT)) {
                SerialConnection c = line.connect();
                root[0].revoke(); // the root takes the line away from the driver
                assertThrows(LineGoneException.class, () -> c.input().read());
                c.close();
            } finally {
                LibC.get().close(term);
            }
            Domain empty = Standalone.domain("serial-none");
            try (SerialLine line = new DeviceSerialLine(new KernelLineDevice(() -> empty, "none", false),
                    LineSettings.DEFAULT)) {
                IOException e = assertThrows(IOException.class, line::connect);
                assertTrue(e.getMessage().contains("no capability for device serial0"), e.getMessage());
            }
        } finally {
            root[0].close();
        }
    }
}
