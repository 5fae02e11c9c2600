// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;

/**
 * The locations the boot installed its boot bundles from, kept with the framework cache (a data
 * file of the system bundle, so it goes when the cache goes). It tells a boot bundle of an earlier
 * {@code system/} directory from a bundle an administrator or hot deploy installed: when the
 * distribution moves, or a new version is unpacked elsewhere and boots with the same state
 * directory, the bundles of the old place are uninstalled instead of standing in the way of the new
 * ones.
 *
 * <p>One location a line. A cache without the record (made before it existed) counts as boot
 * bundles the jars referenced in place in a directory named {@code system}, as the boot installs
 * them.
 */
final class BootBundleRecord {
    static final String FILE = "boot-bundles";

    /** The record file, or null when the framework has no file system for data files. */
    private final Path file;
    /** The locations recorded, or null when there is no record yet. */
    private final Set<String> recorded;

    private BootBundleRecord(Path file, Set<String> recorded) {
        this.file = file;
        this.recorded = recorded;
    }

    /** Reads the record of the framework whose system bundle context this is. */
    static BootBundleRecord of(BundleContext systemContext) throws BootException {
        File f = systemContext.getDataFile(FILE);
        if (f == null) {
            return new BootBundleRecord(null, null);
        }
        Path p = f.toPath();
        if (!Files.exists(p)) {
            return new BootBundleRecord(p, null);
        }
        try {
            Set<String> locations = new TreeSet<>();
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    locations.add(line.strip());
                }
            }
            return new BootBundleRecord(p, locations);
        } catch (IOException e) {
            throw new BootException("cannot read the record of the boot bundles " + p + ": " + e.getMessage(), e);
        }
    }

    /** Whether an earlier boot installed the bundle at {@code location} as a boot bundle. */
    boolean isBootBundle(String location) {
        if (recorded != null) {
            return recorded.contains(location);
        }
        return isReferenceIntoSystemDirectory(location);
    }

    /** A {@code reference:file:} location of a jar directly in a directory named {@code system}. */
    static boolean isReferenceIntoSystemDirectory(String location) {
        if (!location.startsWith("reference:file:") || !location.endsWith(".jar")) {
            return false;
        }
        int slash = location.lastIndexOf('/');
        return slash > 0 && location.substring(0, slash).endsWith("/system");
    }

    /**
     * Records {@code locations} as the boot bundles, when they differ from the record: a boot
     * from an unchanged distribution writes nothing. Written whole and renamed into place.
     */
    void write(Set<String> locations) throws BootException {
        Set<String> sorted = new TreeSet<>(locations);
        if (file == null || sorted.equals(recorded)) {
            return;
        }
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(tmp, sorted, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BootException("cannot write the record of the boot bundles " + file + ": " + e.getMessage(), e);
        }
    }
}
