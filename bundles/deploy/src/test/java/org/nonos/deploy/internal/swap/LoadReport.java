// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal.swap;

import java.util.Set;

/** What the client bundle saw while it called the driver (registered by the client). */
public interface LoadReport {
    /** Calls begun (each with its own number). */
    long issued();

    /** Calls answered correctly (the answer carries the call's number). */
    long answered();

    /** Calls that got a wrong answer, an unexpected exception, or no driver within the wait. */
    long lost();

    /** Attempts refused by a stopping revision and made again on the next one. */
    long retries();

    /** Driver revisions that answered. */
    Set<Integer> revisions();

    /** Stops calling, lets every call in flight finish; blocks until then. */
    void finish() throws InterruptedException;
}
