// SPDX-License-Identifier: Apache-2.0
/*
 * cap.c: capability spaces and the capability operations derive, transfer, revoke,
 * delete, info, list.
 *
 * Every operation decodes first (domain, handle, rights, masks, badge, expiry, room in
 * the target space), and only then invokes: the invoke steps (cap_install, cdt_*) cannot
 * fail. Locking: all of these run under k.wlock (internal.h); the lock-free readers
 * (nk_call, signal, I/O) use slot_snapshot (slot.h).
 */
#include <stdio.h>

#include "slot.h"

static inline struct nk_domain *slot_domain(const struct nk_slot *s)
{
    return atomic_load_explicit(&k.domains[s->domain], memory_order_relaxed);
}

static inline uint32_t slot_index(const struct nk_domain *dom, const struct nk_slot *s)
{
    return (uint32_t)(s - dom->slots);
}

int cap_lookup(struct nk_domain *dom, nk_cap_t h, struct nk_capsnap *out)
{
    uint32_t idx = handle_index(h);
    if (idx >= NK_MAX_SLOTS)
        return -NK_E_BAD_HANDLE;
    int rc = slot_snapshot(&dom->slots[idx], handle_gen(h), handle_tag(h), out);
    if (rc == 0 && out->expiry != 0 && mono_ms() >= out->expiry)
        return -NK_E_EXPIRED;
    return rc;
}

int cap_lookup_locked(struct nk_domain *dom, nk_cap_t h, struct nk_slot **slot, struct nk_capsnap *out)
{
    int rc = cap_lookup(dom, h, out);
    if (rc == 0)
        *slot = &dom->slots[handle_index(h)];
    return rc;
}

int cap_check_rights(const struct nk_capsnap *c, uint32_t type, uint32_t right)
{
    if (type != 0 && c->type != type)
        return -NK_E_WRONG_TYPE;
    if ((c->rights & right) != right)
        return -NK_E_RIGHTS;
    return 0;
}

int cap_decode(nk_domain_t d, nk_cap_t h, uint32_t type, uint32_t right, struct nk_capsnap *out)
{
    int rc = kernel_running();
    struct nk_domain *dom;
    if (rc == 0)
        rc = domain_get(d, &dom);
    if (rc == 0)
        rc = cap_lookup(dom, h, out);
    if (rc == 0)
        rc = cap_check_rights(out, type, right);
    return rc;
}

int cap_room(const struct nk_domain *dom, uint32_t n)
{
    if (dom->caps + n > dom->max_caps)
        return -NK_E_LIMIT;
    if (dom->free_count + (NK_MAX_SLOTS - dom->slot_hwm) < n)
        return -NK_E_LIMIT;
    return 0;
}

nk_cap_t cap_install(struct nk_domain *dom, struct nk_object *obj, uint32_t rights,
                     uint32_t derive_mask, uint64_t badge, int64_t expiry, struct nk_slot *parent)
{
    uint32_t idx;
    struct nk_slot *s;
    if (dom->free_head != 0) {
        idx = dom->free_head - 1;
        s = &dom->slots[idx];
        dom->free_head = s->next_free;
        dom->free_count--;
    } else {
        idx = dom->slot_hwm++;
        s = &dom->slots[idx];
        s->domain = dom->id;
        atomic_store_explicit(&s->gen, 1, RLX);
    }
    uint32_t gen = atomic_load_explicit(&s->gen, RLX), tag;
    nk_cap_t h = handle_mint(dom->id, idx, gen, &tag);
    obj_get(obj);
    slot_write_begin(s);
    atomic_store_explicit(&s->tag, tag, REL);
    atomic_store_explicit(&s->type, obj->type, REL);
    atomic_store_explicit(&s->rights, rights, REL);
    atomic_store_explicit(&s->derive_mask, derive_mask, REL);
    atomic_store_explicit(&s->obj_index, obj_index(obj), REL);
    atomic_store_explicit(&s->object_id, atomic_load_explicit(&obj->id, RLX), REL);
    atomic_store_explicit(&s->badge, badge, REL);
    atomic_store_explicit(&s->expiry, expiry, REL);
    atomic_store_explicit(&s->state, NK_SLOT_LIVE, REL);
    slot_write_end(s);
    s->first_child = NULL;
    s->next_free = 0;
    cdt_link(parent, s);
    dom->caps++;
    return h;
}

/* Writes the call.summary record of slot s if calls were counted on it. Needs the slot's
   seq odd (being freed) or k.wlock with the counter exchanged atomically. */
static void cap_emit_calls(struct nk_domain *dom, uint32_t idx, uint64_t n, uint64_t object_id)
{
    if (n != 0)
        audit(dom->id, NK_OP_CALL_SUMMARY, object_id, 0, "slot=%u calls=%llu", idx,
              (unsigned long long)n);
}

void cap_emit_io(uint32_t domain, uint32_t idx, uint64_t n, uint64_t bytes, uint64_t object_id)
{
    if (n != 0)
        audit(domain, NK_OP_DEV_SUMMARY, object_id, 0, "slot=%u ops=%llu bytes=%llu", idx,
              (unsigned long long)n, (unsigned long long)bytes);
}

