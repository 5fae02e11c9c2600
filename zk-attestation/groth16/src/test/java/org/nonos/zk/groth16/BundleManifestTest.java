// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** The bundle exports its API package only; the internal package stays private. */
class BundleManifestTest {
    @Test
    void exportsOnlyTheApi() throws Exception {
        Path mf = Path.of("target", "classes", "META-INF", "MANIFEST.MF");
        assertTrue(Files.isRegularFile(mf), "bnd manifest missing");
        Manifest m;
        try (InputStream in = Files.newInputStream(mf)) {
            m = new Manifest(in);
        }
        assertEquals("org.nonos.zk.groth16", m.getMainAttributes().getValue("Bundle-SymbolicName"));
        String exports = m.getMainAttributes().getValue("Export-Package");
        assertTrue(exports.startsWith("org.nonos.zk.groth16;version=\"1.0.0\""), exports);
        assertFalse(exports.contains("internal"), exports);
    }
}
