/* SPDX-License-Identifier: Apache-2.0 */
/*
 * slot.h: the seqlock that lets capability slots be read without locks.
 *
 * Writer (holds k.wlock, so writers never race each other):
 *   slot_write_begin: seq becomes odd (seq_cst store); field stores follow, each a release
 *   store, so a reader that sees a new field value also sees the odd seq.
 *   slot_write_end:   seq becomes even again (release).
 * Reader: load seq (acquire); if odd, retry; copy the fields (acquire loads, so the final
 * seq load cannot move above them); reload seq; a change means a writer ran meanwhile, so
 * the copy is discarded. No standalone fences (ThreadSanitizer does not model them), and
 * on x86 acquire loads and release stores are plain moves.
 * The seq_cst pairing (writer: odd store, then the call-counter exchange; reader: counter
 * increment, then seq load) makes call counting exact across revocation (endpoint.c).
 */
#ifndef NK_SLOT_H
#define NK_SLOT_H

#include "internal.h"

#define RLX memory_order_relaxed
#define ACQ memory_order_acquire
#define REL memory_order_release

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static inline void slot_write_begin(struct nk_slot *s)
{
    uint32_t q = atomic_load_explicit(&s->seq, RLX);
    atomic_store_explicit(&s->seq, q + 1, memory_order_seq_cst);
}

static inline void slot_write_end(struct nk_slot *s)
{
    uint32_t q = atomic_load_explicit(&s->seq, RLX);
    atomic_store_explicit(&s->seq, q + 1, memory_order_release);
}

/*
 * Classifies a slot copy against a handle's generation and tag:
 * 0 (live and matching), -NK_E_REVOKED (the handle's generation ended by revocation),
 * -NK_E_BAD_HANDLE (anything else: never minted, deleted, reused, foreign, forged).
 */
static inline int slot_classify(uint32_t st, uint32_t sgen, uint32_t stag, uint32_t ptag,
                                uint32_t prev_revoked, uint32_t gen, uint32_t tag)
{
    if (st == NK_SLOT_LIVE && sgen == gen && stag == tag)
        return 0;
    if (prev_revoked && sgen == gen + 1 && ptag == tag && gen != 0)
        return -NK_E_REVOKED;
    return -NK_E_BAD_HANDLE;
}

/* Copies slot s if it matches (gen, tag); see slot_classify for the result. Lock-free. */
static inline int slot_snapshot(struct nk_slot *s, uint32_t gen, uint32_t tag, struct nk_capsnap *c)
{
    for (;;) {
        uint32_t q1 = atomic_load_explicit(&s->seq, memory_order_acquire);
        if (q1 & 1) {
            cpu_relax();
            continue;
        }
        int rc = slot_classify(atomic_load_explicit(&s->state, ACQ), atomic_load_explicit(&s->gen, ACQ),
                               atomic_load_explicit(&s->tag, ACQ), atomic_load_explicit(&s->prev_tag, ACQ),
                               atomic_load_explicit(&s->prev_revoked, ACQ), gen, tag);
        if (rc == 0) {
            c->type = atomic_load_explicit(&s->type, ACQ);
            c->rights = atomic_load_explicit(&s->rights, ACQ);
            c->derive_mask = atomic_load_explicit(&s->derive_mask, ACQ);
            c->obj_index = atomic_load_explicit(&s->obj_index, ACQ);
            c->object_id = atomic_load_explicit(&s->object_id, ACQ);
            c->badge = atomic_load_explicit(&s->badge, ACQ);
            c->expiry = atomic_load_explicit(&s->expiry, ACQ);
        }
        if (atomic_load_explicit(&s->seq, RLX) == q1)
            return rc;
    }
}

#endif
