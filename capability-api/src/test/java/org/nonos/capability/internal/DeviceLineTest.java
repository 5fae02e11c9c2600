// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Capability;
import org.nonos.capability.Device;
import org.nonos.capability.Device.Event;
import org.nonos.capability.DeviceKind;
import org.nonos.capability.KernelError;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;

/**
 * A line driven through its device capability, against the real kernel: waiting with a timeout,
 * non-blocking transfers with the hang-up as a result, termios on a pty, the refusals (rights,
 * type, timeout, revocation), and the launcher's devices handed to a bundle's domain.
 */
class DeviceLineTest {

    private static final Set<Event> IN = EnumSet.of(Event.READABLE);

    private static int openPty() {
        int m = HostFiles.LIBC.posix_openpt(HostFiles.O_RDWR | HostFiles.O_NOCTTY);
        assertTrue(m >= 0 && HostFiles.LIBC.grantpt(m) == 0 && HostFiles.LIBC.unlockpt(m) == 0, "a pty");
        return m;
    }

    @Test
    void aPipeWaitsReadsNowAndHangsUp() {
        int[] fds = new int[2];
        assertEquals(0, HostFiles.LIBC.pipe(fds));
        Capability in = Fixture.root().registerDevice(fds[0], "line-in", DeviceKind.SERIAL);
        Capability out = Fixture.root().registerDevice(fds[1], "line-out", DeviceKind.SERIAL);
        HostFiles.LIBC.close(fds[0]);
        HostFiles.LIBC.close(fds[1]);
        DomainImpl d = Fixture.domain("line");
        Device r = d.capability(in.transfer(d.id())).device();
        Device w = d.capability(out.transfer(d.id())).device();
        byte[] buf = new byte[8];
        assertEquals(Set.of(), r.await(IN, 0), "nothing yet: timed out");
        assertEquals(0, r.readNow(buf, 0, 8), "nothing now");
        assertEquals(EnumSet.of(Event.WRITABLE), w.await(EnumSet.of(Event.WRITABLE), 0));
        byte[] bin = {0, (byte) 0xff, 0x1b, '['};
        assertEquals(4, w.writeNow(bin, 0, 4));
        assertEquals(IN, r.await(IN, 1000));
        assertEquals(4, r.readNow(buf, 2, 6));
        assertArrayEquals(bin, Arrays.copyOfRange(buf, 2, 6));
        out.close(); // the root's original: with it every copy, so the kernel closes the write end
        assertTrue(r.await(IN, 1000).contains(Event.HANGUP));
        assertEquals(Device.HANGUP, r.readNow(buf, 0, 8));
        Fixture.rejected(KernelError.NOT_TTY, "dev.line", () -> r.configureLine(115200, 8, Device.Parity.NONE, 1, false));
        in.close();
    }

    @Test
    void aPtyIsPutInRawModeAndHangsUpWhenItsTerminalCloses() {
        int m = openPty();
        String slave = HostFiles.LIBC.ptsname(m);
        Capability line = Fixture.root().registerDevice(m, "pty0", DeviceKind.SERIAL);
        HostFiles.LIBC.close(m);
        Device dev = line.device();
        for (int round = 0; round < 2; round++) { // a terminal comes, goes and comes back
            int s = HostFiles.LIBC.open(slave, HostFiles.O_RDWR | HostFiles.O_NOCTTY, 0);
            assertTrue(s >= 0);
            dev.configureLine(115200, 8, Device.Parity.NONE, 1, false);
            // raw mode: a line without newline reaches the reader at once, and no echo comes back
            byte[] typed = "\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8);
            assertEquals(typed.length, HostFiles.LIBC.write(s, typed, typed.length));
            assertEquals(IN, dev.await(IN, 1000));
            byte[] got = new byte[16];
            assertEquals(typed.length, dev.readNow(got, 0, 16));
            assertArrayEquals(typed, Arrays.copyOf(got, typed.length));
            assertEquals(Set.of(), dev.await(IN, 20), "no echo in raw mode");
            dev.restoreLine();
            HostFiles.LIBC.close(s);
            assertTrue(dev.await(IN, 1000).contains(Event.HANGUP));
            assertEquals(Device.HANGUP, dev.readNow(got, 0, 16));
        }
        line.close();
    }

