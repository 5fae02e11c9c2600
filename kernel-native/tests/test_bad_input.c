// SPDX-License-Identifier: Apache-2.0
/*
 * test_bad_input.c: every bad input of the kernel's contract gets its defined error,
 * changes nothing (every domain's capabilities, rights, badges, expiries, objects and
 * memory compare equal before and after), and is audited as exactly one record.
 */
#include "harness.h"

/* A digest of all visible kernel state. */
static uint64_t state_digest(void)
{
    uint64_t h = 1469598103934665603ull;
#define MIX(v)                                                                                     \
    do {                                                                                           \
        h ^= (uint64_t)(v);                                                                        \
        h *= 1099511628211ull;                                                                     \
    } while (0)
    nk_domain_t ids[64];
    uint32_t nd = 0;
    MUST(nk_domain_list(ids, 64, &nd));
    for (uint32_t i = 0; i < nd && i < 64; i++) {
        uint32_t alive, caps;
        uint64_t mem;
        MUST(nk_domain_info(ids[i], NULL, 0, NULL, &alive, &caps, &mem));
        MIX(alive);
        MIX(caps);
        MIX(mem);
        if (!alive)
            continue;
        nk_cap_t handles[256];
        uint32_t n = 0;
        MUST(nk_cap_list(ids[i], handles, 256, &n));
        for (uint32_t j = 0; j < n && j < 256; j++) {
            uint32_t type = 0, rights = 0, mask = 0;
            uint64_t badge = 0, obj = 0;
            int64_t exp = 0;
            int rc = nk_cap_info(ids[i], handles[j], &type, &rights, &mask, &badge, &exp, &obj);
            MIX(handles[j]);
            MIX(rc);
            MIX(type);
            MIX(rights);
            MIX(mask);
            MIX(badge);
            MIX(exp);
            MIX(obj);
        }
    }
    return h;
}

static const char *status_name(int err)
{
    switch (err) {
#define NK_ERROR(name, value, text) case value: return #name;
#include "nonos/nk_abi.def"
    default:
        return "?";
    }
}

