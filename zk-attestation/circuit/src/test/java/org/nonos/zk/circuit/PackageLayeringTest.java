// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.circuit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's packages form layers; a package may use only the layers below it:
 * r1cs ← circuit ← poseidon ← gadgets ← attestation ← examples.
 * Checked on the main sources' imports and fully qualified references.
 */
class PackageLayeringTest {
    private static final String ROOT = "org.nonos.zk.";
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "r1cs", List.of(),
            "circuit", List.of("r1cs"),
            "circuit.poseidon", List.of("circuit"),
            "circuit.gadgets", List.of("circuit", "circuit.poseidon"),
            "circuit.attestation", List.of("r1cs", "circuit", "circuit.poseidon", "circuit.gadgets"),
            "circuit.examples", List.of("circuit", "circuit.poseidon", "circuit.gadgets", "circuit.attestation"));
    private static final Pattern REFERENCE = Pattern.compile("org\\.nonos\\.zk\\.([a-z.]+)\\.[A-Z]");

    @Test
    void packagesOnlyUseLowerLayers() throws IOException {
        Path sources = Path.of("src", "main", "java", "org", "nonos", "zk");
        assertTrue(Files.isDirectory(sources), "main sources not found from " + Path.of("").toAbsolutePath());
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = sources.relativize(f.getParent()).toString().replace('/', '.');
                List<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(f + ": package " + pkg + " has no layer");
                    continue;
                }
                // Javadoc links may point anywhere; code may not.
                String code = Files.readString(f).replaceAll("(?s)/\\*\\*.*?\\*/", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(f + " uses " + ROOT + used);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
