// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nonos.driver.serial.HangupException;
import org.nonos.driver.serial.LineAddress;
import org.nonos.driver.serial.LineGoneException;
import org.nonos.driver.serial.LineSettings;
import org.nonos.driver.serial.SerialConnection;
import org.nonos.driver.serial.SerialLine;

/** The host line over a real pseudo-terminal pair. */
@Timeout(30)
class HostSerialLineTest {

    private static byte[] readExactly(InputStream in, int n) throws Exception {
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

    @Test
    void slavePathIsRawBothWays() throws Exception {
        try (Pty pty = new Pty();
             SerialLine line = DeviceSerialLine.host(LineAddress.parse(pty.slavePath), LineSettings.of8N1(9600));
             SerialConnection c = line.connect()) {
            // Raw mode: CR stays CR (no ICRNL), control characters arrive as bytes (no ISIG), no echo.
            pty.type("ab\r\u0003\u0004\u00ff");
            byte[] got = readExactly(c.input(), 7);
            assertArrayEquals(new byte[] {'a', 'b', '\r', 3, 4, (byte) 0xc3, (byte) 0xbf}, got);
            assertEquals("", pty.drain(200), "raw mode must not echo");
            c.output().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            // No output processing: \n is not turned into \r\n.
            assertEquals("hello\n", pty.drain(2000));
        }
    }

    @Test
    void termiosSettingsAreApplied() throws Exception {
        try (Pty pty = new Pty();
             SerialLine line = DeviceSerialLine.host(LineAddress.parse(pty.slavePath), LineSettings.of8N1(57600));
             SerialConnection c = line.connect()) {
            // Look at the line discipline through the master side, which shares the slave's termios.
            byte[] t = new byte[Termios.SIZE];
            assertEquals(0, LibC.get().tcgetattr(pty.master, t));
            int cflag = Termios.flag(t, Termios.C_CFLAG);
            assertEquals(Termios.CS8, cflag & Termios.CSIZE);
            assertEquals(0, cflag & (Termios.PARENB | Termios.CSTOPB));
            assertTrue((cflag & Termios.CLOCAL) != 0);
            int lflag = Termios.flag(t, Termios.C_LFLAG);
            int echoAndIcanon = 0000010 | 0000002;
            assertEquals(0, lflag & echoAndIcanon);
            assertFalse(c.isHungUp());
        }
    }

    @Test
    void masterCloseIsAHangupAndTheLineWaitsForTheNextPeer() throws Exception {
        Pty pty = new Pty();
        SerialLine line = DeviceSerialLine.host(LineAddress.parse(pty.slavePath), LineSettings.DEFAULT);
        SerialConnection c = line.connect();
        CountDownLatch told = new CountDownLatch(1);
        c.onHangup(told::countDown);
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                c.input().read(new byte[16]);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(200);
        pty.close();
        Throwable t = reader.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof HangupException, "expected a hang-up, got " + t);
        assertTrue(told.await(5, TimeUnit.SECONDS));
        assertTrue(c.isHungUp());
        assertThrows(HangupException.class, () -> c.output().write('x'));
        c.close();
        // The pty is gone: connect waits for the device to come back, and close ends the wait.
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                line.connect();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(300);
        assertFalse(waiter.isDone());
        line.close();
        assertTrue(waiter.get(5, TimeUnit.SECONDS) instanceof LineGoneException);
    }

    @Test
    void descriptorLineReconnectsWhenTheTerminalComesBack() throws Exception {
        try (Pty pty = new Pty();
             SerialLine line = DeviceSerialLine.host(LineAddress.parse("fd:" + pty.master), LineSettings.DEFAULT)) {
            // The line holds the master; the "terminal" opens the slave.
            int slave = openSlave(pty.slavePath);
            SerialConnection first = line.connect();
            writeSlave(slave, "one");
            assertEquals("one", new String(readExactly(first.input(), 3), StandardCharsets.US_ASCII));
            LibC.get().close(slave);
            assertThrows(HangupException.class, () -> readExactly(first.input(), 1));
            first.close();
            assertEquals(-1, first.input().read(), "a closed connection reads end of stream");

            CompletableFuture<SerialConnection> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return line.connect();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(next.isDone(), "no terminal yet: connect must wait");
            int slave2 = openSlave(pty.slavePath);
            try (SerialConnection second = next.get(10, TimeUnit.SECONDS)) {
                writeSlave(slave2, "two");
                assertEquals("two", new String(readExactly(second.input(), 3), StandardCharsets.US_ASCII));
            } finally {
                LibC.get().close(slave2);
            }
        }
    }

    @Test
    void oneConnectionAtATime() throws Exception {
        try (Pty pty = new Pty();
             SerialLine line = DeviceSerialLine.host(LineAddress.parse(pty.slavePath), LineSettings.DEFAULT);
             SerialConnection c = line.connect()) {
            assertThrows(IllegalStateException.class, line::connect);
            assertFalse(c.isHungUp());
        }
    }

    private static int openSlave(String path) {
        int fd = LibC.get().open(path, 02 | 0400);
        assertTrue(fd >= 0, "open " + path);
        return fd;
    }

    private static void writeSlave(int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        assertEquals(b.length, LibC.get().write(fd, b, b.length));
    }
}
