// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.Domain;
import org.nonos.capability.KernelAdmin;
import org.nonos.capability.KernelError;
import org.nonos.capability.ObjectType;
import org.nonos.capability.Rights;

/**
 * The administrator service against the real kernel: authorised through a capability on its
 * endpoint on every call (revoked: refused at once), the whole domain table and every domain's
 * capabilities, derive and revoke in another domain under the kernel's rules, and the kernel's
 * own audit log.
 */
class KernelAdminTest {

    /** An admin domain holding a CALL-only capability on a fresh administrator endpoint. */
    private record Setup(Capability original, DomainImpl adminDomain, KernelAdmin admin) {
    }

    private static Setup setUp() {
        Capability original = Fixture.root().createEndpoint();
        long object = ((CapabilityImpl) original).objectId();
        Capability grant = original.derive(Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER), Rights.of(Rights.Right.CALL));
        DomainImpl adminDomain = Fixture.domain("admin");
        grant.transfer(adminDomain.id());
        return new Setup(original, adminDomain, new KernelAdminImpl(adminDomain, () -> object));
    }

    @Test
    void listsEveryDomainAndItsCapabilities() {
        Setup s = setUp();
        DomainImpl other = Fixture.domain("other");
        Capability root = Fixture.root().createNotification();
        long h = root.transfer(other.id());

        List<KernelAdmin.DomainInfo> domains = s.admin().domains();
        KernelAdmin.DomainInfo info = domains.stream().filter(d -> d.id().equals(other.id())).findFirst().orElseThrow();
        assertEquals(other.name(), info.name());
        assertEquals(new Domain.Id(0), info.parent());
        assertTrue(info.alive());
        assertEquals(1, info.capabilities());
        assertTrue(domains.stream().anyMatch(d -> d.id().value() == 0 && d.alive()), "the root domain is listed");

        List<KernelAdmin.CapabilityEntry> caps = s.admin().capabilities(other.id());
        assertEquals(1, caps.size());
        assertEquals(h, caps.get(0).handle());
        assertEquals(ObjectType.NOTIFICATION, caps.get(0).info().type());
        assertEquals(Rights.ALL, caps.get(0).info().rights());

        Fixture.root().destroy(other.id());
        assertFalse(s.admin().domains().stream().filter(d -> d.id().equals(other.id())).findFirst().orElseThrow().alive());
        root.close();
        s.original().close();
    }

    @Test
    void derivesAndRevokesInAnotherDomainUnderTheKernelsRules() {
        Setup s = setUp();
        DomainImpl other = Fixture.domain("target");
        Capability root = Fixture.root().createEndpoint();
        Capability limited = root.derive(Rights.of(Rights.Right.CALL, Rights.Right.DERIVE, Rights.Right.TRANSFER),
                Rights.of(Rights.Right.CALL, Rights.Right.DERIVE, Rights.Right.TRANSFER));
        long h = limited.transfer(other.id());

        KernelAdmin.CapabilityEntry child = s.admin().derive(other.id(), h, Rights.of(Rights.Right.CALL), Rights.NONE,
                Badge.of(9), 0);
        assertEquals(Rights.of(Rights.Right.CALL), child.info().rights());
        assertEquals(9, child.info().badge().value());
        assertEquals(2, s.admin().capabilities(other.id()).size());

        long before = Fixture.kernel().auditCount();
        CapabilityException e = assertThrows(CapabilityException.class,
                () -> s.admin().derive(other.id(), h, Rights.of(Rights.Right.WRITE), Rights.NONE, Badge.NONE, 0));
        assertEquals(KernelError.RIGHTS, e.error(), "rights never grow, even for the administrator");
        Fixture.assertAudited(before, "cap.derive", KernelError.RIGHTS);

        Fixture.rejected(KernelError.RIGHTS, "cap.revoke", () -> s.admin().revoke(other.id(), h));
        s.admin().revoke(Fixture.root().id(), root.handle());
        assertEquals(0, s.admin().capabilities(other.id()).size(), "the whole subtree went");
        root.close();
        s.original().close();
    }

    @Test
    void revokingTheGrantRefusesTheNextCall() {
        Setup s = setUp();
        assertTrue(s.admin().auditCount() > 0);
        s.original().revoke();
        CapabilityExceptionAssert.failsWithOneOf(() -> s.admin().domains(), KernelError.RIGHTS, KernelError.REVOKED,
                KernelError.BAD_HANDLE);
        Fixture.rejected(KernelError.RIGHTS, "admin.audit", () -> s.admin().auditVerify());
        s.original().close();
    }

    @Test
    void aDomainWithoutTheGrantIsRefused() {
        DomainImpl nobody = Fixture.domain("nobody");
        Capability original = Fixture.root().createEndpoint();
        long object = ((CapabilityImpl) original).objectId();
        KernelAdmin admin = new KernelAdminImpl(nobody, () -> object);
        Fixture.rejected(KernelError.RIGHTS, "admin.domains", admin::domains);
        KernelAdmin gone = new KernelAdminImpl(nobody, () -> -1);
        Fixture.rejected(KernelError.BAD_HANDLE, "admin.audit", gone::auditCount);
        original.close();
    }

    @Test
    void readsSearchesAndVerifiesTheKernelsAuditLog() {
        Setup s = setUp();
        s.adminDomain().audit("admin-test marker \u00e9 with spaces");
        List<KernelAdmin.AuditRecord> tail = s.admin().auditTail(3);
        assertEquals(3, tail.size());
        long count = s.admin().auditCount();
        assertTrue(tail.get(2).seq() <= count && tail.get(0).seq() < tail.get(2).seq());

        List<KernelAdmin.AuditRecord> hits = s.admin().auditSearch("ADMIN-TEST MARKER", 5);
        assertEquals(1, hits.size());
        KernelAdmin.AuditRecord r = hits.get(0);
        assertEquals("event", r.op());
        assertEquals("OK", r.result());
        assertEquals(s.adminDomain().id(), r.domain());
        assertEquals("admin-test marker \u00e9 with spaces", r.text());
        assertEquals(64, r.hash().length());

        List<KernelAdmin.AuditRecord> from = s.admin().auditFrom(r.seq());
        assertEquals(r, from.get(0));
        for (int i = 1; i < from.size(); i++) {
            assertEquals(from.get(i - 1).seq() + 1, from.get(i).seq(), "consecutive sequence numbers");
        }
        assertTrue(s.admin().auditVerify() >= r.seq());

        Fixture.rejected(KernelError.INVAL, "admin.audit", () -> s.admin().auditTail(0));
        Fixture.rejected(KernelError.INVAL, "admin.audit", () -> s.admin().auditSearch("", 5));
        Fixture.rejected(KernelError.INVAL, "admin.audit", () -> s.admin().auditFrom(0));
        s.original().close();
    }
}
