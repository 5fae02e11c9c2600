// SPDX-License-Identifier: Apache-2.0
/*
 * test_device.c: devices over host fds: positioned and stream I/O, rights, bad fds; the line
 * calls (readiness wait, non-blocking I/O with hang-up, termios) on pipes and a pty; the
 * summarised audit of device I/O.
 */
#include <fcntl.h>
#include <poll.h>
#include <termios.h>

#include "harness.h"

static void file_device(void)
{
    MUST(nk_init(NULL));
    char path[512];
    t_tmp_path(path, sizeof path, "nk-dev");
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    nk_cap_t dev, ro;
    MUST(nk_device_register(0, fd, "disk0", NK_DEV_FILE, &dev));
    close(fd); /* the kernel keeps its own descriptor */
    CHECK_EQ(nk_dev_write(0, dev, "hello world", 11, 0), 11);
    char buf[32] = {0};
    CHECK_EQ(nk_dev_read(0, dev, buf, 5, 6), 5);
    CHECK(memcmp(buf, "world", 5) == 0);
    CHECK_EQ(nk_dev_read(0, dev, buf, 32, 100), 0); /* end of file */
    CHECK_EQ(nk_dev_read(0, dev, buf, 4, -1), 4);   /* stream: from the start */
    CHECK(memcmp(buf, "hell", 4) == 0);
    uint32_t kind;
    char name[16];
    MUST(nk_dev_info(0, dev, &kind, name, sizeof name));
    CHECK_EQ(kind, NK_DEV_FILE);
    CHECK(strcmp(name, "disk0") == 0);
    MUST(nk_cap_derive(0, dev, NK_RIGHT_READ, 0, 0, 0, &ro));
    CHECK_EQ(nk_dev_write(0, ro, "x", 1, 0), -NK_E_RIGHTS);
    CHECK(t_audited("dev.write", "E_RIGHTS"));
    CHECK_EQ(nk_dev_read(0, ro, NULL, 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_read(0, ro, buf, 0, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_read(0, ro, buf, (uint64_t)NK_DEV_IO_MAX + 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_read(0, ro, buf, 1, -2), -NK_E_INVAL);
    CHECK(t_audited("dev.read", "E_INVAL"));
    unlink(path);
    MUST(nk_shutdown());
}

static void bad_registration(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a;
    nk_cap_t dev;
    MUST(nk_domain_create(0, "alpha", &a));
    CHECK_EQ(nk_device_register(0, -1, "x", NK_DEV_FILE, &dev), -NK_E_INVAL);
    CHECK_EQ(nk_device_register(0, 1000, "x", NK_DEV_FILE, &dev), -NK_E_INVAL); /* not open */
    CHECK(t_audited("device.register", "E_INVAL"));
    CHECK_EQ(nk_device_register(0, 0, "x", 99, &dev), -NK_E_INVAL);
    CHECK_EQ(nk_device_register(0, 0, "", NK_DEV_FILE, &dev), -NK_E_INVAL);
    CHECK_EQ(nk_device_register(a, 0, "x", NK_DEV_FILE, &dev), -NK_E_NOT_ROOT);
    /* a pipe as a stream device: would-block is reported, not an error */
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK) == 0);
    MUST(nk_device_register(0, p[0], "pipe", NK_DEV_SERIAL, &dev));
    char c;
    CHECK_EQ(nk_dev_read(0, dev, &c, 1, -1), -NK_E_WOULD_BLOCK);
    CHECK(write(p[1], "z", 1) == 1);
    CHECK_EQ(nk_dev_read(0, dev, &c, 1, -1), 1);
    CHECK_EQ(c, 'z');
    close(p[0]);
    close(p[1]);
    MUST(nk_shutdown());
}


/* Counts the records of op `op` in the whole log (summaries are flushed by the read). */
static int count_op(const char *op)
{
    static char buf[1 << 20];
    uint64_t used = 0;
    if (nk_audit_read(1, buf, sizeof buf - 1, &used) != 0)
        return -1;
    buf[used] = '\0';
    int n = 0;
    for (char *line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char f[4][128];
        if (sscanf(line, "%127s %127s %127s %127s", f[0], f[1], f[2], f[3]) == 4 && strcmp(f[3], op) == 0)
            n++;
    }
    return n;
}

/* True if a record of op `op` holds `text` (record texts are escaped: a space is %20). */
static int has_record(const char *op, const char *text)
{
    static char buf[1 << 20];
    uint64_t used = 0;
    if (nk_audit_read(1, buf, sizeof buf - 1, &used) != 0)
        return 0;
    buf[used] = '\0';
    for (char *line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char f[4][128];
        if (sscanf(line, "%127s %127s %127s %127s", f[0], f[1], f[2], f[3]) == 4 && strcmp(f[3], op) == 0 &&
            strstr(line, text) != NULL)
            return 1;
    }
    return 0;
}

/* A pipe as a line: wait with a timeout, non-blocking reads and writes, hang-up both ways. */
static void pipe_line(void)
{
    MUST(nk_init(NULL));
    int p[2];
    CHECK(pipe(p) == 0); /* blocking descriptors: the kernel's poll keeps the calls non-blocking */
    nk_cap_t in, out;
    MUST(nk_device_register(0, p[0], "pin", NK_DEV_SERIAL, &in));
    MUST(nk_device_register(0, p[1], "pout", NK_DEV_SERIAL, &out));
    close(p[0]);
    close(p[1]);
    uint32_t ev = 99;
    CHECK_EQ(nk_dev_wait(0, in, NK_DEV_READABLE, 0, &ev), -NK_E_TIMEOUT);
    CHECK_EQ(ev, 0);
    uint64_t t0 = nk_now_ms();
    CHECK_EQ(nk_dev_wait(0, in, NK_DEV_READABLE, 30, &ev), -NK_E_TIMEOUT);
    CHECK(nk_now_ms() - t0 >= 29);
    char buf[16];
    CHECK_EQ(nk_dev_read_nb(0, in, buf, sizeof buf), -NK_E_WOULD_BLOCK);
    MUST(nk_dev_wait(0, out, NK_DEV_WRITABLE, 0, &ev));
    CHECK_EQ(ev, NK_DEV_WRITABLE);
    CHECK_EQ(nk_dev_write_nb(0, out, "ab\0\xff", 4), 4);
    MUST(nk_dev_wait(0, in, NK_DEV_READABLE, 1000, &ev));
    CHECK_EQ(ev, NK_DEV_READABLE);
    CHECK_EQ(nk_dev_read_nb(0, in, buf, sizeof buf), 4);
    CHECK(memcmp(buf, "ab\0\xff", 4) == 0);
    /* the writer goes: pending input first, then hang-up */
    CHECK_EQ(nk_dev_write_nb(0, out, "z", 1), 1);
    MUST(nk_cap_delete(0, out)); /* the last capability: the kernel closes its write end */
    MUST(nk_dev_wait(0, in, NK_DEV_READABLE, 0, &ev));
    CHECK(ev & NK_DEV_READABLE);
    CHECK_EQ(nk_dev_read_nb(0, in, buf, sizeof buf), 1);
    MUST(nk_dev_wait(0, in, NK_DEV_READABLE, 0, &ev));
    CHECK_EQ(ev, NK_DEV_HANGUP);
    CHECK_EQ(nk_dev_read_nb(0, in, buf, sizeof buf), -NK_E_HANGUP);
    /* a write end whose reader went away */
    CHECK(pipe(p) == 0);
    MUST(nk_device_register(0, p[1], "pout2", NK_DEV_SERIAL, &out));
    close(p[1]);
    close(p[0]);
    MUST(nk_dev_wait(0, out, NK_DEV_WRITABLE, 0, &ev));
    CHECK(ev & NK_DEV_ERROR);
    CHECK_EQ(nk_dev_write_nb(0, out, "x", 1), -NK_E_HANGUP);
    /* a pipe is not a terminal */
    CHECK_EQ(nk_dev_line_set(0, in, 115200, 8, NK_PARITY_NONE, 1, 0), -NK_E_NOT_TTY);
    CHECK(t_audited("dev.line", "E_NOT_TTY"));
    MUST(nk_shutdown());
}

/* A pty as the launcher's --serial pty gives it: hang-up without a terminal, raw mode, reconnect. */
static void pty_line(void)
{
    MUST(nk_init(NULL));
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0);
    char slave[128];
    CHECK(ptsname_r(m, slave, sizeof slave) == 0);
    nk_cap_t line;
    MUST(nk_device_register(0, m, "serial0", NK_DEV_SERIAL, &line));
    close(m);
    uint32_t ev = 0;
    char buf[64];
    /* no terminal has opened the slave side yet: Linux reports nothing (the hang-up comes
       when the last slave descriptor closes, pty(7)) */
    CHECK_EQ(nk_dev_wait(0, line, NK_DEV_READABLE, 0, &ev), -NK_E_TIMEOUT);
    CHECK_EQ(nk_dev_read_nb(0, line, buf, sizeof buf), -NK_E_WOULD_BLOCK);
    for (int round = 0; round < 2; round++) { /* a terminal comes, goes, and comes back */
        int s = open(slave, O_RDWR | O_NOCTTY);
        CHECK(s >= 0);
        CHECK_EQ(nk_dev_wait(0, line, NK_DEV_READABLE, 0, &ev), -NK_E_TIMEOUT);
        MUST(nk_dev_line_set(0, line, 9600, 8, NK_PARITY_NONE, 1, 0));
        CHECK(t_audited("dev.line", "OK"));
        struct termios t;
        CHECK(tcgetattr(s, &t) == 0);
        CHECK((t.c_lflag & (ICANON | ECHO | ISIG)) == 0);
        CHECK((t.c_cflag & CSIZE) == CS8);
        CHECK((t.c_cflag & (PARENB | CSTOPB)) == 0);
        CHECK((t.c_cflag & CLOCAL) != 0);
        CHECK_EQ(t.c_cc[VMIN], 1);
        CHECK_EQ(cfgetospeed(&t), B9600);
        /* the terminal types: garbage and binary bytes pass unchanged in raw mode */
        CHECK(write(s, "\x1b[A\x00\xff\xc3(", 7) == 7);
        MUST(nk_dev_wait(0, line, NK_DEV_READABLE, 1000, &ev));
        CHECK_EQ(ev, NK_DEV_READABLE);
        CHECK_EQ(nk_dev_read_nb(0, line, buf, sizeof buf), 7);
        CHECK(memcmp(buf, "\x1b[A\x00\xff\xc3(", 7) == 0);
        CHECK_EQ(nk_dev_write_nb(0, line, "login: ", 7), 7);
        struct pollfd pf = {.fd = s, .events = POLLIN};
        CHECK(poll(&pf, 1, 1000) == 1);
        CHECK(read(s, buf, sizeof buf) == 7);
        CHECK(memcmp(buf, "login: ", 7) == 0);
        MUST(nk_dev_line_restore(0, line));
        CHECK(tcgetattr(s, &t) == 0);
        CHECK((t.c_lflag & ICANON) != 0);
        close(s);
        MUST(nk_dev_wait(0, line, NK_DEV_READABLE, 1000, &ev));
        CHECK(ev & NK_DEV_HANGUP);
        CHECK_EQ(nk_dev_read_nb(0, line, buf, sizeof buf), -NK_E_HANGUP);
    }
    MUST(nk_shutdown());
}

