// SPDX-License-Identifier: Apache-2.0
package org.nonos.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootPropertiesTest {
    @TempDir
    Path home;

    private void config(String text) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/config.properties"), text);
    }

    @Test
    void launcherValuesOverrideTheFileAndReferencesResolve() throws Exception {
        config("org.osgi.framework.storage=${nonos.state}/cache\nnonos.state=/from/file\nx=1\n");
        Map<String, String> p = BootProperties.load(new String[] {
            "nonos.home=" + home, "nonos.state=/st", "y=a=b"});
        assertEquals("/st/cache", p.get("org.osgi.framework.storage"));
        assertEquals("/st", p.get("nonos.state"));
        assertEquals("1", p.get("x"));
        assertEquals("a=b", p.get("y"));
        assertEquals(home.resolve("system").toString(), p.get(BootProperties.SYSTEM_DIR));
    }

    @Test
    void defaultsWithoutConfigFile() throws Exception {
        Map<String, String> p = BootProperties.load(new String[] {"nonos.home=" + home});
        assertEquals(home.resolve("var").toString(), p.get(BootProperties.STATE));
    }

    @Test
    void malformedArgumentIsRejected() {
        BootException e = assertThrows(BootException.class,
                () -> BootProperties.load(new String[] {"nonos.home=" + home, "novalue"}));
        assertTrue(e.getMessage().contains("novalue"), e.getMessage());
    }

    @Test
    void undefinedReferenceIsRejected() throws Exception {
        config("a=${nowhere.defined.here}\n");
        BootException e = assertThrows(BootException.class,
                () -> BootProperties.load(new String[] {"nonos.home=" + home}));
        assertTrue(e.getMessage().contains("nowhere.defined.here"), e.getMessage());
    }

    @Test
    void cycleIsAnErrorNotAHang() throws Exception {
        config("a=${b}\nb=${a}\n");
        assertThrows(BootException.class, () -> BootProperties.load(new String[] {"nonos.home=" + home}));
    }

    @Test
    void unclosedReferenceIsRejected() throws Exception {
        config("a=${b\n");
        assertThrows(BootException.class, () -> BootProperties.load(new String[] {"nonos.home=" + home}));
    }
}
