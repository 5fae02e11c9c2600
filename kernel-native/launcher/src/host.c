/* SPDX-License-Identifier: Apache-2.0 */
/* host.c: opening the host's serial line, disks and TAP interfaces (see host.h). */
#define _GNU_SOURCE
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <nonos/kernel.h>

int nl_mkdirs(const char *dir)
{
    char p[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof(p)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(p, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] == '/' || p[i] == '\0') {
            char c = p[i];
            p[i] = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST)
                return -1;
            p[i] = c;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

static struct nl_device *add(struct nl_host *h, const char *name, const char *path, uint32_t kind, int ro,
                             int fd)
{
    struct nl_device *d = &h->devices[h->count++];
    snprintf(d->name, sizeof(d->name), "%s", name);
    snprintf(d->path, sizeof(d->path), "%s", path);
    d->kind = kind;
    d->read_only = ro;
    d->fd = fd;
    d->cap = 0;
    return d;
}

static void close_all(struct nl_host *h)
{
    for (size_t i = 0; i < h->count; i++) {
        if (h->devices[i].fd >= 0)
            close(h->devices[i].fd);
        h->devices[i].fd = -1;
    }
    if (h->state_lock_fd >= 0)
        close(h->state_lock_fd);
    h->state_lock_fd = -1;
}

/* termios speed constant for a baud rate (POSIX Bnnn, plus the Linux extensions). */
static speed_t baud_constant(unsigned long b)
{
    static const struct {
        unsigned long baud;
        speed_t c;
    } t[] = {{1200, B1200},     {2400, B2400},     {4800, B4800},     {9600, B9600},
             {19200, B19200},   {38400, B38400},   {57600, B57600},   {115200, B115200},
             {230400, B230400}, {460800, B460800}, {921600, B921600}, {1000000, B1000000},
             {2000000, B2000000}, {4000000, B4000000}};
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (t[i].baud == b)
            return t[i].c;
    return (speed_t)0;
}

/* The launcher's own serial lines are non-blocking (see open_tty). */
static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int open_tty(const struct nl_options *o, struct nl_host *h, char *err, size_t errlen)
{
    speed_t speed = 0;
    if (o->baud != 0 && (speed = baud_constant(o->baud)) == 0) {
        snprintf(err, errlen, "nonos: serial line %s: unsupported baud rate %lu", o->serial_path, o->baud);
        return -1;
    }
    /* O_NONBLOCK: a tty whose modem lines say "no carrier" must not hang the open. */
    int fd = open(o->serial_path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "nonos: cannot open serial line %s: %s", o->serial_path, strerror(errno));
        return -1;
    }
    if (!isatty(fd)) {
        snprintf(err, errlen, "nonos: serial line %s is not a terminal device", o->serial_path);
        close(fd);
        return -1;
    }
    /* One system per line: an advisory exclusive lock that every nonos takes. */
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        snprintf(err, errlen, "nonos: serial line %s is busy (in use by another process)", o->serial_path);
        close(fd);
        return -1;
    }
    struct termios t;
    if (tcgetattr(fd, &t) != 0) {
        snprintf(err, errlen, "nonos: serial line %s: cannot read line settings: %s", o->serial_path,
                 strerror(errno));
        close(fd);
        return -1;
    }
    /* The launcher leaves the line's settings alone here: a baud rate given on the command line is
       set through the kernel once the line is its device (nl_host_register), so that the kernel
       keeps the settings found before anything changed them, and puts them back when the line is
       closed (nk_dev_line_set, nk_dev_line_restore): the port is left as nonos found it. */
    h->tty_baud = o->baud;
    /* The line stays O_NONBLOCK: the serial driver waits with nk_dev_wait and moves bytes with
       nk_dev_read_nb/nk_dev_write_nb, so a terminal that stops reading never blocks a thread. */
    h->serial_in = h->serial_out = (int)h->count;
    add(h, "serial0", o->serial_path, NK_DEV_SERIAL, 0, fd);
    h->serial_mode = "tty";
    snprintf(h->serial_path, sizeof(h->serial_path), "%s", o->serial_path);
    return 0;
}

