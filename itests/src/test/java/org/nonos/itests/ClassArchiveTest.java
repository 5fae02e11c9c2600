// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive (docs/boot.md, "Class-data archive"): a boot that ends cleanly leaves an
 * archive for the JDK, class path and configuration it ran with, the next boot is given it, and
 * that boot's JVM maps it ({@code java.vm.info} says "sharing"). Whether the first boot here records
 * or already finds an archive depends on the tests before it (the archive belongs to the
 * distribution); either way the second boot must map one.
 */
class ClassArchiveTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String PASSWORD = "archive-horse-battery-42";

    @TempDir
    Path tmp;

    @Test
    void aCleanBootLeavesAnArchiveThatTheNextBootMaps() throws Exception {
        Path state = tmp.resolve("state");
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        String[] args = {"--serial", "pty", "--state", state.toString(), "--admin-password-file", pw.toString()};
        bootAndShutDown(Nonos.home(), args, "sys classes", "classes  (aot|static|recording|off)");

        Path cds = Nonos.home().resolve("var/cds");
        List<String> files;
        try (Stream<Path> s = Files.list(cds)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nonos-")).sorted().toList();
        }
        assertEquals(1, files.size(), "one archive, and no record or half-written file left: " + files);
        String archive = files.get(0);
        assertTrue(archive.matches("nonos-[0-9a-f]{16}\\.(aot|jsa)"), archive);
        String kind = archive.endsWith(".aot") ? "aot" : "static";

        Matcher m = bootAndShutDown(Nonos.home(), args, "sys --json classes",
                "\\{\"archive\":\"([^\"]*)\",\"jvm\":\"([^\"]*)\"\\}").match();
        assertEquals(kind + " " + cds.resolve(archive), m.group(1));
        assertTrue(m.group(2).contains("sharing"), "the JVM maps the archive: " + m.group(2));
    }

    @Test
    void anArchiveTheJvmCannotMapIsRemovedAndMadeAgain() throws Exception {
        Recorded r = copyWithRecordedArchive();
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(r.archive(),
                java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(Files.size(r.archive()) / 3); // as a full disk or a crash would leave it
        }

        String stderr = bootAndShutDown(r.home(), r.args(), "sys classes", "classes  aot ").stderr();
        assertTrue(stderr.contains("nonos: the class-data archive " + r.archive()
                + " could not be mapped; it is removed, and the next boot makes a new one"), stderr);
        // That boot recorded nothing (it was given an archive), so its clean stop made none.
        assertTrue(!Files.exists(r.archive()), "removed");
        bootAndShutDown(r.home(), r.args(), "sys classes", "classes  recording");
        assertTheNextBootMapsItsArchive(r.home(), r.args());
    }

    @Test
    void anArchiveOfJarsWithOtherTimesIsRecordedAgainInTheSameBoot() throws Exception {
        Recorded r = copyWithRecordedArchive();
        String key = r.archive().getFileName().toString().replaceAll("^nonos-|\\.(aot|jsa)$", "");
        assertTrue(Files.isRegularFile(r.home().resolve("var/cds/classpath-" + key + ".stamp")), "the class path stamp");
        // The same bytes with another modification time, as a copy without its times leaves them: the
        // archive key (the content) is the same, and the JVM would refuse the archive.
        Path bootJar = r.home().resolve("lib/org.nonos.boot.jar");
        Files.setLastModifiedTime(bootJar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(bootJar).toMillis() - 3_600_000L));

        String stderr = bootAndShutDown(r.home(), r.args(), "sys classes", "classes  recording").stderr();
        assertTrue(stderr.contains("nonos: the class-data archive " + r.archive()
                + " does not match the class path jars' sizes and times"), stderr);
        assertTrue(!stderr.contains("[aot]") && !stderr.contains("could not be mapped"), "no refusal by the JVM: " + stderr);
        assertTheNextBootMapsItsArchive(r.home(), r.args());
    }

    /** A copy of the distribution, the launcher's options for it, and the archive its first boot recorded. */
    private record Recorded(Path home, String[] args, Path archive) {
    }

    /** Copies the distribution (without its archive), boots it once (recording) and shuts it down. */
    private Recorded copyWithRecordedArchive() throws Exception {
        Path home = BootTest.copyOf(Nonos.home(), tmp.resolve("dist"));
        Path pw = Files.writeString(tmp.resolve("admin-password"), PASSWORD + "\n");
        String[] args = {"--serial", "pty", "--state", tmp.resolve("state").toString(), "--admin-password-file",
            pw.toString()};
        bootAndShutDown(home, args, "sys classes", "classes  recording");
        return new Recorded(home, args, onlyArchive(home));
    }

    /** Boots {@code home} and checks that its JVM maps the distribution's one ahead-of-time cache. */
    private static void assertTheNextBootMapsItsArchive(Path home, String[] args) throws Exception {
        Matcher m = bootAndShutDown(home, args, "sys --json classes",
                "\\{\"archive\":\"([^\"]*)\",\"jvm\":\"([^\"]*)\"\\}").match();
        assertEquals("aot " + onlyArchive(home), m.group(1));
        assertTrue(m.group(2).contains("sharing"), m.group(2));
    }

    private static Path onlyArchive(Path home) throws Exception {
        try (Stream<Path> s = Files.list(home.resolve("var/cds"))) {
            List<Path> all = s.filter(p -> p.getFileName().toString().startsWith("nonos-")).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private record Session(Matcher match, String stderr) {
    }

    /** Boots {@code home}, logs in, runs {@code command}, expects {@code reply}, shuts down (exit 0). */
    private static Session bootAndShutDown(Path home, String[] args, String command, String reply) throws Exception {
        try (Nonos n = Nonos.start(home, args); Terminal t = new Terminal(n.firstStdoutLine(Nonos.BOOT_TIMEOUT))) {
            t.bootAndLogin(PASSWORD);
            t.sendLine(command);
            Matcher m = t.expect(reply, STEP);
            t.expect("admin@nonos> ", STEP);
            t.sendLine("shutdown");
            assertEquals(0, n.waitExit(Nonos.EXIT_TIMEOUT), "exit code after shutdown; stderr:\n" + n.stderr());
            assertTrue(!n.stderr().contains("could not make the class-data"), n.stderr());
            return new Session(m, n.stderr());
        }
    }
}
