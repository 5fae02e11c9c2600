// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The NonOS-Capabilities grammar, the bit table, the canonical form. */
class CapabilityRequestTest {
    @Test
    void bitsOfTableVersion1() throws Exception {
        // Fixed for table version 1: proofs and registries depend on these values.
        assertEquals(0b11L, CapabilityRequest.parse("device:serial;rights=read,write").mask());
        assertEquals(1L << 16, CapabilityRequest.parse("service:org.nonos.crypto.CryptoService;rights=call").mask());
        assertEquals(1L << 8, CapabilityRequest.parse("memory:region;rights=map").mask());
        assertEquals(0x1f01ffL, CapabilityTable.DEFINED_BITS);
        assertEquals(1, CapabilityTable.VERSION);
    }

    @Test
    void grammar() throws Exception {
        CapabilityRequest r = CapabilityRequest.parse(
                " service:org.nonos.crypto.CryptoService;rights=call ,device:serial;rights=write, read");
        assertEquals(0b11L | 1L << 16, r.mask());
        assertEquals("device:serial;rights=read,write, service:org.nonos.crypto.CryptoService;rights=call", r.canonical());
        assertEquals(List.of(new Capability("device", "serial", "read"), new Capability("device", "serial", "write"),
                new Capability("service", "org.nonos.crypto.CryptoService", "call")), r.capabilities());
        assertEquals(0, CapabilityRequest.parse(null).mask());
        assertEquals(0, CapabilityRequest.parse("  ").mask());
        assertEquals("", CapabilityRequest.parse("").canonical());
    }

    @Test
    void refused() {
        for (String bad : new String[] {"device:serial", "device:serial;rights=", "device:serial;rights=read,,write",
                "read", ",device:serial;rights=read", "device:serial;rights=read,", "device:floppy;rights=read",
                "device:serial;rights=call", "device:serial;rights=read,read", "device:serial;rights=read, device:serial;rights=read",
                "Device:serial;rights=read", "device:serial;rights=read;x=y", "device:serial;rights=READ",
                "device:serial;rights=read".repeat(400)}) {
            assertThrows(MalformedException.class, () -> CapabilityRequest.parse(bad), bad);
        }
        assertThrows(MalformedException.class, () -> CapabilityRequest.ofMask(1L << 63));
    }

    @Test
    void canonicalFormIsAFixedPoint() throws Exception {
        Random r = Seeds.random("CapabilityRequestTest.canonicalFormIsAFixedPoint");
        for (int i = 0; i < 500; i++) {
            long mask = r.nextLong() & CapabilityTable.DEFINED_BITS;
            CapabilityRequest q = CapabilityRequest.ofMask(mask);
            CapabilityRequest p = CapabilityRequest.parse(q.canonical());
            assertEquals(q, p);
            assertEquals(mask, p.mask());
            assertEquals(q.canonical(), p.canonical());
        }
    }
}