static int open_pty(struct nl_host *h, char *err, size_t errlen)
{
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || grantpt(fd) != 0 || unlockpt(fd) != 0 || set_nonblock(fd) != 0) {
        snprintf(err, errlen, "nonos: cannot open a pseudo-terminal: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    char name[256];
    if (ptsname_r(fd, name, sizeof(name)) != 0) {
        snprintf(err, errlen, "nonos: cannot name the pseudo-terminal: %s", strerror(errno));
        close(fd);
        return -1;
    }
    /*
     * Raw mode for the terminal side. Termios requests on a Linux pty master act on its slave:
     * without this, the slave starts in cooked mode with echo, and until a terminal program
     * attaches and sets its own mode, everything the shell writes ("login: ") comes straight
     * back as input, read as a login name and a password.
     */
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        if (tcsetattr(fd, TCSANOW, &t) != 0) {
            snprintf(err, errlen, "nonos: cannot put the pseudo-terminal %s in raw mode: %s", name, strerror(errno));
            close(fd);
            return -1;
        }
    }
    h->serial_in = h->serial_out = (int)h->count;
    add(h, "serial0", name, NK_DEV_SERIAL, 0, fd);
    h->serial_mode = "pty";
    snprintf(h->serial_path, sizeof(h->serial_path), "%s", name);
    return 0;
}

static int open_stdio(struct nl_host *h, char *err, size_t errlen)
{
    h->serial_mode = "stdio";
    if (isatty(STDIN_FILENO)) {
        /* One read-write fd for the terminal, like a real serial line. */
        char name[256];
        int fd = -1;
        /* A file description of its own (not the shell's), so O_NONBLOCK stays here. */
        if (ttyname_r(STDIN_FILENO, name, sizeof(name)) == 0)
            fd = open(name, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
            snprintf(name, sizeof(name), "stdin");
        }
        if (fd < 0) {
            snprintf(err, errlen, "nonos: cannot use standard input as the serial line: %s", strerror(errno));
            return -1;
        }
        h->serial_in = h->serial_out = (int)h->count;
        add(h, "serial0", name, NK_DEV_SERIAL, 0, fd);
        snprintf(h->serial_path, sizeof(h->serial_path), "%s", name);
        return 0;
    }
    /* Pipes or files: reads from standard input, writes to standard output. */
    int in = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
    int out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (in < 0 || out < 0) {
        snprintf(err, errlen, "nonos: standard input/output are not open: %s", strerror(errno));
        if (in >= 0)
            close(in);
        if (out >= 0)
            close(out);
        return -1;
    }
    h->serial_in = (int)h->count;
    add(h, "serial0", "stdin", NK_DEV_SERIAL, 0, in);
    h->serial_out = (int)h->count;
    add(h, "serial0.out", "stdout", NK_DEV_SERIAL, 0, out);
    snprintf(h->serial_path, sizeof(h->serial_path), "stdio");
    return 0;
}

static int open_disk(const struct nl_disk *d, struct nl_host *h, char *err, size_t errlen)
{
    int fd = open(d->path, (d->read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "nonos: cannot open disk %s (%s%s): %s", d->name, d->path,
                 d->read_only ? ", read-only" : "", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
        snprintf(err, errlen, "nonos: disk %s (%s) is neither a regular file nor a block device", d->name,
                 d->path);
        close(fd);
        return -1;
    }
    /* Two writers on one disk corrupt it: a writable disk is locked exclusively. */
    if (flock(fd, (d->read_only ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        snprintf(err, errlen, "nonos: disk %s (%s) is busy (locked by another process)", d->name, d->path);
        close(fd);
        return -1;
    }
    add(h, d->name, d->path, S_ISBLK(st.st_mode) ? NK_DEV_BLOCK : NK_DEV_FILE, d->read_only, fd);
    return 0;
}

static int open_tap(const char *name, struct nl_host *h, char *err, size_t errlen)
{
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "nonos: cannot open /dev/net/tun for TAP %s: %s", name, strerror(errno));
        return -1;
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
    if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
        snprintf(err, errlen, "nonos: cannot attach TAP interface %s: %s", name, strerror(errno));
        close(fd);
        return -1;
    }
    add(h, name, "/dev/net/tun", NK_DEV_TAP, 0, fd);
    return 0;
}

static int lock_state(const char *state_dir, struct nl_host *h, char *err, size_t errlen)
{
    if (nl_mkdirs(state_dir) != 0) {
        snprintf(err, errlen, "nonos: cannot create state directory %s: %s", state_dir, strerror(errno));
        return -1;
    }
    char p[4096];
    snprintf(p, sizeof(p), "%s/lock", state_dir);
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "nonos: cannot use state directory %s: %s", state_dir, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        snprintf(err, errlen, "nonos: state directory %s is in use by another nonos", state_dir);
        close(fd);
        return -1;
    }
    h->state_lock_fd = fd;
    return 0;
}

