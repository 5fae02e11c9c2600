// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.nonos.test.support.TestBundles;

/** Writes minimal bundle jars (manifest only) for the tests. */
final class TestJars {
    private TestJars() {
    }

    static Path bundle(Path dir, String fileName, String symbolicName, String version) throws IOException {
        Manifest m = TestBundles.manifest(symbolicName, version);
        Path jar = dir.resolve(fileName);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, m)) {
            jos.flush();
        }
        return jar;
    }
}
