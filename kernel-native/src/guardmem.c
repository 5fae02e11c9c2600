// SPDX-License-Identifier: Apache-2.0
/*
 * guardmem.c: guarded memory blocks for regions, carved from the arena (arena.c).
 *
 * Layout of one block:
 *
 *   [guard: end of the previous block, or free]  [data: size bytes][red zone]  [guard page(s)]
 *
 * The red zone fills the rest of the data pages, and is at least NK_GM_MIN_RED bytes (an
 * extra page is taken when size leaves less). It holds a canary pattern derived from the
 * per-boot key and the block, checked by guardmem_check and at free: an overflow that
 * stays inside the pages is caught there; one that runs further, or any underflow, hits a
 * guard page at once. A second free of the same descriptor fails on its magic; a free of
 * anything the arena did not hand out fails in the arena: both with E_CORRUPT, touching nothing.
 */
#include <string.h>

#include "internal.h"

#define NK_GM_MIN_RED 64

static inline uint8_t canary_byte(uint64_t canary, size_t i)
{
    return (uint8_t)(canary >> ((i & 7) * 8)) ^ (uint8_t)(i >> 3);
}

int guardmem_alloc(struct nk_guardmem *g, size_t size, uint64_t canary)
{
    size_t pg = arena_page_size();
    if (size == 0 || size > NK_REGION_MAX || pg == 0)
        return -NK_E_INVAL;
    size_t body = (size + NK_GM_MIN_RED + pg - 1) / pg * pg;
    uint8_t *base;
    size_t block_len;
    int rc = arena_alloc(body / pg, &base, &block_len);
    if (rc != 0)
        return rc;
    /* the arena hands out zeroed pages (fresh, or returned with MADV_DONTNEED) */
    g->map_base = base;
    g->map_len = block_len;
    g->data = base;
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
    int frc = arena_free(g->map_base);
    g->magic = NK_GM_FREED;
    g->map_base = g->data = NULL;
    return rc != 0 ? rc : frc;
}