int nl_host_open(const struct nl_options *o, const char *state_dir, struct nl_host *h, char *err,
                 size_t errlen)
{
    memset(h, 0, sizeof(*h));
    h->state_lock_fd = -1;
    h->serial_in = h->serial_out = -1;
    int rc = lock_state(state_dir, h, err, errlen);
    if (rc == 0) {
        if (o->serial_mode == NL_SERIAL_PTY)
            rc = open_pty(h, err, errlen);
        else if (o->serial_mode == NL_SERIAL_TTY)
            rc = open_tty(o, h, err, errlen);
        else
            rc = open_stdio(h, err, errlen);
    }
    for (size_t i = 0; rc == 0 && i < o->disk_count; i++)
        rc = open_disk(&o->disks[i], h, err, errlen);
    for (size_t i = 0; rc == 0 && i < o->tap_count; i++)
        rc = open_tap(o->taps[i], h, err, errlen);
    if (rc == 0 && o->admin_password_file != NULL) {
        int fd = open(o->admin_password_file, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            snprintf(err, errlen, "nonos: cannot read --admin-password-file %s: %s", o->admin_password_file,
                     strerror(errno));
            rc = -1;
        } else {
            add(h, "admin-password", o->admin_password_file, NK_DEV_FILE, 1, fd);
        }
    }
    if (rc != 0)
        close_all(h);
    return rc;
}

void nl_host_announce(const struct nl_host *h)
{
    if (strcmp(h->serial_mode, "pty") == 0) {
        printf("%s\n", h->serial_path);
        fflush(stdout);
    }
}

int nl_host_register(struct nl_host *h, char *err, size_t errlen)
{
    for (size_t i = 0; i < h->count; i++) {
        struct nl_device *d = &h->devices[i];
        nk_cap_t cap = 0;
        int rc = nk_device_register(NK_ROOT_DOMAIN, d->fd, d->name, d->kind, &cap);
        if (rc != NK_OK) {
            snprintf(err, errlen, "nonos: kernel refused device %s (%s): %s", d->name, d->path, nk_strerror(rc));
            return -1;
        }
        if (d->read_only) {
            /* A read-only disk is handed out without WRITE (the host fd is O_RDONLY as well). */
            nk_cap_t ro = 0;
            uint32_t rights = (uint32_t)NK_RIGHTS_ALL & ~(uint32_t)NK_RIGHT_WRITE;
            rc = nk_cap_derive(NK_ROOT_DOMAIN, cap, rights, rights, 0, 0, &ro);
            if (rc != NK_OK) {
                snprintf(err, errlen, "nonos: kernel refused a read-only capability for %s: %s", d->name,
                         nk_strerror(rc));
                return -1;
            }
            cap = ro;
        }
        d->cap = cap;
        if ((int)i == h->serial_in && h->tty_baud != 0) {
            /* 8N1, modem control lines ignored (CLOCAL); the serial driver sets raw mode. */
            rc = nk_dev_line_set(NK_ROOT_DOMAIN, cap, (uint32_t)h->tty_baud, 8, NK_PARITY_NONE, 1, 0);
            if (rc != NK_OK) {
                snprintf(err, errlen, "nonos: serial line %s: cannot set %lu baud 8N1: %s", d->path, h->tty_baud,
                         nk_strerror(rc));
                return -1;
            }
        }
        /* The kernel keeps its own duplicate: the launcher's copy goes away (the serial line's
           too: the serial driver drives it through its device capability, and a tty's flock
           stays with the kernel's duplicate, which shares the open file description). */
        close(d->fd);
        d->fd = -1;
    }
    return 0;
}
