// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * {@link Power} through the system bundle, which is what the boot class of the launcher understands:
 * stopping it ends the framework for good, updating it stops with {@code STOPPED_UPDATE}, which the boot
 * class answers with a warm boot (org.nonos.boot.Boot). Runs on a thread of its own, since stopping the
 * shell waits for the session that asked (the command has said goodbye on the line before it asks).
 */
final class FrameworkPower implements Power {
    private final BundleContext context;

    FrameworkPower(BundleContext context) {
        this.context = context;
    }

    @Override
    public void shutdown() {
        later("shutdown", Bundle::stop);
    }

    @Override
    public void reboot() {
        later("reboot", Bundle::update);
    }

    private interface Action {
        void apply(Bundle b) throws BundleException;
    }

    private void later(String name, Action a) {
        Bundle system = context.getBundle(0);
        Thread t = new Thread(() -> {
            try {
                a.apply(system);
            } catch (BundleException | IllegalStateException e) {
                System.err.println("nonos shell: " + name + " failed: " + e.getMessage());
            }
        }, "nonos-" + name);
        t.setDaemon(false);
        t.start();
    }
}
