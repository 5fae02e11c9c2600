// SPDX-License-Identifier: Apache-2.0
package org.nonos.attestation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixed mapping of capability names to bits of the 64-bit capability mask, version
 * {@value #VERSION}. The circuit proves requested ⊆ allowed on these masks, so a bit never
 * changes meaning within a version; new capabilities take reserved bits and a new version.
 * docs/attestation.md "Capability bits" lists the same table.
 */
public final class CapabilityTable {
    /** The table version, written into every attestation. */
    public static final int VERSION = 1;

    private static final Map<Capability, Integer> BITS;

    static {
        Map<Capability, Integer> m = new LinkedHashMap<>();
        // Devices (host resources the kernel holds): bits 0..15.
        m.put(new Capability("device", "serial", "read"), 0);
        m.put(new Capability("device", "serial", "write"), 1);
        m.put(new Capability("device", "block", "read"), 2);
        m.put(new Capability("device", "block", "write"), 3);
        m.put(new Capability("device", "net", "read"), 4);
        m.put(new Capability("device", "net", "write"), 5);
        m.put(new Capability("device", "tpm", "read"), 6);
        m.put(new Capability("device", "tpm", "write"), 7);
        // Memory regions handed out by the kernel (zero-copy I/O).
        m.put(new Capability("memory", "region", "map"), 8);
        // Services (endpoints of other bundles): bits 16..31.
        m.put(new Capability("service", "org.nonos.crypto.CryptoService", "call"), 16);
        m.put(new Capability("service", "org.nonos.audit.AuditLog", "call"), 17);
        m.put(new Capability("service", "org.nonos.shell.CommandRegistry", "call"), 18);
        m.put(new Capability("service", "org.nonos.fs.FileSystem", "call"), 19);
        m.put(new Capability("service", "org.nonos.net.NetworkStack", "call"), 20);
        BITS = Collections.unmodifiableMap(m);
    }

    /** Every bit that names a capability in this version; the others are reserved. */
    public static final long DEFINED_BITS = definedBits();

    private CapabilityTable() {}

    /** The bit of a capability, if the table names it. */
    public static Optional<Integer> bit(Capability c) {
        return Optional.ofNullable(BITS.get(c));
    }

    /** The capabilities of the table, in bit order. */
    public static List<Capability> all() {
        List<Capability> out = new ArrayList<>(BITS.keySet());
        out.sort((a, b) -> Integer.compare(BITS.get(a), BITS.get(b)));
        return List.copyOf(out);
    }

    /** The capabilities a mask names, in bit order; reserved bits are an error. */
    public static List<Capability> capabilities(long mask) throws MalformedException {
        if ((mask & ~DEFINED_BITS) != 0) {
            throw new MalformedException("capability mask " + hex(mask) + " sets reserved bits " + hex(mask & ~DEFINED_BITS));
        }
        List<Capability> out = new ArrayList<>();
        for (Capability c : all()) {
            if ((mask >>> BITS.get(c) & 1) == 1) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** A mask as 0x followed by 16 hex digits. */
    public static String hex(long mask) {
        return String.format("0x%016x", mask);
    }

    private static long definedBits() {
        long m = 0;
        for (int b : BITS.values()) {
            m |= 1L << b;
        }
        return m;
    }
}
