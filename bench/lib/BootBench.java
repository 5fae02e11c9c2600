// SPDX-License-Identifier: Apache-2.0

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The harness of bench/boot (run as a single-file program): times boots of bin/nonos on a
 * pseudo-terminal and of Apache Karaf on one, and prints RESULT and RATIO lines.
 */
public final class BootBench {
    /** What the serial line shows when the system is ready (--ready: the login prompt, or the framework line). */
    static Pattern nonosReady;
    static final Pattern KARAF_READY = Pattern.compile("@root\\(\\)>");
    static final long TIMEOUT_MS = 120_000;

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i], argv[i + 1]);
        }
        int runs = Integer.parseInt(a.get("--runs"));
        nonosReady = Pattern.compile(Pattern.quote(a.get("--ready")));
        System.out.println("bench/boot: nonos is ready at '" + a.get("--ready") + "' on its serial line");
        List<String> nonos = List.of(a.get("--nonos"), "--serial", "pty", "--state", a.get("--state"),
                "--admin-password-file", a.get("--password-file"));

        System.out.println("bench/boot: warm-up boot of nonos (not measured)");
        bootNonos(nonos);
        long[] ms = new long[runs];
        long[] rss = new long[runs];
        long[] cpu = new long[runs];
        long[] compilerCpu = new long[runs];
        long[] bootPathCpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long[] r = bootNonos(nonos);
            ms[i] = r[0];
            rss[i] = r[1];
            cpu[i] = r[2];
            compilerCpu[i] = r[3];
            bootPathCpu[i] = r[4];
            System.out.printf("nonos run %d: %d ms, RSS %.1f MB, CPU %d ms (JIT compiler %d ms, boot path %d ms)%n",
                    i + 1, r[0], r[1] / 1024.0, r[2], r[3], r[4]);
        }

        long warm = -1;
        if (a.get("--ready").equals("login: ")) {
            String password = Files.readString(Path.of(a.get("--password-file"))).strip();
            long[] w = warmBoots(nonos, password, runs);
            warm = median(w);
        }

        Path karaf = Path.of(a.get("--karaf"));
        System.out.println("bench/boot: warm-up boot of Karaf (not measured)");
        bootKaraf(karaf, a.get("--karaf-java"));
        long[] kms = new long[runs];
        for (int i = 0; i < runs; i++) {
            kms[i] = bootKaraf(karaf, a.get("--karaf-java"));
            System.out.printf("karaf run %d: %d ms%n", i + 1, kms[i]);
        }
        long boot = median(ms);
        long karafBoot = median(kms);
        System.out.printf("RESULT boot_ms=%d ms%n", boot);
        System.out.printf("RESULT rss=%.1f MB%n", median(rss) / 1024.0);
        // Processor time the process used until ready, all its threads (JIT compiler and GC
        // included): on N cores no boot is shorter than this divided by N.
        System.out.printf("RESULT boot_cpu_ms=%d ms%n", median(cpu));
        // Of it: the JIT compiler's threads, and the threads the boot runs on one after the other
        // (the launcher's thread that creates the JVM and inits Felix, Felix's start-level thread, the
        // console session up to the prompt). The second is a floor for the boot on any number of cores.
        System.out.printf("RESULT boot_cpu_jit_ms=%d ms%n", median(compilerCpu));
        System.out.printf("RESULT boot_cpu_boot_path_ms=%d ms%n", median(bootPathCpu));
        if (warm >= 0) {
            System.out.printf("RESULT warm_boot_ms=%d ms%n", warm);
        }
        System.out.printf("RESULT karaf_boot_ms=%d ms%n", karafBoot);
        System.out.printf("RATIO boot=%.3f%n", (double) boot / karafBoot);
    }

    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * One boot: {wall ms from exec to ready on the pty, VmRSS kB, CPU ms (user + system) of the process,
     * of its JIT compiler threads and of its boot-path threads, at that moment}.
     */
    static long[] bootNonos(List<String> cmd) throws Exception {
        Path out = Files.createTempFile("nonos-bench", ".out");
        Path err = Files.createTempFile("nonos-bench", ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            String pts = null;
            while (pts == null) {
                String s = Files.readString(out);
                int nl = s.indexOf('\n');
                if (nl >= 0) {
                    pts = s.substring(0, nl);
                } else if (!p.isAlive() || elapsed(t0) > TIMEOUT_MS) {
                    throw new IOException("nonos printed no pty path: " + Files.readString(err));
                } else {
                    Thread.sleep(1);
                }
            }
            try (InputStream in = new FileInputStream(pts)) {
                // Raw: a prompt without a line end must reach us (canonical mode holds it back).
                Process stty = new ProcessBuilder("stty", "-F", pts, "raw", "-echo").start();
                if (!stty.waitFor(10, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                    throw new IOException("stty -F " + pts + " failed");
                }
                waitFor(in, nonosReady, t0, p, err);
                long ms = elapsed(t0);
                long rss = vmRssKb(p.pid());
                long cpuMs = p.toHandle().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
                long[] threads = threadCpuMs(p.pid());
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IOException("nonos did not stop after SIGTERM");
                }
                if (p.exitValue() != 0) {
                    throw new IOException("nonos exited " + p.exitValue() + ": " + Files.readString(err));
                }
                return new long[] {ms, rss, cpuMs, threads[0], threads[1]};
            }
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Warm boots: one system, logged in as admin, runs `reboot` n times; each is timed from the
     * command to the next login prompt (the framework restarts inside the same process).
     */
    static long[] warmBoots(List<String> cmd, String password, int n) throws Exception {
        Path out = Files.createTempFile("nonos-bench", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        long[] ms = new long[n];
        try {
            long t0 = System.nanoTime();
            String pts = null;
            while (pts == null) {
                String s = Files.readString(out);
                if (s.indexOf('\n') >= 0) {
                    pts = s.substring(0, s.indexOf('\n'));
                } else if (!p.isAlive() || elapsed(t0) > TIMEOUT_MS) {
                    throw new IOException("nonos printed no pty path");
                } else {
                    Thread.sleep(1);
                }
            }
            try (InputStream in = new FileInputStream(pts); java.io.OutputStream os = new java.io.FileOutputStream(pts)) {
                new ProcessBuilder("stty", "-F", pts, "raw", "-echo").start().waitFor(10, TimeUnit.SECONDS);
                Pattern login = Pattern.compile("login: ");
                Pattern prompt = Pattern.compile("@nonos> ");
                waitFor(in, login, t0, p, null);
                for (int i = 0; i <= n; i++) {
                    os.write("admin\r".getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    waitFor(in, Pattern.compile("Password: "), System.nanoTime(), p, null);
                    os.write((password + "\r").getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    waitFor(in, prompt, System.nanoTime(), p, null);
                    if (i == n) {
                        break;
                    }
                    long t = System.nanoTime();
                    os.write("reboot\r".getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    waitFor(in, login, t, p, null);
                    ms[i] = elapsed(t);
                    System.out.printf("nonos warm boot %d: %d ms%n", i + 1, ms[i]);
                }
                os.write("shutdown\r".getBytes(StandardCharsets.UTF_8));
                os.flush();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("nonos did not shut down cleanly");
                }
            }
            return ms;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }

    /** One Karaf boot on a pty (script(1) makes it): wall ms from exec to the console prompt. */
    static long bootKaraf(Path karaf, String javaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", karaf.resolve("bin/karaf").toString(), "/dev/null");
        pb.environment().put("JAVA_HOME", javaHome);
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (InputStream in = p.getInputStream()) {
            waitFor(in, KARAF_READY, t0, p, null);
            long ms = elapsed(t0);
            p.getOutputStream().write("shutdown -f\r".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("karaf did not stop");
            }
            return ms;
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    static void waitFor(InputStream in, Pattern ready, long t0, Process p, Path err) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        while (!ready.matcher(seen).find()) {
            if (elapsed(t0) > TIMEOUT_MS) {
                throw new IOException("not ready within " + TIMEOUT_MS + " ms; saw: " + seen);
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("output ended before ready (exit " + (p.isAlive() ? "?" : p.exitValue()) + "); saw: "
                        + seen + (err == null ? "" : "; stderr: " + Files.readString(err)));
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }

    /** Threads the boot runs on in turn, by their names in /proc (at most 15 characters). */
    static final List<String> BOOT_PATH_THREADS = List.of("nonos", "FelixStartLevel", "nonos-console");

    /** CPU ms (user + system) of the live threads of {@code pid}: {JIT compiler threads, boot-path threads}. */
    static long[] threadCpuMs(long pid) throws IOException {
        long ticksPerSecond = 100; // USER_HZ: fixed at 100 in the Linux ABI on x86-64
        long compiler = 0;
        long bootPath = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / ticksPerSecond;
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    compiler += ms;
                } else if (BOOT_PATH_THREADS.contains(name)) {
                    bootPath += ms;
                }
            }
        }
        return new long[] {compiler, bootPath};
    }

    static long vmRssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    private BootBench() {
    }
}