#define BAD(expr, err, op)                                                                         \
    do {                                                                                           \
        uint64_t _s0 = state_digest();                                                             \
        uint64_t _c0 = nk_audit_count();                                                           \
        long long _rc = (long long)(expr);                                                         \
        uint64_t _c1 = nk_audit_count();                                                           \
        CHECK_EQ(_rc, -(err));                                                                     \
        CHECK_EQ(_c1, _c0 + 1);                                                                    \
        if (!t_audited(op, status_name(err)))                                                      \
            CHECK(!#expr " audited");                                                              \
        CHECK(state_digest() == _s0);                                                              \
    } while (0)

int main(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a, b, dead;
    MUST(nk_domain_create(0, "alpha", &a));
    MUST(nk_domain_create(0, "beta", &b));
    MUST(nk_domain_create(0, "doomed", &dead));
    nk_cap_t ep, ntfn, reg, mid, in_a, in_b, stale, revoked, expiring, weak, out;
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_notification_create(0, &ntfn));
    MUST(nk_region_create(0, 64, &reg));
    MUST(nk_cap_derive(0, ep, NK_RIGHTS_ALL, NK_RIGHTS_ALL & ~NK_RIGHT_WRITE, 5, 0, &mid));
    MUST(nk_cap_transfer(0, mid, a, &in_a));
    MUST(nk_cap_derive(0, ep, NK_RIGHT_CALL, 0, 0, 0, &stale));
    MUST(nk_cap_delete(0, stale));
    MUST(nk_cap_derive(0, ep, NK_RIGHTS_ALL, NK_RIGHTS_ALL, 0, 0, &in_b));
    MUST(nk_cap_transfer(0, in_b, b, &revoked));
    MUST(nk_cap_revoke(0, in_b));
    MUST(nk_cap_derive(0, ep, NK_RIGHTS_ALL, NK_RIGHTS_ALL, 0, (int64_t)nk_now_ms() + 20, &expiring));
    MUST(nk_cap_derive(0, ep, NK_RIGHT_CALL | NK_RIGHT_DERIVE, NK_RIGHT_CALL, 0, 0, &weak));
    MUST(nk_domain_destroy(0, dead));
    struct timespec ts = {0, 40 * 1000000};
    nanosleep(&ts, NULL);
    uint8_t buf[16];
    uint64_t bits;

    /* unknown, stale, foreign, revoked, expired handles */
    BAD(nk_call(0, 0x1234), NK_E_BAD_HANDLE, "call");
    BAD(nk_call(0, stale), NK_E_BAD_HANDLE, "call");
    BAD(nk_call(b, in_a), NK_E_BAD_HANDLE, "call");
    BAD(nk_call(b, revoked), NK_E_REVOKED, "call");
    BAD(nk_call(0, expiring), NK_E_EXPIRED, "call");
    BAD(nk_cap_derive(0, stale, NK_RIGHT_CALL, 0, 0, 0, &out), NK_E_BAD_HANDLE, "cap.derive");
    BAD(nk_cap_derive(b, revoked, NK_RIGHT_CALL, 0, 0, 0, &out), NK_E_REVOKED, "cap.derive");
    BAD(nk_cap_transfer(0, expiring, a, &out), NK_E_EXPIRED, "cap.transfer");
    BAD(nk_cap_revoke(b, in_a), NK_E_BAD_HANDLE, "cap.revoke");
    BAD(nk_cap_delete(a, ep), NK_E_BAD_HANDLE, "cap.delete");
    BAD(nk_cap_info(a, ep, NULL, NULL, NULL, NULL, NULL, NULL), NK_E_BAD_HANDLE, "cap.info");
    BAD(nk_signal(0, stale), NK_E_BAD_HANDLE, "signal");
    BAD(nk_poll(b, revoked, &bits), NK_E_REVOKED, "poll");
    BAD(nk_wait(0, expiring, 0, &bits), NK_E_EXPIRED, "wait");
    BAD(nk_region_read(a, reg, 0, buf, 1), NK_E_BAD_HANDLE, "region.read");
    /* rights escalation and non-derivable rights */
    BAD(nk_cap_derive(0, weak, NK_RIGHT_CALL | NK_RIGHT_SIGNAL, 0, 0, 0, &out), NK_E_RIGHTS, "cap.derive");
    BAD(nk_cap_derive(0, weak, NK_RIGHT_CALL, NK_RIGHT_CALL | NK_RIGHT_DERIVE, 0, 0, &out), NK_E_NOT_DERIVABLE,
        "cap.derive");
    BAD(nk_cap_derive(0, weak, NK_RIGHT_DERIVE, 0, 0, 0, &out), NK_E_NOT_DERIVABLE, "cap.derive");
    BAD(nk_cap_derive(a, in_a, NK_RIGHT_WRITE, 0, 0, 0, &out), NK_E_RIGHTS, "cap.derive");
    BAD(nk_cap_derive(a, in_a, NK_RIGHT_CALL, 0, 9, 0, &out), NK_E_BADGE_SET, "cap.derive");
    BAD(nk_cap_transfer(0, weak, a, &out), NK_E_RIGHTS, "cap.transfer");
    BAD(nk_call(0, ntfn), NK_E_WRONG_TYPE, "call");
    BAD(nk_region_read(0, ep, 0, buf, 1), NK_E_WRONG_TYPE, "region.read");
    /* dead and unknown domains */
    BAD(nk_cap_transfer(0, ep, dead, &out), NK_E_DEAD_DOMAIN, "cap.transfer");
    BAD(nk_cap_transfer(0, ep, 4000, &out), NK_E_NO_DOMAIN, "cap.transfer");
    BAD(nk_cap_transfer(0, ep, UINT32_MAX, &out), NK_E_NO_DOMAIN, "cap.transfer");
    BAD(nk_call(dead, ep), NK_E_DEAD_DOMAIN, "call");
    BAD(nk_endpoint_create(dead, &out), NK_E_DEAD_DOMAIN, "endpoint.create");
    BAD(nk_domain_destroy(0, dead), NK_E_DEAD_DOMAIN, "domain.destroy");
    /* root-only operations from other domains */
    BAD(nk_endpoint_create(a, &out), NK_E_NOT_ROOT, "endpoint.create");
    BAD(nk_notification_create(a, &out), NK_E_NOT_ROOT, "notification.create");
    BAD(nk_region_create(a, 10, &out), NK_E_NOT_ROOT, "region.create");
    BAD(nk_device_register(a, 0, "x", NK_DEV_FILE, &out), NK_E_NOT_ROOT, "device.register");
    BAD(nk_domain_destroy(a, b), NK_E_NOT_ROOT, "domain.destroy");
    /* null and oversized arguments */
    BAD(nk_cap_derive(0, ep, NK_RIGHT_CALL, 0, 0, 0, NULL), NK_E_INVAL, "cap.derive");
    BAD(nk_cap_derive(0, ep, 0xffffffffu, 0, 0, 0, &out), NK_E_INVAL, "cap.derive");
    BAD(nk_cap_derive(0, ep, NK_RIGHT_CALL, 0, 0, INT64_MIN, &out), NK_E_INVAL, "cap.derive");
    BAD(nk_cap_transfer(0, ep, a, NULL), NK_E_INVAL, "cap.transfer");
    BAD(nk_endpoint_create(0, NULL), NK_E_INVAL, "endpoint.create");
    BAD(nk_region_create(0, UINT64_MAX, &out), NK_E_INVAL, "region.create");
    BAD(nk_region_read(0, reg, 60, buf, 16), NK_E_INVAL, "region.read");
    BAD(nk_region_write(0, reg, 0, NULL, 16), NK_E_INVAL, "region.write");
    BAD(nk_poll(0, ntfn, NULL), NK_E_INVAL, "poll");
    BAD(nk_wait(0, ntfn, 10, NULL), NK_E_INVAL, "wait");
    BAD(nk_dev_read(0, ep, buf, 1, 0), NK_E_WRONG_TYPE, "dev.read");
    BAD(nk_domain_create(0, NULL, &b), NK_E_INVAL, "domain.create");
    BAD(nk_audit_append(0, NULL), NK_E_INVAL, "event");
    BAD(nk_call_badge(0, ep, NULL), NK_E_INVAL, "call");
    BAD(nk_cap_list(0, NULL, 5, NULL), NK_E_INVAL, "cap.list");
    MUST(nk_audit_verify(NULL));
    MUST(nk_shutdown());
    return t_done("test_bad_input");
}
