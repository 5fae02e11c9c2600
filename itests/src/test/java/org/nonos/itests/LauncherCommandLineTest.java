// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's answers to what it is given, before any boot: help, bad options, a missing JDK,
 * host resources that cannot be used. Each is one clear line and a distinct non-zero exit, and
 * nothing is left behind.
 */
class LauncherCommandLineTest {
    @TempDir
    Path tmp;

    private static void assertOneLineError(Nonos n, String fragment) {
        String err = n.stderr().strip();
        assertTrue(err.startsWith("nonos: "), err);
        assertTrue(err.contains(fragment), "expected '" + fragment + "' in: " + err);
        assertFalse(err.contains("\n"), "one line expected: " + err);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        try (Nonos n = Nonos.start("--help")) {
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT));
            for (String opt : new String[] {"--serial", "--disk", "--tap", "--state", "--deploy", "--java-home",
                "--admin-password-file"}) {
                assertTrue(n.stdout().contains(opt), opt + " missing from --help:\n" + n.stdout());
            }
        }
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        try (Nonos n = Nonos.start("--frobnicate")) {
            assertEquals(2, n.waitExit(Nonos.EXIT_TIMEOUT));
            assertOneLineError(n, "unknown option '--frobnicate'");
        }
    }

    @Test
    void badSerialBaudIsAUsageError() throws Exception {
        try (Nonos n = Nonos.start("--serial", "/dev/ttyS0:fast")) {
            assertEquals(2, n.waitExit(Nonos.EXIT_TIMEOUT));
            assertOneLineError(n, "baud");
        }
    }

    @Test
    void missingJdkIsReportedBeforeAnythingIsOpened() throws Exception {
        Path state = tmp.resolve("state");
        try (Nonos n = Nonos.start("--java-home", tmp.resolve("no-such-jdk").toString(), "--state", state.toString(),
                "--serial", "pty")) {
            assertEquals(4, n.waitExit(Nonos.EXIT_TIMEOUT));
            assertOneLineError(n, "no usable JDK at " + tmp.resolve("no-such-jdk"));
            assertEquals("", n.stdout(), "no pseudo-terminal may be announced");
        }
        assertFalse(Files.exists(state), "the state directory must not be created");
    }

    @Test
    void unreadableDiskPathIsAHostError() throws Exception {
        Path state = tmp.resolve("state");
        try (Nonos n = Nonos.start("--disk", "data=" + tmp.resolve("missing.img"), "--state", state.toString(),
                "--serial", "pty")) {
            assertEquals(3, n.waitExit(Nonos.EXIT_TIMEOUT));
            assertOneLineError(n, "cannot open disk data (" + tmp.resolve("missing.img") + "): No such file or directory");
        }
        assertFalse(Files.exists(state.resolve("audit.log")), "the kernel must not have started");
    }

    @Test
    void directoryAsDiskIsRefused() throws Exception {
        try (Nonos n = Nonos.start("--disk", "data=" + tmp + ",ro", "--state", tmp.resolve("s").toString(), "--serial", "pty")) {
            assertEquals(3, n.waitExit(Nonos.EXIT_TIMEOUT));
            assertOneLineError(n, "neither a regular file nor a block device");
        }
    }

    @Test
    void unreadablePasswordFileIsAHostError() throws Exception {
        try (Nonos n = Nonos.start("--admin-password-file", tmp.resolve("nope").toString(), "--state",
                tmp.resolve("s").toString())) {
            assertEquals(3, n.waitExit(Nonos.EXIT_TIMEOUT));
            assertOneLineError(n, "cannot read --admin-password-file");
        }
    }

    @Test
    void serialDeviceThatIsNotATerminalIsRefused() throws Exception {
        try (Nonos n = Nonos.start("--serial", "/dev/null", "--state", tmp.resolve("s").toString())) {
            assertEquals(3, n.waitExit(Nonos.EXIT_TIMEOUT));
            assertOneLineError(n, "serial line /dev/null is not a terminal device");
        }
    }
}
