// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial;

import java.util.Arrays;

/**
 * Line settings applied with termios on a real tty: speed and character frame. The line is always put in
 * raw mode (no echo, no canonical editing, no signal characters, no output processing): the shell does
 * its own line editing. On a pseudo-terminal the speed is accepted and has no effect.
 *
 * @param baud         bits per second, one of {@link #SUPPORTED_BAUD}
 * @param dataBits     5 to 8
 * @param parity       parity bit
 * @param stopBits     1 or 2
 * @param modemControl true: honour the carrier-detect line, so a dropped carrier is a hang-up (HUPCL, no
 *                     CLOCAL); false: ignore modem lines (CLOCAL), the usual choice for a three-wire console
 */
public record LineSettings(int baud, int dataBits, Parity parity, int stopBits, boolean modemControl) {

    /** Speeds that Linux termios can name (asm-generic/termbits.h, B50 ... B4000000). */
    public static final int[] SUPPORTED_BAUD = {
        50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600, 115200,
        230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000,
        3500000, 4000000
    };

    /** The console default: 115200 baud, 8 data bits, no parity, 1 stop bit, no modem control. */
    public static final LineSettings DEFAULT = new LineSettings(115200, 8, Parity.NONE, 1, false);

    public LineSettings {
        if (Arrays.stream(SUPPORTED_BAUD).noneMatch(b -> b == baud)) {
            throw new IllegalArgumentException("unsupported baud rate " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8, not " + dataBits);
        }
        if (parity == null) {
            throw new IllegalArgumentException("parity is required");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits must be 1 or 2, not " + stopBits);
        }
    }

    /** 8N1 at the given speed, no modem control. */
    public static LineSettings of8N1(int baud) {
        return new LineSettings(baud, 8, Parity.NONE, 1, false);
    }

    /** The usual short form, e.g. {@code 115200 8N1}. */
    @Override
    public String toString() {
        return baud + " " + dataBits + parity.name().charAt(0) + stopBits + (modemControl ? " modem" : "");
    }
}
