// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.login;

/**
 * Argon2id cost parameters (RFC 9106 §3.1): memory in KiB, passes, lanes. The default is 64 MiB × 4
 * passes × 1 lane; the framework property {@code nonos.shell.argon2} (e.g. {@code m=65536,t=4,p=1})
 * chooses another for new hashes. Stored hashes carry their own parameters and verify with them.
 */
public record Argon2Profile(int memoryKiB, int iterations, int parallelism) {
    public static final Argon2Profile DEFAULT = new Argon2Profile(65536, 4, 1);

    /** Bounds on parameters read from a file, so a damaged file cannot ask for absurd work. */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    public Argon2Profile {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("argon2 lanes p must be 1.." + MAX_PARALLELISM);
        }
        // RFC 9106 §3.1: m is at least 8p KiB.
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("argon2 memory m must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("argon2 passes t must be 1.." + MAX_ITERATIONS);
        }
    }

    /** Parses {@code m=65536,t=4,p=1} (the PHC parameter list, RFC 9106 uses the same names). */
    public static Argon2Profile parse(String text) {
        Integer m = null;
        Integer t = null;
        Integer p = null;
        for (String part : text.strip().split(",")) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("argon2 parameters '" + text + "': expected m=..,t=..,p=..");
            }
            int v;
            try {
                v = Integer.parseInt(part.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argon2 parameters '" + text + "': bad number in '" + part + "'");
            }
            switch (part.substring(0, eq).strip()) {
                case "m" -> m = v;
                case "t" -> t = v;
                case "p" -> p = v;
                default -> throw new IllegalArgumentException("argon2 parameters '" + text + "': unknown '" + part + "'");
            }
        }
        if (m == null || t == null || p == null) {
            throw new IllegalArgumentException("argon2 parameters '" + text + "': m, t and p are all required");
        }
        return new Argon2Profile(m, t, p);
    }

    @Override
    public String toString() {
        return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
    }
}
