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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The boot bundles the launcher measured: the {@code bundle} events of its measured-boot event
 * log ({@code <state>/boot/measurements}, framework property {@code nonos.boot.measurements}),
 * each {@code event <index> pcr=<n> sha256=<hex> bundle <path>}.
 *
 * <p>A boot bundle is trusted when its jar has exactly the SHA-256 the launcher measured for that
 * path before the JVM started: either it is still the file version the launcher hashed
 * ({@link FileVersions}: same device, inode, size and times), or it is hashed again now. A jar
 * changed after the measurement, or one the launcher never saw, is not trusted. With no event log (no launcher, e.g. an embedded framework)
 * no bundle is trusted this way.
 */
public final class MeasuredBoot {
    /** The launcher's record of the file versions it hashed, beside the event log. */
    static final String DIGESTS = "digests";
    private static final Pattern EVENT = Pattern.compile("event \\d+ pcr=\\d+ sha256=([0-9a-f]{64}) bundle (.+)");

    private final Map<Path, String> measured;
    private final FileVersions versions;
    private final AtomicLong hashed = new AtomicLong();

    private MeasuredBoot(Map<Path, String> measured, FileVersions versions) {
        this.measured = Map.copyOf(measured);
        this.versions = versions;
    }

    /** No measurements: trusts no bundle. */
    public static MeasuredBoot none() {
        return new MeasuredBoot(Map.of(), FileVersions.none());
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
        Path dir = eventLog.toAbsolutePath().getParent();
        return new MeasuredBoot(m, dir == null ? FileVersions.none() : FileVersions.read(dir.resolve(DIGESTS)));
    }

    /** How many jars were hashed again (not found unchanged through the launcher's record). */
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
        if (versions.unchanged(file.get(), expected)) {
            return Optional.of(expected); // the very file version the launcher hashed (FileVersions)
        }
        try {
            hashed.incrementAndGet();
            return expected.equals(sha256(file.get())) ? Optional.of(expected) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** dev, ino, size, mtime ns, ctime ns of a file as the launcher's record writes them (tests); null if unknown. */
    static String versionOf(Path file) {
        return FileVersions.versionOf(file);
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

    static Path canonical(Path p) {
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
