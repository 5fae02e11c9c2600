// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nonos.attestation.internal.ToolException;

/** A command line after the command word: {@code --option value}, {@code --flag} and positionals. */
final class Args {
    final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    static Args parse(String[] argv, int from, Set<String> valued, Set<String> flagNames) throws ToolException {
        Args a = new Args();
        for (int i = from; i < argv.length; i++) {
            String s = argv[i];
            if (s.startsWith("--")) {
                String name = s.substring(2);
                if (flagNames.contains(name)) {
                    a.flags.add(name);
                } else if (valued.contains(name)) {
                    if (i + 1 >= argv.length) {
                        throw new ToolException(ToolException.USAGE, s + " needs a value");
                    }
                    if (a.options.put(name, argv[++i]) != null) {
                        throw new ToolException(ToolException.USAGE, s + " given twice");
                    }
                } else {
                    throw new ToolException(ToolException.USAGE, "unknown option " + s);
                }
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String required(String name) throws ToolException {
        String v = options.get(name);
        if (v == null) {
            throw new ToolException(ToolException.USAGE, "--" + name + " is required");
        }
        return v;
    }

    boolean present(String name) {
        return options.containsKey(name);
    }

    /** An unsigned 64-bit decimal option. */
    Long unsigned(String name) throws ToolException {
        String v = options.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw new ToolException(ToolException.USAGE, "--" + name + " must be an unsigned decimal integer", e);
        }
    }

    void expectPositionals(int n, String what) throws ToolException {
        if (positional.size() != n) {
            throw new ToolException(ToolException.USAGE, n == 0 ? "unexpected argument " + positional.get(0) : "expected " + what);
        }
    }
}
