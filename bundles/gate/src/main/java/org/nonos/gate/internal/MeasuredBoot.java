// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boot bundles the launcher measured: the {@code bundle} events of its measured-boot event
 * log ({@code <state>/boot/measurements}, framework property {@code nonos.boot.measurements}),
 * each {@code event <index> pcr=<n> sha256=<hex> bundle <path>}.
 *
 * <p>A boot bundle is trusted when its jar, read now, has exactly the SHA-256 the launcher
 * measured for that path before the JVM started. A jar changed after the measurement, or one the
 * launcher never saw, is not trusted. With no event log (no launcher, e.g. an embedded framework)
 * no bundle is trusted this way.
 *
 * <p>Checking "still has that SHA-256" does not always hash the jar again: the launcher remembers
 * each digest with the file's identity and version ({@code <state>/boot/digests}, beside the event
 * log: device, inode, size, modification and change times in nanoseconds; see
 * kernel-native/launcher/src/digest_cache.h). When that file names the measured digest for the jar
 * and the jar's version is still the same, it is the file the launcher hashed: any write gives it
 * a new change time, which an unprivileged process cannot set back (the reasoning of Linux IMA,
 * which measures a file once per inode version). Otherwise the jar is hashed. The digests file is
 * in the state directory, trusted like the rest of it; a malformed line is ignored.
 */
public final class MeasuredBoot {
    private static final Pattern EVENT = Pattern.compile("event \\d+ pcr=\\d+ sha256=([0-9a-f]{64}) bundle (.+)");
    /** A line of the launcher's digest cache: digest, dev, ino, size, mtime ns, ctime ns, path. */
    private static final Pattern DIGEST = Pattern.compile("([0-9a-f]{64}) ((?:\\d{1,20} ){4}\\d{1,20}) (/.+)");
    /** The launcher's digest cache file, beside the event log. */
    static final String DIGESTS = "digests";
    private static final int MAX_DIGESTS_BYTES = 1 << 20;

    private final Map<Path, String> measured;
    private final Map<Path, String> versions;
    private final java.util.concurrent.atomic.AtomicLong hashed = new java.util.concurrent.atomic.AtomicLong();

    private MeasuredBoot(Map<Path, String> measured, Map<Path, String> versions) {
        this.measured = Map.copyOf(measured);
        this.versions = Map.copyOf(versions);
    }

    /** No measurements: trusts no bundle. */
    public static MeasuredBoot none() {
        return new MeasuredBoot(Map.of(), Map.of());
    }

    /**
     * Reads the event log; lines other than bundle events are skipped (they measure the launcher,
     * the JVM and the configuration).
     *
     * @throws IOException when the log cannot be read
     */
    public static MeasuredBoot read(Path eventLog) throws IOException {
        Map<Path, String> m = new HashMap<>();
        for (String line : Files.readAllLines(eventLog, StandardCharsets.UTF_8)) {
            Matcher e = EVENT.matcher(line);
            if (e.matches()) {
                m.put(canonical(Path.of(e.group(2))), e.group(1));
            }
        }
        return new MeasuredBoot(m, versions(eventLog.resolveSibling(DIGESTS), m));
    }

    /**
     * The file versions for which the launcher's digest cache holds the digest it measured this
     * boot; empty when the file is missing, unreadable or too large.
     */
    static Map<Path, String> versions(Path digests, Map<Path, String> measured) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(digests)) {
            bytes = in.readNBytes(MAX_DIGESTS_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        if (bytes.length > MAX_DIGESTS_BYTES) {
            return Map.of();
        }
        Map<Path, String> v = new HashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            Matcher d = DIGEST.matcher(line);
            if (d.matches()) {
                try {
                    Path p = canonical(Path.of(d.group(3)));
                    if (d.group(1).equals(measured.get(p))) {
                        v.put(p, d.group(2));
                    }
                } catch (java.nio.file.InvalidPathException ignored) {
                    // not a path: the line is skipped
                }
            }
        }
        return v;
    }

    /** How many jars were hashed again (not found unchanged through the launcher's digest cache). */
    public long hashed() {
        return hashed.get();
    }

    public int size() {
        return measured.size();
    }

    /** Every measured boot bundle jar (canonical path) with its hex SHA-256 as measured. */
    public Map<Path, String> bundles() {
        return measured;
    }

    /**
     * The measured digest of the jar at a bundle location, when the location is a file the
     * launcher measured and the file still has that digest.
     *
     * @param location a bundle location ({@code reference:file:...} or {@code file:...})
     * @return the hex SHA-256 of the jar, or empty when not measured or changed since
     */
    public Optional<String> verify(String location) {
        Optional<Path> file = fileOf(location);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String expected = measured.get(file.get());
        if (expected == null) {
            return Optional.empty();
        }
        String version = versions.get(file.get());
        if (version != null && version.equals(versionOf(file.get()))) {
            return Optional.of(expected);
        }
        try {
            hashed.incrementAndGet();
            return expected.equals(sha256(file.get())) ? Optional.of(expected) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** dev, ino, size, mtime ns, ctime ns of a file, as the launcher's digest cache writes them; null if unknown. */
    static String versionOf(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return Long.toUnsignedString((Long) a.get("dev")) + " " + Long.toUnsignedString((Long) a.get("ino")) + " "
                    + a.get("size") + " " + ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime"))
                            .to(java.util.concurrent.TimeUnit.NANOSECONDS)
                    + " " + ((java.nio.file.attribute.FileTime) a.get("ctime")).to(java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    static Optional<Path> fileOf(String location) {
        String loc = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!loc.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(canonical(Path.of(URI.create(loc))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
