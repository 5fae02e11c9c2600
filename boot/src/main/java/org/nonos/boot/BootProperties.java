// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The framework properties of one boot: {@code etc/config.properties} of the distribution,
 * overlaid by the {@code key=value} pairs the launcher passes (device capabilities, serial line,
 * state directory), with {@code ${key}} references resolved against both and against the JVM's
 * system properties.
 *
 * <p>Read this first: the launcher's values win over the file, so a configuration file can never
 * point the system at a device or state directory the launcher did not open.
 */
public final class BootProperties {
    /** Property naming the distribution's root directory; the launcher always sets it. */
    public static final String HOME = "nonos.home";
    /** Property naming the state directory (audit log, accounts, framework cache). */
    public static final String STATE = "nonos.state";
    /** Property naming the directory of the boot bundles. */
    public static final String SYSTEM_DIR = "nonos.system.dir";

    private static final int MAX_DEPTH = 8;

    private BootProperties() {
    }

    /**
     * Builds the properties of one boot.
     *
     * @param launcherArgs pairs {@code key=value} from the launcher; each must contain '='
     * @throws BootException when an argument is malformed, {@code nonos.home} is missing, or the
     *     configuration file cannot be read or refers to an undefined property
     */
    public static Map<String, String> load(String[] launcherArgs) throws BootException {
        Map<String, String> launcher = new LinkedHashMap<>();
        for (String arg : launcherArgs) {
            int eq = arg == null ? -1 : arg.indexOf('=');
            if (eq <= 0) {
                throw new BootException("malformed launcher property (want key=value): " + arg);
            }
            launcher.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String home = launcher.getOrDefault(HOME, System.getProperty(HOME));
        if (home == null || home.isEmpty()) {
            throw new BootException("nonos.home is not set: the launcher names the distribution");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        Path config = Path.of(home, "etc", "config.properties");
        if (Files.exists(config)) {
            raw.putAll(readProperties(config));
        }
        raw.putAll(launcher);
        raw.putIfAbsent(HOME, home);
        raw.putIfAbsent(STATE, Path.of(home, "var").toString());
        raw.putIfAbsent(SYSTEM_DIR, Path.of(home, "system").toString());
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            resolved.put(e.getKey(), resolve(e.getValue(), raw, 0, e.getKey()));
        }
        return resolved;
    }

    static Map<String, String> readProperties(Path file) throws BootException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new BootException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    /** Replaces each {@code ${name}}; nesting is bounded so a cycle is an error, not a hang. */
    static String resolve(String value, Map<String, String> props, int depth, String key)
            throws BootException {
        if (depth > MAX_DEPTH) {
            throw new BootException("property " + key + " refers to itself through ${...}");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new BootException("property " + key + " has an unclosed ${: " + value);
            }
            out.append(value, i, start);
            String name = value.substring(start + 2, end);
            String v = props.containsKey(name) ? props.get(name) : System.getProperty(name);
            if (v == null) {
                throw new BootException("property " + key + " refers to undefined ${" + name + "}");
            }
            out.append(resolve(v, props, depth + 1, key));
            i = end + 1;
        }
        return out.toString();
    }
}
