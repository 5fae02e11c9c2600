// SPDX-License-Identifier: Apache-2.0
/* test_cap.c: capability operations: derive, transfer, revoke, delete, info, list. */
#include "harness.h"

#define ALL NK_RIGHTS_ALL
#define R(x) NK_RIGHT_##x

static nk_domain_t a, b;

static void setup(void)
{
    MUST(nk_init(NULL));
    MUST(nk_domain_create(0, "alpha", &a));
    MUST(nk_domain_create(0, "beta", &b));
}

static void teardown(void) { MUST(nk_shutdown()); }

static void derive_only_shrinks(void)
{
    setup();
    nk_cap_t ep, c1, c2;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_derive(0, ep, R(CALL) | R(DERIVE), R(CALL) | R(DERIVE), 0, 0, &c1));
    uint32_t type, rights, mask;
    MUST(nk_cap_info(0, c1, &type, &rights, &mask, NULL, NULL, NULL));
    CHECK_EQ(type, NK_OBJ_ENDPOINT);
    CHECK_EQ(rights, R(CALL) | R(DERIVE));
    CHECK_EQ(mask, R(CALL) | R(DERIVE));
    /* escalation: a right the source lacks */
    CHECK_EQ(nk_cap_derive(0, c1, R(CALL) | R(WRITE), R(CALL), 0, 0, &c2), -NK_E_RIGHTS);
    CHECK(t_audited("cap.derive", "E_RIGHTS"));
    /* a derive mask wider than the source's */
    CHECK_EQ(nk_cap_derive(0, c1, R(CALL), R(CALL) | R(TRANSFER), 0, 0, &c2), -NK_E_NOT_DERIVABLE);
    /* a right the source holds but may not pass on */
    nk_cap_t c3;
    MUST(nk_cap_derive(0, ep, R(CALL) | R(DERIVE) | R(SIGNAL), R(DERIVE), 0, 0, &c3));
    CHECK_EQ(nk_cap_derive(0, c3, R(CALL), 0, 0, 0, &c2), -NK_E_NOT_DERIVABLE);
    CHECK(t_audited("cap.derive", "E_NOT_DERIVABLE"));
    /* no DERIVE right at all */
    nk_cap_t c4;
    MUST(nk_cap_derive(0, ep, R(CALL), ALL, 0, 0, &c4));
    CHECK_EQ(nk_cap_derive(0, c4, R(CALL), 0, 0, 0, &c2), -NK_E_RIGHTS);
    /* unknown bits */
    CHECK_EQ(nk_cap_derive(0, ep, 1u << 20, 0, 0, 0, &c2), -NK_E_INVAL);
    teardown();
}

static void badge_is_set_once(void)
{
    setup();
    nk_cap_t ep, c1, c2;
    uint64_t badge;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_derive(0, ep, ALL, ALL, 42, 0, &c1));
    MUST(nk_cap_info(0, c1, NULL, NULL, NULL, &badge, NULL, NULL));
    CHECK_EQ(badge, 42);
    CHECK_EQ(nk_cap_derive(0, c1, ALL, ALL, 43, 0, &c2), -NK_E_BADGE_SET);
    CHECK(t_audited("cap.derive", "E_BADGE_SET"));
    MUST(nk_cap_derive(0, c1, R(CALL), 0, 0, 0, &c2)); /* badge 0 inherits */
    MUST(nk_cap_info(0, c2, NULL, NULL, NULL, &badge, NULL, NULL));
    CHECK_EQ(badge, 42);
    uint64_t got = 0;
    CHECK(nk_call_badge(0, c2, &got) >= 0);
    CHECK_EQ(got, 42);
    teardown();
}

