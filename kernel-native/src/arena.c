// SPDX-License-Identifier: Apache-2.0
/*
 * arena.c: the kernel's memory arena, a binary buddy allocator over one reserved range.
 *
 * Read this first
 * - At nk_init the arena reserves NK_ARENA_PAGES pages of address space, PROT_NONE and
 *   MAP_NORESERVE: nothing is backed until a block is handed out.
 * - Blocks are 2^order pages (Knuth, TAOCP vol. 1 §2.5, "buddy system"): allocation splits
 *   the smallest free block that fits, free merges a block with its buddy (index XOR
 *   2^order) for as long as the buddy is free and of the same order.
 * - Guard pages: free memory is PROT_NONE, and an allocated block is made accessible only
 *   for the pages its caller asked for; callers ask for at least one page less than the
 *   block (guardmem.c), so every block ends in an inaccessible page. The page before a
 *   block is the end of the previous block, or free memory, or the arena's first page,
 *   which is kept allocated and inaccessible for good: every block has a guard on each side.
 * - Per-page state (one byte per page) marks allocated and free block heads with their
 *   order. Freeing anything that is not the head of an allocated block (a double free, or
 *   a wild pointer) is refused with E_CORRUPT and changes nothing.
 * - Freed blocks are returned to the host (MADV_DONTNEED) and made PROT_NONE again, so a
 *   stale pointer faults instead of reading someone else's data until the block is reused.
 *
 * Locking: one mutex (a leaf lock), since regions are created and freed far less often
 * than they are used.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define ARENA_ORDER_MAX 20u /* at most 2^20 pages: 4 GiB of address space with 4 KiB pages */
#define ARENA_ORDER_MIN 14u /* at least 64 MiB, when the address space is limited (RLIMIT_AS) */
#define ARENA_PAGES (1u << ar.order)
#define ST_ALLOC 0x80u
#define ST_FREE 0x40u
#define ST_ORDER 0x3fu

