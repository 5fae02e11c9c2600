/* SPDX-License-Identifier: Apache-2.0 */
/* digest_cache.c: digests remembered per file version (see digest_cache.h). */
#define _GNU_SOURCE
#include "digest_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure.h"

static uint64_t ns(struct timespec t)
{
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static int unhex(const char *h, uint8_t out[32])
{
    for (int i = 0; i < 32; i++) {
        unsigned v;
        if (sscanf(h + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (uint8_t)v;
    }
    return 0;
}

void nl_cache_load(struct nl_digest_cache *c, const char *file)
{
    memset(c, 0, sizeof(*c));
    FILE *f = fopen(file, "re");
    if (f == NULL)
        return;
    char line[4096 + 256];
    while (c->count < NL_CACHE_MAX && fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        struct nl_cache_entry *e = &c->e[c->count];
        char hex[65];
        int off = 0;
        if (sscanf(line, "%64s %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %n", hex, &e->dev,
                   &e->ino, &e->size, &e->mtime_ns, &e->ctime_ns, &off) != 6 ||
            strlen(hex) != 64 || off <= 0 || line[off] != '/' || unhex(hex, e->digest) != 0)
            continue;
        e->path = strdup(line + off);
        if (e->path != NULL)
            c->count++;
    }
    fclose(f);
}

int nl_cache_sha256(struct nl_digest_cache *c, const char *path, uint8_t out[32])
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    uint64_t mt = ns(st.st_mtim), ct = ns(st.st_ctim);
    for (size_t i = 0; i < c->count; i++) {
        struct nl_cache_entry *e = &c->e[i];
        if (strcmp(e->path, path) == 0 && e->dev == (uint64_t)st.st_dev && e->ino == (uint64_t)st.st_ino &&
            e->size == (uint64_t)st.st_size && e->mtime_ns == mt && e->ctime_ns == ct) {
            memcpy(out, e->digest, 32);
            return 0;
        }
    }
    if (nl_sha256_file(path, out) != 0)
        return -1;
    /* A file that changed while it was read is not remembered: its version is not the one hashed. */
    struct stat after;
    if (stat(path, &after) != 0 || ns(after.st_ctim) != ct || after.st_size != st.st_size)
        return 0;
    struct nl_cache_entry *e = NULL;
    for (size_t i = 0; i < c->count && e == NULL; i++)
        if (strcmp(c->e[i].path, path) == 0)
            e = &c->e[i];
    if (e == NULL) {
        if (c->count == NL_CACHE_MAX)
            return 0;
        char *p = strdup(path);
        if (p == NULL)
            return 0;
        e = &c->e[c->count++];
        e->path = p;
    }
    e->dev = (uint64_t)st.st_dev;
    e->ino = (uint64_t)st.st_ino;
    e->size = (uint64_t)st.st_size;
    e->mtime_ns = mt;
    e->ctime_ns = ct;
    memcpy(e->digest, out, 32);
    c->dirty = 1;
    return 0;
}

void nl_cache_save(struct nl_digest_cache *c, const char *file)
{
    if (!c->dirty)
        return;
    char tmp[4200];
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", file) >= sizeof(tmp))
        return;
    FILE *f = fopen(tmp, "we");
    if (f == NULL)
        return;
    char hex[65];
    for (size_t i = 0; i < c->count; i++) {
        struct nl_cache_entry *e = &c->e[i];
        if (strchr(e->path, '\n') != NULL)
            continue;
        nl_hex(e->digest, hex);
        fprintf(f, "%s %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %s\n", hex, e->dev, e->ino,
                e->size, e->mtime_ns, e->ctime_ns, e->path);
    }
    if (fclose(f) != 0 || rename(tmp, file) != 0)
        unlink(tmp);
    c->dirty = 0;
}

void nl_cache_free(struct nl_digest_cache *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->e[i].path);
    c->count = 0;
}
