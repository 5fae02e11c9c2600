// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Capability;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelError;
import org.nonos.capability.Rights;

/**
 * Null, oversized and out-of-range arguments from Java: each gets its defined error, is
 * audited, changes nothing, and never crashes the process.
 */
class BadInputTest {

    private static DomainImpl domain;
    private static Capability original;
    private static Capability mine;

    @BeforeAll
    static void setUp() {
        domain = Fixture.domain("bad-input");
        original = Fixture.root().createEndpoint();
        mine = domain.capability(original.transfer(domain.id()));
    }

    @AfterAll
    static void tearDown() {
        original.close();
        Fixture.root().destroy(domain.id());
    }

    @Test
    void domainNames() {
        DomainImpl root = Fixture.root();
        Fixture.rejected(KernelError.INVAL, "domain.create", () -> root.createDomain(null));
        Fixture.rejected(KernelError.INVAL, "domain.create", () -> root.createDomain(""));
        Fixture.rejected(KernelError.INVAL, "domain.create", () -> root.createDomain("x".repeat(64)));
        Fixture.rejected(KernelError.INVAL, "domain.create", () -> root.createDomain("x".repeat(1 << 20)));
        Fixture.rejected(KernelError.INVAL, "domain.create", () -> root.createDomain("tab\tname"));
        Fixture.rejected(KernelError.INVAL, "domain.create", () -> root.createDomain("nul\0cut"));
        Fixture.rejected(KernelError.NOT_ROOT, "domain.create", () -> domain.createDomain("child"));
    }

    @Test
    void auditEvents() {
        Fixture.rejected(KernelError.INVAL, "event", () -> domain.audit(null));
        Fixture.rejected(KernelError.INVAL, "event", () -> domain.audit(""));
        Fixture.rejected(KernelError.INVAL, "event", () -> domain.audit("e".repeat(1025)));
        Fixture.rejected(KernelError.INVAL, "event", () -> domain.audit("nul\0cut"));
    }

    @Test
    void capabilityArguments() {
        long[] before = domain.handles();
        Fixture.rejected(KernelError.INVAL, "cap.derive", () -> mine.derive(null, Rights.ALL));
        Fixture.rejected(KernelError.INVAL, "cap.derive", () -> mine.derive(Rights.ALL, null));
        Fixture.rejected(KernelError.INVAL, "cap.derive", () -> mine.derive(Rights.ALL, Rights.ALL, null, 0));
        Fixture.rejected(KernelError.INVAL, "cap.transfer", () -> mine.transfer(null));
        Fixture.rejected(KernelError.NO_DOMAIN, "cap.transfer", () -> mine.transfer(new Domain.Id(1_000_000)));
        Fixture.rejected(KernelError.NO_DOMAIN, "cap.transfer", () -> mine.transfer(new Domain.Id(-1)));
        Fixture.rejected(KernelError.BAD_HANDLE, "cap.info", () -> domain.capability(-1));
        Fixture.rejected(KernelError.INVAL, "call", () -> mine.endpoint(null));
        Fixture.rejected(KernelError.INVAL, "call", () -> mine.endpoint(IntSupplier.class).call(null));
        Fixture.rejected(KernelError.INVAL, "serve", () -> domain.serve(null, IntSupplier.class, () -> 1));
        Fixture.rejected(KernelError.INVAL, "serve", () -> domain.serve(mine, IntSupplier.class, null));
        Fixture.rejected(KernelError.INVAL, "domain.destroy", () -> Fixture.root().destroy(null));
        Fixture.rejected(KernelError.NOT_ROOT, "endpoint.create", domain::createEndpoint);
        Fixture.rejected(KernelError.NOT_ROOT, "notification.create", domain::createNotification);
        assertArrayEquals(before, domain.handles(), "refusals changed nothing");
    }

    @Test
    void transferToADeadDomain() {
        DomainImpl doomed = Fixture.domain("doomed");
        Fixture.root().destroy(doomed.id());
        long[] before = domain.handles();
        Fixture.rejected(KernelError.DEAD_DOMAIN, "cap.transfer", () -> mine.transfer(doomed.id()));
        Fixture.rejected(KernelError.DEAD_DOMAIN, "domain.destroy", () -> Fixture.root().destroy(doomed.id()));
        assertArrayEquals(before, domain.handles());
    }
}
