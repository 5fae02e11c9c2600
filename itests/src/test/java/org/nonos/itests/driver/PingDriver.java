// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests.driver;

import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The end-to-end tests' driver bundle (built and attested by {@code GateTest}): it serves one shell
 * command, {@code ping:ping}, which answers with its bundle's name and version.
 */
public final class PingDriver implements BundleActivator {
    private String who;

    @Override
    public void start(BundleContext context) {
        who = context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "ping");
        props.put("osgi.command.function", new String[] {"ping"});
        context.registerService(Object.class, this, props);
    }

    /** The command: answers with the serving bundle. */
    public String ping() {
        return "pong from " + who;
    }

    @Override
    public void stop(BundleContext context) {
    }
}
