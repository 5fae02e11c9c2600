// SPDX-License-Identifier: Apache-2.0
/*
 * object.c: the reference-counted object table.
 *
 * A fixed array of NK_MAX_OBJECTS entries reserved with mmap (MAP_NORESERVE), so entries
 * never move and a lock-free reader may always touch one. An object's id is
 * (generation << 32) | index and is never reused; refs counts the capabilities naming the
 * object, the mappings of it, and transient users (obj_tryget). The last obj_put releases
 * the object's resources and returns the entry to the free list.
 *
 * Locking: k.olock guards the free list and the high-water mark; refs and id are atomics.
 * obj_tryget increments refs only while it is non-zero and then re-checks the id, so an
 * entry that was freed and reused for another object is never taken for the old one.
 */
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

#define OBJ_TABLE_LEN ((size_t)NK_MAX_OBJECTS * sizeof(struct nk_object))

int obj_table_init(void)
{
    void *p = mmap(NULL, OBJ_TABLE_LEN, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -NK_E_NOMEM;
    k.objs = p;
    k.obj_hwm = 0;
    k.obj_free_head = 0;
    k.obj_live = 0;
    return 0;
}

void obj_table_release(void)
{
    for (uint32_t i = 0; i < k.obj_hwm; i++) {
        struct nk_object *o = &k.objs[i];
        if (o->sync_ready) {
            pthread_mutex_destroy(&o->mu);
            pthread_cond_destroy(&o->cv);
        }
    }
    munmap(k.objs, OBJ_TABLE_LEN);
    k.objs = NULL;
}

struct nk_object *obj_at(uint32_t index) { return &k.objs[index]; }

uint32_t obj_index(const struct nk_object *o) { return (uint32_t)(o - k.objs); }

int obj_reserve(struct nk_object **out)
{
    pthread_mutex_lock(&k.olock);
    struct nk_object *o = NULL;
    if (k.obj_free_head != 0) {
        o = &k.objs[k.obj_free_head - 1];
        k.obj_free_head = o->next_free;
    } else if (k.obj_hwm < NK_MAX_OBJECTS) {
        o = &k.objs[k.obj_hwm++];
        if (!o->sync_ready) {
            pthread_condattr_t ca;
            pthread_condattr_init(&ca);
            pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
            pthread_mutex_init(&o->mu, NULL);
            pthread_cond_init(&o->cv, &ca);
            pthread_condattr_destroy(&ca);
            o->sync_ready = 1;
        }
    }
    pthread_mutex_unlock(&k.olock);
    if (o == NULL)
        return -NK_E_LIMIT;
    o->next_free = 0;
    *out = o;
    return 0;
}

void obj_unreserve(struct nk_object *o)
{
    pthread_mutex_lock(&k.olock);
    o->next_free = k.obj_free_head;
    k.obj_free_head = obj_index(o) + 1;
    pthread_mutex_unlock(&k.olock);
}

void obj_publish(struct nk_object *o, uint32_t type, uint32_t owner)
{
    o->type = type;
    o->owner = owner;
    o->gen = o->gen % 0x7fffffffu + 1; /* keeps ids positive as int64 (nk_call's result) */
    atomic_store_explicit(&o->word, 0, memory_order_relaxed);
    atomic_store_explicit(&o->id, ((uint64_t)o->gen << 32) | obj_index(o), memory_order_release);
    pthread_mutex_lock(&k.olock);
    k.obj_live++;
    pthread_mutex_unlock(&k.olock);
}

struct nk_object *obj_tryget(uint32_t index, uint64_t id)
{
    if (index >= NK_MAX_OBJECTS)
        return NULL;
    struct nk_object *o = &k.objs[index];
    uint32_t r = atomic_load_explicit(&o->refs, memory_order_acquire);
    do {
        if (r == 0)
            return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&o->refs, &r, r + 1, memory_order_acq_rel,
                                                    memory_order_acquire));
    if (atomic_load_explicit(&o->id, memory_order_acquire) != id) {
        obj_put(o);
        return NULL;
    }
    return o;
}

void obj_get(struct nk_object *o) { atomic_fetch_add_explicit(&o->refs, 1, memory_order_relaxed); }

void obj_put(struct nk_object *o)
{
    if (atomic_fetch_sub_explicit(&o->refs, 1, memory_order_acq_rel) != 1)
        return;
    uint64_t id = atomic_load_explicit(&o->id, memory_order_relaxed);
    switch (o->type) {
    case NK_OBJ_REGION:
        region_release(o);
        break;
    case NK_OBJ_DEVICE:
        device_release(o);
        break;
    default:
        break;
    }
    audit(o->owner, NK_OP_OBJECT_FREE, id, 0, "type=%u", o->type);
    atomic_store_explicit(&o->id, 0, memory_order_release);
    pthread_mutex_lock(&k.olock);
    k.obj_live--;
    o->next_free = k.obj_free_head;
    k.obj_free_head = obj_index(o) + 1;
    pthread_mutex_unlock(&k.olock);
}

int obj_create_root(nk_domain_t caller, uint32_t type, uint32_t op, nk_cap_t *out)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    struct nk_object *o = NULL;
    int rc = kernel_running();
    if (rc == 0)
        rc = domain_get(caller, &dom);
    if (rc == 0 && caller != NK_ROOT_DOMAIN)
        rc = -NK_E_NOT_ROOT;
    if (rc == 0 && out == NULL)
        rc = -NK_E_INVAL;
    if (rc == 0)
        rc = cap_room(dom, 1);
    if (rc == 0)
        rc = obj_reserve(&o);
    if (rc == 0) {
        obj_publish(o, type, caller);
        *out = cap_install(dom, o, NK_RIGHTS_ALL, NK_RIGHTS_ALL, 0, 0, NULL);
    }
    audit(caller, op, rc == 0 ? atomic_load(&o->id) : 0, rc, NULL);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}
