// SPDX-License-Identifier: Apache-2.0
/*
 * test_stress.c: derive/transfer/revoke/delete racing with calls, signals, polls, waits
 * and region copies on many threads (run under ThreadSanitizer by `make check`). Checks: a call returns the right
 * object id or a revocation/handle error, never anything else; every successful call is
 * counted exactly once in the audit log's call.summary records; the chain verifies.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "harness.h"

#define CALLERS 4
#define ROUNDS 1000

static nk_domain_t a;
static nk_cap_t ep, ntfn;
static uint64_t ep_id;
static _Atomic uint64_t current; /* the handle in domain a that callers use */
static _Atomic int stop;
static _Atomic uint64_t ok_calls;
static _Atomic int bad;

static void *caller(void *arg)
{
    uint64_t mine = 0, last = 0;
    (void)arg;
    while (!atomic_load(&stop)) {
        nk_cap_t h = atomic_load(&current);
        int64_t r = nk_call(a, h);
        if (r >= 0) {
            if ((uint64_t)r != ep_id)
                atomic_fetch_add(&bad, 1);
            mine++;
        } else if (r != -NK_E_REVOKED && r != -NK_E_BAD_HANDLE) {
            atomic_fetch_add(&bad, 1);
        }
        if (last != 0 && last != h) {
            int64_t s = nk_call(a, last); /* an old handle: usually revoked by now */
            if (s >= 0)
                mine++;
            else if (s != -NK_E_REVOKED && s != -NK_E_BAD_HANDLE)
                atomic_fetch_add(&bad, 1);
        }
        last = h;
    }
    atomic_fetch_add(&ok_calls, mine);
    return NULL;
}

static void *signaller(void *arg)
{
    (void)arg;
    uint64_t bits;
    while (!atomic_load(&stop)) {
        nk_signal(0, ntfn);
        nk_poll(0, ntfn, &bits);
    }
    return NULL;
}

/* Waits on, and copies from, objects whose capabilities (and the objects themselves) are
   being revoked and freed under it: exercises the transient references. */
static _Atomic uint64_t cur_ntfn, cur_region;

static void *object_user(void *arg)
{
    (void)arg;
    uint64_t bits;
    uint8_t buf[64];
    while (!atomic_load(&stop)) {
        int rc = nk_wait(a, atomic_load(&cur_ntfn), 1, &bits);
        if (rc != 0 && rc != -NK_E_TIMEOUT && rc != -NK_E_REVOKED && rc != -NK_E_BAD_HANDLE)
            atomic_fetch_add(&bad, 1);
        int64_t n = nk_region_read(a, atomic_load(&cur_region), 0, buf, sizeof buf);
        if (n != (int64_t)sizeof buf && n != -NK_E_REVOKED && n != -NK_E_BAD_HANDLE)
            atomic_fetch_add(&bad, 1);
    }
    return NULL;
}

static uint64_t summary_calls_for(nk_domain_t d)
{
    uint64_t total = 0, used = 0, from = 1;
    size_t cap = 1 << 20;
    char *buf = malloc(cap + 1);
    for (;;) {
        MUST(nk_audit_read(from, buf, cap, &used));
        if (used == 0)
            break;
        buf[used] = '\0';
        uint64_t last_seq = 0;
        for (char *line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
            unsigned long long seq, t, calls;
            unsigned dom, slot;
            char op[64];
            if (sscanf(line, "%llu %llu %u %63s", &seq, &t, &dom, op) != 4)
                continue;
            last_seq = seq;
            const char *p = strstr(line, ":slot=");
            if (strcmp(op, "call.summary") == 0 && dom == d && p && sscanf(p, ":slot=%u%%20calls=%llu", &slot, &calls) == 2)
                total += calls;
        }
        from = last_seq + 1;
    }
    free(buf);
    return total;
}

int main(void)
{
    MUST(nk_init(NULL));
    MUST(nk_domain_create(0, "alpha", &a));
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_notification_create(0, &ntfn));
    MUST(nk_cap_info(0, ep, NULL, NULL, NULL, NULL, NULL, &ep_id));
    nk_cap_t mid, h;
    MUST(nk_cap_derive(0, ep, NK_RIGHTS_ALL, NK_RIGHTS_ALL, 0, 0, &mid));
    MUST(nk_cap_transfer(0, mid, a, &h));
    atomic_store(&current, h);
    pthread_t th[CALLERS + 2];
    for (int i = 0; i < CALLERS; i++)
        pthread_create(&th[i], NULL, caller, NULL);
    pthread_create(&th[CALLERS], NULL, signaller, NULL);
    pthread_create(&th[CALLERS + 1], NULL, object_user, NULL);
    for (int r = 0; r < ROUNDS; r++) {
        /* a fresh chain of descendants in a, then revoke it under the callers' feet */
        nk_cap_t x, y;
        MUST(nk_cap_transfer(0, mid, a, &x));
        MUST(nk_cap_derive(a, x, NK_RIGHT_CALL | NK_RIGHT_DERIVE, NK_RIGHTS_ALL, 0, 0, &y));
        atomic_store(&current, r % 2 ? x : y);
        if (r % 7 == 0)
            MUST(nk_audit_flush());
        /* objects that live for one round only: their last capability goes below */
        nk_cap_t n0, r0, na, ra;
        MUST(nk_notification_create(0, &n0));
        MUST(nk_region_create(0, 64, &r0));
        MUST(nk_cap_transfer(0, n0, a, &na));
        MUST(nk_cap_transfer(0, r0, a, &ra));
        atomic_store(&cur_ntfn, na);
        atomic_store(&cur_region, ra);
        MUST(nk_signal(0, n0));
        MUST(nk_cap_revoke(0, mid));
        MUST(nk_cap_delete(0, n0));
        MUST(nk_cap_delete(0, r0));
    }
    atomic_store(&stop, 1);
    for (int i = 0; i <= CALLERS + 1; i++)
        pthread_join(th[i], NULL);
    MUST(nk_audit_flush());
    uint64_t counted = summary_calls_for(a);
    printf("test_stress: %llu successful calls, %llu in call.summary records\n",
           (unsigned long long)atomic_load(&ok_calls), (unsigned long long)counted);
    CHECK_EQ(atomic_load(&bad), 0);
    CHECK_EQ(counted, atomic_load(&ok_calls));
    CHECK(atomic_load(&ok_calls) > 0);
    MUST(nk_audit_verify(NULL));
    MUST(nk_shutdown());
    return t_done("test_stress");
}
