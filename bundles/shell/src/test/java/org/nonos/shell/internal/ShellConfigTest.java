// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nonos.shell.internal.login.Argon2Profile;

class ShellConfigTest {
    @Test
    void defaults() {
        ShellConfig c = ShellConfig.from(Map.of("nonos.state", "/var/nonos")::get);
        assertEquals(Path.of("/var/nonos"), c.stateDir());
        assertNull(c.passwordFile());
        assertEquals(Argon2Profile.DEFAULT, c.argon2());
        assertEquals(Duration.ofSeconds(900), c.idleTimeout());
        assertEquals(Duration.ofSeconds(30), c.lockoutBase());
        assertEquals(Duration.ofSeconds(3600), c.lockoutMax());
        assertEquals(Duration.ofSeconds(1), c.failurePause());
        assertEquals("ansi", c.terminalType());
        assertEquals(4096, c.maxLine());
    }

    @Test
    void stateDirWinsOverState() {
        Map<String, String> p = new HashMap<>(Map.of("nonos.state", "/a", "nonos.state.dir", "/b"));
        assertEquals(Path.of("/b"), ShellConfig.from(p::get).stateDir());
    }

    @Test
    void badValuesAreOneLineErrors() {
        String[][] bad = {
            {}, {"nonos.shell.idle.timeout", "soon"}, {"nonos.shell.idle.timeout", "-1"},
            {"nonos.shell.lockout.base", "0"}, {"nonos.shell.lockout.base", "100", "nonos.shell.lockout.max", "10"},
            {"nonos.shell.argon2", "m=1,t=1,p=1"}, {"nonos.shell.term", "x; rm -rf /"}, {"nonos.shell.max.line", "10"}};
        for (String[] kv : bad) {
            Map<String, String> p = new HashMap<>();
            if (kv.length > 0) {
                p.put("nonos.state", "/s");
            }
            for (int i = 0; i < kv.length; i += 2) {
                p.put(kv[i], kv[i + 1]);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShellConfig.from(p::get), p.toString());
            assertTrue(!e.getMessage().contains("\n") && !e.getMessage().isBlank());
        }
    }
}
