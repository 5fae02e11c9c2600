/* SPDX-License-Identifier: Apache-2.0 */
/*
 * internal.h: the kernel's shared state and machinery (not exported).
 *
 * Read this first: locking
 * - k.wlock (the writer lock) serialises every change of a capability space, of the
 *   derivation tree and of the domain table: create, derive, transfer, revoke, delete,
 *   domain create/destroy, map/unmap. Revoke crosses domains, so one writer lock keeps it
 *   simple and obviously atomic; writers are rare next to calls.
 * - Readers never take k.wlock. A capability slot is a seqlock (nk_slot.seq): a writer
 *   makes seq odd, changes the fields, makes it even again; a reader copies the fields and
 *   retries if seq was odd or moved (cap.c: slot_snapshot). All slot fields a reader looks
 *   at are C11 atomics accessed relaxed, ordered by the seq loads/fences.
 * - Slot arrays and domain structs are never moved or freed while the
 *   kernel runs (a destroyed domain is only marked dead), so a reader may always touch them.
 * - Objects live in a fixed table (object.c). A reader that needs the object itself (signal,
 *   wait, device and region I/O) takes a transient reference with obj_tryget, which checks
 *   the object id after the increment, so a freed-and-reused entry is never mistaken.
 * - k.olock guards the object free list; k.alock (audit.c) serialises log appends.
 *   Lock order: wlock -> olock -> alock. Notification mutexes are leaves.
 */
#ifndef NK_INTERNAL_H
#define NK_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#include "nonos/kernel.h"

#define NK_HIDDEN __attribute__((visibility("hidden")))

/* ---- kernel state values (k.state) ---- */
enum { NK_STATE_DOWN = 0, NK_STATE_UP = 1, NK_STATE_AUDIT_BROKEN = 2, NK_STATE_STOPPING = 3 };

/* ---- slot states ---- */
enum { NK_SLOT_FREE = 0, NK_SLOT_LIVE = 1 };

/* Handle layout (kernel.h): index 0..15, generation 16..31, tag 32..63. */
#define NK_GEN_MAX 0xffffu

/*
 * One capability slot. Fields marked (seq) are read locklessly under the seqlock;
 * fields marked (w) are touched only under k.wlock.
 */
struct nk_slot {
    _Atomic uint32_t seq;         /* (seq) odd while being written */
    _Atomic uint32_t gen;         /* (seq) current generation, 1..NK_GEN_MAX */
    _Atomic uint32_t tag;         /* (seq) tag of the current generation's handle */
    _Atomic uint32_t state;       /* (seq) NK_SLOT_FREE / NK_SLOT_LIVE */
    _Atomic uint32_t type;        /* (seq) NK_OBJ_* */
    _Atomic uint32_t rights;      /* (seq) */
    _Atomic uint32_t derive_mask; /* (seq) */
    _Atomic uint32_t obj_index;   /* (seq) object table index */
    _Atomic uint64_t object_id;   /* (seq) */
    _Atomic uint64_t badge;       /* (seq) */
    _Atomic int64_t expiry;       /* (seq) 0 = none */
    _Atomic uint32_t prev_tag;    /* (seq) tag of the previous generation */
    _Atomic uint32_t prev_revoked;/* (seq) 1 if the previous generation died by revocation */
    /* --- second cache line: written by callers (the count) and by writers, never read by
       the authorisation, so counting does not disturb the line that readers share --- */
    _Atomic uint64_t calls;       /* successful nk_call count not yet audited (endpoint.c) */
    _Atomic uint64_t io_ops;      /* device calls not yet audited (device.c: dev.summary) */
    _Atomic uint64_t io_bytes;    /* bytes those calls moved */
    /* derivation tree (cdt.c), (w) */
    struct nk_slot *parent;
    struct nk_slot *first_child;
    struct nk_slot *next_sib;
    struct nk_slot *prev_sib;
    uint32_t domain;              /* (w) constant after first use */
    uint32_t next_free;           /* (w) free list link: index + 1, 0 = end */
} __attribute__((aligned(64)));

