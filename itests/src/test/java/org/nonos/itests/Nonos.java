// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the distribution's {@code bin/nonos} as a separate process, its standard output and
 * error written to files. {@link #close} ends it for good (SIGKILL) if it still runs.
 */
final class Nonos implements AutoCloseable {
    /** Generous bounds: the tests run on small shared machines. */
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    final Process process;
    private final Path outFile;
    private final Path errFile;

    private Nonos(Process p, Path outFile, Path errFile) {
        this.process = p;
        this.outFile = outFile;
        this.errFile = errFile;
    }

    /** The distribution under test, built by the distribution module. */
    static Path home() {
        String d = System.getProperty("nonos.dist");
        if (d == null) {
            throw new IllegalStateException("system property nonos.dist is not set");
        }
        Path p = Path.of(d);
        if (!Files.isExecutable(p.resolve("bin/nonos"))) {
            throw new IllegalStateException("no built distribution at " + p + " (run the distribution module first)");
        }
        return p;
    }

    /**
     * Starts bin/nonos with standard input from /dev/null and standard output and error into files
     * (read by polling: no pipe can fill up or be closed under a reader).
     */
    static Nonos start(Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/nonos").toString());
        cmd.addAll(List.of(args));
        return startCommand(cmd);
    }

    static Nonos start(String... args) throws IOException {
        return start(home(), args);
    }

    /**
     * Starts a whole command line that execs bin/nonos in the end (e.g. under {@code unshare
     * --net}), with the same redirections as {@link #start(Path, String...)}.
     */
    static Nonos startCommand(List<String> cmd) throws IOException {
        Path dir = Files.createTempDirectory("nonos-run");
        Path o = dir.resolve("stdout");
        Path e = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(o.toFile());
        pb.redirectError(e.toFile());
        return new Nonos(pb.start(), o, e);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "[cannot read " + p + ": " + ex.getMessage() + "]";
        }
    }

    /** The first line of standard output (the pseudo-terminal's path under --serial pty). */
    String firstStdoutLine(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            boolean alive = process.isAlive();
            String out = stdout();
            int nl = out.indexOf('\n');
            if (nl >= 0) {
                return out.substring(0, nl);
            }
            if (!alive) {
                throw new AssertionError("nonos ended (exit " + process.exitValue() + ") before printing a line; stderr:\n"
                        + stderr());
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no line on nonos's standard output within " + timeout + "; stderr:\n" + stderr());
    }

    /** Waits for the exit (bounded) and returns the exit code. */
    int waitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("nonos did not exit within " + timeout + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** SIGTERM (what Process.destroy sends on Linux). */
    void terminate() {
        process.destroy();
    }

    String stdout() {
        return read(outFile);
    }

    String stderr() {
        return read(errFile);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
