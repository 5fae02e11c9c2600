// SPDX-License-Identifier: Apache-2.0
/*
 * test_audit.c: the audit chain. A clean log verifies (in memory and as a file, also
 * offline); changing a byte, deleting a record, reordering records or truncating the log
 * makes verification fail.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "harness.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

static void spit(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL && fwrite(buf, 1, len, f) == len);
    if (f != NULL)
        fclose(f);
}

/* Offsets of the starts of lines (at most 4096 lines). */
static int line_starts(const char *buf, size_t len, size_t *starts)
{
    int n = 0;
    for (size_t i = 0; i < len && n < 4096; i++)
        if (i == 0 || buf[i - 1] == '\n')
            starts[n++] = i;
    return n;
}

static void some_activity(void)
{
    nk_domain_t a;
    nk_cap_t ep, mid, c, bad;
    MUST(nk_domain_create(0, "alpha", &a));
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_cap_derive(0, ep, NK_RIGHT_CALL | NK_RIGHT_TRANSFER, NK_RIGHT_CALL, 0, 0, &mid));
    MUST(nk_cap_transfer(0, mid, a, &c));
    for (int i = 0; i < 10; i++)
        nk_call(a, c);
    CHECK_EQ(nk_cap_derive(a, c, NK_RIGHTS_ALL, 0, 0, 0, &bad), -NK_E_RIGHTS);
    MUST(nk_audit_append(a, "shell login: operator on ttyS0"));
    MUST(nk_cap_revoke(0, ep));
}

static char logpath[512], head[65];
static char *orig;
static size_t orig_len;

static void make_closed_log(void)
{
    t_tmp_path(logpath, sizeof logpath, "nk-audit.log");
    unlink(logpath);
    MUST(nk_init(logpath));
    some_activity();
    uint64_t checked = 0;
    MUST(nk_audit_verify(&checked));
    CHECK(checked > 6);
    MUST(nk_shutdown());
    free(orig);
    orig = slurp(logpath, &orig_len);
    CHECK(orig != NULL);
    /* the head after shutdown is the last line's hash */
    memcpy(head, orig + orig_len - 65, 64);
    head[64] = '\0';
}

static void clean_log_verifies(void)
{
    make_closed_log();
    uint64_t n = 0;
    CHECK_EQ(nk_audit_verify_file(logpath, head, 1, &n), 0);
    CHECK(n > 10);
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 1, NULL), 0);
    /* the log contains the free-text event, escaped */
    CHECK(strstr(orig, "event 0000000000000000 OK :shell%20login:%20operator%20on%20ttyS0 ") != NULL);
    CHECK(strstr(orig, " cap.derive ") != NULL && strstr(orig, " E_RIGHTS ") != NULL);
    CHECK(strstr(orig, ":slot=0%20calls=10 ") != NULL);
    /* a log held by another writer is refused */
    int held = open(logpath, O_RDONLY);
    CHECK(held >= 0 && flock(held, LOCK_EX) == 0);
    CHECK_EQ(nk_init(logpath), -NK_E_AUDIT);
    close(held);
    /* restart: the chain is verified and continued in the same file */
    MUST(nk_init(logpath));
    some_activity();
    MUST(nk_audit_verify(&n));
    MUST(nk_shutdown());
    uint64_t n2 = 0;
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 1, &n2), 0);
    CHECK(n2 > n / 2);
}

static void modified_byte_fails(void)
{
    make_closed_log();
    size_t starts[4096];
    int lines = line_starts(orig, orig_len, starts);
    /* change one byte in several places: a field, the text, the hash */
    size_t where[] = {starts[lines / 2] + 2, starts[3] + 30, orig_len - 10, starts[1]};
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        char *copy = malloc(orig_len);
        memcpy(copy, orig, orig_len);
        copy[where[i]] = copy[where[i]] == '1' ? '2' : '1';
        spit(logpath, copy, orig_len);
        CHECK_EQ(nk_audit_verify_file(logpath, NULL, 0, NULL), -NK_E_AUDIT);
        free(copy);
    }
    /* a log that fails verification is refused at boot */
    CHECK_EQ(nk_init(logpath), -NK_E_AUDIT);
}

