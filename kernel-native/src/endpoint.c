// SPDX-License-Identifier: Apache-2.0
/*
 * endpoint.c: endpoints and the call hot path.
 *
 * nk_call takes no lock: it loads the kernel state and the domain pointer, copies the
 * capability slot under its seqlock (slot.h), checks type, CALL right and (only when the
 * capability carries one) expiry, and counts the call. The message itself never enters
 * the kernel: Java dispatches on the returned object id (zero copy).
 *
 * Auditing: each successful call increments a per-slot counter; the counts are written as
 * call.summary records (cap.c) when the capability dies, on nk_audit_flush/verify/read/
 * count and at shutdown. The increment happens inside the seqlock read window: if the
 * slot changed meanwhile the increment is undone and the call retried, so a count always
 * belongs to the capability generation that authorised it. Rejections are audited one by one.
 */
#include "slot.h"

int nk_endpoint_create(nk_domain_t caller, nk_cap_t *out)
{
    return obj_create_root(caller, NK_OBJ_ENDPOINT, NK_OP_ENDPOINT_CREATE, out);
}

/* The authorisation proper: lock-free. Returns the object id (>= 0) or -NK_E_xxx. */
static inline int64_t call_authorise(nk_domain_t d, nk_cap_t ep, uint64_t *badge)
{
    if (atomic_load_explicit(&k.state, memory_order_acquire) != NK_STATE_UP)
        return kernel_running() != 0 ? kernel_running() : -NK_E_STATE;
    struct nk_domain *dom;
    int dom_rc = domain_get(d, &dom);
    if (dom_rc != 0)
        return dom_rc;
    uint32_t idx = handle_index(ep), gen = handle_gen(ep), tag = handle_tag(ep);
    struct nk_slot *s = &dom->slots[idx];
    _Atomic uint64_t *counter = &s->calls;
    for (;;) {
        uint32_t q1 = atomic_load_explicit(&s->seq, memory_order_acquire);
        if (q1 & 1) {
            cpu_relax();
            continue;
        }
        int64_t rc = slot_classify(atomic_load_explicit(&s->state, ACQ), atomic_load_explicit(&s->gen, ACQ),
                                   atomic_load_explicit(&s->tag, ACQ), atomic_load_explicit(&s->prev_tag, ACQ),
                                   atomic_load_explicit(&s->prev_revoked, ACQ), gen, tag);
        uint64_t b = 0;
        int counted = 0;
        if (rc == 0) {
            uint32_t type = atomic_load_explicit(&s->type, ACQ);
            uint32_t rights = atomic_load_explicit(&s->rights, ACQ);
            int64_t expiry = atomic_load_explicit(&s->expiry, ACQ);
            b = atomic_load_explicit(&s->badge, ACQ);
            rc = (int64_t)atomic_load_explicit(&s->object_id, ACQ);
            if (type != NK_OBJ_ENDPOINT)
                rc = -NK_E_WRONG_TYPE;
            else if (!(rights & NK_RIGHT_CALL))
                rc = -NK_E_RIGHTS;
            else if (expiry != 0 && mono_ms() >= expiry) /* the clock only for expiring caps */
                rc = -NK_E_EXPIRED;
            else {
                atomic_fetch_add_explicit(counter, 1, memory_order_seq_cst);
                counted = 1;
            }
        }
        if (atomic_load_explicit(&s->seq, memory_order_seq_cst) == q1) {
            if (badge != NULL)
                *badge = b;
            return rc;
        }
        if (counted)
            atomic_fetch_sub_explicit(counter, 1, memory_order_seq_cst);
    }
}

static int64_t call_common(nk_domain_t d, nk_cap_t ep, uint64_t *badge)
{
    int64_t rc = call_authorise(d, ep, badge);
    if (__builtin_expect(rc < 0, 0) && rc != -NK_E_STATE)
        audit(d, NK_OP_CALL, 0, (int)rc, "cap=%#llx", (unsigned long long)ep);
    return rc;
}

int64_t nk_call(nk_domain_t d, nk_cap_t ep) { return call_common(d, ep, NULL); }

int64_t nk_call_badge(nk_domain_t d, nk_cap_t ep, uint64_t *badge)
{
    if (badge == NULL) {
        if (kernel_running() == 0)
            audit(d, NK_OP_CALL, 0, -NK_E_INVAL, "cap=%#llx badge=NULL", (unsigned long long)ep);
        return -NK_E_INVAL;
    }
    return call_common(d, ep, badge);
}
