// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal.swap;

/** The driver revision is going away and took no part of this call: retry on the next one. */
public final class Unavailable extends RuntimeException {
    public Unavailable() {
        super("driver revision stopping", null, false, false);
    }
}
