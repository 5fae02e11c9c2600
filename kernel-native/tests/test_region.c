// SPDX-License-Identifier: Apache-2.0
/* test_region.c: regions: copy access, bounds, mapping, red-zone canaries, memory limits,
   and the guarded allocator's double-free detection. */
#include <fcntl.h>
#include <sys/wait.h>

#include "harness.h"
#include "internal.h"

static void copy_access_and_bounds(void)
{
    MUST(nk_init(NULL));
    nk_cap_t r, ro;
    MUST(nk_region_create(0, 100, &r));
    uint8_t in[100], out[100];
    for (int i = 0; i < 100; i++)
        in[i] = (uint8_t)i;
    CHECK_EQ(nk_region_write(0, r, 0, in, 100), 100);
    CHECK_EQ(nk_region_read(0, r, 10, out, 20), 20);
    CHECK(memcmp(out, in + 10, 20) == 0);
    CHECK_EQ(nk_region_read(0, r, 90, out, 11), -NK_E_INVAL);
    CHECK(t_audited("region.read", "E_INVAL"));
    CHECK_EQ(nk_region_read(0, r, UINT64_MAX, out, 2), -NK_E_INVAL);
    CHECK_EQ(nk_region_write(0, r, 0, NULL, 5), -NK_E_INVAL);
    CHECK_EQ(nk_region_read(0, r, 100, out, 0), 0);
    MUST(nk_cap_derive(0, r, NK_RIGHT_READ, 0, 0, 0, &ro));
    CHECK_EQ(nk_region_write(0, ro, 0, in, 1), -NK_E_RIGHTS);
    CHECK(t_audited("region.write", "E_RIGHTS"));
    CHECK_EQ(nk_region_create(0, 0, &r), -NK_E_INVAL);
    CHECK_EQ(nk_region_create(0, (uint64_t)NK_REGION_MAX + 1, &r), -NK_E_INVAL);
    MUST(nk_shutdown());
}

static void map_and_canary(void)
{
    MUST(nk_init(NULL));
    nk_cap_t r, nomap;
    uint64_t addr, size;
    MUST(nk_region_create(0, 4096, &r)); /* a whole page: the red zone gets its own page */
    MUST(nk_region_map(0, r, &addr, &size));
    CHECK_EQ(size, 4096);
    uint8_t *p = (uint8_t *)(uintptr_t)addr;
    p[0] = 0xab;
    p[4095] = 0xcd;
    uint8_t b;
    CHECK_EQ(nk_region_read(0, r, 4095, &b, 1), 1);
    CHECK_EQ(b, 0xcd);
    MUST(nk_region_check(0, r));
    p[4096] ^= 0xff; /* one past the end: the red zone */
    CHECK_EQ(nk_region_check(0, r), -NK_E_CORRUPT);
    CHECK(t_audited("region.check", "E_CORRUPT"));
    p[4096] ^= 0xff;
    MUST(nk_region_check(0, r));
    /* the mapping keeps the memory after the capability is gone */
    MUST(nk_cap_delete(0, r));
    p[1] = 7;
    CHECK_EQ(nk_region_unmap(0, addr), 0);
    CHECK_EQ(nk_region_unmap(0, addr), -NK_E_INVAL);
    CHECK(t_audited("region.unmap", "E_INVAL"));
    MUST(nk_region_create(0, 10, &r));
    MUST(nk_cap_derive(0, r, NK_RIGHT_READ | NK_RIGHT_WRITE, 0, 0, 0, &nomap));
    CHECK_EQ(nk_region_map(0, nomap, &addr, &size), -NK_E_RIGHTS);
    CHECK_EQ(nk_region_map(0, r, NULL, &size), -NK_E_INVAL);
    MUST(nk_shutdown());
}

static void memory_limit(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a;
    nk_cap_t r1, r2;
    MUST(nk_domain_create(0, "alpha", &a));
    MUST(nk_domain_set_limits(0, a, 100, 10000));
    MUST(nk_region_create_in(0, a, 6000, &r1));
    CHECK_EQ(nk_region_create_in(0, a, 6000, &r2), -NK_E_LIMIT);
    CHECK(t_audited("region.create", "E_LIMIT"));
    uint64_t mem;
    MUST(nk_domain_info(a, NULL, 0, NULL, NULL, NULL, &mem));
    CHECK_EQ(mem, 6000);
    CHECK(nk_region_read(a, r1, 0, &mem, 8) == 8);
    MUST(nk_cap_delete(a, r1));
    MUST(nk_domain_info(a, NULL, 0, NULL, NULL, NULL, &mem));
    CHECK_EQ(mem, 0);
    MUST(nk_region_create_in(0, a, 6000, &r2));
    CHECK_EQ(nk_region_create_in(a, a, 10, &r2), -NK_E_NOT_ROOT);
    /* a mapping outlives its domain, and can still be given back */
    uint64_t addr, size;
    MUST(nk_region_map(a, r2, &addr, &size));
    MUST(nk_domain_destroy(0, a));
    ((uint8_t *)(uintptr_t)addr)[5999] = 1; /* still mapped */
    MUST(nk_domain_info(a, NULL, 0, NULL, NULL, NULL, &mem));
    CHECK_EQ(mem, 6000);
    CHECK_EQ(nk_region_unmap(a, addr), 0);
    MUST(nk_domain_info(a, NULL, 0, NULL, NULL, NULL, &mem));
    CHECK_EQ(mem, 0);
    MUST(nk_shutdown());
}

