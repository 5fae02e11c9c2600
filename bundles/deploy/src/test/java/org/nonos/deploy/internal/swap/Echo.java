// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal.swap;

/**
 * The service of the hot-swap test's driver. Shared by the test, the driver and the client
 * through the framework's system packages, so that updating the driver never refreshes the client.
 */
public interface Echo {
    /** {@code x * 1000 + revision}: the caller learns which revision served it. */
    long echo(long x);
}
