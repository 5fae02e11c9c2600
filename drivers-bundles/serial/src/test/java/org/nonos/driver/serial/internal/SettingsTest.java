// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nonos.driver.serial.LineAddress;
import org.nonos.driver.serial.LineSettings;
import org.nonos.driver.serial.Parity;

class SettingsTest {

    @Test
    void addresses() {
        assertEquals(LineAddress.Kind.STDIO, LineAddress.parse("stdio").kind());
        assertEquals(7, LineAddress.parse("fd:7").fd());
        assertEquals(7, LineAddress.parse("fd:7").outFd());
        assertEquals(4, LineAddress.parse("fd:3,4").outFd());
        assertEquals("fd:3,4", LineAddress.parse("fd:3,4").toString());
        assertEquals("/dev/ttyS0", LineAddress.parse(" /dev/ttyS0 ").path());
        for (String bad : new String[] {"", "fd:", "fd:-1", "fd:x", "fd:1,2,3", "fd:1,", "ttyS0", "com1"}) {
            assertThrows(IllegalArgumentException.class, () -> LineAddress.parse(bad), bad);
        }
    }

    @Test
    void settingsText() {
        assertEquals(LineSettings.DEFAULT, SerialLineComponent.parseSettings("115200 8N1"));
        assertEquals(new LineSettings(9600, 7, Parity.EVEN, 2, true),
            SerialLineComponent.parseSettings("9600 7E2 modem"));
        for (String bad : new String[] {"", "115200", "115201 8N1", "9600 9N1", "9600 8X1", "9600 8N3",
            "9600 8N1 x", "fast 8N1"}) {
            assertThrows(IllegalArgumentException.class, () -> SerialLineComponent.parseSettings(bad), bad);
        }
    }

    @Test
    void launcherProperties() {
        java.util.Map<String, String> p = new java.util.HashMap<>();
        assertEquals(LineAddress.Kind.STDIO, SerialLineComponent.address(p::get).kind());
        p.put("nonos.serial.mode", "pty");
        p.put("nonos.serial.path", "/dev/pts/9");
        assertThrows(IllegalArgumentException.class, () -> SerialLineComponent.address(p::get));
        p.put("nonos.serial.fd", "12");
        assertEquals(12, SerialLineComponent.address(p::get).fd());
        p.put("nonos.serial.fd", "fd:7,8");
        assertEquals(8, SerialLineComponent.address(p::get).outFd());
        p.remove("nonos.serial.fd");
        p.put("nonos.serial.mode", "tty");
        assertEquals("/dev/pts/9", SerialLineComponent.address(p::get).path());
        p.put("nonos.serial.baud", "9600");
        assertEquals(LineSettings.of8N1(9600), SerialLineComponent.settings(p::get));
        p.put("nonos.serial.settings", "19200 7E1");
        assertEquals(new LineSettings(19200, 7, Parity.EVEN, 1, false), SerialLineComponent.settings(p::get));
    }

    @Test
    void frameFlags() {
        byte[] t = new byte[Termios.SIZE];
        Termios.setFlag(t, Termios.C_CFLAG, Termios.CSTOPB | Termios.CRTSCTS | Termios.CS5);
        Termios.applyFrame(t, new LineSettings(9600, 7, Parity.ODD, 1, true));
        int c = Termios.flag(t, Termios.C_CFLAG);
        assertEquals(Termios.CS7, c & Termios.CSIZE);
        assertEquals(Termios.PARENB | Termios.PARODD, c & (Termios.PARENB | Termios.PARODD));
        assertEquals(0, c & (Termios.CSTOPB | Termios.CRTSCTS | Termios.CLOCAL));
        assertTrue((c & Termios.HUPCL) != 0 && (c & Termios.CREAD) != 0);
        assertTrue((Termios.flag(t, Termios.C_IFLAG) & Termios.INPCK) != 0);
        assertEquals(1, t[Termios.C_CC + Termios.VMIN]);
        for (int baud : LineSettings.SUPPORTED_BAUD) {
            assertTrue(Termios.speedConstant(baud) > 0);
        }
    }
}
