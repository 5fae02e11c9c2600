/* SPDX-License-Identifier: Apache-2.0 */
/*
 * digest_cache.h: SHA-256 digests of boot objects remembered across boots, keyed by the file's
 * identity and version as the kernel reports it (device, inode, size, modification and change
 * times, in nanoseconds), the way Linux IMA measures a file once per inode version. A file that
 * changed in any way gets a new ctime, so its digest is computed again; an unprivileged process
 * cannot set ctime. Hashing libjvm alone (~30 MB) costs tens of milliseconds at every boot
 * otherwise.
 *
 * File format (<state>/boot/digests), one line per file, written atomically:
 *   <sha256 hex> <dev> <ino> <size> <mtime ns> <ctime ns> <path>
 * A malformed line is ignored (the file is then hashed again): the cache can only save work,
 * never change a digest.
 */
#ifndef NONOS_LAUNCHER_DIGEST_CACHE_H
#define NONOS_LAUNCHER_DIGEST_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define NL_CACHE_MAX 256

struct nl_cache_entry {
    char *path;
    uint64_t dev, ino, size, mtime_ns, ctime_ns;
    uint8_t digest[32];
};

struct nl_digest_cache {
    struct nl_cache_entry e[NL_CACHE_MAX];
    size_t count;
    int dirty;
};

/* Reads the cache file (missing or unreadable: empty cache). */
void nl_cache_load(struct nl_digest_cache *c, const char *file);

/* SHA-256 of path, from the cache when its identity and version match, else computed and stored. 0 or -1 with errno. */
int nl_cache_sha256(struct nl_digest_cache *c, const char *path, uint8_t out[32]);

/* Writes the cache back when it changed (temporary file, rename). Failures only cost time later. */
void nl_cache_save(struct nl_digest_cache *c, const char *file);

void nl_cache_free(struct nl_digest_cache *c);

#endif