_Static_assert(offsetof(struct nk_slot, calls) == 64, "the seqlock fields fill the first cache line");
_Static_assert(sizeof(struct nk_slot) == 128, "a slot is two cache lines");

/* A region mapping held by a domain (region.c). */
struct nk_mapping {
    uint64_t addr;
    struct nk_object *obj;
    struct nk_mapping *next;
};

struct nk_domain {
    uint32_t id;
    nk_domain_t parent;
    char name[NK_NAME_MAX + 1];
    _Atomic uint32_t alive;
    struct nk_slot *slots;        /* NK_MAX_SLOTS entries, mmap'd, never moved */
    uint32_t slot_hwm;            /* (w) slots [0, hwm) have been handed out at least once */
    uint32_t free_head;           /* (w) free slot list: index + 1, 0 = empty */
    uint32_t free_count;          /* (w) slots on the free list */
    uint32_t caps;                /* (w) live capabilities */
    uint32_t max_caps;            /* (w) */
    _Atomic uint64_t mem;         /* region bytes charged to this domain */
    uint64_t max_mem;             /* (w) */
    struct nk_mapping *mappings;  /* (w) */
};

/* Guarded memory block (guardmem.c) in the arena (arena.c): data, red zone, guard page(s);
   the page before is a guard too. */
struct nk_guardmem {
    uint32_t magic;               /* NK_GM_LIVE or NK_GM_FREED: double-free detection */
    uint8_t *map_base;            /* whole mapping, guards included */
    size_t map_len;
    uint8_t *data;                /* size usable bytes */
    size_t size;
    size_t red_len;               /* canary bytes after data */
    uint64_t canary;              /* keyed per block */
};
#define NK_GM_LIVE 0x4c495645u  /* "LIVE" */
#define NK_GM_FREED 0x46524545u /* "FREE" */

struct nk_object {
    _Atomic uint64_t id;          /* 0 = free entry */
    _Atomic uint32_t refs;        /* capabilities + mappings + transient users */
    uint32_t type;
    uint32_t owner;               /* domain charged for it */
    uint32_t gen;                 /* id generation of this entry */
    uint32_t next_free;           /* free list: index + 1 */
    uint32_t sync_ready;          /* mu/cv initialised (once per entry, kept until shutdown) */
    pthread_mutex_t mu;           /* notification waiters */
    pthread_cond_t cv;
    _Atomic uint64_t word;        /* notification word */
    _Atomic uint32_t waiters;
    struct nk_guardmem mem;       /* region */
    int fd;                       /* device: the kernel's duplicate */
    uint32_t kind;                /* device kind */
    char name[NK_NAME_MAX + 1];   /* device name */
    uint32_t is_tty;              /* device: isatty at registration (EIO then means hang-up) */
    uint32_t line_saved;          /* device: line_orig holds the settings before nk_dev_line_set (w) */
    struct termios line_orig;
};

struct nk_kernel {
    _Atomic int state;
    pthread_mutex_t wlock;
    _Atomic(struct nk_domain *) domains[NK_MAX_DOMAINS];
    uint32_t ndomains;            /* (w) ids handed out */
    uint64_t key[2];              /* per-boot SipHash key (getrandom) */
    uint64_t mint;                /* (w) handle mint counter */
    /* object table */
    pthread_mutex_t olock;
    struct nk_object *objs;       /* NK_MAX_OBJECTS entries, mmap'd */
    uint32_t obj_hwm;             /* (olock) */
    uint32_t obj_free_head;       /* (olock) */
    uint64_t obj_live;            /* (olock) */
    _Atomic int64_t io_summary_ms;/* monotonic ms of the last periodic dev.summary flush (device.c) */
};

extern NK_HIDDEN struct nk_kernel k;

