// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nonos.capability.Rights;
import org.nonos.shell.internal.CommandFailure;
import org.nonos.shell.internal.Sessions;

class CapsCommandsTest {
    @Test
    void rightsText() {
        assertEquals(Rights.of(Rights.Right.READ, Rights.Right.WRITE), CapsCommands.parseRights("read, WRITE"));
        assertEquals(Rights.NONE, CapsCommands.parseRights("none"));
        assertEquals(Rights.ALL, CapsCommands.parseRights("all"));
        CommandFailure e = assertThrows(CommandFailure.class, () -> CapsCommands.parseRights("READ,ROOT"));
        assertEquals("caps: unknown right 'ROOT'", e.getMessage());
    }

    @Test
    void withoutTheCapabilityApiTheCommandSaysSo() {
        CapsCommands caps = new CapsCommands(() -> null, new Sessions(), null);
        CommandFailure e = assertThrows(CommandFailure.class, () -> caps.caps(false));
        assertTrue(e.getMessage().contains("capability API is not running"), e.getMessage());
    }

    @Test
    void changesNeedAnAdminSession() {
        CapsCommands caps = new CapsCommands(() -> null, new Sessions(), null);
        CommandFailure e = assertThrows(CommandFailure.class, () -> caps.caps(null, false, "revoke", "0x1"));
        assertEquals("caps revoke: only from a logged-in shell session", e.getMessage());
        assertThrows(CommandFailure.class, () -> caps.caps(null, false, "frob", "0x1"));
    }
}
