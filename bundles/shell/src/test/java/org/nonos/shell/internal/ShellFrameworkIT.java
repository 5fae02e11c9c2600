// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;

/**
 * The real bundles in an embedded Felix, the console line on the master side of a real pseudo-terminal
 * (as the launcher's {@code --serial pty} gives it), and the test as the terminal on the slave side:
 * first boot, login, Gogo and NØNOS commands, a lockout, a hang-up and the next login, shutdown.
 */
@Timeout(120)
class ShellFrameworkIT {

    /** The libc calls the "terminal" needs (POSIX). */
    public interface Libc {
        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        String ptsname(int fd);

        int open(String path, int flags);

        int close(int fd);

        @ssize_t long read(int fd, @Out byte[] buf, @size_t long n);

        @ssize_t long write(int fd, @In byte[] buf, @size_t long n);

        int poll(byte[] fds, long n, int timeout);
    }

    private static final Libc C = LibraryLoader.create(Libc.class).load("c");
    private static final int O_RDWR = 02;
    private static final int O_NOCTTY = 0400;

    @TempDir
    Path tmp;

    /** The terminal side: the slave of the pty. */
    private static final class Terminal {
        final int fd;
        final StringBuilder screen = new StringBuilder();
        // Every byte read so far: a character split across two reads decodes once both halves are in.
        private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        int mark;

        Terminal(String path) {
            fd = C.open(path, O_RDWR | O_NOCTTY);
            assertTrue(fd >= 0, "open " + path);
        }

        void type(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(b.length, C.write(fd, b, b.length));
        }

        String await(String text) {
            long end = System.currentTimeMillis() + 30_000;
            byte[] buf = new byte[4096];
            while (true) {
                int at = screen.indexOf(text, mark);
                if (at >= 0) {
                    String seen = screen.substring(mark, at + text.length());
                    mark = at + text.length();
                    return seen;
                }
                if (System.currentTimeMillis() > end) {
                    throw new AssertionError("'" + text + "' did not appear; screen since mark:\n" + screen.substring(mark));
                }
                byte[] pfd = new byte[8];
                java.nio.ByteBuffer.wrap(pfd).order(java.nio.ByteOrder.nativeOrder()).putInt(0, fd).putShort(4, (short) 1);
                if (C.poll(pfd, 1, 100) > 0) {
                    long n = C.read(fd, buf, buf.length);
                    if (n > 0) {
                        received.write(buf, 0, (int) n);
                        screen.setLength(0);
                        screen.append(received.toString(StandardCharsets.UTF_8));
                    }
                }
            }
        }

        void hangUp() {
            C.close(fd);
        }
    }

    private static List<File> classpathJars(String... names) {
        List<File> out = new ArrayList<>();
        String[] cp = System.getProperty("java.class.path").split(File.pathSeparator);
        for (String name : names) {
            File found = null;
            for (String e : cp) {
                File f = new File(e);
                String n = f.getName();
                if (n.startsWith(name + "-") && n.endsWith(".jar") || e.contains("/" + name + "/") && f.isDirectory()) {
                    found = f;
                    break;
                }
            }
            if (found == null && (name.equals("serial") || name.equals("capability") || name.equals("crypto"))) {
                String dir = switch (name) {
                    case "serial" -> "drivers-bundles/serial";
                    case "crypto" -> "bundles/crypto";
                    default -> "capability-api";
                };
                for (String e : cp) {
                    if (e.contains(dir + "/target")) {
                        found = new File(e);
                    }
                }
            }
            if (found == null) {
                throw new AssertionError("bundle " + name + " not on the test class path");
            }
            out.add(found);
        }
        return out;
    }

