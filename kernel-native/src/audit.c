// SPDX-License-Identifier: Apache-2.0
/*
 * audit.c: the audit log, a SHA-256 hash chain of records (format: audit_record.h).
 *
 * Storage: with a path, records go to that file (O_APPEND, held with an exclusive flock so
 * that no second kernel appends to it); at nk_init an existing file is verified and its
 * chain continued, so one file holds every boot's records. Without a
 * path, records are kept in memory (for tests and diskless runs; memory grows with the log).
 *
 * Durability (fsync policy): every record is written with write(2) at once, so a crash of
 * the process loses nothing; fdatasync runs every NK_AUDIT_SYNC_EVERY records, on
 * nk_audit_flush and at shutdown, so a crash of the host loses at most the records since.
 *
 * Failure: a record that cannot be written breaks the log; the kernel then refuses every
 * further operation with E_AUDIT (fail closed) until it is shut down.
 *
 * Verification walks the whole chain (file or memory) and compares its end with the
 * in-memory head (seq and hash), so changed, deleted, reordered and truncated records are
 * all detected. Locking: k_alock serialises appends, reads and verification (the innermost lock).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "audit_record.h"

#define NK_AUDIT_SYNC_EVERY 64

static pthread_mutex_t alock = PTHREAD_MUTEX_INITIALIZER;

static struct {
    int open;
    int fd;               /* file-backed: the log file; -1 in memory */
    char *path;
    char *mem;            /* memory-backed: all records, '\n'-terminated */
    size_t mem_len, mem_cap;
    struct nk_chain head;
    uint32_t unsynced;
    int broken;           /* an append failed: nothing more is written (fail closed) */
} lg = {.fd = -1};

/* Calls fn for every line of the log file / memory (without '\n'); stops at fn's first error.
   A final line without '\n' is reported as an error (torn record). */
typedef int (*line_fn)(void *arg, const char *line, size_t len);

static int each_line_mem(line_fn fn, void *arg)
{
    size_t off = 0;
    while (off < lg.mem_len) {
        const char *nl = memchr(lg.mem + off, '\n', lg.mem_len - off);
        if (nl == NULL)
            return -NK_E_AUDIT;
        int rc = fn(arg, lg.mem + off, (size_t)(nl - (lg.mem + off)));
        if (rc != 0)
            return rc;
        off = (size_t)(nl - lg.mem) + 1;
    }
    return 0;
}

static int each_line_file(const char *path, line_fn fn, void *arg)
{
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return -NK_E_AUDIT;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] != '\n')
            rc = -NK_E_AUDIT;
        else
            rc = fn(arg, line, (size_t)n - 1);
    }
    if (rc == 0 && ferror(f))
        rc = -NK_E_AUDIT;
    free(line);
    fclose(f);
    return rc;
}

static int each_line(line_fn fn, void *arg)
{
    return lg.fd >= 0 ? each_line_file(lg.path, fn, arg) : each_line_mem(fn, arg);
}

static int check_fn(void *arg, const char *line, size_t len)
{
    return audit_record_check(arg, line, len);
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -NK_E_AUDIT;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int audit_open(const char *path)
{
    pthread_mutex_lock(&alock);
    memset(&lg.head, 0, sizeof lg.head);
    lg.mem = NULL;
    lg.mem_len = lg.mem_cap = 0;
    lg.unsynced = 0;
    lg.broken = 0;
    lg.fd = -1;
    lg.path = NULL;
    int rc = 0;
    if (path != NULL) {
        lg.path = strdup(path);
        int fd = lg.path ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) : -1;
        if (fd < 0) {
            rc = -NK_E_AUDIT;
        } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            close(fd); /* another kernel is writing this log: two writers would fork the chain */
            rc = -NK_E_AUDIT;
        } else {
            lg.fd = fd;
            /* an existing log must be intact; its chain is continued */
            rc = each_line_file(path, check_fn, &lg.head);
            if (rc != 0) {
                close(fd);
                lg.fd = -1;
            }
        }
        if (rc != 0) {
            free(lg.path);
            lg.path = NULL;
        }
    }
    lg.open = rc == 0;
    pthread_mutex_unlock(&alock);
    return rc;
}

