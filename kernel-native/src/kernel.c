// SPDX-License-Identifier: Apache-2.0
/*
 * kernel.c: kernel lifecycle (nk_init / nk_shutdown), status texts, the clock.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "internal.h"

struct nk_kernel k = {.wlock = PTHREAD_MUTEX_INITIALIZER, .olock = PTHREAD_MUTEX_INITIALIZER};

int kernel_running(void)
{
    int s = atomic_load_explicit(&k.state, memory_order_acquire);
    if (s == NK_STATE_UP)
        return 0;
    return s == NK_STATE_AUDIT_BROKEN ? -NK_E_AUDIT : -NK_E_STATE;
}

int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t nk_now_ms(void) { return (uint64_t)mono_ms(); }

uint32_t nk_abi_version(void) { return NK_ABI_VERSION; }

int name_valid(const char *name)
{
    if (name == NULL)
        return 0;
    size_t n = strnlen(name, NK_NAME_MAX + 1);
    if (n == 0 || n > NK_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (name[i] < 0x21 || name[i] > 0x7e)
            return 0;
    return 1;
}

int rand_bytes(void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t r = getrandom(p, len, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -NK_E_IO;
        }
        p += r;
        len -= (size_t)r;
    }
    return 0;
}

const char *nk_strerror(int status)
{
    if (status < 0)
        status = -status;
    switch (status) {
#define NK_ERROR(name, value, text) case value: return text;
#include "nonos/nk_abi.def"
    default:
        return "unknown status";
    }
}

int nk_init(const char *audit_path)
{
    pthread_mutex_lock(&k.wlock);
    int rc = 0;
    if (atomic_load(&k.state) != NK_STATE_DOWN) {
        rc = -NK_E_STATE;
        goto out;
    }
    if (audit_path != NULL && (audit_path[0] == '\0' || strnlen(audit_path, 4097) > 4096)) {
        rc = -NK_E_INVAL;
        goto out;
    }
    for (uint32_t i = 0; i < NK_MAX_DOMAINS; i++)
        atomic_store(&k.domains[i], NULL);
    k.ndomains = 0;
    k.mint = 0;
    if ((rc = rand_bytes(k.key, sizeof k.key)) != 0)
        goto out;
    if ((rc = arena_init()) != 0)
        goto out;
    if ((rc = obj_table_init()) != 0) {
        arena_release();
        goto out;
    }
    if ((rc = audit_open(audit_path)) != 0) {
        obj_table_release();
        arena_release();
        goto out;
    }
    if ((rc = domain_create_root()) != 0) {
        audit_close();
        obj_table_release();
        arena_release();
        goto out;
    }
    atomic_store_explicit(&k.io_summary_ms, mono_ms(), memory_order_relaxed);
    atomic_store_explicit(&k.state, NK_STATE_UP, memory_order_release);
    audit(0, NK_OP_INIT, 0, 0, "abi=%d log=%s", NK_ABI_VERSION, audit_path ? "file" : "memory");
out:
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_shutdown(void)
{
    pthread_mutex_lock(&k.wlock);
    int s = atomic_load(&k.state);
    if (s != NK_STATE_UP && s != NK_STATE_AUDIT_BROKEN) {
        pthread_mutex_unlock(&k.wlock);
        return -NK_E_STATE;
    }
    cap_flush_all_calls();
    atomic_store_explicit(&k.state, NK_STATE_STOPPING, memory_order_release);
    uint64_t objs = k.obj_live;
    domain_release_all();
    audit(0, NK_OP_SHUTDOWN, 0, 0, "domains=%u objects=%llu", k.ndomains, (unsigned long long)objs);
    audit_close();
    obj_table_release();
    arena_release();
    atomic_store_explicit(&k.state, NK_STATE_DOWN, memory_order_release);
    pthread_mutex_unlock(&k.wlock);
    return 0;
}