static void deleted_record_fails(void)
{
    make_closed_log();
    size_t starts[4096];
    int lines = line_starts(orig, orig_len, starts);
    int victim = lines / 2;
    char *copy = malloc(orig_len);
    size_t a = starts[victim], b = starts[victim + 1];
    memcpy(copy, orig, a);
    memcpy(copy + a, orig + b, orig_len - b);
    spit(logpath, copy, orig_len - (b - a));
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 0, NULL), -NK_E_AUDIT);
    /* the first record too */
    spit(logpath, orig + starts[1], orig_len - starts[1]);
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 0, NULL), -NK_E_AUDIT);
    free(copy);
}

static void reordered_records_fail(void)
{
    make_closed_log();
    size_t starts[4096];
    int lines = line_starts(orig, orig_len, starts);
    int i = lines / 2;
    size_t a = starts[i], b = starts[i + 1], c = starts[i + 2];
    char *copy = malloc(orig_len);
    memcpy(copy, orig, a);
    memcpy(copy + a, orig + b, c - b);
    memcpy(copy + a + (c - b), orig + a, b - a);
    memcpy(copy + c, orig + c, orig_len - c);
    spit(logpath, copy, orig_len);
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 0, NULL), -NK_E_AUDIT);
    free(copy);
}

static void truncation_fails(void)
{
    make_closed_log();
    size_t starts[4096];
    int lines = line_starts(orig, orig_len, starts);
    /* cut whole records off the end: the chain alone is fine, the head or the shutdown record is not */
    spit(logpath, orig, starts[lines - 2]);
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 0, NULL), 0);
    CHECK_EQ(nk_audit_verify_file(logpath, head, 0, NULL), -NK_E_AUDIT);
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 1, NULL), -NK_E_AUDIT);
    /* a torn last record */
    spit(logpath, orig, orig_len - 5);
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 0, NULL), -NK_E_AUDIT);
    /* truncation while the kernel runs: detected against the in-memory head */
    unlink(logpath);
    MUST(nk_init(logpath));
    some_activity();
    MUST(nk_audit_verify(NULL));
    MUST(nk_audit_flush());
    size_t len;
    char *live = slurp(logpath, &len);
    lines = line_starts(live, len, starts);
    CHECK(truncate(logpath, (off_t)starts[lines - 1]) == 0);
    CHECK_EQ(nk_audit_verify(NULL), -NK_E_AUDIT);
    free(live);
    MUST(nk_shutdown());
    CHECK_EQ(nk_audit_verify_file(logpath, NULL, 0, NULL), -NK_E_AUDIT);
    CHECK_EQ(nk_audit_verify_file(logpath, "zz", 0, NULL), -NK_E_INVAL);
    CHECK_EQ(nk_audit_verify_file(NULL, NULL, 0, NULL), -NK_E_INVAL);
    unlink(logpath);
}

/*
 * A full disk for the log (a file size limit stands in for ENOSPC: both fail write(2)): the
 * kernel refuses every further operation with E_AUDIT (fail closed), cuts the torn record off
 * so the file stays an intact chain, still shuts down, and the next boot verifies the file
 * and continues it once there is room again.
 */
static void full_disk_fails_closed(void)
{
    char fullpath[512];
    t_tmp_path(fullpath, sizeof fullpath, "nk-audit-full.log");
    unlink(fullpath);
    MUST(nk_init(fullpath));
    some_activity();
    MUST(nk_audit_flush());
    struct stat st;
    CHECK(stat(fullpath, &st) == 0);
    struct rlimit old, lim;
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN); /* EFBIG instead of the signal */
    lim = old;
    lim.rlim_cur = (rlim_t)st.st_size + 700; /* room for a record or two, not for a third */
    CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
    int rc = 0;
    nk_cap_t ep;
    for (int i = 0; i < 10 && rc == 0; i++)
        rc = nk_endpoint_create(0, &ep);
    CHECK_EQ(rc, -NK_E_AUDIT);
    /* fail closed: nothing runs without its record */
    nk_domain_t dd;
    CHECK_EQ(nk_domain_create(0, "late", &dd), -NK_E_AUDIT);
    CHECK_EQ(nk_audit_append(0, "late event"), -NK_E_AUDIT);
    CHECK_EQ(nk_audit_flush(), -NK_E_AUDIT);
    CHECK(nk_call(0, ep) < 0);
    MUST(nk_shutdown());
    CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
    signal(SIGXFSZ, prev);
    /* no torn record: the file is an intact chain, only without its shutdown record */
    uint64_t n = 0;
    MUST(nk_audit_verify_file(fullpath, NULL, 0, &n));
    CHECK(n > 0);
    CHECK_EQ(nk_audit_verify_file(fullpath, NULL, 1, NULL), -NK_E_AUDIT);
    /* with room again the next boot continues the chain */
    MUST(nk_init(fullpath));
    MUST(nk_endpoint_create(0, &ep));
    MUST(nk_shutdown());
    MUST(nk_audit_verify_file(fullpath, NULL, 1, NULL));
    unlink(fullpath);
}