static void expiry_rules(void)
{
    setup();
    nk_cap_t ep, c1, c2;
    int64_t now = (int64_t)nk_now_ms(), exp;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_derive(0, ep, ALL, ALL, 0, now + 100000, &c1));
    MUST(nk_cap_info(0, c1, NULL, NULL, NULL, NULL, &exp, NULL));
    CHECK_EQ(exp, now + 100000);
    CHECK_EQ(nk_cap_derive(0, c1, ALL, ALL, 0, now + 200000, &c2), -NK_E_INVAL); /* later than parent */
    CHECK_EQ(nk_cap_derive(0, c1, ALL, ALL, 0, now - 1, &c2), -NK_E_INVAL);      /* in the past */
    CHECK_EQ(nk_cap_derive(0, c1, ALL, ALL, 0, -5, &c2), -NK_E_INVAL);
    MUST(nk_cap_derive(0, c1, ALL, ALL, 0, 0, &c2)); /* inherits */
    MUST(nk_cap_info(0, c2, NULL, NULL, NULL, NULL, &exp, NULL));
    CHECK_EQ(exp, now + 100000);
    /* a short expiry is enforced */
    nk_cap_t c3, c3child, in_a;
    MUST(nk_cap_derive(0, ep, ALL, ALL, 0, (int64_t)nk_now_ms() + 30, &c3));
    MUST(nk_cap_derive(0, c3, ALL, ALL, 0, 0, &c3child));
    MUST(nk_cap_transfer(0, c3child, a, &in_a));
    CHECK(nk_call(0, c3) >= 0);
    struct timespec ts = {0, 60 * 1000000};
    nanosleep(&ts, NULL);
    CHECK_EQ(nk_call(0, c3), -NK_E_EXPIRED);
    CHECK(t_audited("call", "E_EXPIRED"));
    CHECK_EQ(nk_cap_info(0, c3, NULL, NULL, NULL, NULL, NULL, NULL), -NK_E_EXPIRED);
    CHECK_EQ(nk_cap_derive(0, c3, R(CALL), 0, 0, 0, &c2), -NK_E_EXPIRED);
    CHECK_EQ(nk_call(a, in_a), -NK_E_EXPIRED); /* inherited expiry */
    CHECK_EQ(nk_cap_revoke(0, c3), 0);         /* revoking only takes authority away */
    CHECK_EQ(nk_call(a, in_a), -NK_E_REVOKED);
    CHECK_EQ(nk_cap_delete(0, c3), 0); /* its holder may still drop it */
    teardown();
}

static void transfer_passes_only_delegable_rights(void)
{
    setup();
    nk_cap_t ep, c1, inb, inb2;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_derive(0, ep, R(CALL) | R(TRANSFER) | R(DERIVE), R(CALL), 7, 0, &c1));
    MUST(nk_cap_transfer(0, c1, b, &inb));
    uint32_t rights, mask;
    uint64_t badge, id0, id1;
    MUST(nk_cap_info(b, inb, NULL, &rights, &mask, &badge, NULL, &id1));
    MUST(nk_cap_info(0, ep, NULL, NULL, NULL, NULL, NULL, &id0));
    CHECK_EQ(rights, R(CALL));
    CHECK_EQ(mask, R(CALL));
    CHECK_EQ(badge, 7);
    CHECK_EQ(id0, id1);
    CHECK_EQ(nk_call(b, inb), (int64_t)id0);
    /* b may not transfer further: no TRANSFER right */
    CHECK_EQ(nk_cap_transfer(b, inb, a, &inb2), -NK_E_RIGHTS);
    CHECK(t_audited("cap.transfer", "E_RIGHTS"));
    /* the handle means nothing in another domain */
    CHECK_EQ(nk_call(a, inb), -NK_E_BAD_HANDLE);
    CHECK_EQ(nk_call(0, inb), -NK_E_BAD_HANDLE);
    CHECK(t_audited("call", "E_BAD_HANDLE"));
    /* to unknown / dead domains */
    CHECK_EQ(nk_cap_transfer(0, c1, 999, &inb2), -NK_E_NO_DOMAIN);
    MUST(nk_domain_destroy(0, a));
    CHECK_EQ(nk_cap_transfer(0, c1, a, &inb2), -NK_E_DEAD_DOMAIN);
    CHECK(t_audited("cap.transfer", "E_DEAD_DOMAIN"));
    teardown();
}

static uint32_t count_caps(nk_domain_t d)
{
    uint32_t n = 0;
    MUST(nk_cap_list(d, NULL, 0, &n));
    return n;
}

static void revoke_deletes_exactly_the_subtree(void)
{
    setup();
    nk_cap_t ep, keep, mid, leaf_a, leaf_b, sib;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_derive(0, ep, ALL, ALL, 0, 0, &mid));
    MUST(nk_cap_derive(0, ep, R(CALL), 0, 0, 0, &sib));
    MUST(nk_cap_transfer(0, mid, a, &leaf_a));
    MUST(nk_cap_derive(a, leaf_a, ALL, ALL, 0, 0, &keep));
    MUST(nk_cap_transfer(a, keep, b, &leaf_b));
    CHECK_EQ(count_caps(0), 3);
    CHECK_EQ(count_caps(a), 2);
    CHECK_EQ(count_caps(b), 1);
    MUST(nk_cap_revoke(0, mid));
    CHECK(t_audited("cap.revoke", "OK"));
    CHECK_EQ(count_caps(0), 3); /* mid itself stays, and its sibling */
    CHECK_EQ(count_caps(a), 0);
    CHECK_EQ(count_caps(b), 0);
    CHECK(nk_call(0, mid) >= 0);
    CHECK(nk_call(0, sib) >= 0);
    CHECK_EQ(nk_call(a, leaf_a), -NK_E_REVOKED);
    CHECK_EQ(nk_call(a, keep), -NK_E_REVOKED);
    CHECK_EQ(nk_call(b, leaf_b), -NK_E_REVOKED);
    CHECK(t_audited("call", "E_REVOKED"));
    /* delete: the capability and its subtree */
    nk_cap_t x;
    MUST(nk_cap_transfer(0, mid, b, &x));
    MUST(nk_cap_delete(0, mid));
    CHECK_EQ(nk_call(0, mid), -NK_E_BAD_HANDLE); /* deleted by its holder, not revoked */
    CHECK_EQ(nk_call(b, x), -NK_E_REVOKED);
    CHECK_EQ(nk_cap_delete(0, mid), -NK_E_BAD_HANDLE);
    CHECK(t_audited("cap.delete", "E_BAD_HANDLE"));
    /* revoke needs REVOKE */
    CHECK_EQ(nk_cap_revoke(0, sib), -NK_E_RIGHTS);
    teardown();
}

