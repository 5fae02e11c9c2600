// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.nonos.shell.internal.login.Argon2Profile;

/**
 * The shell's settings, from framework properties (docs/shell.md lists them). Parsing checks every
 * value first; a bad one is an {@link IllegalArgumentException} with a one-line reason.
 *
 * @param stateDir       {@code nonos.state.dir}, else {@code nonos.state} (required): accounts and audit log live here
 * @param passwordFile   {@code nonos.admin.password.file}: first-boot admin password for unattended installs, or null
 * @param argon2         {@code nonos.shell.argon2}: cost of new password hashes
 * @param idleTimeout    {@code nonos.shell.idle.timeout} seconds (0 = never; default 900)
 * @param lockoutBase    {@code nonos.shell.lockout.base} seconds: first lock after 5 failures (default 30)
 * @param lockoutMax     {@code nonos.shell.lockout.max} seconds: longest lock (default 3600)
 * @param failurePause   {@code nonos.shell.failure.pause.ms}: pause after each failed login (default 1000)
 * @param terminalType   {@code nonos.shell.term}: terminal type for line editing (default {@code ansi};
 *                       {@code dumb} turns editing off)
 * @param maxLine        {@code nonos.shell.max.line}: longest command line in characters (default 4096)
 */
public record ShellConfig(Path stateDir, Path passwordFile, Argon2Profile argon2, Duration idleTimeout,
                          Duration lockoutBase, Duration lockoutMax, Duration failurePause, String terminalType,
                          int maxLine) {

    public static ShellConfig from(Function<String, String> props) {
        String state = first(props, "nonos.state.dir", "nonos.state");
        if (state == null) {
            throw new IllegalArgumentException("nonos.state.dir (or nonos.state) is not set: no place for accounts");
        }
        String pw = props.apply("nonos.admin.password.file");
        String argon = props.apply("nonos.shell.argon2");
        String term = props.apply("nonos.shell.term");
        Duration lockBase = seconds(props, "nonos.shell.lockout.base", 30, 1);
        Duration lockMax = seconds(props, "nonos.shell.lockout.max", 3600, 1);
        if (lockMax.compareTo(lockBase) < 0) {
            throw new IllegalArgumentException("nonos.shell.lockout.max is shorter than nonos.shell.lockout.base");
        }
        int maxLine = (int) number(props, "nonos.shell.max.line", 4096, 80, 1 << 20);
        if (term != null && !term.matches("[A-Za-z0-9._+-]{1,64}")) {
            throw new IllegalArgumentException("nonos.shell.term '" + term + "' is not a terminal type name");
        }
        return new ShellConfig(Path.of(state).toAbsolutePath(),
            pw == null || pw.isBlank() ? null : Path.of(pw),
            argon == null || argon.isBlank() ? Argon2Profile.DEFAULT : Argon2Profile.parse(argon),
            seconds(props, "nonos.shell.idle.timeout", 900, 0),
            lockBase, lockMax,
            Duration.ofMillis(number(props, "nonos.shell.failure.pause.ms", 1000, 0, 60_000)),
            term == null || term.isBlank() ? "ansi" : term,
            maxLine);
    }

    private static String first(Function<String, String> props, String... keys) {
        for (String k : keys) {
            String v = props.apply(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static Duration seconds(Function<String, String> props, String key, long dflt, long min) {
        return Duration.ofSeconds(number(props, key, dflt, min, 7 * 24 * 3600));
    }

    private static long number(Function<String, String> props, String key, long dflt, long min, long max) {
        String v = props.apply(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", not " + n);
        }
        return n;
    }
}
