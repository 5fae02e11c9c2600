// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainedFileAuditLogTest {
    @TempDir
    Path dir;

    private ChainedFileAuditLog log() throws AuditException {
        return new ChainedFileAuditLog(dir.resolve("audit/shell.log"), Clock.systemUTC());
    }

    private static AuditEvent cmd(String detail) {
        return new AuditEvent("ttyS0", "admin", AuditEvent.Kind.COMMAND, detail);
    }

    @Test
    void appendTailSearchVerify() throws Exception {
        ChainedFileAuditLog log = log();
        for (int i = 1; i <= 30; i++) {
            log.append(cmd("lb " + i));
        }
        List<AuditRecord> tail = log.tail(3);
        assertEquals(List.of(28L, 29L, 30L), tail.stream().map(AuditRecord::seq).toList());
        assertEquals("lb 30", tail.get(2).detail());
        assertEquals(List.of(1L, 10L, 11L, 12L), log.search("LB 1", 4).stream().map(AuditRecord::seq).toList());
        AuditLog.Verification v = log.verify();
        assertTrue(v.intact());
        assertEquals(30, v.checked());
    }

    @Test
    void chainContinuesAcrossReopen() throws Exception {
        log().append(cmd("one"));
        ChainedFileAuditLog again = log();
        again.append(cmd("two"));
        assertEquals(2, again.verify().checked());
        assertTrue(again.verify().intact());
        assertEquals(2, again.tail(5).get(1).seq());
    }

    @Test
    void anyChangedByteIsDetected() throws Exception {
        ChainedFileAuditLog log = log();
        for (int i = 0; i < 5; i++) {
            log.append(cmd("command " + i));
        }
        Path f = log.file();
        byte[] good = Files.readAllBytes(f);
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("anyChangedByteIsDetected seed=" + seed);
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 50; trial++) {
            byte[] bad = good.clone();
            int at = rnd.nextInt(bad.length);
            byte was = bad[at];
            do {
                bad[at] = (byte) (0x21 + rnd.nextInt(0x5e));
            } while (bad[at] == was);
            Files.write(f, bad);
            AuditLog.Verification v = log.verify();
            assertFalse(v.intact(), "seed=" + seed + " changed byte " + at);
        }
        Files.write(f, good);
        assertTrue(log.verify().intact());
    }

    @Test
    void deletedRecordIsDetected() throws Exception {
        ChainedFileAuditLog log = log();
        for (int i = 0; i < 3; i++) {
            log.append(cmd("c" + i));
        }
        List<String> lines = Files.readAllLines(log.file());
        lines.remove(1);
        Files.write(log.file(), lines);
        AuditLog.Verification v = log.verify();
        assertFalse(v.intact());
        assertTrue(v.problem().contains("record 3 where 2 was expected"), v.problem());
    }

    @Test
    void typedControlCharactersCannotForgeRecords() throws Exception {
        ChainedFileAuditLog log = log();
        String evil = "x\n2\t2026-01-01T00:00:00Z\tttyS0\troot\tLOGIN\t\t" + "0".repeat(64) + "\u001b[2J\\x41\ud800";
        log.append(cmd(evil));
        assertEquals(1, Files.readAllLines(log.file()).size());
        AuditRecord r = log.tail(1).get(0);
        assertEquals(evil.replace('\ud800', '\ufffd'), r.detail());
        assertTrue(log.verify().intact());
    }

    @Test
    void tornLastRecordIsReportedAndTheChainGoesOn() throws Exception {
        ChainedFileAuditLog log = log();
        log.append(cmd("a"));
        log.append(cmd("b"));
        byte[] b = Files.readAllBytes(log.file());
        Files.write(log.file(), java.util.Arrays.copyOf(b, b.length - 10));
        ChainedFileAuditLog again = log();
        again.append(cmd("c"));
        AuditLog.Verification v = again.verify();
        assertFalse(v.intact());
        assertTrue(v.problem().contains("line 2 is malformed"), v.problem());
        assertEquals("c", again.tail(1).get(0).detail());
    }

    @Test
    void unwritableLogFailsClosed() throws Exception {
        ChainedFileAuditLog log = log();
        Files.createDirectories(log.file());
        AuditException e = assertThrows(AuditException.class, () -> log.append(cmd("x")));
        assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
    }

    @Test
    void escapeRoundTrip() {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("escapeRoundTrip seed=" + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(20);
            for (int k = 0; k < n; k++) {
                sb.append((char) (rnd.nextBoolean() ? rnd.nextInt(0x100) : rnd.nextInt(0x10000)));
            }
            String s = sb.toString();
            String esc = AuditLineFormat.escape(s);
            assertFalse(esc.chars().anyMatch(c -> c < 0x20 || c == 0x7f), "seed=" + seed);
            assertEquals(esc, AuditLineFormat.escape(AuditLineFormat.unescape(esc)), "seed=" + seed);
            assertTrue(new String(esc.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(esc), "seed=" + seed);
        }
        assertThrows(IllegalArgumentException.class, () -> AuditLineFormat.unescape("\\"));
        assertThrows(IllegalArgumentException.class, () -> AuditLineFormat.unescape("\\x4"));
        assertThrows(IllegalArgumentException.class, () -> AuditLineFormat.unescape("\\q"));
    }
}
