// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nonos.shell.internal.CommandFailure;

/** {@code sys}: uptime, memory, threads, the host sandbox and the measured-boot event log. */
public final class SysCommands {
    static final String MEASUREMENTS = "nonos.boot.measurements";
    /** What the launcher applied before the JVM started (docs/boot.md, "The sandbox"). */
    static final String SANDBOX = "nonos.sandbox";
    static final String SANDBOX_LANDLOCK = "nonos.sandbox.landlock";
    static final String SANDBOX_SECCOMP = "nonos.sandbox.seccomp";
    /** The launcher's class-data archive for this boot (docs/boot.md, "Class-data archive"). */
    static final String CDS = "nonos.cds";

    private final Function<String, String> props;

    public SysCommands(Function<String, String> props) {
        this.props = props;
    }

    @Descriptor("system summary: uptime, memory, threads, sandbox, class-data archive")
    public String sys(
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        return sys(json, "summary");
    }

    @Descriptor("system facts: summary, uptime, memory, threads (each thread), sandbox, classes (class-data archive), "
        + "boot (measured-boot event log)")
    public String sys(
        @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
        @Descriptor("summary | uptime | memory | threads | sandbox | classes | boot") String what) {
        Map<String, Object> data = switch (what) {
            case "summary" -> summary();
            case "uptime" -> SystemInfo.uptime();
            case "memory" -> SystemInfo.memory();
            case "threads" -> SystemInfo.threads(true);
            case "sandbox" -> sandbox();
            case "classes" -> classes();
            case "boot" -> boot();
            default -> throw new CommandFailure(
                "sys: unknown topic '" + what + "' (summary, uptime, memory, threads, sandbox, classes, boot)");
        };
        return json ? Json.of(data) : text(what, data);
    }

    private Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uptime", SystemInfo.uptime());
        m.put("memory", SystemInfo.memory());
        m.put("threads", SystemInfo.threads(false));
        m.put("sandbox", sandbox());
        m.put("classes", classes());
        return m;
    }

    /**
     * The class-data archive the launcher chose for this boot, and the JVM's own word on whether it
     * shares archived classes ({@code java.vm.info} says "sharing" when it mapped an archive).
     */
    Map<String, Object> classes() {
        Map<String, Object> m = new LinkedHashMap<>();
        String archive = props.apply(CDS);
        m.put("archive", archive == null || archive.isBlank() ? "unknown (not booted by the launcher)" : archive);
        m.put("jvm", orEmpty(System.getProperty("java.vm.info")));
        return m;
    }

    /** The launcher's report of the host sandbox: what is in force, or why not. */
    Map<String, Object> sandbox() {
        Map<String, Object> m = new LinkedHashMap<>();
        String summary = props.apply(SANDBOX);
        m.put("summary", summary == null || summary.isBlank() ? "unknown (not booted by the launcher)" : summary);
        m.put("landlock", orEmpty(props.apply(SANDBOX_LANDLOCK)));
        m.put("seccomp", orEmpty(props.apply(SANDBOX_SECCOMP)));
        return m;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    Map<String, Object> boot() {
        String p = props.apply(MEASUREMENTS);
        if (p == null || p.isBlank()) {
            String state = props.apply("nonos.state");
            if (state == null) {
                state = props.apply("nonos.state.dir");
            }
            if (state == null) {
                throw new CommandFailure("sys boot: no event log (nonos.boot.measurements is not set)");
            }
            p = Path.of(state, "boot", "measurements").toString();
        }
        String text;
        try {
            text = Files.readString(Path.of(p), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("sys boot: no event log at " + p + " (not booted by the launcher?)");
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("sys boot: cannot read " + p + ": " + e.getMessage());
        }
        BootLog log;
        try {
            log = BootLog.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("sys boot: " + p + ": " + e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p);
        m.put("events", log.events());
        m.put("registers", log.registers());
        return m;
    }

    @SuppressWarnings("unchecked")
    static String text(String what, Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        switch (what) {
            case "summary" -> {
                uptimeText(sb, (Map<String, Object>) d.get("uptime"));
                memoryText(sb, (Map<String, Object>) d.get("memory"));
                threadsText(sb, (Map<String, Object>) d.get("threads"));
                sandboxText(sb, (Map<String, Object>) d.get("sandbox"));
                classesText(sb, (Map<String, Object>) d.get("classes"));
            }
            case "uptime" -> uptimeText(sb, d);
            case "memory" -> memoryText(sb, d);
            case "sandbox" -> sandboxText(sb, d);
            case "classes" -> classesText(sb, d);
            case "threads" -> {
                threadsText(sb, d);
                for (Map<String, Object> t : (List<Map<String, Object>>) d.get("threads")) {
                    sb.append(String.format("%6d %-13s %s%n", (Long) t.get("id"), t.get("state"), t.get("name")));
                }
            }
            case "boot" -> {
                sb.append("event log ").append(d.get("file")).append('\n');
                for (BootLog.Event e : (List<BootLog.Event>) d.get("events")) {
                    sb.append(String.format("%3d pcr%d %s %s%n", e.index(), e.pcr(), e.sha256(), e.description()));
                }
                for (BootLog.Register r : (List<BootLog.Register>) d.get("registers")) {
                    sb.append(String.format("pcr%d = %s%n", r.pcr(), r.sha256()));
                }
            }
            default -> throw new CommandFailure("sys: unknown topic '" + what + "'");
        }
        return sb.toString().stripTrailing();
    }

    private static void uptimeText(StringBuilder sb, Map<String, Object> u) {
        long ms = (Long) u.get("uptimeMs");
        long s = ms / 1000;
        sb.append(String.format("uptime   %dd %02d:%02d:%02d (since %s)%n", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60,
            u.get("startedAt")));
    }

    private static void memoryText(StringBuilder sb, Map<String, Object> m) {
        sb.append(String.format("memory   heap %s used / %s committed / %s max, non-heap %s, resident %s%n",
            mib(m.get("heapUsedBytes")), mib(m.get("heapCommittedBytes")), mib(m.get("heapMaxBytes")),
            mib(m.get("nonHeapUsedBytes")), mib(m.get("residentBytes"))));
    }

    private static void sandboxText(StringBuilder sb, Map<String, Object> s) {
        sb.append("sandbox  ").append(s.get("summary")).append('\n');
    }

    private static void classesText(StringBuilder sb, Map<String, Object> c) {
        sb.append("classes  ").append(c.get("archive")).append(" (JVM: ").append(c.get("jvm")).append(")\n");
    }

    private static void threadsText(StringBuilder sb, Map<String, Object> t) {
        sb.append(String.format("threads  %d live, %d daemon, %d peak%n", t.get("live"), t.get("daemon"), t.get("peak")));
    }

    private static String mib(Object bytes) {
        long b = ((Number) bytes).longValue();
        return b < 0 ? "n/a" : String.format("%.1f MiB", b / (1024.0 * 1024.0));
    }
}
