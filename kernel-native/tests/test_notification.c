// SPDX-License-Identifier: Apache-2.0
/* test_notification.c: signal ORs badges, poll/wait take and clear, timeouts, revoked waits. */
#include <pthread.h>

#include "harness.h"

static void signal_and_poll(void)
{
    MUST(nk_init(NULL));
    nk_cap_t n, b1, b2, w, s;
    uint64_t bits = 99;
    MUST(nk_notification_create(0, &n));
    MUST(nk_cap_derive(0, n, NK_RIGHT_SIGNAL, 0, 0x2, 0, &b1));
    MUST(nk_cap_derive(0, n, NK_RIGHT_SIGNAL, 0, 0x8, 0, &b2));
    MUST(nk_cap_derive(0, n, NK_RIGHT_WAIT, 0, 0, 0, &w));
    MUST(nk_poll(0, w, &bits));
    CHECK_EQ(bits, 0);
    MUST(nk_signal(0, b1));
    MUST(nk_signal(0, b2));
    MUST(nk_poll(0, w, &bits));
    CHECK_EQ(bits, 0xa);
    MUST(nk_poll(0, w, &bits));
    CHECK_EQ(bits, 0);
    MUST(nk_signal(0, n)); /* no badge: bit 0 */
    MUST(nk_wait(0, w, 0, &bits));
    CHECK_EQ(bits, 1);
    CHECK_EQ(nk_wait(0, w, 0, &bits), -NK_E_WOULD_BLOCK);
    CHECK_EQ(nk_wait(0, w, 20, &bits), -NK_E_TIMEOUT);
    CHECK(t_audited("wait", "E_TIMEOUT"));
    CHECK_EQ(nk_signal(0, w), -NK_E_RIGHTS);
    CHECK(t_audited("signal", "E_RIGHTS"));
    CHECK_EQ(nk_poll(0, b1, &bits), -NK_E_RIGHTS);
    CHECK_EQ(nk_poll(0, w, NULL), -NK_E_INVAL);
    MUST(nk_endpoint_create(0, &s));
    CHECK_EQ(nk_signal(0, s), -NK_E_WRONG_TYPE);
    MUST(nk_shutdown());
}

struct waiter {
    nk_cap_t cap;
    int rc;
    uint64_t bits;
};

static void *wait_thread(void *p)
{
    struct waiter *w = p;
    w->rc = nk_wait(0, w->cap, 5000, &w->bits);
    return NULL;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static void wait_is_woken(void)
{
    MUST(nk_init(NULL));
    nk_cap_t n, s;
    MUST(nk_notification_create(0, &n));
    MUST(nk_cap_derive(0, n, NK_RIGHT_SIGNAL, 0, 0x40, 0, &s));
    struct waiter w = {.cap = n};
    pthread_t t;
    pthread_create(&t, NULL, wait_thread, &w);
    sleep_ms(30);
    MUST(nk_signal(0, s));
    pthread_join(t, NULL);
    CHECK_EQ(w.rc, 0);
    CHECK_EQ(w.bits, 0x40);
    /* revoking the waiter's capability ends the wait at once */
    nk_cap_t wc;
    MUST(nk_cap_derive(0, n, NK_RIGHT_WAIT, 0, 0, 0, &wc));
    struct waiter w2 = {.cap = wc};
    pthread_create(&t, NULL, wait_thread, &w2);
    sleep_ms(30);
    MUST(nk_cap_revoke(0, n));
    pthread_join(t, NULL);
    CHECK_EQ(w2.rc, -NK_E_REVOKED);
    MUST(nk_shutdown());
}

int main(void)
{
    RUN(signal_and_poll);
    RUN(wait_is_woken);
    return t_done("test_notification");
}
