// SPDX-License-Identifier: Apache-2.0
package org.nonos.deploy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;

/** The shell's {@code deploy} commands (Gogo scope {@code deploy}): what the deploy directory holds. */
public final class DeployCommands {
    static final String SCOPE = "deploy";
    static final String[] FUNCTIONS = {"list", "rejected"};

    private final Deployer deployer;

    public DeployCommands(Deployer deployer) {
        this.deployer = deployer;
    }

    @Descriptor("the jars of the deploy directory and their bundles")
    public String list() throws IOException {
        StringBuilder b = new StringBuilder("deploy directory ").append(deployer.directory().toAbsolutePath()).append('\n');
        for (Path jar : deployer.jars()) {
            Bundle bundle = deployer.bundleOf(jar);
            b.append(String.format("%-32s %s%n", jar.getFileName(), bundle == null ? "not installed"
                    : "bundle " + bundle.getBundleId() + " " + bundle.getSymbolicName() + " " + state(bundle)));
        }
        return b.toString().stripTrailing();
    }

    @Descriptor("the jars hot deploy rejected, with their reasons")
    public String rejected() throws IOException {
        Path dir = deployer.directory().resolve(Deployer.REJECTED);
        if (!Files.isDirectory(dir)) {
            return "no rejected jars";
        }
        List<Path> reasons = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.reason")) {
            ds.forEach(reasons::add);
        }
        reasons.sort(null);
        StringBuilder b = new StringBuilder();
        for (Path r : reasons) {
            String name = r.getFileName().toString();
            b.append(name, 0, name.length() - ".reason".length()).append(":\n");
            for (String line : Files.readAllLines(r, StandardCharsets.UTF_8)) {
                b.append("  ").append(line).append('\n');
            }
        }
        return reasons.isEmpty() ? "no rejected jars" : b.toString().stripTrailing();
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
