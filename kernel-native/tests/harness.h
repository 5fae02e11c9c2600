/* SPDX-License-Identifier: Apache-2.0 */
/*
 * harness.h: a tiny test harness for the kernel's C tests: checks that count failures
 * and print where, a seeded generator (prints its seed; NONOS_SEED replays), temp files,
 * and audit-log helpers ("the last record is op X with result Y").
 */
#ifndef NK_TEST_HARNESS_H
#define NK_TEST_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nonos/kernel.h"

static int t_failures;
static int t_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        t_checks++;                                                                                \
        if (!(cond)) {                                                                             \
            t_failures++;                                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long _a = (long long)(a), _b = (long long)(b);                                        \
        t_checks++;                                                                                \
        if (_a != _b) {                                                                            \
            t_failures++;                                                                          \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, expected %s == %lld\n", __FILE__, \
                    __LINE__, #a, _a, #b, _b);                                                     \
        }                                                                                          \
    } while (0)

/* A must-succeed step: stops the test at once, since what follows depends on it. */
#define MUST(expr)                                                                                 \
    do {                                                                                           \
        long long _r = (long long)(expr);                                                          \
        if (_r < 0) {                                                                              \
            fprintf(stderr, "%s:%d: MUST failed: %s = %lld (%s)\n", __FILE__, __LINE__, #expr, _r, \
                    nk_strerror((int)_r));                                                         \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

#define RUN(fn)                                                                                    \
    do {                                                                                           \
        int _f = t_failures;                                                                       \
        fn();                                                                                      \
        printf("  %-44s %s\n", #fn, t_failures == _f ? "ok" : "FAILED");                          \
    } while (0)

static inline int t_done(const char *name)
{
    printf("%s: %d checks, %d failures\n", name, t_checks, t_failures);
    return t_failures == 0 ? 0 : 1;
}

/* ---- seeded generator (splitmix64) ---- */
static uint64_t t_rng_state;

static inline uint64_t t_seed(const char *name)
{
    const char *env = getenv("NONOS_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 0) : ((uint64_t)time(NULL) * 0x9e3779b97f4a7c15ull) ^ (uint64_t)getpid();
    printf("%s: seed %" PRIu64 " (replay with NONOS_SEED=%" PRIu64 ")\n", name, seed, seed);
    t_rng_state = seed;
    return seed;
}

static inline uint64_t t_rand(void)
{
    uint64_t z = (t_rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline uint32_t t_below(uint32_t n) { return n == 0 ? 0 : (uint32_t)(t_rand() % n); }

/* ---- temp files under NONOS_TMP (the build dir) or /tmp ---- */
static inline void t_tmp_path(char *out, size_t cap, const char *name)
{
    const char *dir = getenv("NONOS_TMP");
    snprintf(out, cap, "%s/%s.%d", dir ? dir : "/tmp", name, (int)getpid());
}

/* ---- audit helpers ---- */

/* Copies the last audit record's op name and result name (call.summary and dev.summary
   records, which reading the log may itself produce, are skipped). */
static inline int t_last_record(char *op, size_t opcap, char *result, size_t rcap)
{
    static char buf[1 << 16];
    uint64_t used = 0, n = nk_audit_count();
    if (n == 0 || nk_audit_read(n > 8 ? n - 8 : 1, buf, sizeof buf - 1, &used) != 0 || used == 0)
        return -1;
    buf[used] = '\0';
    int found = -1;
    for (char *line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char f[6][128];
        if (sscanf(line, "%127s %127s %127s %127s %127s %127s", f[0], f[1], f[2], f[3], f[4], f[5]) != 6)
            return -1;
        if (strcmp(f[3], "call.summary") == 0 || strcmp(f[3], "dev.summary") == 0)
            continue;
        snprintf(op, opcap, "%s", f[3]);
        snprintf(result, rcap, "%s", f[5]);
        found = 0;
    }
    return found;
}

/* True if the last record is `op` with result `result` (e.g. "cap.derive", "E_RIGHTS"). */
static inline int t_audited(const char *op, const char *result)
{
    char o[128], r[128];
    if (t_last_record(o, sizeof o, r, sizeof r) != 0)
        return 0;
    if (strcmp(o, op) != 0 || strcmp(r, result) != 0) {
        fprintf(stderr, "  last audit record: %s %s (expected %s %s)\n", o, r, op, result);
        return 0;
    }
    return 1;
}

/* True if one of the last `back` records is `op` with result `result`. */
static inline int t_recent(const char *op, const char *result, uint64_t back)
{
    static char buf[1 << 18];
    uint64_t used = 0, n = nk_audit_count();
    if (n == 0 || nk_audit_read(n > back ? n - back + 1 : 1, buf, sizeof buf - 1, &used) != 0)
        return 0;
    buf[used] = '\0';
    for (char *line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char f[6][128];
        if (sscanf(line, "%127s %127s %127s %127s %127s %127s", f[0], f[1], f[2], f[3], f[4], f[5]) == 6 &&
            strcmp(f[3], op) == 0 && strcmp(f[5], result) == 0)
            return 1;
    }
    return 0;
}

#endif