void cap_free_slot(struct nk_slot *s, int revoked)
{
    struct nk_domain *dom = slot_domain(s);
    uint32_t idx = slot_index(dom, s);
    struct nk_object *obj = obj_at(atomic_load_explicit(&s->obj_index, RLX));
    uint64_t object_id = atomic_load_explicit(&s->object_id, RLX);
    uint32_t type = atomic_load_explicit(&s->type, RLX);
    cdt_unlink(s);
    uint32_t gen = atomic_load_explicit(&s->gen, RLX);
    slot_write_begin(s);
    /* After the odd seq store (seq_cst), a caller whose count lands after this
       exchange sees the odd seq and takes its count back (endpoint.c). */
    uint64_t calls = atomic_exchange_explicit(&s->calls, 0, memory_order_seq_cst);
    uint64_t io_ops = atomic_exchange_explicit(&s->io_ops, 0, memory_order_seq_cst);
    uint64_t io_bytes = atomic_exchange_explicit(&s->io_bytes, 0, memory_order_seq_cst);
    atomic_store_explicit(&s->state, NK_SLOT_FREE, REL);
    atomic_store_explicit(&s->prev_tag, atomic_load_explicit(&s->tag, RLX), REL);
    atomic_store_explicit(&s->prev_revoked, revoked ? 1u : 0u, REL);
    atomic_store_explicit(&s->gen, gen + 1, REL);
    slot_write_end(s);
    cap_emit_calls(dom, idx, calls, object_id);
    cap_emit_io(dom->id, idx, io_ops, io_bytes, object_id);
    dom->caps--;
    if (gen + 1 <= NK_GEN_MAX) {
        s->next_free = dom->free_head;
        dom->free_head = idx + 1;
        dom->free_count++;
    } /* else: the slot is retired, so an old handle can never match a wrapped generation */
    if (type == NK_OBJ_NOTIFICATION)
        notification_wake_all(obj);
    obj_put(obj);
}

void cap_flush_all_calls(void)
{
    for (uint32_t d = 0; d < k.ndomains; d++) {
        struct nk_domain *dom = atomic_load_explicit(&k.domains[d], RLX);
        for (uint32_t i = 0; i < dom->slot_hwm; i++) {
            struct nk_slot *s = &dom->slots[i];
            if (atomic_load_explicit(&s->calls, RLX) != 0) {
                uint64_t n = atomic_exchange_explicit(&s->calls, 0, memory_order_seq_cst);
                cap_emit_calls(dom, i, n, atomic_load_explicit(&s->object_id, RLX));
            }
            if (atomic_load_explicit(&s->io_ops, RLX) != 0) {
                /* a call racing this flush may land in the next record: the totals over
                   all records stay exact (device.c: io_count) */
                uint64_t n = atomic_exchange_explicit(&s->io_ops, 0, memory_order_seq_cst);
                uint64_t b = atomic_exchange_explicit(&s->io_bytes, 0, memory_order_seq_cst);
                cap_emit_io(dom->id, i, n, b, atomic_load_explicit(&s->object_id, RLX));
            }
        }
    }
}

/* ------------------------------------------------------------------ operations */

/* Common decode for the writer-side operations: kernel, domain, handle. Under k.wlock. */
static int decode_cap(nk_domain_t d, nk_cap_t h, struct nk_domain **dom, struct nk_slot **s,
                      struct nk_capsnap *c)
{
    int rc = kernel_running();
    if (rc == 0)
        rc = domain_get(d, dom);
    if (rc == 0)
        rc = cap_lookup_locked(*dom, h, s, c);
    return rc;
}

/* decode_cap for revoke and delete. Removing only takes authority away, so an expired
 * capability is still accepted: it may still revoke (its descendants expired with it, but still
 * hold slots in other domains), and its holder may still delete it. */
static int decode_cap_to_remove(nk_domain_t d, nk_cap_t h, struct nk_domain **dom, struct nk_slot **s,
                                struct nk_capsnap *c)
{
    int rc = decode_cap(d, h, dom, s, c);
    if (rc == -NK_E_EXPIRED) {
        rc = 0;
        *s = &(*dom)->slots[handle_index(h)];
    }
    return rc;
}

int nk_cap_derive(nk_domain_t d, nk_cap_t src, uint32_t rights, uint32_t derive_mask,
                  uint64_t badge, int64_t expiry_ms, nk_cap_t *out)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    struct nk_slot *s;
    struct nk_capsnap c = {0};
    nk_cap_t h = 0;
    int rc = decode_cap(d, src, &dom, &s, &c);
    if (rc != 0)
        goto out;
    if (out == NULL || (rights & ~(uint32_t)NK_RIGHTS_ALL) || (derive_mask & ~(uint32_t)NK_RIGHTS_ALL) ||
        expiry_ms < 0) {
        rc = -NK_E_INVAL;
        goto out;
    }
    if (!(c.rights & NK_RIGHT_DERIVE) || (rights & ~c.rights)) {
        rc = -NK_E_RIGHTS;
        goto out;
    }
    if ((rights & ~c.derive_mask) || (derive_mask & ~c.derive_mask)) {
        rc = -NK_E_NOT_DERIVABLE;
        goto out;
    }
    if (badge != 0 && c.badge != 0) {
        rc = -NK_E_BADGE_SET;
        goto out;
    }
    int64_t expiry = c.expiry;
    if (expiry_ms != 0) {
        if (expiry_ms <= mono_ms() || (c.expiry != 0 && expiry_ms > c.expiry)) {
            rc = -NK_E_INVAL;
            goto out;
        }
        expiry = expiry_ms;
    }
    if ((rc = cap_room(dom, 1)) != 0)
        goto out;
    /* invoke */
    h = cap_install(dom, obj_at(c.obj_index), rights, derive_mask, badge != 0 ? badge : c.badge,
                    expiry, s);
    *out = h;
