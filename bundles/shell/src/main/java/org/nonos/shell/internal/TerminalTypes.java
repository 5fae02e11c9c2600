// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import org.jline.utils.InfoCmp;

/**
 * Where the console's terminal description comes from. JLine asks the host's {@code infocmp}
 * program first (a process started on every session) and falls back to the descriptions it
 * carries. The terminal at the other end of the serial line is not the host's, so the host's
 * terminfo database says nothing about it; and a process spawned per session costs the login
 * prompt tens of milliseconds. For the types JLine carries ({@code ansi}, {@code xterm},
 * {@code dumb}, …) its own description is used; any other type still asks {@code infocmp}.
 */
final class TerminalTypes {
    private TerminalTypes() {
    }

    /** Makes JLine use its bundled description of {@code type}, when it has one; idempotent. */
    static void preferBundled(String type) {
        if (type == null || InfoCmp.getLoadedInfoCmp(type) != null) {
            return;
        }
        String bundled = InfoCmp.getDefaultInfoCmp(type);
        if (bundled != null) {
            InfoCmp.setLoadedInfoCmp(type, bundled);
        }
    }
}
