// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The version of each file the launcher hashed, as the kernel reported it then: the launcher's
 * digest record {@code <state>/boot/digests} (kernel-native/launcher/src/digest_cache.h), one line
 * per file: {@code <sha256 hex> <dev> <ino> <size> <mtime ns> <ctime ns> <path>}.
 *
 * <p>Why: the gate must know that a boot bundle's jar is still the one the launcher measured.
 * Hashing every jar again in Java costs hundreds of milliseconds at each boot (the JVM runs
 * without its optimising compiler at start, so SHA-256 runs interpreted). The launcher already
 * decides "same file version, same digest" from this identity, the way Linux IMA measures once per
 * inode version: any change to a file gives it a new ctime, which an unprivileged process cannot
 * set back. The gate applies the same rule and hashes only when the identity does not match.
 *
 * <p>Lines that do not parse are skipped: a broken record can only make the gate hash again,
 * never make it trust a file.
 */
final class FileVersions {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** What the launcher saw of one file. */
    record Version(String sha256, long dev, long ino, long size, long mtimeNs, long ctimeNs) {
    }

    private final Map<Path, Version> byPath;

    private FileVersions(Map<Path, Version> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    static FileVersions none() {
        return new FileVersions(Map.of());
    }

    /** Reads the record; a missing or unreadable file gives no versions (everything is hashed). */
    static FileVersions read(Path file) {
        Map<Path, Version> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                parse(line).ifPresent(e -> m.put(e.getKey(), e.getValue()));
            }
        } catch (IOException | RuntimeException e) {
            return none();
        }
        return new FileVersions(m);
    }

    static Optional<Map.Entry<Path, Version>> parse(String line) {
        String[] f = line.split(" ", 7);
        if (f.length != 7 || !SHA256_HEX.matcher(f[0]).matches() || f[6].isEmpty()) {
            return Optional.empty();
        }
        try {
            Version v = new Version(f[0], Long.parseUnsignedLong(f[1]), Long.parseUnsignedLong(f[2]),
                    Long.parseUnsignedLong(f[3]), Long.parseUnsignedLong(f[4]), Long.parseUnsignedLong(f[5]));
            return Optional.of(Map.entry(MeasuredBoot.canonical(Path.of(f[6])), v));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    int size() {
        return byPath.size();
    }

    /**
     * True when {@code file} is, now, the version the launcher hashed to {@code sha256}: same
     * digest on record and the same device, inode, size, modification and change times.
     */
    boolean unchanged(Path file, String sha256) {
        Version v = byPath.get(file);
        if (v == null || !v.sha256().equals(sha256)) {
            return false;
        }
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return ((Number) a.get("dev")).longValue() == v.dev()
                    && ((Number) a.get("ino")).longValue() == v.ino()
                    && ((Number) a.get("size")).longValue() == v.size()
                    && nanos(a.get("lastModifiedTime")) == v.mtimeNs()
                    && nanos(a.get("ctime")) == v.ctimeNs();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false; // no unix view or no such file: the caller hashes
        }
    }

    /** dev, ino, size, mtime ns, ctime ns of a file, as the launcher writes them; null if unknown. */
    static String versionOf(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return Long.toUnsignedString(((Number) a.get("dev")).longValue()) + " "
                    + Long.toUnsignedString(((Number) a.get("ino")).longValue()) + " " + a.get("size") + " "
                    + nanos(a.get("lastModifiedTime")) + " " + nanos(a.get("ctime"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static long nanos(Object fileTime) {
        return ((FileTime) fileTime).to(TimeUnit.NANOSECONDS);
    }
}
