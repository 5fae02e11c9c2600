// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.time.Duration;
import org.nonos.capability.Capability;
import org.nonos.capability.KernelError;
import org.nonos.capability.Notification;

/** Signal, wait and poll on a notification through one capability. */
final class NotificationImpl implements Notification {

    private final CapabilityImpl capability;
    private final Kernel kernel;
    private final int domain;
    private final long handle;

    NotificationImpl(CapabilityImpl capability, Kernel kernel) {
        this.capability = capability;
        this.kernel = kernel;
        this.domain = capability.domainImpl().idValue();
        this.handle = capability.handle();
    }

    @Override
    public Capability capability() {
        return capability;
    }

    @Override
    public void signal() {
        kernel.check(kernel.lib().nk_signal(domain, handle), "signal");
    }

    @Override
    public long await(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw capability.domainImpl().reject("wait", KernelError.INVAL, "timeout must be a non-negative duration");
        }
        long ms;
        try {
            ms = timeout.toMillis();
        } catch (ArithmeticException tooLong) {
            ms = Long.MAX_VALUE;
        }
        long[] bits = new long[1];
        kernel.check(kernel.lib().nk_wait(domain, handle, ms, bits), "wait");
        return bits[0];
    }

    @Override
    public long poll() {
        long[] bits = new long[1];
        kernel.check(kernel.lib().nk_poll(domain, handle, bits), "poll");
        return bits[0];
    }

    @Override
    public String toString() {
        return "Notification[" + capability + "]";
    }

}
