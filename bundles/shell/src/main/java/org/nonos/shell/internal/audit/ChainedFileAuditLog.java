// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The shell's audit log as a file of chained records ({@link AuditLineFormat}), each synced to disk
 * before {@link #append} returns. On open the chain is continued from the last well-formed record; a
 * record cut by a crash stays in the file and {@link #verify()} reports it.
 */
public final class ChainedFileAuditLog implements AuditLog {
    private final Path file;
    private final Clock clock;
    private long lastSeq;
    private byte[] lastHash = AuditLineFormat.GENESIS;
    private boolean needsNewline;

    public ChainedFileAuditLog(Path file, Clock clock) throws AuditException {
        this.file = file;
        this.clock = clock;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                resume();
            }
        } catch (IOException e) {
            throw new AuditException("audit log " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    private void resume() throws IOException {
        byte[] all = Files.readAllBytes(file);
        needsNewline = all.length > 0 && all[all.length - 1] != '\n';
        for (String l : new String(all, StandardCharsets.UTF_8).split("\n")) {
            if (l.isEmpty()) {
                continue;
            }
            try {
                AuditRecord r = AuditLineFormat.parse(l);
                lastSeq = r.seq();
                lastHash = HexFormat.of().parseHex(r.hash());
            } catch (IllegalArgumentException e) {
                // Skipped here; verify() names it.
            }
        }
    }

    @Override
    public synchronized void append(AuditEvent event) throws AuditException {
        AuditRecord r = AuditLineFormat.make(lastSeq + 1, clock.instant(), event, lastHash);
        String text = (needsNewline ? "\n" : "") + AuditLineFormat.emit(r) + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new AuditException("audit log " + file + " cannot be written: " + e.getMessage());
        }
        needsNewline = false;
        lastSeq = r.seq();
        lastHash = HexFormat.of().parseHex(r.hash());
    }

    @Override
    public synchronized List<AuditRecord> tail(int n) throws AuditException {
        ArrayDeque<AuditRecord> last = new ArrayDeque<>();
        forEach(r -> {
            last.addLast(r);
            if (last.size() > n) {
                last.removeFirst();
            }
            return true;
        });
        return new ArrayList<>(last);
    }

    @Override
    public synchronized List<AuditRecord> search(String text, int limit) throws AuditException {
        String needle = text.toLowerCase(Locale.ROOT);
        List<AuditRecord> hits = new ArrayList<>();
        forEach(r -> {
            if ((r.user() + "\u0000" + r.kind() + "\u0000" + r.detail()).toLowerCase(Locale.ROOT).contains(needle)) {
                hits.add(r);
            }
            return hits.size() < limit;
        });
        return hits;
    }

    @Override
    public synchronized Verification verify() throws AuditException {
        byte[] prev = AuditLineFormat.GENESIS;
        long expectSeq = 1;
        long checked = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l;
            int lineNo = 0;
            while ((l = in.readLine()) != null) {
                lineNo++;
                AuditRecord r;
                try {
                    r = AuditLineFormat.parse(l);
                } catch (IllegalArgumentException e) {
                    return new Verification(checked, false, "line " + lineNo + " is malformed: " + e.getMessage());
                }
                if (r.seq() != expectSeq) {
                    return new Verification(checked, false, "record " + r.seq() + " where " + expectSeq + " was expected");
                }
                byte[] want = AuditLineFormat.expectedHash(l, prev);
                if (!java.security.MessageDigest.isEqual(want, HexFormat.of().parseHex(r.hash()))) {
                    return new Verification(checked, false, "record " + r.seq() + " does not match its chain hash");
                }
                prev = want;
                expectSeq++;
                checked++;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return new Verification(0, true, "");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AuditException("audit log " + file + " cannot be read: " + e.getMessage());
        }
        return new Verification(checked, true, "");
    }

    private interface Visitor {
        boolean visit(AuditRecord r);
    }

    private void forEach(Visitor v) throws AuditException {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l;
            while ((l = in.readLine()) != null) {
                AuditRecord r;
                try {
                    r = AuditLineFormat.parse(l);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!v.visit(r)) {
                    return;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AuditException("audit log " + file + " cannot be read: " + e.getMessage());
        }
    }
}
