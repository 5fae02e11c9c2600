// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * snarkjs 0.7.6 and circom2 from the npm registry, installed on first use into a cache
 * directory ({@code -Dnonos.npm.cache}, default {@code ~/.cache/nonos-snarkjs}). Test-only:
 * nothing at run time needs node. When npm cannot install them the tests that need them fail.
 */
final class SnarkjsToolchain {
    static final String SNARKJS_VERSION = "0.7.6";

    private final Path home;

    private SnarkjsToolchain(Path home) {
        this.home = home;
    }

    /** Installs (once) and returns the toolchain. */
    static synchronized SnarkjsToolchain get() throws IOException, InterruptedException {
        String dir = System.getProperty("nonos.npm.cache");
        Path home = dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "nonos-snarkjs");
        Files.createDirectories(home);
        Path pkg = home.resolve("node_modules/snarkjs/package.json");
        boolean current = Files.isRegularFile(pkg)
                && Files.readString(pkg).contains("\"version\": \"" + SNARKJS_VERSION + "\"")
                && Files.isRegularFile(home.resolve("node_modules/.bin/circom2"));
        if (!current) {
            if (!Files.exists(home.resolve("package.json"))) {
                Files.writeString(home.resolve("package.json"), "{\"name\":\"nonos-interop\",\"private\":true}\n");
            }
            Result r = run(home, 600, "npm", "install", "--no-audit", "--no-fund", "snarkjs@" + SNARKJS_VERSION, "circom2");
            if (r.exit != 0) {
                throw new IllegalStateException("npm install snarkjs@" + SNARKJS_VERSION + " circom2 failed:\n" + r.output);
            }
        }
        return new SnarkjsToolchain(home);
    }

    record Result(int exit, String output) {}

    Result snarkjs(Path cwd, String... args) throws IOException, InterruptedException {
        return tool("snarkjs", cwd, args);
    }

    Result circom(Path cwd, String... args) throws IOException, InterruptedException {
        return tool("circom2", cwd, args);
    }

    private Result tool(String name, Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("node_modules/.bin/" + name).toString());
        cmd.addAll(List.of(args));
        return run(cwd, 300, cmd.toArray(String[]::new));
    }

    /** Runs a command, merging its output; fails on a time-out. */
    static Result run(Path cwd, int timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("nonos-tool", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " timed out");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
