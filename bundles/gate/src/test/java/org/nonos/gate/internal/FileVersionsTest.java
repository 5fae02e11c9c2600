// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's file versions: a boot jar is "unchanged" only while every part of its identity holds. */
class FileVersionsTest {

    @TempDir
    Path dir;

    /** The line the launcher writes for {@code file} as it is now (digest_cache.c). */
    private static String line(Path file, String sha256) throws Exception {
        Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
        return sha256 + " " + a.get("dev") + " " + a.get("ino") + " " + a.get("size") + " "
                + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + " "
                + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS) + " " + file.toRealPath() + "\n";
    }

    @Test
    void aFileStillAtTheVersionTheLauncherHashedIsUnchanged() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "boot bundle");
        String sha = MeasuredBoot.sha256(jar);
        Path record = Files.writeString(dir.resolve("digests"), line(jar, sha));
        FileVersions v = FileVersions.read(record);
        assertEquals(1, v.size());
        assertTrue(v.unchanged(jar.toRealPath(), sha));
        assertFalse(v.unchanged(jar.toRealPath(), "00".repeat(32)), "another digest than the recorded one");
    }

    @Test
    void anyWriteToTheFileMakesItChanged() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "boot bundle");
        String sha = MeasuredBoot.sha256(jar);
        Path record = Files.writeString(dir.resolve("digests"), line(jar, sha));
        Thread.sleep(5);
        // Same size, same modification time put back: the change time still moves.
        FileTime mtime = Files.getLastModifiedTime(jar);
        Files.writeString(jar, "boot bundlf");
        Files.setLastModifiedTime(jar, mtime);
        assertFalse(FileVersions.read(record).unchanged(jar.toRealPath(), sha));
    }

    @Test
    void aMissingRecordOrFileTrustsNothing() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        assertFalse(FileVersions.read(dir.resolve("no-such-record")).unchanged(jar.toRealPath(), MeasuredBoot.sha256(jar)));
        Path record = Files.writeString(dir.resolve("digests"), line(jar, MeasuredBoot.sha256(jar)));
        Files.delete(jar);
        assertFalse(FileVersions.read(record).unchanged(jar, "00".repeat(32)));
    }

    @Test
    void measuredBootUsesTheRecordBesideTheEventLog() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "boot bundle");
        String sha = MeasuredBoot.sha256(jar);
        Path log = Files.writeString(dir.resolve("measurements"), "event 1 pcr=3 sha256=" + sha + " bundle " + jar + "\n");
        Files.writeString(dir.resolve(MeasuredBoot.DIGESTS), line(jar, sha));
        assertEquals(Optional.of(sha), MeasuredBoot.read(log).verify("reference:" + jar.toUri()));
        // Changed after the launcher measured it: neither the record nor a new hash vouches for it.
        Files.writeString(jar, "tampered!!!");
        assertEquals(Optional.empty(), MeasuredBoot.read(log).verify("reference:" + jar.toUri()));
    }

    /** Whatever a record line holds, parsing never throws: it yields an entry or nothing. */
    @Property(tries = 500)
    void parsingAnyLineNeverThrows(@ForAll String line) {
        FileVersions.parse(line);
    }

    /** A well-formed line round-trips its numbers, including values above Long.MAX_VALUE (unsigned in C). */
    @Property(tries = 200)
    void wellFormedLinesParse(@ForAll long dev, @ForAll long ino, @ForAll long size, @ForAll long mtime, @ForAll long ctime) {
        String sha = "ab".repeat(32);
        String l = String.join(" ", sha, Long.toUnsignedString(dev), Long.toUnsignedString(ino), Long.toUnsignedString(size),
                Long.toUnsignedString(mtime), Long.toUnsignedString(ctime), "/nonos/system/a b.jar");
        FileVersions.Version v = FileVersions.parse(l).orElseThrow().getValue();
        assertEquals(new FileVersions.Version(sha, dev, ino, size, mtime, ctime), v);
    }

    @Test
    void recordBytesThatAreNotTextAreSkipped() throws Exception {
        Path record = Files.write(dir.resolve("digests"), new byte[] {(byte) 0xff, 0, 10, 'x', 10});
        assertEquals(0, FileVersions.read(record).size());
        Files.writeString(record, "zz 1 2 3 4 5 /a\n" + "ab".repeat(32) + " -1 2 3 4 5 /a\n", StandardCharsets.UTF_8);
        assertEquals(0, FileVersions.read(record).size());
    }
}
