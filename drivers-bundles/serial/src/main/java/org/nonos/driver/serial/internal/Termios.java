// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nonos.driver.serial.LineSettings;

/**
 * Read this first: {@code struct termios} as glibc lays it out on Linux (bits/termios-struct.h), the
 * same on x86_64 and aarch64: four {@code tcflag_t} (unsigned int) flag words, {@code c_line}, 32 control
 * characters, then the two speeds. Flag values are Linux's (asm-generic/termbits.h), written in octal as
 * there. The buffer is larger than the structure so that a libc with a bigger one cannot write past it.
 */
final class Termios {
    static final int SIZE = 256;

    // Offsets in struct termios.
    static final int C_IFLAG = 0;
    static final int C_OFLAG = 4;
    static final int C_CFLAG = 8;
    static final int C_LFLAG = 12;
    static final int C_CC = 17;

    // c_cc indices.
    static final int VTIME = 5;
    static final int VMIN = 6;

    // c_iflag
    static final int INPCK = 0000020;
    static final int IXON = 0002000;
    static final int IXOFF = 0010000;

    // c_cflag
    static final int CSIZE = 0000060;
    static final int CS5 = 0000000;
    static final int CS6 = 0000020;
    static final int CS7 = 0000040;
    static final int CS8 = 0000060;
    static final int CSTOPB = 0000100;
    static final int CREAD = 0000200;
    static final int PARENB = 0000400;
    static final int PARODD = 0001000;
    static final int HUPCL = 0002000;
    static final int CLOCAL = 0004000;
    static final int CRTSCTS = 020000000000;

    // tcsetattr optional_actions
    static final int TCSANOW = 0;
    static final int TCSADRAIN = 1;

    private Termios() {
    }

    /** Linux speed_t constant for a baud rate (B9600 = 0000015 ... B4000000 = 0010017). */
    static int speedConstant(int baud) {
        return switch (baud) {
            case 50 -> 0000001;
            case 75 -> 0000002;
            case 110 -> 0000003;
            case 134 -> 0000004;
            case 150 -> 0000005;
            case 200 -> 0000006;
            case 300 -> 0000007;
            case 600 -> 0000010;
            case 1200 -> 0000011;
            case 1800 -> 0000012;
            case 2400 -> 0000013;
            case 4800 -> 0000014;
            case 9600 -> 0000015;
            case 19200 -> 0000016;
            case 38400 -> 0000017;
            case 57600 -> 0010001;
            case 115200 -> 0010002;
            case 230400 -> 0010003;
            case 460800 -> 0010004;
            case 500000 -> 0010005;
            case 576000 -> 0010006;
            case 921600 -> 0010007;
            case 1000000 -> 0010010;
            case 1152000 -> 0010011;
            case 1500000 -> 0010012;
            case 2000000 -> 0010013;
            case 2500000 -> 0010014;
            case 3000000 -> 0010015;
            case 3500000 -> 0010016;
            case 4000000 -> 0010017;
            default -> throw new IllegalArgumentException("unsupported baud rate " + baud);
        };
    }

    private static ByteBuffer view(byte[] t) {
        return ByteBuffer.wrap(t).order(ByteOrder.nativeOrder());
    }

    static int flag(byte[] t, int offset) {
        return view(t).getInt(offset);
    }

    static void setFlag(byte[] t, int offset, int value) {
        view(t).putInt(offset, value);
    }

    /**
     * Sets the character frame and modem control after {@code cfmakeraw} (which already cleared echo,
     * canonical mode, signals and output processing and set VMIN=1, VTIME=0). Software flow control is
     * off: XON/XOFF bytes are ordinary input for the shell.
     */
    static void applyFrame(byte[] t, LineSettings s) {
        int c = flag(t, C_CFLAG);
        c &= ~(CSIZE | CSTOPB | PARENB | PARODD | CRTSCTS | CLOCAL | HUPCL);
        c |= switch (s.dataBits()) {
            case 5 -> CS5;
            case 6 -> CS6;
            case 7 -> CS7;
            default -> CS8;
        };
        if (s.stopBits() == 2) {
            c |= CSTOPB;
        }
        switch (s.parity()) {
            case NONE -> { }
            case EVEN -> c |= PARENB;
            case ODD -> c |= PARENB | PARODD;
        }
        c |= CREAD | (s.modemControl() ? HUPCL : CLOCAL);
        setFlag(t, C_CFLAG, c);
        int i = flag(t, C_IFLAG) & ~(IXON | IXOFF | INPCK);
        if (s.parity() != org.nonos.driver.serial.Parity.NONE) {
            i |= INPCK;
        }
        setFlag(t, C_IFLAG, i);
        t[C_CC + VMIN] = 1;
        t[C_CC + VTIME] = 0;
    }
}
