// SPDX-License-Identifier: Apache-2.0
/* test_endpoint.c: endpoints and the call path, including call-count audit summaries. */
#include "harness.h"

static void call_authorises(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a;
    MUST(nk_domain_create(0, "alpha", &a));
    nk_cap_t ep, noc, ntfn, in_a;
    uint64_t id;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_info(0, ep, NULL, NULL, NULL, NULL, NULL, &id));
    CHECK_EQ(nk_call(0, ep), (int64_t)id);
    MUST(nk_cap_derive(0, ep, NK_RIGHT_DERIVE, NK_RIGHTS_ALL, 0, 0, &noc));
    CHECK_EQ(nk_call(0, noc), -NK_E_RIGHTS);
    CHECK(t_audited("call", "E_RIGHTS"));
    MUST(nk_notification_create(0, &ntfn));
    CHECK_EQ(nk_call(0, ntfn), -NK_E_WRONG_TYPE);
    CHECK(t_audited("call", "E_WRONG_TYPE"));
    CHECK_EQ(nk_endpoint_create(a, &in_a), -NK_E_NOT_ROOT);
    CHECK_EQ(nk_endpoint_create(0, NULL), -NK_E_INVAL);
    CHECK_EQ(nk_call_badge(0, ep, NULL), -NK_E_INVAL);
    CHECK_EQ(nk_call(5000, ep), -NK_E_NO_DOMAIN);
    CHECK(t_audited("call", "E_NO_DOMAIN"));
    MUST(nk_shutdown());
}

/* Successful calls are audited as per-capability summaries, exactly counted. */
static void calls_are_summarised(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a;
    MUST(nk_domain_create(0, "alpha", &a));
    nk_cap_t ep, in_a;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_transfer(0, ep, a, &in_a));
    for (int i = 0; i < 1000; i++)
        CHECK(nk_call(a, in_a) >= 0);
    for (int i = 0; i < 5; i++)
        CHECK(nk_call(0, ep) >= 0);
    MUST(nk_audit_flush());
    static char buf[1 << 16];
    uint64_t used;
    MUST(nk_audit_read(1, buf, sizeof buf - 1, &used));
    buf[used] = '\0';
    CHECK(strstr(buf, "call.summary") != NULL);
    CHECK(strstr(buf, ":slot=0%20calls=1000 ") != NULL);
    CHECK(strstr(buf, ":slot=0%20calls=5 ") != NULL);
    /* revocation writes the summary of the dying capability */
    for (int i = 0; i < 3; i++)
        CHECK(nk_call(a, in_a) >= 0);
    MUST(nk_cap_revoke(0, ep));
    MUST(nk_audit_read(1, buf, sizeof buf - 1, &used));
    buf[used] = '\0';
    CHECK(strstr(buf, ":slot=0%20calls=3 ") != NULL);
    MUST(nk_audit_verify(NULL));
    MUST(nk_shutdown());
}

int main(void)
{
    RUN(call_authorises);
    RUN(calls_are_summarised);
    return t_done("test_endpoint");
}
