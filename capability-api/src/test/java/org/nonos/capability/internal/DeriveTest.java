// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Badge;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelError;
import org.nonos.capability.Rights;
import org.nonos.test.support.Seeded;

/**
 * Derive never grows rights (nor lifetime) (kernel.h, nk_cap_derive): random chains of derivations with
 * random requests; every request the kernel grants yields a child within its parent's
 * rights and derive mask, and every request that would grow anything is refused with the
 * error the ABI names for it, audited, and leaves the domain's capabilities as they were.
 */
class DeriveTest {

    private static DomainImpl domain;

    @BeforeAll
    static void domain() {
        domain = Fixture.domain("derive");
    }

    @AfterAll
    static void destroy() {
        Fixture.root().destroy(domain.id());
    }

    private static Rights randomRights(SplittableRandom r) {
        return Rights.ofMask(r.nextInt(Rights.ALL.mask() + 1));
    }

    /** A request derived from the parent's sets with a few bits flipped, so both outcomes happen. */
    private static Rights nearby(SplittableRandom r, Rights base) {
        int m = base.mask();
        int flips = r.nextInt(3);
        for (int i = 0; i < flips; i++) {
            m ^= 1 << r.nextInt(Rights.Right.values().length);
        }
        return r.nextInt(4) == 0 ? randomRights(r) : Rights.ofMask(m);
    }

    /** The errors the ABI allows for this request (several apply when it breaks several rules). */
    private static Set<KernelError> expectedErrors(Capability.Info parent, Rights rights, Rights mask, Badge badge) {
        Set<KernelError> errors = EnumSet.noneOf(KernelError.class);
        if (!parent.rights().contains(Rights.Right.DERIVE) || !rights.isSubsetOf(parent.rights())) {
            errors.add(KernelError.RIGHTS);
        }
        if (!rights.isSubsetOf(parent.deriveMask()) || !mask.isSubsetOf(parent.deriveMask())) {
            errors.add(KernelError.NOT_DERIVABLE);
        }
        if (badge.isSet() && parent.badge().isSet()) {
            errors.add(KernelError.BADGE_SET);
        }
        return errors;
    }

    @Test
    void deriveNeverGrowsRights() {
        DomainImpl root = Fixture.root();
        Seeded.check("derive never grows rights", 60, (r, trial) -> {
            Capability object = r.nextBoolean() ? root.createEndpoint() : root.createNotification();
            try {
                Capability current = domain.capability(object.transfer(domain.id()));
                List<Capability> chain = new ArrayList<>(List.of(current));
                for (int step = 0; step < 8; step++) {
                    Capability.Info parent = current.info();
                    Rights rights = nearby(r, parent.rights());
                    Rights mask = nearby(r, parent.deriveMask());
                    Badge badge = r.nextInt(3) == 0 ? Badge.of(r.nextLong()) : Badge.NONE;
                    long now = domain.nowMs();
                    long expiry = switch (r.nextInt(5)) {
                        case 0, 1 -> 0; // inherit
                        case 2 -> now + 3_600_000 + r.nextInt(1000);
                        case 3 -> parent.expires() ? parent.expiryMs() + 1 + r.nextInt(1000) : now + 7_200_000;
                        default -> now - 1 - r.nextInt(1000); // in the past
                    };
                    Set<KernelError> allowed = expectedErrors(parent, rights, mask, badge);
                    if (expiry != 0 && (expiry <= now || (parent.expires() && expiry > parent.expiryMs()))) {
                        allowed.add(KernelError.INVAL);
                    }
                    int listed = domain.handles().length;
                    long auditBefore = Fixture.kernel().auditCount();
                    try {
                        Capability child = current.derive(rights, mask, badge, expiry);
                        assertTrue(allowed.isEmpty(), () -> "granted though it breaks " + allowed + ": " + parent
                                + " -> " + rights + "/" + mask + " expiry " + expiry);
                        Capability.Info got = child.info();
                        assertEquals(got, new Capability.Info(child.type(), child.rights(), child.deriveMask(),
                                child.badge(), child.expiryMs(), ((CapabilityImpl) child).objectId()),
                                "the Java view of a derived capability is the kernel's record");
                        assertEquals(rights, got.rights());
                        assertEquals(mask, got.deriveMask());
                        assertTrue(got.rights().isSubsetOf(parent.rights().intersect(parent.deriveMask())));
                        assertTrue(got.deriveMask().isSubsetOf(parent.deriveMask()));
                        assertEquals(badge.isSet() ? badge : parent.badge(), got.badge());
                        assertEquals(expiry != 0 ? expiry : parent.expiryMs(), got.expiryMs());
                        assertTrue(!parent.expires() || (got.expires() && got.expiryMs() <= parent.expiryMs()),
                                "a child never outlives its parent");
                        for (Capability ancestor : chain) {
                            assertTrue(got.rights().isSubsetOf(ancestor.rights()), "a descendant outgrew an ancestor");
                        }
                        chain.add(child);
                        current = child;
                    } catch (CapabilityException e) {
                        if (!allowed.contains(e.error())) {
                            fail("refused with " + e.error() + " but the ABI allows " + allowed + " for " + parent
                                    + " -> " + rights + "/" + mask + " " + badge + " expiry " + expiry);
                        }
                        Fixture.assertAudited(auditBefore, "cap.derive", e.error());
                        assertEquals(listed, domain.handles().length, "a refused derive changed the domain");
                    }
                }
            } finally {
                object.close();
            }
        });
    }

    @Test
    void deriveWithoutDeriveRightIsRefused() {
        Capability ep = Fixture.root().createEndpoint();
        try {
            Capability mine = domain.capability(ep.transfer(domain.id()));
            Capability noDerive = mine.derive(Rights.ALL.without(Rights.Right.DERIVE), Rights.ALL);
            Fixture.rejected(KernelError.RIGHTS, "cap.derive",
                    () -> noDerive.derive(Rights.of(Rights.Right.CALL), Rights.NONE));
        } finally {
            ep.close();
        }
    }

    @Test
    void badgeIsSetOnce() {
        Capability ep = Fixture.root().createEndpoint();
        try {
            Capability mine = domain.capability(ep.transfer(domain.id()));
            Capability badged = mine.derive(Rights.ALL, Rights.ALL, Badge.of(42), 0);
            assertEquals(Badge.of(42), badged.badge());
            Fixture.rejected(KernelError.BADGE_SET, "cap.derive", () -> badged.derive(Rights.ALL, Rights.ALL, Badge.of(7), 0));
            assertEquals(Badge.of(42), badged.derive(Rights.ALL, Rights.ALL).badge(), "badge 0 inherits");
        } finally {
            ep.close();
        }
    }
}