/* The allocator under the regions: guard layout, canary, double free. */
static void guardmem_double_free(void)
{
    MUST(nk_init(NULL)); /* for the per-boot key only */
    struct nk_guardmem g;
    MUST(guardmem_alloc(&g, 5000, 0x1234567890abcdefull));
    CHECK_EQ(guardmem_check(&g), 0);
    CHECK(g.red_len >= 64);
    CHECK_EQ(((uintptr_t)g.data) % 4096, 0);
    g.data[5000 + g.red_len - 1] ^= 1; /* last red-zone byte */
    CHECK_EQ(guardmem_check(&g), -NK_E_CORRUPT);
    CHECK_EQ(guardmem_free(&g), -NK_E_CORRUPT); /* freed, but reported */
    CHECK_EQ(guardmem_free(&g), -NK_E_CORRUPT); /* double free: detected, nothing touched */
    MUST(guardmem_alloc(&g, 1, 1));
    CHECK_EQ(guardmem_free(&g), 0);
    CHECK_EQ(guardmem_free(&g), -NK_E_CORRUPT);
    CHECK_EQ(guardmem_alloc(&g, 0, 1), -NK_E_INVAL);
    MUST(nk_shutdown());
}

/* The buddy arena: split and merge, reuse, zeroed reuse, refusing bad frees. */
static void arena_buddy(void)
{
    MUST(nk_init(NULL));
    size_t pg = arena_page_size();
    uint64_t base_used = arena_used_pages(); /* the permanent guard page */
    uint8_t *a, *b, *c;
    size_t la, lb, lc;
    MUST(arena_alloc(1, &a, &la)); /* 1 page + guard: order 1 */
    MUST(arena_alloc(3, &b, &lb)); /* 3 pages + guard: order 2 */
    MUST(arena_alloc(4, &c, &lc)); /* 4 pages + guard: order 3 */
    CHECK_EQ(la, 2 * pg);
    CHECK_EQ(lb, 4 * pg);
    CHECK_EQ(lc, 8 * pg);
    CHECK_EQ(arena_used_pages(), base_used + 14);
    CHECK(((uintptr_t)b - (uintptr_t)a) % pg == 0);
    memset(a, 0x5a, pg);
    memset(b, 0x5a, 3 * pg);
    CHECK_EQ(arena_free(b + pg), -NK_E_CORRUPT); /* inside a block */
    CHECK_EQ(arena_free(a), 0);
    CHECK_EQ(arena_free(a), -NK_E_CORRUPT); /* double free */
    uint8_t local;
    CHECK_EQ(arena_free(&local), -NK_E_CORRUPT); /* not arena memory */
    CHECK_EQ(arena_free(b), 0);
    CHECK_EQ(arena_free(c), 0);
    CHECK_EQ(arena_used_pages(), base_used);
    /* merged back: the same sizes come back at the same places, zeroed */
    uint8_t *a2, *b2;
    MUST(arena_alloc(1, &a2, &la));
    MUST(arena_alloc(3, &b2, &lb));
    CHECK(a2 == a);
    CHECK(b2 == b);
    CHECK_EQ(a2[0], 0);
    CHECK_EQ(b2[3 * pg - 1], 0);
    CHECK_EQ(arena_alloc(0, &a2, &la), -NK_E_INVAL);
    MUST(nk_shutdown());
}

/* Touching the page after a region's red zone, or the page before it, faults at once. */
static int faults(uint8_t *p)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2); /* the sanitizer's report of the expected fault */
        *(volatile uint8_t *)p = 1;
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void guard_pages_fault(void)
{
    MUST(nk_init(NULL));
    nk_cap_t r;
    uint64_t addr, size;
    MUST(nk_region_create(0, 100, &r));
    MUST(nk_region_map(0, r, &addr, &size));
    uint8_t *p = (uint8_t *)(uintptr_t)addr;
    size_t pg = arena_page_size();
    CHECK(!faults(p + 99));
    CHECK(!faults(p + pg - 1)); /* red zone: writable, caught by the canary */
    CHECK(faults(p + pg));      /* the guard page after */
    CHECK(faults(p - 1));       /* the guard before */
    MUST(nk_region_unmap(0, addr));
    MUST(nk_shutdown());
}

int main(void)
{
    RUN(copy_access_and_bounds);
    RUN(map_and_canary);
    RUN(memory_limit);
    RUN(guardmem_double_free);
    RUN(arena_buddy);
    RUN(guard_pages_fault);
    return t_done("test_region");
}
