// SPDX-License-Identifier: Apache-2.0
/*
 * notification.c: notifications, a word of badge bits (after seL4's notification objects).
 * signal ORs the capability's badge (1 if it has none) into the word; wait/poll take the
 * word and clear it.
 *
 * Locking: the word is an atomic, so signal and poll take no lock on the word itself;
 * signal takes the object's own mutex (a leaf lock) only when a waiter is registered, to
 * wake it. A waiter holds a transient reference to the object, and re-validates its
 * capability at every wake-up: deleting or revoking a notification capability wakes all
 * waiters (cap.c), so a revoked wait ends at once.
 */
#include <errno.h>
#include <time.h>

#include "slot.h"

int nk_notification_create(nk_domain_t caller, nk_cap_t *out)
{
    return obj_create_root(caller, NK_OBJ_NOTIFICATION, NK_OP_NOTIFICATION_CREATE, out);
}

void notification_wake_all(struct nk_object *o)
{
    pthread_mutex_lock(&o->mu);
    pthread_cond_broadcast(&o->cv);
    pthread_mutex_unlock(&o->mu);
}

int nk_signal(nk_domain_t d, nk_cap_t ntfn)
{
    struct nk_capsnap c = {0};
    int rc = cap_decode(d, ntfn, NK_OBJ_NOTIFICATION, NK_RIGHT_SIGNAL, &c);
    struct nk_object *o = NULL;
    if (rc == 0 && (o = obj_tryget(c.obj_index, c.object_id)) == NULL)
        rc = -NK_E_REVOKED; /* the object died between the check and now */
    if (rc == 0) {
        atomic_fetch_or_explicit(&o->word, c.badge != 0 ? c.badge : 1, memory_order_seq_cst);
        if (atomic_load_explicit(&o->waiters, memory_order_seq_cst) != 0)
            notification_wake_all(o);
        obj_put(o);
    }
    audit(d, NK_OP_SIGNAL, c.object_id, rc, "cap=%#llx", (unsigned long long)ntfn);
    return rc;
}

/* The decode that poll and wait share: a WAIT capability to a live notification, and somewhere
 * to put the bits. On success *o holds a transient reference for the caller to obj_put. */
static int wait_decode(nk_domain_t d, nk_cap_t ntfn, const uint64_t *bits, struct nk_capsnap *c,
                       struct nk_object **o)
{
    int rc = cap_decode(d, ntfn, NK_OBJ_NOTIFICATION, NK_RIGHT_WAIT, c);
    if (rc == 0 && bits == NULL)
        rc = -NK_E_INVAL;
    if (rc == 0 && (*o = obj_tryget(c->obj_index, c->object_id)) == NULL)
        rc = -NK_E_REVOKED;
    return rc;
}

int nk_poll(nk_domain_t d, nk_cap_t ntfn, uint64_t *bits)
{
    struct nk_capsnap c = {0};
    struct nk_object *o = NULL;
    int rc = wait_decode(d, ntfn, bits, &c, &o);
    if (rc == 0) {
        *bits = atomic_exchange_explicit(&o->word, 0, memory_order_acq_rel);
        obj_put(o);
    }
    audit(d, NK_OP_POLL, c.object_id, rc, "cap=%#llx", (unsigned long long)ntfn);
    return rc;
}

static void deadline_ts(int64_t timeout_ms, struct timespec *ts)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += timeout_ms / 1000;
    ts->tv_nsec += (timeout_ms % 1000) * 1000000;
    if (ts->tv_nsec >= 1000000000) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000;
    }
}

int nk_wait(nk_domain_t d, nk_cap_t ntfn, int64_t timeout_ms, uint64_t *bits)
{
    struct nk_capsnap c = {0};
    struct nk_object *o = NULL;
    int rc = wait_decode(d, ntfn, bits, &c, &o);
    if (rc != 0) {
        audit(d, NK_OP_WAIT, c.object_id, rc, "cap=%#llx", (unsigned long long)ntfn);
        return rc;
    }
    struct timespec deadline;
    if (timeout_ms > 0)
        deadline_ts(timeout_ms, &deadline);
    pthread_mutex_lock(&o->mu);
    atomic_fetch_add_explicit(&o->waiters, 1, memory_order_seq_cst);
    for (;;) {
        uint64_t w = atomic_exchange_explicit(&o->word, 0, memory_order_acq_rel);
        if (w != 0) {
            *bits = w;
            break;
        }
        /* the capability may have been revoked or deleted while we slept */
        struct nk_capsnap again;
        if ((rc = cap_decode(d, ntfn, NK_OBJ_NOTIFICATION, NK_RIGHT_WAIT, &again)) != 0)
            break;
        if (timeout_ms == 0) {
            rc = -NK_E_WOULD_BLOCK;
            break;
        }
        int e = timeout_ms > 0 ? pthread_cond_timedwait(&o->cv, &o->mu, &deadline)
                               : pthread_cond_wait(&o->cv, &o->mu);
        if (e == ETIMEDOUT && atomic_load_explicit(&o->word, memory_order_acquire) == 0) {
            rc = -NK_E_TIMEOUT;
            break;
        }
    }
    atomic_fetch_sub_explicit(&o->waiters, 1, memory_order_seq_cst);
    pthread_mutex_unlock(&o->mu);
    obj_put(o);
    audit(d, NK_OP_WAIT, c.object_id, rc, "cap=%#llx", (unsigned long long)ntfn);
    return rc;
}
