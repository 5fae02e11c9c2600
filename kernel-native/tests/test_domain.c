// SPDX-License-Identifier: Apache-2.0
/* test_domain.c: domains: creation (root only), destruction, limits, info, list. */
#include "harness.h"

static void create_is_root_only(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a, b;
    MUST(nk_domain_create(0, "alpha", &a));
    CHECK(a != 0);
    CHECK_EQ(nk_domain_create(a, "child", &b), -NK_E_NOT_ROOT);
    CHECK(t_audited("domain.create", "E_NOT_ROOT"));
    CHECK_EQ(nk_domain_create(0, "", &b), -NK_E_INVAL);
    CHECK_EQ(nk_domain_create(0, "has space", &b), -NK_E_INVAL);
    CHECK_EQ(nk_domain_create(0, NULL, &b), -NK_E_INVAL);
    CHECK_EQ(nk_domain_create(0, "ok", NULL), -NK_E_INVAL);
    char longname[100];
    memset(longname, 'x', sizeof longname - 1);
    longname[99] = '\0';
    CHECK_EQ(nk_domain_create(0, longname, &b), -NK_E_INVAL);
    CHECK(t_audited("domain.create", "E_INVAL"));
    CHECK_EQ(nk_domain_create(77, "x", &b), -NK_E_NO_DOMAIN);
    char name[16];
    nk_domain_t parent;
    uint32_t alive, caps;
    uint64_t mem;
    MUST(nk_domain_info(a, name, sizeof name, &parent, &alive, &caps, &mem));
    CHECK(strcmp(name, "alpha") == 0);
    CHECK_EQ(parent, 0);
    CHECK_EQ(alive, 1);
    CHECK_EQ(caps, 0);
    CHECK_EQ(mem, 0);
    nk_domain_t ids[8];
    uint32_t n;
    MUST(nk_domain_list(ids, 8, &n));
    CHECK_EQ(n, 2);
    CHECK_EQ(ids[1], a);
    CHECK_EQ(nk_domain_info(a, name, 0, NULL, NULL, NULL, NULL), -NK_E_INVAL);
    CHECK(t_audited("domain.info", "E_INVAL"));
    CHECK_EQ(nk_domain_info(900, NULL, 0, NULL, NULL, NULL, NULL), -NK_E_NO_DOMAIN);
    CHECK(t_audited("domain.info", "E_NO_DOMAIN"));
    CHECK_EQ(nk_domain_list(ids, 8, NULL), -NK_E_INVAL);
    MUST(nk_shutdown());
}

static void destroy_kills_caps_everywhere(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a, b;
    MUST(nk_domain_create(0, "alpha", &a));
    MUST(nk_domain_create(0, "beta", &b));
    nk_cap_t ep, in_a, in_b, r;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_transfer(0, ep, a, &in_a));
    MUST(nk_cap_transfer(a, in_a, b, &in_b));
    MUST(nk_region_create_in(0, a, 4096, &r));
    MUST(nk_domain_destroy(0, a));
    CHECK(t_audited("domain.destroy", "OK"));
    CHECK_EQ(nk_call(a, in_a), -NK_E_DEAD_DOMAIN);
    CHECK(t_audited("call", "E_DEAD_DOMAIN"));
    CHECK_EQ(nk_call(b, in_b), -NK_E_REVOKED); /* derived through a: gone too */
    CHECK(nk_call(0, ep) >= 0);
    uint32_t alive, caps;
    uint64_t mem;
    MUST(nk_domain_info(a, NULL, 0, NULL, &alive, &caps, &mem));
    CHECK_EQ(alive, 0);
    CHECK_EQ(caps, 0);
    CHECK_EQ(mem, 0); /* its region was freed */
    CHECK_EQ(nk_domain_destroy(0, a), -NK_E_DEAD_DOMAIN);
    CHECK_EQ(nk_domain_destroy(0, 0), -NK_E_INVAL);
    CHECK_EQ(nk_domain_destroy(b, b), -NK_E_NOT_ROOT);
    CHECK(t_audited("domain.destroy", "E_NOT_ROOT"));
    nk_domain_t c;
    MUST(nk_domain_create(0, "gamma", &c));
    CHECK(c != a); /* ids are not reused */
    MUST(nk_shutdown());
}

static void lifecycle_states(void)
{
    nk_domain_t a;
    nk_cap_t ep;
    CHECK_EQ(nk_domain_create(0, "x", &a), -NK_E_STATE);
    CHECK_EQ(nk_call(0, 1), -NK_E_STATE);
    CHECK_EQ(nk_endpoint_create(0, &ep), -NK_E_STATE);
    CHECK_EQ(nk_shutdown(), -NK_E_STATE);
    CHECK_EQ(nk_audit_count(), 0);
    MUST(nk_init(NULL));
    CHECK_EQ(nk_init(NULL), -NK_E_STATE);
    MUST(nk_shutdown());
    CHECK(strcmp(nk_strerror(-NK_E_RIGHTS), "capability lacks a needed right, or rights escalation attempted") == 0);
    CHECK(strcmp(nk_strerror(12345), "unknown status") == 0);
    CHECK_EQ(nk_abi_version(), NK_ABI_VERSION);
}

int main(void)
{
    RUN(create_is_root_only);
    RUN(destroy_kills_caps_everywhere);
    RUN(lifecycle_states);
    return t_done("test_domain");
}