static void object_dies_with_last_capability(void)
{
    setup();
    nk_cap_t ep, c;
    uint64_t id;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_info(0, ep, NULL, NULL, NULL, NULL, NULL, &id));
    MUST(nk_cap_transfer(0, ep, a, &c));
    MUST(nk_cap_delete(0, ep));
    CHECK_EQ(nk_call(a, c), -NK_E_REVOKED);
    CHECK(t_recent("object.free", "OK", 4));
    nk_cap_t ep2;
    uint64_t id2;
    MUST(nk_endpoint_create(0, &ep2));
    MUST(nk_cap_info(0, ep2, NULL, NULL, NULL, NULL, NULL, &id2));
    CHECK(id2 != id); /* ids are never reused, even for the same table entry */
    CHECK_EQ(id2 & 0xffffffffu, id & 0xffffffffu);
    teardown();
}

static void list_and_slot_reuse(void)
{
    setup();
    nk_cap_t ep, c[10], out[16];
    MUST(nk_endpoint_create(0, &ep));
    for (int i = 0; i < 10; i++)
        MUST(nk_cap_derive(0, ep, ALL, ALL, 0, 0, &c[i]));
    uint32_t n;
    MUST(nk_cap_list(0, out, 16, &n));
    CHECK_EQ(n, 11);
    MUST(nk_cap_list(0, out, 4, &n));
    CHECK_EQ(n, 11);
    MUST(nk_cap_delete(0, c[3]));
    nk_cap_t again;
    MUST(nk_cap_derive(0, ep, ALL, ALL, 0, 0, &again));
    CHECK(again != c[3]);
    CHECK_EQ(again & 0xffff, c[3] & 0xffff); /* the slot is reused with a new generation */
    CHECK_EQ(nk_call(0, c[3]), -NK_E_BAD_HANDLE);
    CHECK(nk_call(0, again) >= 0);
    teardown();
}

static void cap_limit(void)
{
    setup();
    nk_cap_t ep, c, t;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_domain_set_limits(0, a, 3, 0));
    for (int i = 0; i < 3; i++)
        MUST(nk_cap_transfer(0, ep, a, &t));
    CHECK_EQ(nk_cap_transfer(0, ep, a, &c), -NK_E_LIMIT);
    CHECK(t_audited("cap.transfer", "E_LIMIT"));
    CHECK_EQ(nk_cap_derive(a, t, NK_RIGHT_CALL, 0, 0, 0, &c), -NK_E_LIMIT);
    CHECK_EQ(nk_domain_set_limits(0, a, 2, 0), -NK_E_LIMIT); /* below current use */
    CHECK_EQ(nk_domain_set_limits(a, a, 10, 0), -NK_E_NOT_ROOT);
    teardown();
}

static void forged_handles_fail(void)
{
    setup();
    nk_cap_t ep;
    MUST(nk_endpoint_create(0, &ep));
    CHECK_EQ(nk_call(0, 0), -NK_E_BAD_HANDLE);
    CHECK_EQ(nk_call(0, ep ^ (1ull << 40)), -NK_E_BAD_HANDLE); /* tag bit flipped */
    CHECK_EQ(nk_call(0, ep + (1ull << 16)), -NK_E_BAD_HANDLE); /* next generation */
    CHECK_EQ(nk_call(0, ep + 1), -NK_E_BAD_HANDLE);            /* next slot */
    CHECK_EQ(nk_call(0, ~0ull), -NK_E_BAD_HANDLE);
    int ok = 0;
    for (uint64_t i = 0; i < 20000; i++)
        ok += nk_call(0, (ep & 0xffffffffull) | ((i * 0x9e3779b97f4a7c15ull) & 0xffffffff00000000ull)) >= 0;
    CHECK(ok <= 1); /* only the real tag, if the walk hits it */
    teardown();
}

int main(void)
{
    RUN(derive_only_shrinks);
    RUN(badge_is_set_once);
    RUN(expiry_rules);
    RUN(transfer_passes_only_delegable_rights);
    RUN(revoke_deletes_exactly_the_subtree);
    RUN(object_dies_with_last_capability);
    RUN(list_and_slot_reuse);
    RUN(cap_limit);
    RUN(forged_handles_fail);
    return t_done("test_cap");
}
