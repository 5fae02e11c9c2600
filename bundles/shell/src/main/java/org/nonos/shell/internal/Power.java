// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

/** Stopping and restarting the system. */
public interface Power {
    /** Stops every bundle and the framework; the launcher then ends the process. */
    void shutdown();

    /** A warm boot: the framework restarts in the same process. */
    void reboot();
}