out:
    audit(d, NK_OP_CAP_DERIVE, c.object_id, rc, "src=%#llx new=%#llx rights=%#x mask=%#x badge=%#llx exp=%lld",
          (unsigned long long)src, (unsigned long long)h, rights, derive_mask,
          (unsigned long long)badge, (long long)expiry_ms);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_cap_transfer(nk_domain_t from, nk_cap_t cap, nk_domain_t to, nk_cap_t *out_in_target)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom, *tdom;
    struct nk_slot *s;
    struct nk_capsnap c = {0};
    nk_cap_t h = 0;
    int rc = decode_cap(from, cap, &dom, &s, &c);
    if (rc != 0)
        goto out;
    if (out_in_target == NULL) {
        rc = -NK_E_INVAL;
        goto out;
    }
    if (!(c.rights & NK_RIGHT_TRANSFER)) {
        rc = -NK_E_RIGHTS;
        goto out;
    }
    if ((rc = domain_get(to, &tdom)) != 0)
        goto out;
    if ((rc = cap_room(tdom, 1)) != 0)
        goto out;
    /* invoke: only the delegable rights pass (the derive mask) */
    h = cap_install(tdom, obj_at(c.obj_index), c.rights & c.derive_mask, c.derive_mask, c.badge,
                    c.expiry, s);
    *out_in_target = h;
out:
    audit(from, NK_OP_CAP_TRANSFER, c.object_id, rc, "cap=%#llx to=%u new=%#llx",
          (unsigned long long)cap, to, (unsigned long long)h);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_cap_revoke(nk_domain_t d, nk_cap_t cap)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    struct nk_slot *s;
    struct nk_capsnap c = {0};
    uint32_t n = 0;
    int rc = decode_cap_to_remove(d, cap, &dom, &s, &c);
    if (rc == 0 && !(c.rights & NK_RIGHT_REVOKE))
        rc = -NK_E_RIGHTS;
    if (rc == 0)
        n = cdt_revoke(s);
    audit(d, NK_OP_CAP_REVOKE, c.object_id, rc, "cap=%#llx deleted=%u", (unsigned long long)cap, n);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_cap_delete(nk_domain_t d, nk_cap_t cap)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    struct nk_slot *s;
    struct nk_capsnap c = {0};
    uint32_t n = 0;
    int rc = decode_cap_to_remove(d, cap, &dom, &s, &c);
    if (rc == 0)
        n = cdt_delete(s);
    audit(d, NK_OP_CAP_DELETE, c.object_id, rc, "cap=%#llx deleted=%u", (unsigned long long)cap, n);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_cap_info(nk_domain_t d, nk_cap_t cap, uint32_t *type, uint32_t *rights,
                uint32_t *derive_mask, uint64_t *badge, int64_t *expiry, uint64_t *object_id)
{
    struct nk_capsnap c = {0};
    int rc = cap_decode(d, cap, 0, 0, &c);
    if (rc == 0) {
        if (type)
            *type = c.type;
        if (rights)
            *rights = c.rights;
        if (derive_mask)
            *derive_mask = c.derive_mask;
        if (badge)
            *badge = c.badge;
        if (expiry)
            *expiry = c.expiry;
        if (object_id)
            *object_id = c.object_id;
    }
    audit(d, NK_OP_CAP_INFO, c.object_id, rc, "cap=%#llx", (unsigned long long)cap);
    return rc;
}

int nk_cap_list(nk_domain_t d, nk_cap_t *out, uint32_t max, uint32_t *count)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    uint32_t n = 0;
    int rc = kernel_running();
    if (rc == 0)
        rc = domain_get(d, &dom);
    if (rc == 0 && (count == NULL || (out == NULL && max > 0)))
        rc = -NK_E_INVAL;
    if (rc == 0) {
        for (uint32_t i = 0; i < dom->slot_hwm; i++) {
            struct nk_slot *s = &dom->slots[i];
            if (atomic_load_explicit(&s->state, RLX) != NK_SLOT_LIVE)
                continue;
            if (n < max)
                out[n] = handle_make(i, atomic_load_explicit(&s->gen, RLX), atomic_load_explicit(&s->tag, RLX));
            n++;
        }
        *count = n;
    }
    audit(d, NK_OP_CAP_LIST, 0, rc, "count=%u", n);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}
