// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The launcher's class-data archive as this JVM found it (docs/boot.md, "Class-data archive"). The
 * launcher hands the JVM the archive it made after an earlier boot; a JVM that cannot map it (a
 * truncated or damaged file) says so on standard error and runs without it, slower. Left in place,
 * the archive would be offered, refused and reported on every boot, so the boot removes it: the
 * next boot records again and the launcher makes a new one after it.
 */
final class ClassArchive {
    /** Boot property: {@code aot <file>}, {@code static <file>}, {@code recording (...)} or {@code off: <why>}. */
    static final String PROPERTY = "nonos.cds";

    private ClassArchive() {
    }

    /**
     * The archive file the launcher gave this JVM, when the JVM did not map it: {@code vmInfo} is
     * {@code java.vm.info}, which says "sharing" when an archive is mapped.
     */
    static Optional<Path> unmapped(String cds, String vmInfo) {
        if (cds == null || vmInfo == null || vmInfo.contains("sharing")) {
            return Optional.empty();
        }
        for (String kind : new String[] {"aot ", "static "}) {
            if (cds.startsWith(kind) && cds.length() > kind.length()) {
                return Optional.of(Path.of(cds.substring(kind.length())));
            }
        }
        return Optional.empty();
    }

    /** Removes the archive this JVM could not map, with one line on standard error; never fails the boot. */
    static void dropIfUnmapped(String cds) {
        unmapped(cds, System.getProperty("java.vm.info")).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
                System.err.println("nonos: the class-data archive " + file
                        + " could not be mapped; it is removed, and the next boot makes a new one");
            } catch (IOException | SecurityException e) {
                System.err.println("nonos: the class-data archive " + file + " could not be mapped, nor removed: "
                        + e.getMessage());
            }
        });
    }
}
