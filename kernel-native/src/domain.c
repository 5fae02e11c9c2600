// SPDX-License-Identifier: Apache-2.0
/*
 * domain.c: protection domains. Each domain has its own capability space: a slot array
 * of NK_MAX_SLOTS entries reserved with mmap (MAP_NORESERVE: pages are only backed once
 * touched) so that it never moves and lock-free readers can index it at any time.
 *
 * Reading the domain table (nk_domain_info/list) is audited only when rejected: the shell
 * polls it, and it reveals no capability.
 *
 * Locking: the domain table k.domains is written under k.wlock and read with acquire
 * loads; a domain struct is never freed while the kernel runs (destroy marks it dead), so
 * domain_get is safe from any thread. Fields marked (w) in internal.h need k.wlock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

/* Allocates a domain struct and its slot array; nothing is published. */
static int domain_alloc(nk_domain_t parent, const char *name, struct nk_domain **out)
{
    struct nk_domain *dom = calloc(1, sizeof *dom);
    if (dom == NULL)
        return -NK_E_NOMEM;
    size_t slots_len = (size_t)NK_MAX_SLOTS * sizeof(struct nk_slot);
    void *slots = mmap(NULL, slots_len, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (slots == MAP_FAILED) {
        free(dom);
        return -NK_E_NOMEM;
    }
    dom->parent = parent;
    snprintf(dom->name, sizeof dom->name, "%s", name);
    dom->slots = slots;
    dom->max_caps = NK_DEFAULT_MAX_CAPS;
    dom->max_mem = NK_DEFAULT_MAX_MEM;
    atomic_store(&dom->alive, 1);
    *out = dom;
    return 0;
}

static void domain_publish(struct nk_domain *dom)
{
    dom->id = k.ndomains++;
    atomic_store_explicit(&k.domains[dom->id], dom, memory_order_release);
}

int domain_create_root(void)
{
    struct nk_domain *dom;
    int rc = domain_alloc(0, "root", &dom);
    if (rc != 0)
        return rc;
    /* The root domain holds the first capability of every object it creates. */
    dom->max_caps = NK_MAX_SLOTS;
    dom->max_mem = UINT64_MAX;
    domain_publish(dom);
    return 0;
}

static void domain_kill_caps(struct nk_domain *dom)
{
    /* Deleting a slot deletes its subtree, which may include later slots of this domain:
       each index is checked for liveness when reached. */
    for (uint32_t i = 0; i < dom->slot_hwm; i++) {
        struct nk_slot *s = &dom->slots[i];
        if (atomic_load_explicit(&s->state, memory_order_relaxed) == NK_SLOT_LIVE)
            cdt_delete(s);
    }
}

void domain_release_all(void)
{
    for (uint32_t d = 0; d < k.ndomains; d++) {
        struct nk_domain *dom = atomic_load(&k.domains[d]);
        atomic_store(&dom->alive, 0);
        domain_kill_caps(dom);
    }
    for (uint32_t d = 0; d < k.ndomains; d++) {
        struct nk_domain *dom = atomic_load(&k.domains[d]);
        region_release_mappings(dom);
        munmap(dom->slots, (size_t)NK_MAX_SLOTS * sizeof(struct nk_slot));
        atomic_store(&k.domains[d], NULL);
        free(dom);
    }
    k.ndomains = 0;
}

int nk_domain_create(nk_domain_t parent, const char *name, nk_domain_t *out)
{
    int rc = kernel_running();
    if (rc != 0)
        return rc;
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *caller, *dom = NULL;
    if ((rc = domain_get(parent, &caller)) != 0)
        goto out;
    if (parent != NK_ROOT_DOMAIN) {
        rc = -NK_E_NOT_ROOT;
        goto out;
    }
    if (out == NULL || !name_valid(name)) {
        rc = -NK_E_INVAL;
        goto out;
    }
    if (k.ndomains >= NK_MAX_DOMAINS) {
        rc = -NK_E_LIMIT;
        goto out;
    }
    if ((rc = domain_alloc(parent, name, &dom)) != 0)
        goto out;
    /* invoke: cannot fail from here */
    domain_publish(dom);
    *out = dom->id;
out:
    audit(parent, NK_OP_DOMAIN_CREATE, dom && rc == 0 ? dom->id : 0, rc, "name=%s",
          name_valid(name) ? name : "?");
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_domain_destroy(nk_domain_t caller, nk_domain_t d)
{
    int rc = kernel_running();
    if (rc != 0)
        return rc;
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *cdom, *dom;
    uint32_t before = 0;
    if ((rc = domain_get(caller, &cdom)) != 0)
        goto out;
    if (caller != NK_ROOT_DOMAIN) {
        rc = -NK_E_NOT_ROOT;
        goto out;
    }
    if (d == NK_ROOT_DOMAIN) {
        rc = -NK_E_INVAL;
        goto out;
    }
    if ((rc = domain_get(d, &dom)) != 0)
        goto out;
    /* invoke: mark dead first so concurrent calls fail at once, then delete its caps
       (with their subtrees in every domain). */
    atomic_store_explicit(&dom->alive, 0, memory_order_release);
    before = dom->caps;
    domain_kill_caps(dom);
out:
    audit(caller, NK_OP_DOMAIN_DESTROY, d, rc, "caps=%u", before);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_domain_set_limits(nk_domain_t caller, nk_domain_t d, uint32_t max_caps, uint64_t max_mem)
{
    int rc = kernel_running();
    if (rc != 0)
        return rc;
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *cdom, *dom;
    if ((rc = domain_get(caller, &cdom)) != 0)
        goto out;
    if (caller != NK_ROOT_DOMAIN) {
        rc = -NK_E_NOT_ROOT;
        goto out;
    }
    if ((rc = domain_get(d, &dom)) != 0)
        goto out;
    if (max_caps == 0 || max_caps > NK_MAX_SLOTS) {
        rc = -NK_E_INVAL;
        goto out;
    }
    if (max_caps < dom->caps || max_mem < atomic_load(&dom->mem)) {
        rc = -NK_E_LIMIT;
        goto out;
    }
    dom->max_caps = max_caps;
    dom->max_mem = max_mem;
out:
    audit(caller, NK_OP_DOMAIN_LIMITS, d, rc, "caps=%u mem=%llu", max_caps, (unsigned long long)max_mem);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_domain_info(nk_domain_t d, char *name, uint32_t name_cap, nk_domain_t *parent,
                   uint32_t *alive, uint32_t *caps, uint64_t *mem)
{
    int rc = kernel_running();
    if (rc != 0)
        return rc;
    if (name != NULL && name_cap == 0)
        return audit(d, NK_OP_DOMAIN_INFO, d, -NK_E_INVAL, "name_cap=0");
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom = d < NK_MAX_DOMAINS ? atomic_load(&k.domains[d]) : NULL;
    if (dom == NULL) {
        rc = -NK_E_NO_DOMAIN;
    } else {
        if (name != NULL)
            snprintf(name, name_cap, "%s", dom->name);
        if (parent != NULL)
            *parent = dom->parent;
        if (alive != NULL)
            *alive = atomic_load(&dom->alive);
        if (caps != NULL)
            *caps = dom->caps;
        if (mem != NULL)
            *mem = atomic_load(&dom->mem);
    }
    if (rc != 0)
        audit(d, NK_OP_DOMAIN_INFO, d, rc, NULL);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_domain_list(nk_domain_t *out, uint32_t max, uint32_t *count)
{
    int rc = kernel_running();
    if (rc != 0)
        return rc;
    if (count == NULL || (out == NULL && max > 0))
        return audit(0, NK_OP_DOMAIN_INFO, 0, -NK_E_INVAL, "list: bad buffer");
    pthread_mutex_lock(&k.wlock);
    for (uint32_t i = 0; i < k.ndomains && i < max; i++)
        out[i] = i;
    *count = k.ndomains;
    pthread_mutex_unlock(&k.wlock);
    return 0;
}