/* ---- kernel.c ---- */
NK_HIDDEN int kernel_running(void);           /* 0 or -NK_E_STATE / -NK_E_AUDIT */
NK_HIDDEN int64_t mono_ms(void);
NK_HIDDEN int name_valid(const char *name);
NK_HIDDEN int rand_bytes(void *buf, size_t len);

/* ---- siphash.c ---- */
NK_HIDDEN uint64_t siphash24(const uint64_t key[2], const void *msg, size_t len);

/* ---- handle.c ---- */
NK_HIDDEN nk_cap_t handle_mint(uint32_t domain, uint32_t index, uint32_t gen, uint32_t *tag_out);
static inline uint32_t handle_index(nk_cap_t h) { return (uint32_t)(h & 0xffffu); }
static inline uint32_t handle_gen(nk_cap_t h) { return (uint32_t)((h >> 16) & 0xffffu); }
static inline uint32_t handle_tag(nk_cap_t h) { return (uint32_t)(h >> 32); }
static inline nk_cap_t handle_make(uint32_t index, uint32_t gen, uint32_t tag)
{
    return (nk_cap_t)index | ((nk_cap_t)gen << 16) | ((nk_cap_t)tag << 32);
}

/* ---- domain.c ---- */
/* Looks up a live domain: 0, -NK_E_NO_DOMAIN or -NK_E_DEAD_DOMAIN. Lock-free, and inline
 * because the call hot path (endpoint.c) starts with it. */
static inline int domain_get(nk_domain_t d, struct nk_domain **out)
{
    if (d >= NK_MAX_DOMAINS)
        return -NK_E_NO_DOMAIN;
    struct nk_domain *dom = atomic_load_explicit(&k.domains[d], memory_order_acquire);
    if (dom == NULL)
        return -NK_E_NO_DOMAIN;
    if (!atomic_load_explicit(&dom->alive, memory_order_acquire))
        return -NK_E_DEAD_DOMAIN;
    *out = dom;
    return 0;
}
NK_HIDDEN int domain_create_root(void);
NK_HIDDEN void domain_release_all(void);

/* ---- cap.c ---- */
/* A consistent copy of a slot, taken without locks. */
struct nk_capsnap {
    uint32_t type, rights, derive_mask, obj_index;
    uint64_t object_id, badge;
    int64_t expiry;
};
/* Validates handle h in domain dom and copies its slot (lock-free): 0 or -NK_E_{BAD_HANDLE,REVOKED,EXPIRED}. */
NK_HIDDEN int cap_lookup(struct nk_domain *dom, nk_cap_t h, struct nk_capsnap *out);
/* The same under k.wlock, also giving the slot itself. */
NK_HIDDEN int cap_lookup_locked(struct nk_domain *dom, nk_cap_t h, struct nk_slot **slot, struct nk_capsnap *out);
/* 0 if dom can take one more capability, else -NK_E_LIMIT. (w) */
NK_HIDDEN int cap_room(const struct nk_domain *dom, uint32_t n);
/* Fills a new slot in dom (room checked before). (w) Cannot fail. */
NK_HIDDEN nk_cap_t cap_install(struct nk_domain *dom, struct nk_object *obj, uint32_t rights,
                               uint32_t derive_mask, uint64_t badge, int64_t expiry,
                               struct nk_slot *parent);
/* Frees a slot (must be a leaf of the tree); revoked says why, for later error reports. (w) */
NK_HIDDEN void cap_free_slot(struct nk_slot *s, int revoked);
/* Writes a call.summary record for every slot with uncounted successful calls, and a
   dev.summary record for every slot with uncounted device calls. (w) */
