/* SPDX-License-Identifier: Apache-2.0 */
/* measure.c: SHA-256 measurements, register extension and the event log (see measure.h). */
#define _GNU_SOURCE
#include "measure.h"

#include "digest_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void nl_measure_init(struct nl_measurements *m)
{
    memset(m, 0, sizeof(*m));
}

int nl_sha256_file(const char *path, uint8_t out[NL_DIGEST_LEN])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    static uint8_t buf[1 << 16];
    int saved = 0;
    while (ok) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            saved = errno;
            ok = 0;
            break;
        }
        if (n == 0)
            break;
        ok = EVP_DigestUpdate(ctx, buf, (size_t)n) == 1;
    }
    unsigned len = 0;
    if (ok)
        ok = EVP_DigestFinal_ex(ctx, out, &len) == 1 && len == NL_DIGEST_LEN;
    EVP_MD_CTX_free(ctx);
    close(fd);
    if (!ok) {
        errno = saved != 0 ? saved : EIO;
        return -1;
    }
    return 0;
}

int nl_measure_extend(struct nl_measurements *m, unsigned pcr, const uint8_t digest[NL_DIGEST_LEN],
                      const char *description)
{
    if (pcr >= NL_PCR_COUNT || m->count == NL_MAX_EVENTS) {
        errno = EINVAL;
        return -1;
    }
    /* PCR_new = SHA-256(PCR_old || digest): computed aside, committed only on success. */
    uint8_t next[NL_DIGEST_LEN];
    unsigned len = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
             EVP_DigestUpdate(ctx, m->pcr[pcr], NL_DIGEST_LEN) == 1 &&
             EVP_DigestUpdate(ctx, digest, NL_DIGEST_LEN) == 1 && EVP_DigestFinal_ex(ctx, next, &len) == 1 &&
             len == NL_DIGEST_LEN;
    EVP_MD_CTX_free(ctx);
    if (!ok) {
        errno = EIO;
        return -1;
    }
    memcpy(m->pcr[pcr], next, NL_DIGEST_LEN);
    struct nl_event *e = &m->events[m->count];
    e->index = (unsigned)m->count;
    e->pcr = pcr;
    memcpy(e->digest, digest, NL_DIGEST_LEN);
    /* Descriptions are one line: control bytes (a newline in a path) become '?'. */
    size_t i = 0;
    for (; description[i] != '\0' && i + 1 < NL_EVENT_DESC_MAX; i++) {
        unsigned char c = (unsigned char)description[i];
        e->description[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    e->description[i] = '\0';
    m->count++;
    return 0;
}

int nl_measure_file(struct nl_measurements *m, struct nl_digest_cache *cache, unsigned pcr, const char *kind,
                    const char *path)
{
    uint8_t d[NL_DIGEST_LEN];
    if ((cache != NULL ? nl_cache_sha256(cache, path, d) : nl_sha256_file(path, d)) != 0)
        return -1;
    char desc[NL_EVENT_DESC_MAX];
    snprintf(desc, sizeof(desc), "%s %s", kind, path);
    return nl_measure_extend(m, pcr, d, desc);
}

void nl_hex(const uint8_t digest[NL_DIGEST_LEN], char out[2 * NL_DIGEST_LEN + 1])
{
    static const char hx[] = "0123456789abcdef";
    for (size_t i = 0; i < NL_DIGEST_LEN; i++) {
        out[2 * i] = hx[digest[i] >> 4];
        out[2 * i + 1] = hx[digest[i] & 15];
    }
    out[2 * NL_DIGEST_LEN] = '\0';
}

char *nl_measure_text(const struct nl_measurements *m)
{
    size_t cap = 128 + m->count * (NL_EVENT_DESC_MAX + 128) + NL_PCR_COUNT * 96;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    size_t used = 0;
    char hex[2 * NL_DIGEST_LEN + 1];
    used += (size_t)snprintf(s + used, cap - used, "# nonos measured boot event log v1 (sha256)\n");
    for (size_t i = 0; i < m->count; i++) {
        const struct nl_event *e = &m->events[i];
        nl_hex(e->digest, hex);
        used += (size_t)snprintf(s + used, cap - used, "event %u pcr=%u sha256=%s %s\n", e->index, e->pcr, hex,
                                 e->description);
    }
    for (unsigned p = 0; p < NL_PCR_COUNT; p++) {
        nl_hex(m->pcr[p], hex);
        used += (size_t)snprintf(s + used, cap - used, "pcr %u sha256=%s\n", p, hex);
    }
    return s;
}

int nl_measure_write(const struct nl_measurements *m, const char *path)
{
    char *text = nl_measure_text(m);
    if (text == NULL) {
        errno = ENOMEM;
        return -1;
    }
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
        free(text);
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        free(text);
        return -1;
    }
    size_t len = strlen(text), off = 0;
    int rc = 0;
    while (off < len) {
        ssize_t n = write(fd, text + off, len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -1;
            break;
        }
        off += (size_t)n;
    }
    int saved = errno;
    /* No fsync: the file is written anew at every boot and the audit log holds the durable,
     * chained copy of every event; rename keeps readers from ever seeing half a log. */
    close(fd);
    free(text);
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        unlink(tmp);
        errno = saved;
    }
    return rc;
}
