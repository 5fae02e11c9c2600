// SPDX-License-Identifier: Apache-2.0
package org.nonos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packages the system bundle offers from the libraries on the class path
 * ({@code org.osgi.framework.system.packages.extra} in etc/config.properties) carry the versions
 * that the jars in lib/classpath/ export themselves: a library updated without its line in the
 * configuration would be offered under a version it is not.
 */
class ClassPathExportsTest {
    private static final Pattern CLAUSE = Pattern.compile("([a-zA-Z0-9_.]+)((?:;[^,\"]*(?:\"[^\"]*\")?)*)");
    private static final Pattern VERSION = Pattern.compile(";version=\"?([0-9][0-9A-Za-z._-]*)\"?");

    @Test
    void everyOfferedPackageHasTheVersionItsJarExports() throws IOException {
        Path home = Nonos.home();
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("etc/config.properties"))) {
            config.load(in);
        }
        String extra = config.getProperty("org.osgi.framework.system.packages.extra");
        assertNotNull(extra, "etc/config.properties offers packages of the class path");

        Map<String, String> exported = new HashMap<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(home.resolve("lib/classpath"), "*.jar")) {
            for (Path jar : jars) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    String exports = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Export-Package");
                    if (exports != null) {
                        exported.putAll(versions(exports));
                    }
                }
            }
        }
        Map<String, String> offered = versions(extra);
        assertFalse(offered.isEmpty());
        for (Map.Entry<String, String> e : offered.entrySet()) {
            String jarVersion = exported.get(e.getKey());
            if (jarVersion != null) {
                assertEquals(jarVersion, e.getValue(), "version offered for " + e.getKey());
            }
        }
        assertEquals(exported.get("org.jline.reader"), offered.get("org.jline.reader"), "JLine is one of them");
    }

    /** Package name to version of an Export-Package style header. */
    private static Map<String, String> versions(String header) {
        Map<String, String> m = new HashMap<>();
        Matcher c = CLAUSE.matcher(header.replaceAll("\\s+", ""));
        while (c.find()) {
            Matcher v = VERSION.matcher(c.group(2));
            m.put(c.group(1), v.find() ? v.group(1) : "0.0.0");
        }
        return m;
    }
}
