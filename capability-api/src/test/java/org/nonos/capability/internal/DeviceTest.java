// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.capability.Capability;
import org.nonos.capability.Device;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.KernelError;
import org.nonos.capability.Rights;

/**
 * Host I/O through device capabilities, against the real kernel: a file registered by the root
 * (as the launcher does) and handed to a domain; rights, revocation and bad ranges are refused
 * with the kernel's errors and audited.
 */
class DeviceTest {

    @TempDir
    Path dir;

    private Capability register(Path file, String name, DeviceKind kind) {
        int fd = HostFiles.LIBC.open(file.toString(), HostFiles.O_RDWR | HostFiles.O_CREAT | HostFiles.O_TRUNC, 0600);
        assertTrue(fd >= 0, "open " + file);
        try {
            return Fixture.root().registerDevice(fd, name, kind);
        } finally {
            HostFiles.LIBC.close(fd); // the kernel keeps its own duplicate
        }
    }

    @Test
    void readsAndWritesThroughTheKernel() throws IOException {
        Path file = dir.resolve("disk.img");
        Capability root = register(file, "disk0", DeviceKind.FILE);
        DomainImpl d = Fixture.domain("dev");
        Device dev = d.capability(root.transfer(d.id())).device();
        assertEquals(DeviceKind.FILE, dev.kind());
        assertEquals("disk0", dev.name());

        byte[] hello = "xxhello world".getBytes(StandardCharsets.US_ASCII);
        assertEquals(11, dev.write(hello, 2, 11));
        assertEquals("hello world", Files.readString(file));
        assertEquals(3, dev.pwrite(6, "WOR".getBytes(StandardCharsets.US_ASCII), 0, 3));
        assertEquals("hello WORld", Files.readString(file));

        byte[] buf = new byte[8];
        assertEquals(5, dev.pread(0, buf, 3, 5));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(buf, 3, 8));
        assertEquals(0, dev.read(buf, 0, 8), "the stream position is at the end after the write");
        assertEquals(0, dev.pread(100, buf, 0, 8), "end of file");
        root.close();
    }

    @Test
    void rightsAreTheKernels() {
        Capability root = register(dir.resolve("ro.img"), "ro0", DeviceKind.BLOCK);
        Capability readOnly = root.derive(Rights.of(Rights.Right.READ), Rights.NONE);
        Device dev = readOnly.device();
        byte[] b = {1, 2, 3};
        Fixture.rejected(KernelError.RIGHTS, "dev.write", () -> dev.pwrite(0, b, 0, 3));
        assertEquals(0, dev.pread(0, b, 0, 3));
        Capability writeOnly = root.derive(Rights.of(Rights.Right.WRITE), Rights.NONE);
        Fixture.rejected(KernelError.RIGHTS, "dev.read", () -> writeOnly.device().pread(0, b, 0, 3));
        root.revoke();
        CapabilityExceptionAssert.failsWithOneOf(() -> dev.pread(0, b, 0, 3), KernelError.BAD_HANDLE, KernelError.REVOKED);
        root.close();
    }

    @Test
    void badRangesAreRefusedAndAudited() {
        Capability root = register(dir.resolve("r.img"), "r0", DeviceKind.FILE);
        Device dev = root.device();
        byte[] b = new byte[4];
        Fixture.rejected(KernelError.INVAL, "dev.read", () -> dev.read(null, 0, 1));
        Fixture.rejected(KernelError.INVAL, "dev.read", () -> dev.read(b, 0, 0));
        Fixture.rejected(KernelError.INVAL, "dev.read", () -> dev.read(b, 2, 3));
        Fixture.rejected(KernelError.INVAL, "dev.read", () -> dev.read(b, -1, 2));
        Fixture.rejected(KernelError.INVAL, "dev.write", () -> dev.pwrite(-5, b, 0, 4));
        Fixture.rejected(KernelError.INVAL, "dev.write", () -> dev.write(b, 0, Device.IO_MAX + 1));
        Capability ep = Fixture.root().createEndpoint();
        Fixture.rejected(KernelError.WRONG_TYPE, "dev.read", ep::device);
        ep.close();
        root.close();
    }

    @Test
    void aPipeThatIsEmptyWouldBlockOrReads() {
        int[] fds = new int[2];
        assertEquals(0, HostFiles.LIBC.pipe(fds));
        Capability in = Fixture.root().registerDevice(fds[0], "pipe-in", DeviceKind.SERIAL);
        Capability out = Fixture.root().registerDevice(fds[1], "pipe-out", DeviceKind.SERIAL);
        HostFiles.LIBC.close(fds[0]);
        HostFiles.LIBC.close(fds[1]);
        byte[] msg = "ok\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(3, out.device().write(msg, 0, 3));
        byte[] got = new byte[16];
        assertEquals(3, in.device().read(got, 0, 16));
        assertEquals("ok\n", new String(got, 0, 3, StandardCharsets.US_ASCII));
        in.close();
        out.close();
    }
}