static void memory_log_and_read(void)
{
    MUST(nk_init(NULL));
    some_activity();
    uint64_t n = 0, seq = 0;
    MUST(nk_audit_verify(&n));
    char hex[65];
    MUST(nk_audit_head(&seq, hex));
    CHECK_EQ(seq, n + 1); /* the verify record itself */
    CHECK_EQ(strlen(hex), 64);
    char small[40];
    uint64_t used;
    CHECK_EQ(nk_audit_read(1, small, sizeof small, &used), -NK_E_INVAL);
    char big[1 << 14];
    MUST(nk_audit_read(seq, big, sizeof big, &used));
    CHECK(used > 0 && big[used - 1] == '\n');
    CHECK(strncmp(big, "", 0) == 0);
    char want[32];
    snprintf(want, sizeof want, "%llu ", (unsigned long long)seq);
    CHECK(strncmp(big, want, strlen(want)) == 0);
    CHECK_EQ(nk_audit_append(0, ""), -NK_E_INVAL);
    CHECK(t_audited("event", "E_INVAL"));
    CHECK_EQ(nk_audit_append(0, NULL), -NK_E_INVAL);
    static char huge[NK_EVENT_MAX + 10];
    memset(huge, 'a', sizeof huge - 1);
    CHECK_EQ(nk_audit_append(0, huge), -NK_E_INVAL);
    CHECK_EQ(nk_audit_append(999, "x"), -NK_E_NO_DOMAIN);
    MUST(nk_audit_append(0, "line\nbreak and 100% unicode \xc3\xa9"));
    MUST(nk_audit_verify(NULL));
    MUST(nk_shutdown());
}

/*
 * The log parser takes untrusted bytes: seeded random mutations (byte flips, inserted and
 * removed bytes, swapped spans) must never crash it and must always be rejected.
 */
static void random_mutations_are_rejected(void)
{
    make_closed_log();
    char *copy = malloc(orig_len + 64);
    for (int round = 0; round < 300; round++) {
        memcpy(copy, orig, orig_len);
        size_t len = orig_len;
        size_t at = t_below((uint32_t)orig_len);
        switch (t_below(4)) {
        case 0: /* change one byte to a different value */
            copy[at] = (char)(copy[at] ^ (1 + t_below(255)));
            break;
        case 1: /* insert a byte */
            memmove(copy + at + 1, copy + at, len - at);
            copy[at] = (char)t_below(256);
            len++;
            break;
        case 2: /* remove a byte */
            memmove(copy + at, copy + at + 1, len - at - 1);
            len--;
            break;
        default: { /* swap two different bytes */
            size_t other = t_below((uint32_t)orig_len);
            if (copy[other] == copy[at])
                copy[at] ^= 0x20;
            else {
                char tmp = copy[at];
                copy[at] = copy[other];
                copy[other] = tmp;
            }
        }
        }
        spit(logpath, copy, len);
        int rc = nk_audit_verify_file(logpath, head, 1, NULL);
        if (rc != -NK_E_AUDIT)
            fprintf(stderr, "  mutation round %d at %zu accepted\n", round, at);
        CHECK_EQ(rc, -NK_E_AUDIT);
    }
    free(copy);
}

int main(void)
{
    t_seed("test_audit");
    RUN(clean_log_verifies);
    RUN(modified_byte_fails);
    RUN(deleted_record_fails);
    RUN(reordered_records_fail);
    RUN(truncation_fails);
    RUN(memory_log_and_read);
    RUN(full_disk_fails_closed);
    RUN(random_mutations_are_rejected);
    free(orig);
    unlink(logpath);
    return t_done("test_audit");
}
