// SPDX-License-Identifier: Apache-2.0
/*
 * test_fuzz_api.c: seeded random calls of the whole API with arguments drawn from valid
 * values, stale and foreign handles, junk numbers, NULL and oversized lengths (never wild
 * pointers: those cannot be checked by any C library). Under ASan+UBSan: no crash, no
 * memory error, every result a defined status, and the audit chain intact at the end.
 * Prints its seed; NONOS_SEED replays; NONOS_FUZZ_STEPS sets the length.
 */
#include <fcntl.h>

#include "harness.h"

#define POOL 64

static nk_cap_t handles[POOL];
static nk_domain_t domains[8];
static int nhandles, ndomains;

static void remember(nk_cap_t h)
{
    handles[nhandles < POOL ? nhandles++ : (int)t_below(POOL)] = h;
}

static nk_cap_t any_handle(void)
{
    switch (t_below(6)) {
    case 0:
        return t_rand();
    case 1:
        return 0;
    case 2: /* a real handle with one bit flipped */
        return nhandles ? handles[t_below((uint32_t)nhandles)] ^ (1ull << t_below(64)) : 1;
    default:
        return nhandles ? handles[t_below((uint32_t)nhandles)] : 0;
    }
}

static nk_domain_t any_domain(void)
{
    uint32_t r = t_below(10);
    if (r == 0)
        return (nk_domain_t)t_rand();
    if (r == 1)
        return NK_MAX_DOMAINS + t_below(5);
    return domains[t_below((uint32_t)ndomains)];
}

static uint64_t any_len(uint64_t cap)
{
    switch (t_below(5)) {
    case 0:
        return 0;
    case 1:
        return t_rand();
    case 2:
        return cap + 1;
    default:
        return t_below((uint32_t)cap + 1);
    }
}

static int valid_status(long long rc) { return rc == 0 || (rc < 0 && rc >= -NK_E_NOT_TTY); }

int main(void)
{
    t_seed("test_fuzz_api");
    const char *env = getenv("NONOS_FUZZ_STEPS");
    int steps = env ? atoi(env) : 20000;
    MUST(nk_init(NULL));
    domains[ndomains++] = 0;
    for (int i = 0; i < 4; i++) {
        char name[16];
        snprintf(name, sizeof name, "f%d", i);
        MUST(nk_domain_create(0, name, &domains[ndomains++]));
    }
    char path[512];
    t_tmp_path(path, sizeof path, "nk-fuzz-dev");
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    static uint8_t buf[4096];
    for (int s = 0; s < steps; s++) {
        nk_cap_t out = 0;
        uint64_t u = 0, u2 = 0;
        long long rc;
        nk_domain_t d = any_domain();
        nk_cap_t h = any_handle();
        switch (t_below(16)) {
        case 0:
            rc = t_below(2) ? nk_endpoint_create(d, &out) : nk_notification_create(d, t_below(8) ? &out : NULL);
            break;
        case 1:
            rc = nk_region_create(d, any_len(8192), &out);
            break;
        case 2:
            rc = nk_device_register(d, t_below(3) ? fd : (int)t_rand(), t_below(4) ? "dev" : "", (uint32_t)t_below(9), &out);
            break;
        case 3:
            rc = nk_cap_derive(d, h, (uint32_t)t_rand() & (t_below(4) ? NK_RIGHTS_ALL : 0xffffffffu),
                               (uint32_t)t_rand() & NK_RIGHTS_ALL, t_below(3) ? 0 : t_rand(),
                               t_below(3) ? 0 : (int64_t)(nk_now_ms() + t_below(100000)) - 50000, &out);
            break;
        case 4:
            rc = nk_cap_transfer(d, h, any_domain(), t_below(10) ? &out : NULL);
            break;
        case 5:
            rc = nk_cap_revoke(d, h);
            break;
        case 6:
            rc = t_below(4) == 0 ? nk_cap_delete(d, h) : 0;
            break;
        case 7:
            rc = nk_call(d, h);
            if (rc > 0)
                rc = 0;
            break;
        case 8:
            rc = t_below(2) ? nk_signal(d, h) : nk_poll(d, h, t_below(8) ? &u : NULL);
            break;
        case 9:
            rc = nk_wait(d, h, (int64_t)t_below(2), t_below(8) ? &u : NULL);
            if (rc == -NK_E_WOULD_BLOCK || rc == -NK_E_TIMEOUT)
                rc = 0;
            break;
        case 10:
            rc = nk_region_read(d, h, any_len(8192), t_below(8) ? buf : NULL, any_len(sizeof buf) % (sizeof buf + 1));
            if (rc > 0)
                rc = 0;
            break;
        case 11:
            rc = nk_region_write(d, h, any_len(8192), buf, any_len(sizeof buf) % (sizeof buf + 1));
            if (rc > 0)
                rc = 0;
            break;
        case 12: {
            uint64_t len = any_len(sizeof buf);
            if (len > sizeof buf)
                len = t_below(2) ? (uint64_t)NK_DEV_IO_MAX + 1 : 0;
            uint32_t ev = 0;
            switch (t_below(6)) {
            case 0:
                rc = nk_dev_read(d, h, buf, len, (int64_t)t_below(3) - 1);
                break;
            case 1:
                rc = nk_dev_write(d, h, buf, len, (int64_t)t_below(3) - 1);
                break;
            case 2: /* the line calls: any events, timeouts around the bounds, null outs */
                rc = nk_dev_wait(d, h, (uint32_t)t_below(6), t_below(4) ? (int64_t)t_below(3) - 1 : (int64_t)t_rand(),
                                 t_below(8) ? &ev : NULL);
                break;
            case 3:
                rc = t_below(2) ? nk_dev_read_nb(d, h, t_below(8) ? buf : NULL, len) : nk_dev_write_nb(d, h, buf, len);
                break;
            case 4:
                rc = nk_dev_line_set(d, h, t_below(2) ? 9600 : (uint32_t)t_rand(), (uint32_t)t_below(10),
                                     (uint32_t)t_below(4), (uint32_t)t_below(4), (uint32_t)t_below(3));
                break;
            default:
                rc = nk_dev_line_restore(d, h);
                break;
            }
            if (rc > 0)
                rc = 0;
            break;
        }
        case 13:
            rc = nk_region_map(d, h, &u, &u2);
            if (rc == 0)
                CHECK_EQ(nk_region_unmap(d, u), 0);
            break;
        case 14:
            rc = nk_cap_info(d, h, NULL, NULL, NULL, NULL, NULL, NULL);
            break;
        default:
            rc = nk_domain_set_limits(d, any_domain(), (uint32_t)t_below(70000), t_rand());
            break;
        }
        if (!valid_status(rc))
            fprintf(stderr, "step %d: status %lld\n", s, rc);
        CHECK(valid_status(rc));
        if (out != 0)
            remember(out);
    }
    uint64_t checked = 0;
    MUST(nk_audit_verify(&checked));
    CHECK(checked > (uint64_t)steps / 2);
    close(fd);
    unlink(path);
    MUST(nk_shutdown());
    return t_done("test_fuzz_api");
}