static struct {
    pthread_mutex_t mu;
    uint32_t order;                     /* the arena is one block of this order */
    uint8_t *base;
    size_t pg;
    uint8_t *state;                     /* per page: ST_ALLOC|order or ST_FREE|order at block heads */
    uint32_t *next, *prev;              /* free-list links of free heads: index + 1, 0 = none */
    uint32_t head[ARENA_ORDER_MAX + 1]; /* free lists per order: index + 1 */
    uint64_t used_pages;
} ar = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void *reserve(size_t len, int prot)
{
    void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void list_push(uint32_t idx, uint32_t order)
{
    ar.state[idx] = (uint8_t)(ST_FREE | order);
    ar.prev[idx] = 0;
    ar.next[idx] = ar.head[order];
    if (ar.head[order] != 0)
        ar.prev[ar.head[order] - 1] = idx + 1;
    ar.head[order] = idx + 1;
}

static void list_remove(uint32_t idx, uint32_t order)
{
    if (ar.prev[idx] != 0)
        ar.next[ar.prev[idx] - 1] = ar.next[idx];
    else
        ar.head[order] = ar.next[idx];
    if (ar.next[idx] != 0)
        ar.prev[ar.next[idx] - 1] = ar.prev[idx];
    ar.state[idx] = 0;
}

/* Takes a free block of exactly `order`, splitting a larger one if needed; UINT32_MAX if none. */
static uint32_t take_block(uint32_t order)
{
    uint32_t o = order;
    while (o <= ar.order && ar.head[o] == 0)
        o++;
    if (o > ar.order)
        return UINT32_MAX;
    uint32_t idx = ar.head[o] - 1;
    list_remove(idx, o);
    while (o > order) {
        o--;
        list_push(idx + (1u << o), o); /* the upper half stays free */
    }
    ar.state[idx] = (uint8_t)(ST_ALLOC | order);
    return idx;
}

int arena_init(void)
{
    ar.pg = (size_t)sysconf(_SC_PAGESIZE);
    ar.base = NULL;
    for (ar.order = ARENA_ORDER_MAX; ar.base == NULL && ar.order >= ARENA_ORDER_MIN; ar.order--) {
        ar.base = reserve((size_t)ARENA_PAGES * ar.pg, PROT_NONE);
        if (ar.base != NULL)
            break;
    }
    ar.state = reserve(ARENA_PAGES, PROT_READ | PROT_WRITE);
    ar.next = reserve(ARENA_PAGES * sizeof(uint32_t), PROT_READ | PROT_WRITE);
    ar.prev = reserve(ARENA_PAGES * sizeof(uint32_t), PROT_READ | PROT_WRITE);
    if (ar.base == NULL || ar.state == NULL || ar.next == NULL || ar.prev == NULL) {
        arena_release();
        return -NK_E_NOMEM;
    }
    memset(ar.head, 0, sizeof ar.head);
    ar.used_pages = 0;
    list_push(0, ar.order);
    take_block(0); /* page 0: the permanent guard in front of the first block */
    return 0;
}

void arena_release(void)
{
    if (ar.base != NULL)
        munmap(ar.base, (size_t)ARENA_PAGES * ar.pg);
    if (ar.state != NULL)
        munmap(ar.state, ARENA_PAGES);
    if (ar.next != NULL)
        munmap(ar.next, ARENA_PAGES * sizeof(uint32_t));
    if (ar.prev != NULL)
        munmap(ar.prev, ARENA_PAGES * sizeof(uint32_t));
    ar.base = ar.state = NULL;
    ar.next = ar.prev = NULL;
}

size_t arena_page_size(void) { return ar.pg; }

int arena_alloc(size_t access_pages, uint8_t **out, size_t *block_len)
{
    if (access_pages == 0 || access_pages >= ARENA_PAGES / 2)
        return -NK_E_INVAL;
    /* one page more than the caller may touch: the trailing guard */
    uint32_t order = 0;
    while ((1ull << order) < access_pages + 1)
        order++;
    pthread_mutex_lock(&ar.mu);
    int rc = 0;
    uint32_t idx = ar.base != NULL ? take_block(order) : UINT32_MAX;
    uint8_t *p = NULL;
    if (idx == UINT32_MAX) {
        rc = -NK_E_NOMEM;
    } else {
        p = ar.base + (size_t)idx * ar.pg;
        if (mprotect(p, access_pages * ar.pg, PROT_READ | PROT_WRITE) != 0) {
            ar.state[idx] = 0;
            list_push(idx, order); /* left unmerged: still correct, merged when its buddy is freed */
            rc = -NK_E_NOMEM;
        } else {
            ar.used_pages += 1ull << order;
        }
    }
    pthread_mutex_unlock(&ar.mu);
    if (rc == 0) {
        *out = p;
        *block_len = ((size_t)1 << order) * ar.pg;
    }
    return rc;
}

int arena_free(uint8_t *p)
{
    pthread_mutex_lock(&ar.mu);
    int rc = 0;
    uintptr_t off = (uintptr_t)(p - ar.base);
    if (ar.base == NULL || p < ar.base || off >= (uintptr_t)ARENA_PAGES * ar.pg || off % ar.pg != 0) {
        rc = -NK_E_CORRUPT; /* not arena memory */
    } else {
        uint32_t idx = (uint32_t)(off / ar.pg);
        uint8_t st = ar.state[idx];
        if (!(st & ST_ALLOC) || idx == 0) {
            rc = -NK_E_CORRUPT; /* double free, or not the start of a block */
        } else {
            uint32_t order = st & ST_ORDER;
            size_t len = ((size_t)1 << order) * ar.pg;
            mprotect(p, len, PROT_NONE);
            madvise(p, len, MADV_DONTNEED);
            ar.used_pages -= 1ull << order;
            ar.state[idx] = 0;
            while (order < ar.order) {
                uint32_t buddy = idx ^ (1u << order);
                if (ar.state[buddy] != (ST_FREE | order))
                    break;
                list_remove(buddy, order);
                idx &= ~(1u << order);
                order++;
            }
            list_push(idx, order);
        }
    }
    pthread_mutex_unlock(&ar.mu);
    return rc;
}

uint64_t arena_used_pages(void)
{
    pthread_mutex_lock(&ar.mu);
    uint64_t n = ar.used_pages;
    pthread_mutex_unlock(&ar.mu);
    return n;
}
