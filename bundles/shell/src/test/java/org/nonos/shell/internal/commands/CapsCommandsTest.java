// SPDX-License-Identifier: Apache-2.0
package org.nonos.shell.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Capability;
import org.nonos.capability.internal.DomainImpl;
import org.nonos.shell.internal.KernelFixture;
import org.nonos.capability.Rights;
import org.nonos.shell.internal.CommandFailure;
import org.nonos.shell.internal.Sessions;

class CapsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        assertTrue(e.getMessage().contains("no administrator capability"), e.getMessage());
    }

    @Test
    void changesNeedAnAdminSession() {
        CapsCommands caps = new CapsCommands(() -> null, new Sessions(), null);
        CommandFailure e = assertThrows(CommandFailure.class, () -> caps.caps(null, false, "revoke", "1", "0x1"));
        assertEquals("caps revoke: only from a logged-in shell session", e.getMessage());
        assertThrows(CommandFailure.class, () -> caps.caps(null, false, "frob", "1", "0x1"));
    }

    @Test
    void everyDomainAndItsCapabilitiesFromTheKernel() throws Exception {
        KernelFixture k = new KernelFixture();
        Capability mine = DomainImpl.root().createNotification();
        long h = mine.transfer(k.domain.id());
        CapsCommands caps = new CapsCommands(() -> k.admin, new Sessions(), k.audit);
        String text = caps.caps(false);
        assertTrue(text.contains("domain 0 root"), text);
        assertTrue(text.contains("domain " + k.domain.id().value() + " " + k.domain.name()), text);
        assertTrue(text.contains("0x" + Long.toHexString(h) + " NOTIFICATION"), text);
        JsonNode one = JSON.readTree(caps.caps(true, Integer.toString(k.domain.id().value())));
        assertEquals(k.domain.name(), one.get("name").asText());
        JsonNode c = one.get("capabilities");
        assertTrue(c.size() >= 2, "the grant and the notification: " + one);
        boolean found = false;
        for (JsonNode n : c) {
            found |= n.get("handle").asText().equals("0x" + Long.toHexString(h)) && n.get("rights").asText().contains("SIGNAL");
        }
        assertTrue(found, one.toString());
        assertEquals("caps: no domain 99999", assertThrows(CommandFailure.class, () -> caps.caps(false, "99999")).getMessage());
        assertEquals("caps: 'x' is not a domain number", assertThrows(CommandFailure.class, () -> caps.caps(false, "x")).getMessage());
        mine.close();
    }
}
