// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The bundle exports its API package only, and imports no private package of another bundle (the
 * tools' standalone crypto names one as a string; it must not become an import, or the bundle
 * would not resolve in the framework).
 */
class BundleManifestTest {
    @Test
    void exportsOnlyTheApiAndImportsNoPrivatePackage() throws Exception {
        Path mf = Path.of("target", "classes", "META-INF", "MANIFEST.MF");
        assertTrue(Files.isRegularFile(mf), "bnd manifest missing");
        Manifest m;
        try (InputStream in = Files.newInputStream(mf)) {
            m = new Manifest(in);
        }
        assertEquals("org.nonos.attestation", m.getMainAttributes().getValue("Bundle-SymbolicName"));
        String exports = m.getMainAttributes().getValue("Export-Package");
        assertTrue(exports.startsWith("org.nonos.attestation;version=\"1.0.0\""), exports);
        assertFalse(exports.contains("internal"), exports);
        String imports = m.getMainAttributes().getValue("Import-Package");
        assertFalse(imports.contains("internal"), imports);
    }
}
