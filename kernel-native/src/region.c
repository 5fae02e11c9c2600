// SPDX-License-Identifier: Apache-2.0
/*
 * region.c: memory regions. Each region is a guarded block (guardmem.c) charged to the
 * memory limit of its owner domain. Java sees a region either by copying
 * (nk_region_read/write, READ/WRITE rights) or zero-copy through nk_region_map (MAP right),
 * which returns the address for a direct buffer. A mapping holds a reference to the
 * region, so revoking every capability never unmaps memory a thread may still be using;
 * the memory goes when the last mapping is unmapped.
 *
 * Locking: creation, map and unmap run under k.wlock (the per-domain mapping list is (w));
 * read/write/check take a transient object reference and no lock.
 */
#include <stdlib.h>
#include <string.h>

#include "slot.h"

static int region_create_common(nk_domain_t caller, nk_domain_t owner, uint64_t size, nk_cap_t *out)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *cdom, *odom = NULL;
    struct nk_object *o = NULL;
    int rc = kernel_running();
    if (rc == 0)
        rc = domain_get(caller, &cdom);
    if (rc == 0 && caller != NK_ROOT_DOMAIN)
        rc = -NK_E_NOT_ROOT;
    if (rc == 0)
        rc = domain_get(owner, &odom);
    if (rc == 0 && (out == NULL || size == 0 || size > NK_REGION_MAX))
        rc = -NK_E_INVAL;
    if (rc == 0 && atomic_load(&odom->mem) + size > odom->max_mem)
        rc = -NK_E_LIMIT;
    if (rc == 0)
        rc = cap_room(odom, 1);
    if (rc == 0)
        rc = obj_reserve(&o);
    if (rc == 0) {
        uint64_t msg[2] = {obj_index(o), o->gen + 1u};
        rc = guardmem_alloc(&o->mem, (size_t)size, siphash24(k.key, msg, sizeof msg));
        if (rc != 0)
            obj_unreserve(o);
    }
    if (rc == 0) {
        /* invoke */
        obj_publish(o, NK_OBJ_REGION, owner);
        atomic_fetch_add(&odom->mem, size);
        *out = cap_install(odom, o, NK_RIGHTS_ALL, NK_RIGHTS_ALL, 0, 0, NULL);
    }
    audit(caller, NK_OP_REGION_CREATE, rc == 0 ? atomic_load(&o->id) : 0, rc, "owner=%u size=%llu", owner,
          (unsigned long long)size);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_region_create(nk_domain_t caller, uint64_t size, nk_cap_t *out)
{
    return region_create_common(caller, caller, size, out);
}

int nk_region_create_in(nk_domain_t caller, nk_domain_t owner, uint64_t size, nk_cap_t *out)
{
    return region_create_common(caller, owner, size, out);
}

void region_release(struct nk_object *o)
{
    size_t size = o->mem.size;
    int rc = guardmem_free(&o->mem);
    if (rc != 0)
        audit(o->owner, NK_OP_REGION_CHECK, atomic_load(&o->id), rc, "red zone or descriptor corrupt at free");
    struct nk_domain *dom = atomic_load(&k.domains[o->owner]);
    if (dom != NULL)
        atomic_fetch_sub(&dom->mem, size);
}

void region_release_mappings(struct nk_domain *dom)
{
    struct nk_mapping *m = dom->mappings;
    dom->mappings = NULL;
    while (m != NULL) {
        struct nk_mapping *next = m->next;
        obj_put(m->obj);
        free(m);
        m = next;
    }
}

