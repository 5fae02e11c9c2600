/* SPDX-License-Identifier: Apache-2.0 */
/*
 * measure.h: measured boot. Each boot object (the launcher, the kernel library, libjvm, the
 * Felix framework jar, the boot class, every boot bundle, the configuration) is hashed with
 * SHA-256 and extended into a PCR-like register, the way a TPM 2.0 PCR is extended
 * (TCG PC Client Platform Firmware Profile, §2.3 "PCR extend": PCR_new = H(PCR_old || digest)),
 * and recorded in an event log of (index, register, digest, description), as in the TCG
 * event log. Registers start at all zero bytes.
 *
 * Register use:
 *   0  the launcher executable and the kernel library
 *   1  the JVM (libjvm.so)
 *   2  the class path: the Felix framework jar, the boot class jar, lib/classpath/ jars
 *   3  the boot bundles of system/, in start order
 *   4  the configuration: etc/jvm.options, etc/config.properties, etc/launcher.conf
 */
#ifndef NONOS_LAUNCHER_MEASURE_H
#define NONOS_LAUNCHER_MEASURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NL_PCR_COUNT 8
#define NL_DIGEST_LEN 32
#define NL_MAX_EVENTS 256
#define NL_EVENT_DESC_MAX 512

struct nl_event {
    unsigned index;
    unsigned pcr;
    uint8_t digest[NL_DIGEST_LEN];
    char description[NL_EVENT_DESC_MAX];
};

struct nl_measurements {
    uint8_t pcr[NL_PCR_COUNT][NL_DIGEST_LEN];
    struct nl_event events[NL_MAX_EVENTS];
    size_t count;
};

void nl_measure_init(struct nl_measurements *m);

/* SHA-256 of a whole file. Returns 0, or -1 with errno set (EIO for a digest failure). */
int nl_sha256_file(const char *path, uint8_t out[NL_DIGEST_LEN]);

/*
 * Extends register pcr with digest and appends the event. Returns 0, or -1 when the register
 * index is out of range, the log is full or the digest engine fails (nothing changed then).
 */
int nl_measure_extend(struct nl_measurements *m, unsigned pcr, const uint8_t digest[NL_DIGEST_LEN],
                      const char *description);

struct nl_digest_cache;

/*
 * Hashes the file at path (through cache when not NULL) and extends it ("<kind> <path>" as
 * description). -1 with errno.
 */
int nl_measure_file(struct nl_measurements *m, struct nl_digest_cache *cache, unsigned pcr, const char *kind,
                    const char *path);

/* Lowercase hex of a digest into out (2*NL_DIGEST_LEN + 1 bytes). */
void nl_hex(const uint8_t digest[NL_DIGEST_LEN], char out[2 * NL_DIGEST_LEN + 1]);

/*
 * The event log as text, one line per event then one per register:
 *   event <index> pcr=<n> sha256=<hex> <description>
 *   pcr <n> sha256=<hex>
 * Returns a malloc'd NUL-terminated string, or NULL when out of memory.
 */
char *nl_measure_text(const struct nl_measurements *m);

/* Writes nl_measure_text to path atomically (temporary file, rename). 0 or -1 with errno. */
int nl_measure_write(const struct nl_measurements *m, const char *path);

#endif
