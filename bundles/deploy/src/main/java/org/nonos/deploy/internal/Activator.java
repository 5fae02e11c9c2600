// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.gate.Gate;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Starts hot deploy on the directory named by the framework property {@value #DEPLOY_DIR} (the
 * launcher's {@code --deploy DIR}, default {@code <home>/deploy}). Needs the gate: without the
 * {@link Gate} service nothing is deployed (the bundle refuses to start), so that no jar is ever
 * installed unverified by this path.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {
    static final String DEPLOY_DIR = "nonos.deploy";
    /** Quiet time after a file's last event before it is examined, in ms (default 20). */
    static final String SETTLE_MS = "nonos.deploy.settle.ms";

    private DeployWatcher watcher;

    @Override
    public void start(BundleContext context) throws Exception {
        String dir = context.getProperty(DEPLOY_DIR);
        if (dir == null || dir.isBlank()) {
            throw new BundleException("hot deploy needs the framework property " + DEPLOY_DIR + " (the launcher sets it)");
        }
        ServiceReference<Gate> gateRef = context.getServiceReference(Gate.class);
        Gate gate = gateRef == null ? null : context.getService(gateRef);
        if (gate == null) {
            throw new BundleException("hot deploy needs the gate (org.nonos.gate) active first");
        }
        Consumer<String> audit = auditOf(context);
        long settle = Long.parseLong(String.valueOf(context.getProperty(SETTLE_MS) == null ? "20" : context.getProperty(SETTLE_MS)));
        Deployer deployer = new Deployer(context, gate, Path.of(dir), audit);
        watcher = new DeployWatcher(deployer, settle, DeployWatcher.INCOMPLETE_MS);
        audit.accept("deploy.watching " + deployer.directory().toAbsolutePath());
        watcher.start();
        java.util.Hashtable<String, Object> cmd = new java.util.Hashtable<>();
        cmd.put("osgi.command.scope", DeployCommands.SCOPE);
        cmd.put("osgi.command.function", DeployCommands.FUNCTIONS);
        context.registerService(DeployCommands.class, new DeployCommands(deployer), cmd);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    /** The kernel's audit log through this bundle's domain; stderr when the kernel refuses a record. */
    static Consumer<String> auditOf(BundleContext context) throws BundleException {
        ServiceReference<Domain> ref = context.getServiceReference(Domain.class);
        Domain domain = ref == null ? null : context.getService(ref);
        if (domain == null) {
            throw new BundleException("hot deploy needs the capability API (org.nonos.capability) for its audit records");
        }
        return event -> {
            String line = printable(event);
            try {
                domain.audit(line);
            } catch (CapabilityException e) {
                System.err.println("nonos: deploy: audit log refused a record (" + e.getMessage() + "): " + line);
            }
        };
    }

    /** Printable ASCII, at most 400 characters: a file name cannot forge a second audit record. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 400; i++) {
            char c = s.charAt(i);
            b.append(c >= ' ' && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
