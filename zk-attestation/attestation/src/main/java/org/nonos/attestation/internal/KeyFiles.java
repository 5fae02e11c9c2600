// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writing files whole and atomically (a temporary file in the same directory, then a rename), secret
 * ones readable by their owner only (0600, set before any byte is written), and reading files with
 * a size limit.
 */
public final class KeyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private KeyFiles() {}

    /** Writes a secret file (0600); refuses to overwrite an existing one. */
    public static void writeSecret(Path file, byte[] content) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a key file is never overwritten");
        }
        write(file, content, OWNER_ONLY);
    }

    /** Writes a public file (0644), replacing it atomically. */
    public static void writePublic(Path file, byte[] content) throws IOException {
        write(file, content, PUBLIC);
    }

    private static void write(Path file, byte[] content, Set<PosixFilePermission> perms) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, perms);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a whole file of at most {@code maxBytes}. */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + " has " + size + " bytes, more than the " + maxBytes + " expected");
        }
        return Files.readAllBytes(file);
    }
}