void audit_close(void)
{
    pthread_mutex_lock(&alock);
    if (lg.fd >= 0) {
        fdatasync(lg.fd);
        close(lg.fd);
    }
    lg.fd = -1;
    free(lg.path);
    free(lg.mem);
    lg.path = lg.mem = NULL;
    lg.mem_len = lg.mem_cap = 0;
    lg.open = 0;
    pthread_mutex_unlock(&alock);
}

static int mem_append(const char *line, size_t len)
{
    if (lg.mem_len + len > lg.mem_cap) {
        size_t cap = lg.mem_cap ? lg.mem_cap * 2 : 65536;
        while (cap < lg.mem_len + len)
            cap *= 2;
        char *p = realloc(lg.mem, cap);
        if (p == NULL)
            return -NK_E_AUDIT;
        lg.mem = p;
        lg.mem_cap = cap;
    }
    memcpy(lg.mem + lg.mem_len, line, len);
    lg.mem_len += len;
    return 0;
}

static uint64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Appends one record; alock held. */
static int append_locked(uint32_t domain, uint32_t op, uint64_t object, int result, const char *text)
{
    if (!lg.open)
        return -NK_E_STATE;
    if (lg.broken)
        return -NK_E_AUDIT;
    char line[NK_AUDIT_LINE_MAX + 1];
    struct nk_chain next = lg.head;
    size_t len = audit_record_emit(&next, wall_ms(), domain, op, object, result, text, line);
    off_t end = lg.fd >= 0 ? lseek(lg.fd, 0, SEEK_END) : 0;
    int rc = lg.fd >= 0 ? write_all(lg.fd, line, len) : mem_append(line, len);
    if (rc != 0 && lg.fd >= 0) {
        /* A full disk (ENOSPC), a file size limit (EFBIG) or an I/O error: cut a torn record
           off, so that the file stays an intact chain that the next boot verifies and
           continues, and say so once on standard error (the process may have no other voice). */
        int err = errno;
        if (end >= 0)
            (void)ftruncate(lg.fd, end);
        fprintf(stderr, "nonos kernel: audit log %s: cannot append: %s; every further operation is refused\n",
                lg.path, strerror(err));
    }
    if (rc == 0 && lg.fd >= 0 && ++lg.unsynced >= NK_AUDIT_SYNC_EVERY) {
        if (fdatasync(lg.fd) != 0)
            rc = -NK_E_AUDIT;
        lg.unsynced = 0;
    }
    if (rc != 0) {
        /* fail closed: no further operation runs without its record */
        lg.broken = 1;
        int up = NK_STATE_UP;
        atomic_compare_exchange_strong(&k.state, &up, NK_STATE_AUDIT_BROKEN);
        return rc;
    }
    lg.head = next;
    return 0;
}

int audit(uint32_t domain, uint32_t op, uint64_t object, int result, const char *fmt, ...)
{
    char text[NK_EVENT_MAX + 1];
    text[0] = '\0';
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(text, sizeof text, fmt, ap);
        va_end(ap);
    }
    pthread_mutex_lock(&alock);
    append_locked(domain, op, object, result, text);
    pthread_mutex_unlock(&alock);
    return result;
}

/* ------------------------------------------------------------------ API */

int nk_audit_append(nk_domain_t d, const char *event)
{
    int rc = kernel_running();
    if (rc != 0)
        return rc;
    struct nk_domain *dom;
    if ((rc = domain_get(d, &dom)) != 0)
        return audit(d, NK_OP_EVENT, 0, rc, "rejected event");
    size_t n = event != NULL ? strnlen(event, NK_EVENT_MAX + 1) : 0;
    if (n == 0 || n > NK_EVENT_MAX)
        return audit(d, NK_OP_EVENT, 0, -NK_E_INVAL, "rejected event: length %zu", n);
    pthread_mutex_lock(&alock);
    rc = append_locked(d, NK_OP_EVENT, 0, 0, event);
    pthread_mutex_unlock(&alock);
    return rc;
}

/* Flushes the call counters (they become call.summary records) so reads and counts are complete. */
static void flush_calls(void)
{
    pthread_mutex_lock(&k.wlock);
    if (kernel_running() == 0)
        cap_flush_all_calls();
    pthread_mutex_unlock(&k.wlock);
}

