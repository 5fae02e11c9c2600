// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation.internal;

/**
 * A refusal of the registry or vendor tool, with the exit code the command line reports
 * (docs/attestation.md "Exit codes"). Thrown before any file is changed.
 */
public final class ToolException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The bundle or statement was checked and refused (not in registry, capabilities exceed, rejected). */
    public static final int REFUSED = 1;
    /** Wrong command line. */
    public static final int USAGE = 2;
    /** A file is missing, unreadable, malformed or would be overwritten. */
    public static final int BAD_INPUT = 3;

    private final int exitCode;

    public ToolException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ToolException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