int nk_region_map(nk_domain_t d, nk_cap_t cap, uint64_t *addr, uint64_t *size)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_capsnap c = {0};
    struct nk_domain *dom = NULL;
    struct nk_object *o = NULL;
    struct nk_mapping *m = NULL;
    int rc = cap_decode(d, cap, NK_OBJ_REGION, NK_RIGHT_MAP, &c);
    if (rc == 0 && (addr == NULL || size == NULL))
        rc = -NK_E_INVAL;
    if (rc == 0)
        rc = domain_get(d, &dom);
    if (rc == 0 && (m = malloc(sizeof *m)) == NULL)
        rc = -NK_E_NOMEM;
    if (rc == 0 && (o = obj_tryget(c.obj_index, c.object_id)) == NULL) {
        free(m);
        rc = -NK_E_REVOKED;
    }
    if (rc == 0) {
        m->addr = (uint64_t)(uintptr_t)o->mem.data;
        m->obj = o; /* the reference taken above now belongs to the mapping */
        m->next = dom->mappings;
        dom->mappings = m;
        *addr = m->addr;
        *size = o->mem.size;
    }
    audit(d, NK_OP_REGION_MAP, c.object_id, rc, "cap=%#llx", (unsigned long long)cap);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_region_unmap(nk_domain_t d, uint64_t addr)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    struct nk_mapping **pp = NULL, *m = NULL;
    int rc = kernel_running();
    if (rc == 0)
        rc = domain_get(d, &dom);
    /* A destroyed domain's mappings may still be dropped: unmapping only gives memory back,
       and it is how the memory of a stopped bundle's buffers is released. */
    if (rc == -NK_E_DEAD_DOMAIN) {
        dom = atomic_load(&k.domains[d]);
        rc = 0;
    }
    if (rc == 0) {
        for (pp = &dom->mappings; *pp != NULL; pp = &(*pp)->next)
            if ((*pp)->addr == addr)
                break;
        if (*pp == NULL)
            rc = -NK_E_INVAL;
    }
    uint64_t id = 0;
    if (rc == 0) {
        m = *pp;
        *pp = m->next;
        id = atomic_load(&m->obj->id);
        obj_put(m->obj);
        free(m);
    }
    audit(d, NK_OP_REGION_UNMAP, id, rc, "addr=%#llx", (unsigned long long)addr);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

/* Decode of a copy: rights, bounds, buffer; takes the object reference on success. */
static int region_io_decode(nk_domain_t d, nk_cap_t cap, uint32_t right, uint64_t offset, const void *buf,
                            uint64_t len, struct nk_capsnap *c, struct nk_object **o)
{
    int rc = cap_decode(d, cap, NK_OBJ_REGION, right, c);
    if (rc == 0 && (buf == NULL && len > 0))
        rc = -NK_E_INVAL;
    if (rc == 0 && (*o = obj_tryget(c->obj_index, c->object_id)) == NULL)
        rc = -NK_E_REVOKED;
    if (rc == 0 && (offset > (*o)->mem.size || len > (*o)->mem.size - offset)) {
        obj_put(*o);
        rc = -NK_E_INVAL;
    }
    return rc;
}

int64_t nk_region_read(nk_domain_t d, nk_cap_t cap, uint64_t offset, void *buf, uint64_t len)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int rc = region_io_decode(d, cap, NK_RIGHT_READ, offset, buf, len, &c, &o);
    if (rc == 0) {
        if (len > 0)
            memcpy(buf, o->mem.data + offset, len);
        obj_put(o);
    }
    audit(d, NK_OP_REGION_READ, c.object_id, rc, "cap=%#llx off=%llu len=%llu", (unsigned long long)cap,
          (unsigned long long)offset, (unsigned long long)len);
    return rc == 0 ? (int64_t)len : rc;
}

int64_t nk_region_write(nk_domain_t d, nk_cap_t cap, uint64_t offset, const void *buf, uint64_t len)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int rc = region_io_decode(d, cap, NK_RIGHT_WRITE, offset, buf, len, &c, &o);
    if (rc == 0) {
        if (len > 0)
            memcpy(o->mem.data + offset, buf, len);
        obj_put(o);
    }
    audit(d, NK_OP_REGION_WRITE, c.object_id, rc, "cap=%#llx off=%llu len=%llu", (unsigned long long)cap,
          (unsigned long long)offset, (unsigned long long)len);
    return rc == 0 ? (int64_t)len : rc;
}

int nk_region_check(nk_domain_t d, nk_cap_t cap)
{
    struct nk_capsnap c = {0};
    struct nk_object *o = NULL;
    int rc = cap_decode(d, cap, NK_OBJ_REGION, NK_RIGHT_READ, &c);
    if (rc == 0 && (o = obj_tryget(c.obj_index, c.object_id)) == NULL)
        rc = -NK_E_REVOKED;
    if (rc == 0) {
        rc = guardmem_check(&o->mem);
        obj_put(o);
    }
    audit(d, NK_OP_REGION_CHECK, c.object_id, rc, "cap=%#llx", (unsigned long long)cap);
    return rc;
}
