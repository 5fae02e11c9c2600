/* SPDX-License-Identifier: Apache-2.0 */
/*
 * launcher_test.c: unit tests of the launcher's command line, measured-boot code and class-data
 * archive stamp.
 * Golden values: SHA-256("abc") from FIPS 180-2 appendix B.1; the extended registers were
 * computed independently (Python hashlib: sha256(b"\0"*32 + sha256(b"abc"))).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cds_stamp.h"
#include "digest_cache.h"
#include "measure.h"
#include "options.h"

static int passed, failed;

#define CHECK(cond)                                                                                 \
    do {                                                                                            \
        if (cond) {                                                                                 \
            passed++;                                                                               \
        } else {                                                                                    \
            failed++;                                                                               \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                         \
        }                                                                                           \
    } while (0)

static int parse(struct nl_options *o, char *err, int n, ...)
{
    char *argv[32] = {"nonos"};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        argv[i + 1] = va_arg(ap, char *);
    va_end(ap);
    err[0] = '\0';
    return nl_options_parse(n + 1, argv, o, err, 512);
}

static void test_options(void)
{
    struct nl_options o;
    char err[512];
    CHECK(parse(&o, err, 0) == 0 && o.serial_mode == NL_SERIAL_STDIO && o.disk_count == 0);
    CHECK(parse(&o, err, 2, "--serial", "pty") == 0 && o.serial_mode == NL_SERIAL_PTY);
    CHECK(parse(&o, err, 1, "--serial=/dev/ttyS1:115200") == 0 && o.serial_mode == NL_SERIAL_TTY &&
          strcmp(o.serial_path, "/dev/ttyS1") == 0 && o.baud == 115200);
    CHECK(parse(&o, err, 2, "--serial", "/dev/ttyS1") == 0 && o.baud == 0 && strcmp(o.serial_path, "/dev/ttyS1") == 0);
    CHECK(parse(&o, err, 2, "--serial", "/dev/ttyS1:fast") != 0 && strstr(err, "baud") != NULL);
    CHECK(parse(&o, err, 2, "--serial", "ttyS1") != 0 && strstr(err, "--serial") != NULL);
    CHECK(parse(&o, err, 4, "--disk", "root=/img/a.img,ro", "--disk", "data=/img/b.img") == 0 && o.disk_count == 2 &&
          strcmp(o.disks[0].name, "root") == 0 && strcmp(o.disks[0].path, "/img/a.img") == 0 &&
          o.disks[0].read_only == 1 && o.disks[1].read_only == 0);
    CHECK(parse(&o, err, 4, "--disk", "a=/x", "--disk", "a=/y") != 0 && strstr(err, "twice") != NULL);
    CHECK(parse(&o, err, 2, "--disk", "bad name=/x") != 0 && strstr(err, "NAME") != NULL);
    CHECK(parse(&o, err, 2, "--disk", "noequals") != 0);
    CHECK(parse(&o, err, 2, "--disk", "a=,ro") != 0 && strstr(err, "empty") != NULL);
    CHECK(parse(&o, err, 2, "--tap", "tap0") == 0 && o.tap_count == 1 && strcmp(o.taps[0], "tap0") == 0);
    CHECK(parse(&o, err, 2, "--tap", "a-very-long-interface") != 0);
    CHECK(parse(&o, err, 1, "--frobnicate") != 0 && strstr(err, "unknown option") != NULL);
    CHECK(parse(&o, err, 1, "--state") != 0 && strstr(err, "needs a value") != NULL);
    CHECK(parse(&o, err, 1, "--state=") != 0 && strstr(err, "non-empty") != NULL);
    CHECK(parse(&o, err, 6, "--state", "/s", "--deploy", "/d", "--java-home", "/j") == 0 &&
          strcmp(o.state_dir, "/s") == 0 && strcmp(o.deploy_dir, "/d") == 0 && strcmp(o.java_home, "/j") == 0);
    CHECK(parse(&o, err, 2, "--admin-password-file", "/p") == 0 && strcmp(o.admin_password_file, "/p") == 0);
    CHECK(parse(&o, err, 1, "--help") == 0 && o.help == 1);
    CHECK(parse(&o, err, 0) == 0 && o.no_sandbox == 0);
    CHECK(parse(&o, err, 3, "--no-sandbox", "--serial", "pty") == 0 && o.no_sandbox == 1 && o.serial_mode == NL_SERIAL_PTY);
    CHECK(parse(&o, err, 1, "--no-sandbox=yes") != 0 && strstr(err, "unknown option") != NULL);
    CHECK(nl_valid_name("serial0", 7) && !nl_valid_name("", 0) && !nl_valid_name("a/b", 3));
}

static void test_measure(void)
{
    static const char abc_hex[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static const char pcr_once[] = "589f9ffed4c477966bfb8d41f37895b08c69047df8f911d6f3b57fbe08faee8d";
    static const char pcr_twice[] = "bdeb6c6dc63852834c89f67066194207ce7d3806ea40ca58dc079246ef58a926";
    char path[] = "/tmp/nonos-launcher-test-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, "abc", 3) == 3);
    close(fd);
    uint8_t d[NL_DIGEST_LEN];
    char hex[2 * NL_DIGEST_LEN + 1];
    CHECK(nl_sha256_file(path, d) == 0);
    nl_hex(d, hex);
    CHECK(strcmp(hex, abc_hex) == 0);

    static struct nl_measurements m;
    nl_measure_init(&m);
    CHECK(nl_measure_file(&m, NULL, 2, "bundle", path) == 0);
    nl_hex(m.pcr[2], hex);
    CHECK(strcmp(hex, pcr_once) == 0);
    CHECK(nl_measure_extend(&m, 2, d, "second\nline") == 0);
    nl_hex(m.pcr[2], hex);
    CHECK(strcmp(hex, pcr_twice) == 0);
    CHECK(strcmp(m.events[1].description, "second?line") == 0);
    /* Other registers untouched; a bad register index changes nothing. */
    nl_hex(m.pcr[0], hex);
    CHECK(strspn(hex, "0") == 64);
    CHECK(nl_measure_extend(&m, NL_PCR_COUNT, d, "x") != 0 && m.count == 2);
    CHECK(nl_sha256_file("/nonexistent/nonos", d) != 0);

    char *text = nl_measure_text(&m);
    char want[256];
    snprintf(want, sizeof(want), "event 0 pcr=2 sha256=%s bundle %s\n", abc_hex, path);
    CHECK(text != NULL && strstr(text, want) != NULL);
    snprintf(want, sizeof(want), "pcr 2 sha256=%s\n", pcr_twice);
    CHECK(text != NULL && strstr(text, want) != NULL);

    char out[] = "/tmp/nonos-launcher-log-XXXXXX";
    int ofd = mkstemp(out);
    close(ofd);
    CHECK(nl_measure_write(&m, out) == 0);
    FILE *f = fopen(out, "r");
    char buf[8192];
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    CHECK(text != NULL && strcmp(buf, text) == 0);
    free(text);
    unlink(out);
    unlink(path);
}