/* Bad input to the line calls: each refused with its error, audited, nothing changed. */
static void line_bad_input(void)
{
    MUST(nk_init(NULL));
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0);
    nk_cap_t line, ro, wo, child, ep;
    MUST(nk_device_register(0, m, "serial0", NK_DEV_SERIAL, &line));
    close(m);
    MUST(nk_cap_derive(0, line, NK_RIGHT_READ | NK_RIGHT_DERIVE, NK_RIGHT_READ, 0, 0, &ro));
    MUST(nk_cap_derive(0, line, NK_RIGHT_WRITE, 0, 0, 0, &wo));
    MUST(nk_endpoint_create(0, &ep));
    uint32_t ev;
    char buf[8];
    /* wrong rights */
    CHECK_EQ(nk_dev_wait(0, ro, NK_DEV_WRITABLE, 0, &ev), -NK_E_RIGHTS);
    CHECK(t_audited("dev.wait", "E_RIGHTS"));
    CHECK_EQ(nk_dev_wait(0, wo, NK_DEV_READABLE | NK_DEV_WRITABLE, 0, &ev), -NK_E_RIGHTS);
    CHECK_EQ(nk_dev_write_nb(0, ro, "x", 1), -NK_E_RIGHTS);
    CHECK(t_audited("dev.write", "E_RIGHTS"));
    CHECK_EQ(nk_dev_read_nb(0, wo, buf, 1), -NK_E_RIGHTS);
    CHECK(t_audited("dev.read", "E_RIGHTS"));
    CHECK_EQ(nk_dev_line_set(0, ro, 115200, 8, 0, 1, 0), -NK_E_RIGHTS);
    CHECK(t_audited("dev.line", "E_RIGHTS"));
    CHECK_EQ(nk_dev_line_restore(0, ro), -NK_E_RIGHTS);
    /* wrong type */
    CHECK_EQ(nk_dev_wait(0, ep, NK_DEV_READABLE, 0, &ev), -NK_E_WRONG_TYPE);
    CHECK(t_audited("dev.wait", "E_WRONG_TYPE"));
    CHECK_EQ(nk_dev_read_nb(0, ep, buf, 1), -NK_E_WRONG_TYPE);
    CHECK_EQ(nk_dev_line_set(0, ep, 115200, 8, 0, 1, 0), -NK_E_WRONG_TYPE);
    /* bad timeout, events, out pointer */
    CHECK_EQ(nk_dev_wait(0, line, NK_DEV_READABLE, -1, &ev), -NK_E_INVAL);
    CHECK(t_audited("dev.wait", "E_INVAL"));
    CHECK_EQ(nk_dev_wait(0, line, NK_DEV_READABLE, (int64_t)NK_DEV_WAIT_MAX + 1, &ev), -NK_E_INVAL);
    CHECK_EQ(nk_dev_wait(0, line, NK_DEV_READABLE, INT64_MIN, &ev), -NK_E_INVAL);
    CHECK_EQ(nk_dev_wait(0, line, 0, 0, &ev), -NK_E_INVAL);
    CHECK_EQ(nk_dev_wait(0, line, NK_DEV_HANGUP, 0, &ev), -NK_E_INVAL);
    CHECK_EQ(nk_dev_wait(0, line, NK_DEV_READABLE, 0, NULL), -NK_E_INVAL);
    /* bad buffers */
    CHECK_EQ(nk_dev_read_nb(0, line, NULL, 1), -NK_E_INVAL);
    CHECK_EQ(nk_dev_write_nb(0, line, buf, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_write_nb(0, line, buf, (uint64_t)NK_DEV_IO_MAX + 1), -NK_E_INVAL);
    CHECK(t_audited("dev.write", "E_INVAL"));
    /* bad line settings */
    CHECK_EQ(nk_dev_line_set(0, line, 12345, 8, 0, 1, 0), -NK_E_INVAL);
    CHECK(t_audited("dev.line", "E_INVAL"));
    CHECK_EQ(nk_dev_line_set(0, line, 0, 8, 0, 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_line_set(0, line, 9600, 4, 0, 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_line_set(0, line, 9600, 9, 0, 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_line_set(0, line, 9600, 8, 3, 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_line_set(0, line, 9600, 8, 0, 0, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_line_set(0, line, 9600, 8, 0, 3, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_line_set(0, line, 9600, 8, 0, 1, 2), -NK_E_INVAL);
    /* revoked: a child of a revoked capability */
    nk_cap_t mid;
    MUST(nk_cap_derive(0, line, NK_RIGHT_READ | NK_RIGHT_DERIVE | NK_RIGHT_REVOKE, NK_RIGHT_READ, 0, 0, &mid));
    MUST(nk_cap_derive(0, mid, NK_RIGHT_READ, 0, 0, 0, &child));
    MUST(nk_cap_revoke(0, mid));
    CHECK_EQ(nk_dev_wait(0, child, NK_DEV_READABLE, 0, &ev), -NK_E_REVOKED);
    CHECK(t_audited("dev.wait", "E_REVOKED"));
    CHECK_EQ(nk_dev_read_nb(0, child, buf, 1), -NK_E_REVOKED);
    MUST(nk_cap_delete(0, ro));
    CHECK_EQ(nk_dev_wait(0, ro, NK_DEV_READABLE, 0, &ev), -NK_E_BAD_HANDLE);
    /* another domain's handle */
    nk_domain_t a;
    MUST(nk_domain_create(0, "alpha", &a));
    CHECK_EQ(nk_dev_wait(a, line, NK_DEV_READABLE, 0, &ev), -NK_E_BAD_HANDLE);
    CHECK_EQ(nk_dev_line_set(a, line, 9600, 8, 0, 1, 0), -NK_E_BAD_HANDLE);
    MUST(nk_shutdown());
}

/* Device I/O is summarised: many transfers, one dev.summary record per capability and flush. */
static void io_is_summarised(void)
{
    MUST(nk_init(NULL));
    int p[2];
    CHECK(pipe(p) == 0);
    nk_cap_t in, out;
    MUST(nk_device_register(0, p[0], "pin", NK_DEV_SERIAL, &in));
    MUST(nk_device_register(0, p[1], "pout", NK_DEV_SERIAL, &out));
    close(p[0]);
    close(p[1]);
    uint64_t before = nk_audit_count();
    char buf[64];
    uint32_t ev;
    for (int i = 0; i < 200; i++) {
        CHECK_EQ(nk_dev_write_nb(0, out, "0123456789", 10), 10);
        MUST(nk_dev_wait(0, in, NK_DEV_READABLE, 0, &ev));
        CHECK_EQ(nk_dev_read_nb(0, in, buf, 10), 10);
        CHECK_EQ(nk_dev_read_nb(0, in, buf, 10), -NK_E_WOULD_BLOCK);
    }
    CHECK_EQ(nk_dev_write(0, out, "abc", 3, -1), 3);
    CHECK_EQ(nk_dev_read(0, in, buf, 3, -1), 3);
    /* 802 calls: the count reads flush two summaries, nothing else was written */
    CHECK_EQ(nk_audit_count(), before + 2);
    CHECK(has_record("dev.summary", ":slot=0%20ops=601%20bytes=2003 ")); /* in: 200 waits, 400 reads, a stream read */
    CHECK(has_record("dev.summary", ":slot=1%20ops=201%20bytes=2003 ")); /* out: 200 writes, a stream write */
    CHECK_EQ(count_op("dev.summary"), 2);
    CHECK_EQ(count_op("dev.read"), 0);
    /* a capability deleted with counts pending has its summary written at once */
    CHECK_EQ(nk_dev_write_nb(0, out, "x", 1), 1);
    MUST(nk_cap_delete(0, out));
    CHECK(has_record("dev.summary", ":slot=1%20ops=1%20bytes=1 "));
    CHECK_EQ(count_op("dev.summary"), 3);
    MUST(nk_audit_verify(NULL));
    MUST(nk_shutdown());
}

int main(void)
{
    RUN(file_device);
    RUN(bad_registration);
    RUN(pipe_line);
    RUN(pty_line);
    RUN(line_bad_input);
    RUN(io_is_summarised);
    return t_done("test_device");
}
