// SPDX-License-Identifier: Apache-2.0
package org.nonos.gate.internal;

import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;

/**
 * The kernel's audit log, written through a bundle's domain (the kernel attributes each record
 * to that domain and chains it into the BLAKE3 hash chain). Lines are made printable and bounded
 * first, so that a bundle name chosen by an attacker can neither forge a second record nor be
 * refused by the kernel.
 */
public final class DomainAudit implements AuditSink {
    /** Kept under the kernel's bound for one event (docs/kernel.md: the audit line bound). */
    static final int MAX_EVENT = 400;

    private final Domain domain;

    public DomainAudit(Domain domain) {
        this.domain = domain;
    }

    @Override
    public void append(String event) {
        try {
            domain.audit(sanitise(event));
        } catch (CapabilityException e) {
            // The record could not be written: say so where an operator looks, and carry on. The
            // gate's decision stands either way (a reject stays a reject).
            System.err.println("nonos: gate: audit log refused a record (" + e.getMessage() + "): " + sanitise(event));
        }
    }

    /** Printable ASCII only, at most {@link #MAX_EVENT} characters. */
    static String sanitise(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_EVENT));
        for (int i = 0; i < s.length() && b.length() < MAX_EVENT; i++) {
            char c = s.charAt(i);
            b.append(c >= ' ' && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