int nk_audit_verify(uint64_t *records_checked)
{
    int rc = kernel_running();
    if (rc != 0 && rc != -NK_E_AUDIT)
        return rc;
    flush_calls();
    pthread_mutex_lock(&alock);
    struct nk_chain c = {0};
    rc = each_line(check_fn, &c);
    if (rc == 0 && (c.seq != lg.head.seq || memcmp(c.hash, lg.head.hash, 32) != 0))
        rc = -NK_E_AUDIT; /* truncated, or rewritten from some point on */
    if (records_checked != NULL)
        *records_checked = rc == 0 ? c.seq : 0;
    append_locked(0, NK_OP_AUDIT_VERIFY, 0, rc, NULL);
    pthread_mutex_unlock(&alock);
    return rc;
}

int nk_audit_verify_file(const char *path, const char *expected_head_hex, int require_closed,
                         uint64_t *records_checked)
{
    uint8_t want[32];
    if (path == NULL || (expected_head_hex != NULL &&
                         (strnlen(expected_head_hex, 65) != 64 || audit_unhex(expected_head_hex, want, 32) != 0)))
        return -NK_E_INVAL;
    struct nk_chain c = {0};
    int rc = each_line_file(path, check_fn, &c);
    if (rc == 0 && expected_head_hex != NULL && memcmp(c.hash, want, 32) != 0)
        rc = -NK_E_AUDIT;
    if (rc == 0 && require_closed && c.last_op != NK_OP_SHUTDOWN)
        rc = -NK_E_AUDIT;
    if (rc == 0 && c.seq == 0 && require_closed)
        rc = -NK_E_AUDIT;
    if (records_checked != NULL)
        *records_checked = rc == 0 ? c.seq : 0;
    return rc;
}

struct read_arg {
    uint64_t from;
    char *buf;
    uint64_t cap, used;
    int full;
};

static int read_fn(void *arg, const char *line, size_t len)
{
    struct read_arg *a = arg;
    if (a->full || audit_record_seq(line, len) < a->from)
        return 0;
    if (a->used + len + 1 > a->cap) {
        a->full = 1;
        return a->used == 0 ? -NK_E_INVAL : 0;
    }
    memcpy(a->buf + a->used, line, len);
    a->buf[a->used + len] = '\n';
    a->used += len + 1;
    return 0;
}

int nk_audit_read(uint64_t from_seq, char *buf, uint64_t cap, uint64_t *used)
{
    int rc = kernel_running();
    if (rc != 0 && rc != -NK_E_AUDIT)
        return rc;
    if (buf == NULL || used == NULL || cap == 0)
        return audit(0, NK_OP_EVENT, 0, -NK_E_INVAL, "audit read: bad buffer");
    flush_calls();
    pthread_mutex_lock(&alock);
    struct read_arg a = {.from = from_seq, .buf = buf, .cap = cap};
    rc = each_line(read_fn, &a);
    *used = rc == 0 ? a.used : 0;
    pthread_mutex_unlock(&alock);
    return rc;
}

uint64_t nk_audit_count(void)
{
    if (kernel_running() != 0 && kernel_running() != -NK_E_AUDIT)
        return 0;
    flush_calls();
    pthread_mutex_lock(&alock);
    uint64_t n = lg.head.seq;
    pthread_mutex_unlock(&alock);
    return n;
}

int nk_audit_head(uint64_t *seq, char *hex_out)
{
    int rc = kernel_running();
    if (rc != 0 && rc != -NK_E_AUDIT)
        return rc;
    if (seq == NULL && hex_out == NULL)
        return -NK_E_INVAL;
    flush_calls();
    pthread_mutex_lock(&alock);
    if (seq != NULL)
        *seq = lg.head.seq;
    if (hex_out != NULL)
        audit_hex(lg.head.hash, 32, hex_out);
    pthread_mutex_unlock(&alock);
    return 0;
}

int nk_audit_flush(void)
{
    int rc = kernel_running();
    if (rc != 0)
        return rc;
    flush_calls();
    pthread_mutex_lock(&alock);
    if (lg.fd >= 0 && fdatasync(lg.fd) != 0)
        rc = -NK_E_AUDIT;
    lg.unsynced = 0;
    pthread_mutex_unlock(&alock);
    return rc;
}
