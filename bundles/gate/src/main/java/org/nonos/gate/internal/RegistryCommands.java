// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.Parameter;
import org.nonos.attestation.TrustAnchorException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The shell's trust registry commands (Gogo scope {@code gate}): {@code gate:registry} shows the
 * anchor in force, {@code gate:install-root FILE} installs a new signed registry while the system
 * runs ({@link TrustControl#install}). A failure is one line, the reason.
 */
public final class RegistryCommands {
    static final String INSTALL_ROOT = "install-root";
    static final String INSTALL_ROOT_HELP = """
            gate:install-root FILE
              Installs a trust registry made by nonos-registry: FILE is its directory (registry.json,
              registry.sig, verifying.key) or the path of its registry.json. It must be signed by the
              owner's key of this system (etc/owner.pub) and newer than the installed one (higher
              serial, epoch not older). It takes effect at once: new attestations are checked against
              it, and running bundles whose vendor it no longer lists are stopped (see gate:why).""";

    private final TrustControl trust;

    RegistryCommands(TrustControl trust) {
        this.trust = trust;
    }

    /** Registers {@code gate:registry} and {@code gate:install-root}. */
    static List<ServiceRegistration<?>> register(BundleContext context, TrustControl trust) {
        RegistryCommands commands = new RegistryCommands(trust);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CommandProcessor.COMMAND_SCOPE, GateCommands.SCOPE);
        props.put(CommandProcessor.COMMAND_FUNCTION, new String[] {"registry"});
        Dictionary<String, Object> install = new Hashtable<>();
        install.put(CommandProcessor.COMMAND_SCOPE, GateCommands.SCOPE);
        install.put(CommandProcessor.COMMAND_FUNCTION, new String[] {INSTALL_ROOT});
        // A hyphenated command cannot be a method name: Gogo calls a Function service directly.
        Function installRoot = (CommandSession session, List<Object> args) -> commands.installRootCommand(args);
        return List.of(context.registerService(RegistryCommands.class, commands, props),
                context.registerService(Function.class, installRoot, install));
    }

    @Descriptor("the trust registry in force: root, epoch, serial, owner key, verifying key, where and when installed")
    public String registry(
            @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        TrustControl.Info i = trust.info().orElseThrow(() -> new IllegalStateException(
                "no trust anchor is in force (see the audit log's gate.anchor records)"));
        if (json) {
            return toJson(i);
        }
        return String.join("\n",
                "registry root   " + i.root(),
                "epoch           " + Long.toUnsignedString(i.epoch()),
                "serial          " + Long.toUnsignedString(i.serial()),
                "vendors         " + i.vendors(),
                "owner key       " + i.ownerKey(),
                "verifying key   " + i.verifyingKey(),
                "installed in    " + i.dir(),
                "installed at    " + i.installed(),
                "window          " + (i.window().isEmpty() ? "none (only the current root is accepted)"
                        : "earlier serials " + i.window().stream().map(Long::toUnsignedString).toList()
                                + " still accepted at this epoch"));
    }

    /** {@code gate:install-root FILE}, or {@code --help}. */
    String installRootCommand(List<Object> args) {
        if (args.size() == 1 && ("--help".equals(String.valueOf(args.get(0))) || "-h".equals(String.valueOf(args.get(0))))) {
            return INSTALL_ROOT_HELP;
        }
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: gate:install-root FILE (see gate:install-root --help)");
        }
        return installRoot(String.valueOf(args.get(0)));
    }

    @Descriptor("install a new signed trust registry (takes effect at once)")
    public String installRoot(@Descriptor("the registry's directory or its registry.json") String file) {
        TrustControl.Installed done;
        try {
            done = trust.install(Path.of(file));
        } catch (TrustAnchorException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("install-root refused: " + e.getMessage().replace('\n', ' '));
        }
        StringBuilder b = new StringBuilder("installed registry serial ").append(Long.toUnsignedString(done.info().serial()))
                .append(", epoch ").append(Long.toUnsignedString(done.info().epoch())).append(", root ")
                .append(done.info().root());
        if (done.stopped().isEmpty()) {
            b.append("\nno running bundle was affected");
        } else {
            for (String s : done.stopped()) {
                b.append("\nstopped ").append(s);
            }
        }
        return b.toString();
    }

    static String toJson(TrustControl.Info i) {
        return "{\"root\":" + GateCommands.quote(i.root())
                + ",\"epoch\":\"" + Long.toUnsignedString(i.epoch()) + "\""
                + ",\"serial\":\"" + Long.toUnsignedString(i.serial()) + "\""
                + ",\"vendors\":" + i.vendors()
                + ",\"ownerKey\":" + GateCommands.quote(i.ownerKey())
                + ",\"verifyingKey\":" + GateCommands.quote(i.verifyingKey())
                + ",\"dir\":" + GateCommands.quote(i.dir().toString())
                + ",\"installed\":" + GateCommands.quote(i.installed().toString())
                + ",\"window\":" + i.window().stream().map(s -> "\"" + Long.toUnsignedString(s) + "\"").toList().toString()
                        .replace(" ", "")
                + "}";
    }
}
