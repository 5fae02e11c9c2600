// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts for {@code sys}, gathered as plain maps so that text and JSON come from the same values. */
final class SystemInfo {
    private SystemInfo() {
    }

    static Map<String, Object> uptime() {
        Map<String, Object> m = new LinkedHashMap<>();
        long ms = ManagementFactory.getRuntimeMXBean().getUptime();
        m.put("uptimeMs", ms);
        m.put("startedAt", java.time.Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
        return m;
    }

    static Map<String, Object> memory() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapUsedBytes", mem.getHeapMemoryUsage().getUsed());
        m.put("heapCommittedBytes", mem.getHeapMemoryUsage().getCommitted());
        m.put("heapMaxBytes", mem.getHeapMemoryUsage().getMax());
        m.put("nonHeapUsedBytes", mem.getNonHeapMemoryUsage().getUsed());
        m.put("residentBytes", residentBytes());
        return m;
    }

    /** VmRSS of /proc/self/status (proc(5)), or -1 where there is no /proc. */
    static long residentBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    String[] f = l.substring(6).strip().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static Map<String, Object> threads(boolean list) {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live", t.getThreadCount());
        m.put("daemon", t.getDaemonThreadCount());
        m.put("peak", t.getPeakThreadCount());
        if (list) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (ThreadInfo i : t.getThreadInfo(t.getAllThreadIds())) {
                if (i == null) {
                    continue;
                }
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", i.getThreadId());
                e.put("name", i.getThreadName());
                e.put("state", i.getThreadState().name());
                all.add(e);
            }
            m.put("threads", all);
        }
        return m;
    }
}
