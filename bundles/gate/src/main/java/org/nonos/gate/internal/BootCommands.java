// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The shell's {@code gate:boot}: whether the boot bundles' attestations hold, how many verdicts
 * came from the boot verdict cache and how many were verified, and each boot jar's verdict.
 */
public final class BootCommands {
    static final String SCOPE = "gate";
    static final String[] FUNCTIONS = {"boot"};

    private final BootVerification boot;

    public BootCommands(BootVerification boot) {
        this.boot = boot;
    }

    @Descriptor("the boot bundles' attestations: status, verdict cache hits, verifications")
    public String boot() {
        return boot.describe();
    }

    static ServiceRegistration<BootCommands> register(BundleContext context, BootVerification boot) {
        Dictionary<String, Object> cmd = new Hashtable<>();
        cmd.put(CommandProcessor.COMMAND_SCOPE, SCOPE);
        cmd.put(CommandProcessor.COMMAND_FUNCTION, FUNCTIONS);
        return context.registerService(BootCommands.class, new BootCommands(boot), cmd);
    }
}
