// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nonos.shell.internal.CommandFailure;
import org.nonos.shell.internal.audit.AuditEvent;
import org.nonos.shell.internal.KernelFixture;

class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEX = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void sysTextAndJson() throws Exception {
        SysCommands sys = new SysCommands(Map.<String, String>of()::get);
        String text = sys.sys(false);
        assertTrue(text.startsWith("uptime   "), text);
        assertTrue(text.contains("\nmemory   heap "), text);
        assertTrue(text.contains("\nthreads  "), text);
        JsonNode j = JSON.readTree(sys.sys(true));
        assertTrue(j.get("uptime").get("uptimeMs").asLong() > 0);
        assertTrue(j.get("memory").get("heapUsedBytes").asLong() > 0);
        assertTrue(j.get("memory").get("residentBytes").asLong() > 0);
        assertTrue(j.get("threads").get("live").asInt() > 0);
        JsonNode threads = JSON.readTree(sys.sys(true, "threads"));
        assertTrue(threads.get("threads").isArray() && threads.get("threads").size() > 0);
        assertTrue(sys.sys(false, "threads").contains(Thread.currentThread().getName()));
        CommandFailure e = assertThrows(CommandFailure.class, () -> sys.sys(false, "nonsense"));
        assertTrue(e.getMessage().contains("unknown topic 'nonsense'"));
    }

    @Test
    void sysReportsTheLaunchersSandbox() throws Exception {
        String applied = "landlock ABI 7 (fs, net, scope), seccomp: on (51 syscalls)";
        SysCommands sys = new SysCommands(Map.of("nonos.sandbox", applied,
            "nonos.sandbox.landlock", "landlock ABI 7 (fs, net, scope)",
            "nonos.sandbox.seccomp", "seccomp: on (51 syscalls)")::get);
        assertTrue(sys.sys(false).contains("\nsandbox  " + applied), sys.sys(false));
        assertEquals("sandbox  " + applied, sys.sys(false, "sandbox"));
        JsonNode j = JSON.readTree(sys.sys(true));
        assertEquals(applied, j.get("sandbox").get("summary").asText());
        assertEquals("seccomp: on (51 syscalls)", j.get("sandbox").get("seccomp").asText());
        JsonNode only = JSON.readTree(sys.sys(true, "sandbox"));
        assertEquals("landlock ABI 7 (fs, net, scope)", only.get("landlock").asText());

        SysCommands off = new SysCommands(Map.of("nonos.sandbox", "not applied: --no-sandbox")::get);
        assertEquals("sandbox  not applied: --no-sandbox", off.sys(false, "sandbox"));
        assertEquals("", JSON.readTree(off.sys(true, "sandbox")).get("seccomp").asText());
        SysCommands none = new SysCommands(Map.<String, String>of()::get);
        assertEquals("sandbox  unknown (not booted by the launcher)", none.sys(false, "sandbox"));
    }

    @Test
    void sysReportsTheClassDataArchive() throws Exception {
        String archive = "aot /opt/nonos/var/cds/nonos-34f14bf249021a57.aot";
        SysCommands sys = new SysCommands(Map.of("nonos.cds", archive)::get);
        String vm = System.getProperty("java.vm.info");
        assertEquals("classes  " + archive + " (JVM: " + vm + ")", sys.sys(false, "classes"));
        assertTrue(sys.sys(false).contains("\nclasses  " + archive), sys.sys(false));
        JsonNode j = JSON.readTree(sys.sys(true));
        assertEquals(archive, j.get("classes").get("archive").asText());
        assertEquals(vm, j.get("classes").get("jvm").asText());
        SysCommands none = new SysCommands(Map.<String, String>of()::get);
        assertEquals("unknown (not booted by the launcher)",
            JSON.readTree(none.sys(true, "classes")).get("archive").asText());
    }

    @Test
    void sysBootReadsTheLaunchersEventLog() throws Exception {
        Path f = dir.resolve("boot/measurements");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "event 0 pcr=0 sha256=" + HEX + " launcher /opt/nonos/bin/nonos\n"
            + "event 1 pcr=3 sha256=" + HEX + " bundle /opt/nonos/system/a b.jar\n"
            + "pcr 0 sha256=" + HEX + "\n");
        SysCommands sys = new SysCommands(Map.of("nonos.state", dir.toString())::get);
        String text = sys.sys(false, "boot");
        assertTrue(text.contains("  1 pcr3 " + HEX + " bundle /opt/nonos/system/a b.jar"), text);
        assertTrue(text.contains("pcr0 = " + HEX), text);
        JsonNode j = JSON.readTree(sys.sys(true, "boot"));
        assertEquals(2, j.get("events").size());
        assertEquals("bundle /opt/nonos/system/a b.jar", j.get("events").get(1).get("description").asText());
        assertEquals(3, j.get("events").get(1).get("pcr").asInt());

        Files.writeString(f, "event 0 pcr=0 sha256=" + HEX + " ok\nevent x\n");
        CommandFailure bad = assertThrows(CommandFailure.class, () -> sys.sys(false, "boot"));
        assertTrue(bad.getMessage().contains("line 2 is malformed"), bad.getMessage());
        SysCommands none = new SysCommands(Map.of("nonos.boot.measurements", dir.resolve("nope").toString())::get);
        assertTrue(assertThrows(CommandFailure.class, () -> none.sys(false, "boot")).getMessage().contains("no event log"));
    }

    @Test
    void auditTailSearchVerifyOverTheKernelsLog() throws Exception {
        KernelFixture k = new KernelFixture();
        for (int i = 0; i < 25; i++) {
            k.audit.append(new AuditEvent("ttyS0", "admin", AuditEvent.Kind.COMMAND, "cmd " + i + (i == 3 ? "\u001b[31m" : "")));
        }
        AuditCommands audit = new AuditCommands(() -> k.admin);
        // Reading the log writes the pending call.summary records first (docs/kernel.md), so the
        // shell's last record is among the last few, not necessarily the last.
        String tail = audit.audit(false, "tail", "5");
        assertEquals(5, tail.lines().count());
        assertTrue(tail.lines().anyMatch(l -> l.endsWith("shell.command line=ttyS0 user=admin cmd 24")), tail);
        assertEquals(20, audit.audit(false, "tail").lines().count());
        JsonNode t = JSON.readTree(audit.audit(true, "search", "cmd 24"));
        assertEquals(1, t.size());
        assertEquals("event", t.get(0).get("op").asText());
        assertEquals("OK", t.get(0).get("result").asText());
        assertEquals(k.domain.id().value(), t.get(0).get("domain").asInt());
        assertEquals(64, t.get(0).get("hash").asText().length());
        JsonNode two = JSON.readTree(audit.audit(true, "tail", "2"));
        assertEquals(two.get(0).get("seq").asLong() + 1, two.get(1).get("seq").asLong());
        String hit = audit.audit(false, "search", "user=admin cmd 3");
        assertTrue(hit.endsWith("cmd 3\\x1b[31m"), "control bytes are shown escaped: " + hit);
        String verified = audit.audit(false, "verify");
        assertTrue(verified.matches("audit chain intact: \\d+ records checked"), verified);
        JsonNode v = JSON.readTree(audit.audit(true, "verify"));
        assertTrue(v.get("intact").asBoolean());
        assertTrue(v.get("checked").asLong() >= two.get(1).get("seq").asLong());
        for (List<String> bad : List.of(List.of("tail", "x"), List.of("tail", "0"), List.of("frob", "1"))) {
            assertThrows(CommandFailure.class, () -> audit.audit(false, bad.get(0), bad.get(1)));
        }
        assertThrows(CommandFailure.class, () -> audit.audit(false, "search"));
        CommandFailure none = assertThrows(CommandFailure.class, () -> new AuditCommands(() -> null).audit(false, "verify"));
        assertTrue(none.getMessage().contains("no administrator capability"), none.getMessage());
    }
}
