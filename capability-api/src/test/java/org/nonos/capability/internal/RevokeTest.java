// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nonos.capability.Capability;
import org.nonos.capability.CapabilityException;
import org.nonos.capability.KernelError;
import org.nonos.capability.Rights;
import org.nonos.test.support.Seeded;

/**
 * Revoke removes exactly the subtree (kernel.h, nk_cap_revoke / nk_cap_delete): random
 * derivation trees spread over several domains by derive and transfer; after revoking (or
 * deleting) a random node, every strict descendant (and, for delete, the node) is gone in
 * every domain, and every other capability still answers.
 */
class RevokeTest {

    private static final List<DomainImpl> DOMAINS = new ArrayList<>();

    /** A node of the reference model: a capability and the index of its parent (-1 for the root's). */
    private record Node(Capability cap, int parent) {
    }

    @BeforeAll
    static void domains() {
        for (int i = 0; i < 3; i++) {
            DOMAINS.add(Fixture.domain("revoke"));
        }
    }

    @AfterAll
    static void destroy() {
        for (DomainImpl d : DOMAINS) {
            Fixture.root().destroy(d.id());
        }
    }

    private static boolean descends(List<Node> tree, int node, int ancestor) {
        for (int p = tree.get(node).parent; p >= 0; p = tree.get(p).parent) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    static boolean alive(Capability c) {
        try {
            ((CapabilityImpl) c).domainImpl().capability(c.handle());
            return true;
        } catch (CapabilityException e) {
            assertTrue(e.error() == KernelError.BAD_HANDLE || e.error() == KernelError.REVOKED,
                    () -> "a dead capability must answer BAD_HANDLE or REVOKED, not " + e.error());
            return false;
        }
    }

    @Test
    void revokeAndDeleteRemoveExactlyTheSubtree() {
        DomainImpl root = Fixture.root();
        Seeded.check("revoke removes exactly the subtree", 40, (r, trial) -> {
            Capability original = root.createEndpoint();
            try {
                List<Node> tree = new ArrayList<>();
                tree.add(new Node(original, -1));
                int size = 5 + r.nextInt(30);
                while (tree.size() < size) {
                    int p = r.nextInt(tree.size());
                    Capability parent = tree.get(p).cap;
                    Capability child;
                    if (r.nextBoolean()) {
                        DomainImpl to = DOMAINS.get(r.nextInt(DOMAINS.size()));
                        child = to.capability(parent.transfer(to.id()));
                    } else {
                        child = parent.derive(Rights.ALL, Rights.ALL);
                    }
                    tree.add(new Node(child, p));
                }
                int victim = r.nextInt(tree.size());
                boolean delete = r.nextBoolean();
                if (delete) {
                    tree.get(victim).cap.delete();
                } else {
                    tree.get(victim).cap.revoke();
                }
                for (int i = 0; i < tree.size(); i++) {
                    boolean gone = descends(tree, i, victim) || (delete && i == victim);
                    assertEquals(!gone, alive(tree.get(i).cap), "node " + i + " of " + tree.size() + " after "
                            + (delete ? "delete" : "revoke") + " of node " + victim);
                }
            } finally {
                original.close();
            }
        });
    }

    @Test
    void revokedCapabilitiesFailEveryUse() {
        DomainImpl a = DOMAINS.get(0);
        Capability original = Fixture.root().createEndpoint();
        try {
            Capability mine = a.capability(original.transfer(a.id()));
            Capability child = mine.derive(Rights.ALL, Rights.ALL);
            mine.revoke();
            assertTrue(alive(mine));
            assertThrows(CapabilityException.class, child::info);
            KernelError e = assertThrows(CapabilityException.class, () -> child.derive(Rights.NONE, Rights.NONE)).error();
            assertTrue(e == KernelError.BAD_HANDLE || e == KernelError.REVOKED, e::name);
            child.close(); // closing something already gone is quiet
        } finally {
            original.close();
        }
    }

    @Test
    void whatADomainKnowsOfDeadHandlesIsPruned() {
        DomainImpl a = DOMAINS.get(2);
        Capability original = Fixture.root().createEndpoint();
        try {
            Capability mine = a.capability(original.transfer(a.id()));
            for (int i = 0; i < 3000; i++) {
                mine.derive(Rights.ALL, Rights.ALL);
                if (i % 100 == 99) {
                    mine.revoke();
                }
            }
            // 3000 handles were made, never more than 101 live at once: the record stays small
            assertTrue(a.knownCount() <= 1025, "records of revoked handles are pruned: " + a.knownCount());
        } finally {
            original.close();
        }
    }

    @Test
    void revokeNeedsTheRevokeRight() {
        DomainImpl a = DOMAINS.get(1);
        Capability original = Fixture.root().createEndpoint();
        try {
            Capability mine = a.capability(original.transfer(a.id()));
            Capability weak = mine.derive(Rights.ALL.without(Rights.Right.REVOKE), Rights.ALL);
            Capability below = weak.derive(Rights.of(Rights.Right.CALL), Rights.NONE);
            Fixture.rejected(KernelError.RIGHTS, "cap.revoke", weak::revoke);
            assertTrue(alive(below), "a refused revoke changed nothing");
        } finally {
            original.close();
        }
        Set<Long> none = new HashSet<>();
        for (long h : a.handles()) {
            none.add(h);
        }
        assertTrue(none.isEmpty(), "deleting the original removed every descendant in the domain");
    }
}