    @Test
    void refusalsAreTheKernelsAndAudited() {
        int m = openPty();
        Capability line = Fixture.root().registerDevice(m, "pty1", DeviceKind.SERIAL);
        HostFiles.LIBC.close(m);
        Device readOnly = line.derive(Rights.of(Rights.Right.READ), Rights.NONE).device();
        byte[] b = new byte[4];
        Fixture.rejected(KernelError.RIGHTS, "dev.wait", () -> readOnly.await(EnumSet.of(Event.WRITABLE), 0));
        Fixture.rejected(KernelError.RIGHTS, "dev.write", () -> readOnly.writeNow(b, 0, 1));
        Fixture.rejected(KernelError.RIGHTS, "dev.line", () -> readOnly.configureLine(9600, 8, Device.Parity.NONE, 1, false));
        Fixture.rejected(KernelError.INVAL, "dev.wait", () -> line.device().await(IN, -1));
        Fixture.rejected(KernelError.INVAL, "dev.wait", () -> line.device().await(IN, Device.WAIT_MAX_MS + 1));
        Fixture.rejected(KernelError.INVAL, "dev.wait", () -> line.device().await(Set.of(), 0));
        Fixture.rejected(KernelError.INVAL, "dev.wait", () -> line.device().await(EnumSet.of(Event.HANGUP), 0));
        Fixture.rejected(KernelError.INVAL, "dev.wait", () -> line.device().await(null, 0));
        Fixture.rejected(KernelError.INVAL, "dev.read", () -> line.device().readNow(b, 3, 2));
        Fixture.rejected(KernelError.INVAL, "dev.line", () -> line.device().configureLine(12345, 8, Device.Parity.NONE, 1, false));
        Fixture.rejected(KernelError.INVAL, "dev.line", () -> line.device().configureLine(9600, 9, Device.Parity.NONE, 1, false));
        Fixture.rejected(KernelError.INVAL, "dev.line", () -> line.device().configureLine(-9600, 8, Device.Parity.NONE, 1, false));
        Fixture.rejected(KernelError.INVAL, "dev.line", () -> line.device().configureLine(9600, 8, null, 1, false));
        Capability mid = line.derive(Rights.of(Rights.Right.READ, Rights.Right.DERIVE, Rights.Right.REVOKE), Rights.of(Rights.Right.READ));
        Device child = mid.derive(Rights.of(Rights.Right.READ), Rights.NONE).device();
        mid.revoke();
        Fixture.rejected(KernelError.REVOKED, "dev.wait", () -> child.await(IN, 0));
        line.close();
    }

    @Test
    void theLaunchersDevicesGoToTheConfiguredBundlesDomain() {
        int[] fds = new int[2];
        assertEquals(0, HostFiles.LIBC.pipe(fds));
        Capability in = Fixture.root().registerDevice(fds[0], "serial9", DeviceKind.SERIAL);
        HostFiles.LIBC.close(fds[0]);
        HostFiles.LIBC.close(fds[1]);
        Map<String, String> props = Map.of("nonos.device.serial9.cap", Long.toUnsignedString(in.handle()));
        DeviceGrants grants = DeviceGrants.parse(" serial9:org.example.driver, missing0:org.example.driver ,");
        DomainImpl driver = Fixture.domain("driver");
        DomainImpl other = Fixture.domain("other");
        assertEquals(List.of("serial9"), grants.grant("org.example.driver", Fixture.root(), driver, props::get));
        assertEquals(List.of(), grants.grant("org.example.other", Fixture.root(), other, props::get));
        List<Capability> devices = driver.capabilities().stream().filter(c -> c.type() == ObjectType.DEVICE).toList();
        assertEquals(1, devices.size());
        assertEquals("serial9", devices.get(0).device().name());
        assertEquals(Rights.of(Rights.Right.READ, Rights.Right.WRITE), devices.get(0).rights());
        assertTrue(other.capabilities().stream().noneMatch(c -> c.type() == ObjectType.DEVICE));
        in.revoke(); // the root takes it back
        assertTrue(driver.capabilities().stream().noneMatch(c -> c.type() == ObjectType.DEVICE));
        in.close();
        for (String bad : List.of("serial0", ":b", "a:", "x:y,z")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DeviceGrants.parse(bad), bad);
            assertTrue(e.getMessage().contains(Device.GRANTS));
        }
    }
}
