// SPDX-License-Identifier: Apache-2.0
package org.nonos.driver.serial.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One {@code struct pollfd} (POSIX poll.h): int fd, short events, short revents; Linux event bits. */
final class PollFd {
    static final int SIZE = 8;
    static final short POLLIN = 0x001;
    static final short POLLOUT = 0x004;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    private PollFd() {
    }

    static byte[] of(int fd, short events) {
        byte[] b = new byte[SIZE];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(0, fd).putShort(4, events);
        return b;
    }

    static short revents(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getShort(6);
    }
}
