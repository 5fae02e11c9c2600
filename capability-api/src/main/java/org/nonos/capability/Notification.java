// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A notification: a word of bits that {@link #signal()} ORs a capability's badge into, and
 * {@link #await(Duration)} / {@link #poll()} read and clear (seL4 notifications).
 */
@ProviderType
public interface Notification {

    /** The capability this notification is used through. */
    Capability capability();

    /** ORs this capability's badge into the word (needs {@link Rights.Right#SIGNAL}). */
    void signal();

    /**
     * Waits until the word is non-zero, then returns and clears it (needs {@link Rights.Right#WAIT}).
     *
     * @throws CapabilityException {@link KernelError#TIMEOUT} when nothing arrived in time
     */
    long await(Duration timeout);

    /** Returns and clears the word without waiting; 0 when nothing was signalled. */
    long poll();
}
