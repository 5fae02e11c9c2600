// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts of the state directory, in {@code <state>/accounts} (format: {@link AccountFile}).
 * Writes go to a temporary file that is synced and then renamed over the old one, so a crash leaves
 * either the old or the new file, never half of one.
 */
public final class AccountStore {
    public static final String FILE_NAME = "accounts";

    private final Path file;
    private Map<String, Account> accounts;

    private AccountStore(Path file, Map<String, Account> accounts) {
        this.file = file;
        this.accounts = accounts;
    }

    /** Loads the store; a missing file is an empty store (first boot), a damaged one an error. */
    public static AccountStore open(Path stateDir) throws IOException {
        Path f = stateDir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return new AccountStore(f, new LinkedHashMap<>());
        } catch (IOException e) {
            throw new AccountFileException("cannot read " + f + ": " + e.getMessage());
        }
        return new AccountStore(f, new LinkedHashMap<>(AccountFile.parse(bytes)));
    }

    public Path file() {
        return file;
    }

    public synchronized boolean isEmpty() {
        return accounts.isEmpty();
    }

    public synchronized Optional<Account> find(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    public synchronized Map<String, Account> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
    }

    /** Adds or replaces an account and writes the file; on a write error nothing changes. */
    public synchronized void put(Account a) throws IOException {
        Map<String, Account> next = new LinkedHashMap<>(accounts);
        next.put(a.name(), a);
        write(next);
        accounts = next;
    }

    private void write(Map<String, Account> next) throws IOException {
        byte[] bytes = AccountFile.emit(next);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp + " with owner-only access");
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("state directory cannot replace files atomically: " + file.getParent());
        }
    }
}
