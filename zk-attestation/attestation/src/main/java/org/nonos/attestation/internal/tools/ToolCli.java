// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal.tools;

import java.io.PrintStream;
import org.nonos.attestation.internal.ToolException;

/**
 * The command-line plumbing that {@code nonos-registry} and {@code nonos-sign} share
 * (docs/attestation.md): {@code TOOL <command> [options]}, usage on no command or {@code --help},
 * and a {@link ToolException} turned into one line on stderr and its exit code.
 */
final class ToolCli {
    /** Runs the command named by its first word; the command reads the rest of the line itself. */
    @FunctionalInterface
    interface Dispatch {
        int run(String command) throws ToolException;
    }

    private ToolCli() {}

    /** Runs {@code argv} through {@code dispatch}; returns the exit code. */
    static int run(String tool, String usage, String[] argv, PrintStream out, PrintStream err, Dispatch dispatch) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            (argv.length == 0 ? err : out).print(usage);
            return argv.length == 0 ? ToolException.USAGE : 0;
        }
        try {
            return dispatch.run(argv[0]);
        } catch (ToolException e) {
            err.println(tool + ": " + e.getMessage());
            return e.exitCode();
        }
    }

    /** The error for a command word the tool does not know. */
    static ToolException unknownCommand(String command, String usage) {
        return new ToolException(ToolException.USAGE, "unknown command " + command + "\n" + usage);
    }

    /** Whether the command's options ask for its help text; prints it if so. */
    static boolean help(String[] argv, PrintStream out, String text) {
        for (int i = 1; i < argv.length; i++) {
            if (argv[i].equals("--help") || argv[i].equals("-h")) {
                out.print(text);
                return true;
            }
        }
        return false;
    }
}