NK_HIDDEN void cap_flush_all_calls(void);
/* Writes the dev.summary record of slot idx of dom (n ops, bytes), if n != 0. */
NK_HIDDEN void cap_emit_io(uint32_t domain, uint32_t idx, uint64_t n, uint64_t bytes, uint64_t object_id);
/* 0, -NK_E_WRONG_TYPE (type != 0 and differs) or -NK_E_RIGHTS (right missing). */
NK_HIDDEN int cap_check_rights(const struct nk_capsnap *c, uint32_t type, uint32_t right);
/* Looks up handle h of domain d with kernel/domain checks: the common decode of I/O operations. */
NK_HIDDEN int cap_decode(nk_domain_t d, nk_cap_t h, uint32_t type, uint32_t right, struct nk_capsnap *out);

/* ---- cdt.c ---- */
NK_HIDDEN void cdt_link(struct nk_slot *parent, struct nk_slot *child);
NK_HIDDEN void cdt_unlink(struct nk_slot *s);
/* Deletes every descendant of s; returns how many. (w) */
NK_HIDDEN uint32_t cdt_revoke(struct nk_slot *s);
/* Deletes s and every descendant; returns how many. (w) */
NK_HIDDEN uint32_t cdt_delete(struct nk_slot *s);

/* ---- object.c ---- */
NK_HIDDEN int obj_table_init(void);
NK_HIDDEN void obj_table_release(void);
/* Reserves a free entry: 0 or -NK_E_LIMIT. The entry stays reserved until obj_publish/obj_unreserve. */
NK_HIDDEN int obj_reserve(struct nk_object **out);
NK_HIDDEN void obj_unreserve(struct nk_object *o);
/* Makes a reserved entry a live object (refs 0: its first capability takes the first reference). */
NK_HIDDEN void obj_publish(struct nk_object *o, uint32_t type, uint32_t owner);
/* Creates an object of this type for the root domain with one all-rights capability to it in
 * *out, auditing op: the common body of nk_endpoint_create and nk_notification_create. Takes
 * k.wlock. 0 or -NK_E_{STATE,AUDIT,NO_DOMAIN,DEAD_DOMAIN,NOT_ROOT,INVAL,LIMIT}. */
NK_HIDDEN int obj_create_root(nk_domain_t caller, uint32_t type, uint32_t op, nk_cap_t *out);
NK_HIDDEN uint32_t obj_index(const struct nk_object *o);
NK_HIDDEN struct nk_object *obj_tryget(uint32_t index, uint64_t id);
NK_HIDDEN void obj_get(struct nk_object *o);
NK_HIDDEN void obj_put(struct nk_object *o);
NK_HIDDEN struct nk_object *obj_at(uint32_t index);

/* ---- per-object release hooks ---- */
NK_HIDDEN void notification_wake_all(struct nk_object *o);
NK_HIDDEN void region_release(struct nk_object *o);
NK_HIDDEN void device_release(struct nk_object *o);
NK_HIDDEN void region_release_mappings(struct nk_domain *dom);

/* ---- arena.c ---- */
NK_HIDDEN int arena_init(void);
NK_HIDDEN void arena_release(void);
NK_HIDDEN size_t arena_page_size(void);
/* A block whose first access_pages pages are accessible, followed by at least one guard page. */
NK_HIDDEN int arena_alloc(size_t access_pages, uint8_t **out, size_t *block_len);
/* 0, or -NK_E_CORRUPT (double free / not a block start / not arena memory), changing nothing. */
NK_HIDDEN int arena_free(uint8_t *p);
NK_HIDDEN uint64_t arena_used_pages(void);

/* ---- guardmem.c ---- */
NK_HIDDEN int guardmem_alloc(struct nk_guardmem *g, size_t size, uint64_t canary);
NK_HIDDEN int guardmem_check(const struct nk_guardmem *g);
NK_HIDDEN int guardmem_free(struct nk_guardmem *g);

/* ---- audit.c ---- */
NK_HIDDEN int audit_open(const char *path);
NK_HIDDEN void audit_close(void);
/* Appends a record; text may be NULL. Returns the status given (for `return audit(...)`). */
NK_HIDDEN int audit(uint32_t domain, uint32_t op, uint64_t object, int result, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