static void test_digest_cache(void)
{
    static const char abc_hex[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    char path[] = "/tmp/nonos-cache-test-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, "abc", 3) == 3);
    close(fd);
    char file[64];
    snprintf(file, sizeof(file), "%s.digests", path);
    static struct nl_digest_cache c;
    uint8_t d[32];
    char hex[65];
    nl_cache_load(&c, file); /* missing file: empty */
    CHECK(c.count == 0);
    CHECK(nl_cache_sha256(&c, path, d) == 0 && c.dirty == 1);
    nl_hex(d, hex);
    CHECK(strcmp(hex, abc_hex) == 0);
    nl_cache_save(&c, file);
    nl_cache_free(&c);

    nl_cache_load(&c, file);
    CHECK(c.count == 1);
    CHECK(nl_cache_sha256(&c, path, d) == 0 && c.dirty == 0); /* a hit: nothing new */
    nl_hex(d, hex);
    CHECK(strcmp(hex, abc_hex) == 0);
    /* A changed file has a new version (ctime): hashed again. */
    usleep(10000);
    fd = open(path, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0 && write(fd, "abd", 3) == 3);
    close(fd);
    CHECK(nl_cache_sha256(&c, path, d) == 0 && c.dirty == 1);
    nl_hex(d, hex);
    CHECK(strcmp(hex, abc_hex) != 0);
    CHECK(nl_cache_sha256(&c, "/nonexistent/nonos", d) != 0);
    nl_cache_free(&c);
    /* Garbage lines are ignored, never trusted. */
    FILE *f = fopen(file, "w");
    fputs("zz 1 2 3 4 5 /x\nnot a line\n", f);
    fclose(f);
    nl_cache_load(&c, file);
    CHECK(c.count == 0);
    unlink(file);
    unlink(path);
}

static void test_cds_stamp(void)
{
    char a[] = "/tmp/nonos-stamp-a-XXXXXX", b[] = "/tmp/nonos-stamp-b-XXXXXX";
    int fa = mkstemp(a), fb = mkstemp(b);
    CHECK(fa >= 0 && fb >= 0 && write(fa, "abc", 3) == 3 && write(fb, "de", 2) == 2);
    close(fa);
    close(fb);
    struct timespec t[2] = {{.tv_sec = 1700000000}, {.tv_sec = 1700000000}};
    CHECK(utimensat(AT_FDCWD, a, t, 0) == 0 && utimensat(AT_FDCWD, b, t, 0) == 0);
    char cp[200], stamp[1024], expect[1024], file[64];
    snprintf(cp, sizeof(cp), "%s:%s", a, b);
    snprintf(expect, sizeof(expect), "3 1700000000 %s\n2 1700000000 %s\n", a, b);
    CHECK(nl_cds_stamp_make(cp, stamp, sizeof(stamp)) == 0 && strcmp(stamp, expect) == 0);
    snprintf(file, sizeof(file), "%s.stamp", a);
    CHECK(nl_cds_stamp_matches(file, stamp) == 0); /* no stamp written yet */
    CHECK(nl_cds_stamp_write(file, stamp) == 0 && nl_cds_stamp_matches(file, stamp) == 1);
    /* A touched jar (same content, other time) no longer matches: the JVM would refuse the archive. */
    t[1].tv_sec = 1700000001;
    CHECK(utimensat(AT_FDCWD, b, t, 0) == 0);
    char now[1024];
    CHECK(nl_cds_stamp_make(cp, now, sizeof(now)) == 0 && nl_cds_stamp_matches(file, now) == 0);
    /* Neither does a stamp that is a prefix or an extension of the file. */
    CHECK(nl_cds_stamp_write(file, "3 1700000000 /x\n") == 0 && nl_cds_stamp_matches(file, "3 1700000000 /x") == 0);
    CHECK(nl_cds_stamp_matches(file, "3 1700000000 /x\n3 1 /y\n") == 0);
    /* A missing jar, or no room, is no stamp. */
    CHECK(nl_cds_stamp_make("/nonexistent/nonos.jar", now, sizeof(now)) != 0);
    CHECK(nl_cds_stamp_make(cp, now, 10) != 0);
    unlink(file);
    unlink(a);
    unlink(b);
}

int main(void)
{
    test_options();
    test_measure();
    test_digest_cache();
    test_cds_stamp();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
