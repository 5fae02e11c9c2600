// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import java.time.Duration;

/** Waits; tests pass one that only records, so that lockout delays cost no wall time. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
}