    @Test
    void wholeShellOverAPseudoTerminal() throws Exception {
        int master = C.posix_openpt(O_RDWR | O_NOCTTY);
        assertTrue(master >= 0 && C.grantpt(master) == 0 && C.unlockpt(master) == 0);
        String slave = C.ptsname(master);
        Path state = tmp.resolve("state");

        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.misc");
        // The capability API binds the kernel with the jnr-ffi of the class path (jffi is no bundle).
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
            "jnr.ffi;version=2.3.4,jnr.ffi.annotations;version=2.3.4,jnr.ffi.types;version=2.3.4");
        // The kernel is started by the capability API in this JVM; its audit log goes to a file.
        Path kernelAudit = tmp.resolve("kernel-audit.log");
        System.setProperty("nonos.kernel.audit", kernelAudit.toString());
        props.put("org.nonos.capability.admin.bundles", "org.nonos.shell");
        props.put("nonos.serial.fd", Integer.toString(master));
        props.put("nonos.state.dir", state.toString());
        props.put("nonos.shell.argon2", "m=64,t=1,p=1");
        props.put("nonos.shell.term", "dumb");
        props.put("nonos.shell.failure.pause.ms", "0");
        props.put("nonos.shell.lockout.base", "1");
        Felix felix = new Felix(props);
        felix.init();
        List<File> jars = classpathJars("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr",
            "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command", "jline", "jackson-annotations",
            "jackson-core", "jackson-databind", "serial", "capability", "crypto");
        jars.add(new File(System.getProperty("nonos.shell.bundle")));
        List<Bundle> bundles = new ArrayList<>();
        for (File f : jars) {
            String loc = f.isDirectory() ? "reference:" + f.toURI() : f.toURI().toString();
            bundles.add(felix.getBundleContext().installBundle(loc));
        }
        long t0 = System.nanoTime();
        felix.start();
        for (Bundle b : bundles) {
            b.start();
        }
        try {
            Terminal t = new Terminal(slave);
            t.await("First boot");
            // A figure for the record, not an assertion: tests never assert on wall time.
            System.out.println("first-boot prompt " + (System.nanoTime() - t0) / 1_000_000 + " ms after framework start");
            t.await("New admin password: ");
            t.type("it-admin-pw\r");
            t.await("Repeat the password: ");
            t.type("it-admin-pw\r");
            t.await("login: ");
            t.type("admin\r");
            t.await("Password: ");
            t.type("it-admin-pw\r");
            t.await("admin@nonos> ");

            t.type("lb\r");
            String lb = t.await("admin@nonos> ");
            assertTrue(lb.contains("NØNOS admin shell") || lb.contains("org.nonos.shell"), lb);
            t.type("help sys\r");
            assertTrue(t.await("admin@nonos> ").contains("system facts"));
            t.type("sys --json memory\r");
            String mem = t.await("admin@nonos> ");
            String json = mem.substring(mem.indexOf('{'), mem.lastIndexOf('}') + 1);
            assertTrue(new ObjectMapper().readTree(json).get("heapUsedBytes").asLong() > 0, json);
            t.type("nonsense\r");
            String err = t.await("admin@nonos> ");
            assertTrue(err.contains("error: unknown command 'nonsense'"), err);
            assertFalse(err.contains("\tat "), err);

            // Hang-up in the middle of a command line; the line comes back for the next login.
            t.type("sys thr");
            Thread.sleep(200);
            t.hangUp();
            // A terminal that comes back faster than the hang-up is seen would find the old session
            // (pty(7) has no event for "closed and reopened"): wait until the shell has recorded it.
            long until = System.currentTimeMillis() + 30_000;
            while (!new String(Files.readAllBytes(kernelAudit), StandardCharsets.ISO_8859_1).contains("shell.hangup%20")
                && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            Terminal t2 = new Terminal(slave);
            t2.await("login: ");
            for (int i = 0; i < 5; i++) {
                t2.type("admin\r");
                t2.await("Password: ");
                t2.type("bad-" + i + "\r");
                t2.await("Login incorrect.");
            }
            t2.await("the line is locked for 1 s.");
            t2.await("login: ");
            t2.type("admin\r");
            t2.await("Password: ");
            t2.type("it-admin-pw\r");
            t2.await("admin@nonos> ");
            t2.type("audit verify\r");
            assertTrue(t2.await("admin@nonos> ").contains("audit chain intact"));
            t2.type("caps\r");
            String caps = t2.await("admin@nonos> ");
            assertTrue(caps.contains("domain ") && caps.contains("org.nonos.shell"), caps);
            t2.type("audit search shell.login_failed\r");
            assertTrue(t2.await("admin@nonos> ").contains("shell.login_failed line="), "the kernel's log read back");
            t2.type("caps revoke 0 0x1234\r");
            String forged = t2.await("admin@nonos> ");
            assertTrue(forged.contains("error: caps revoke: BAD_HANDLE: cap.revoke: "), "a forged handle is refused by the kernel: " + forged);
            // A warm boot: the framework restarts every bundle in this JVM, and the new shell serves
            // the same line, back at the login prompt.
            t2.type("reboot\r");
            t2.await("system is rebooting");
            t2.await("login: ");
            t2.type("admin\r");
            t2.await("Password: ");
            t2.type("it-admin-pw\r");
            t2.await("admin@nonos> ");
            t2.type("shutdown\r");
            t2.await("system is shutting down");
            FrameworkEvent stop = felix.waitForStop(30_000);
            assertEquals(FrameworkEvent.STOPPED, stop.getType());
            t2.hangUp();
        } finally {
            if (felix.getState() == Bundle.ACTIVE) {
                felix.stop();
                felix.waitForStop(10_000);
            }
            C.close(master);
        }
        assertFalse(Files.exists(state.resolve("audit")), "the shell keeps no audit log of its own");
        assertTrue(Files.readString(state.resolve("accounts")).startsWith("nonos-accounts 1\n"));
        String kernelLog = new String(Files.readAllBytes(kernelAudit), StandardCharsets.ISO_8859_1);
        for (String event : new String[] {"shell.setup", "shell.login%20line=", "shell.command%20", "shell.hangup", "shell.login_failed",
            "shell.locked", "shell.shutdown"}) {
            assertTrue(kernelLog.contains(event), event + " missing from the kernel's audit log:\n"
                + kernelLog.substring(Math.max(0, kernelLog.length() - 3000)));
        }
        assertFalse(kernelLog.contains("it-admin-pw") || kernelLog.contains("bad-"), "no password in the kernel's log");
    }
}
