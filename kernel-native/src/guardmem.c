// SPDX-License-Identifier: Apache-2.0
/*
 * guardmem.c: guarded memory blocks for regions.
 *
 * Layout of one block (each block is its own mapping):
 *
 *   [guard page, PROT_NONE][data: size bytes][red zone: canary bytes][guard page, PROT_NONE]
 *
 * The red zone fills the rest of the data pages, and is at least NK_GM_MIN_RED bytes (an
 * extra page is added when size leaves less). It holds a canary pattern derived from the
 * per-boot key and the block, checked by guardmem_check and at free: an overflow that
 * stays inside the pages is caught there; one that runs further, or any underflow, hits a
 * guard page at once. The descriptor's magic makes a second free of the same block fail
 * with E_CORRUPT instead of unmapping someone else's memory.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define NK_GM_MIN_RED 64

static size_t page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

static inline uint8_t canary_byte(uint64_t canary, size_t i)
{
    return (uint8_t)(canary >> ((i & 7) * 8)) ^ (uint8_t)(i >> 3);
}

int guardmem_alloc(struct nk_guardmem *g, size_t size, uint64_t canary)
{
    size_t pg = page_size();
    if (size == 0 || size > NK_REGION_MAX)
        return -NK_E_INVAL;
    size_t body = (size + NK_GM_MIN_RED + pg - 1) / pg * pg;
    size_t total = body + 2 * pg;
    uint8_t *base = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        return -NK_E_NOMEM;
    if (mprotect(base + pg, body, PROT_READ | PROT_WRITE) != 0) {
        munmap(base, total);
        return -NK_E_NOMEM;
    }
    g->map_base = base;
    g->map_len = total;
    g->data = base + pg;
    g->size = size;
    g->red_len = body - size;
    g->canary = canary;
    for (size_t i = 0; i < g->red_len; i++)
        g->data[size + i] = canary_byte(canary, i);
    g->magic = NK_GM_LIVE;
    return 0;
}

int guardmem_check(const struct nk_guardmem *g)
{
    if (g->magic != NK_GM_LIVE)
        return -NK_E_CORRUPT;
    uint8_t diff = 0;
    for (size_t i = 0; i < g->red_len; i++)
        diff |= (uint8_t)(g->data[g->size + i] ^ canary_byte(g->canary, i));
    return diff == 0 ? 0 : -NK_E_CORRUPT;
}

int guardmem_free(struct nk_guardmem *g)
{
    if (g->magic != NK_GM_LIVE)
        return -NK_E_CORRUPT; /* double free (or never allocated): touch nothing */
    int rc = guardmem_check(g);
    munmap(g->map_base, g->map_len);
    g->magic = NK_GM_FREED;
    g->map_base = g->data = NULL;
    return rc;
}
