/* SPDX-License-Identifier: Apache-2.0 */
/*
 * host.h: the host resources the launcher opens and hands to the kernel as device objects
 * owned by the root domain. Nothing else in the process opens host devices: the Java side
 * reaches them only through the device capabilities listed here.
 */
#ifndef NONOS_LAUNCHER_HOST_H
#define NONOS_LAUNCHER_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"

#define NL_MAX_DEVICES (NL_MAX_DISKS + NL_MAX_TAPS + 4)

struct nl_device {
    char name[NL_NAME_MAX + 1];
    char path[4096];
    uint32_t kind; /* NK_DEV_* */
    int read_only;
    int fd;         /* the launcher's fd; closed once the kernel holds its duplicate */
    uint64_t cap;   /* root-domain capability from nk_device_register */
};

struct nl_host {
    struct nl_device devices[NL_MAX_DEVICES];
    size_t count;
    int serial_in;   /* index into devices of the serial line (read side) */
    int serial_out;  /* index of its write side (== serial_in unless stdio on a non-tty) */
    const char *serial_mode; /* "stdio", "pty" or "tty" */
    char serial_path[4096];  /* what a terminal opens: the tty, or the pty's slave */
    unsigned long tty_baud;  /* --serial /dev/ttyX:baud: set through the kernel at registration (0: none) */
    int state_lock_fd;
};

/*
 * Opens every host resource named by the options (serial line, disks, TAP interfaces) and
 * takes the state directory's lock. Checks everything before the kernel sees any of it: on
 * failure writes one "nonos: ..." line into err, closes what it opened and returns -1.
 * For --serial pty the slave's path is printed on stdout only by nl_host_announce.
 */
int nl_host_open(const struct nl_options *o, const char *state_dir, struct nl_host *h, char *err,
                 size_t errlen);

/* Prints the pseudo-terminal's path on stdout (for --serial pty); no-op otherwise. */
void nl_host_announce(const struct nl_host *h);

/*
 * Registers every opened resource with the kernel (root domain) and closes the launcher's own
 * fds (all but the serial line's, which the serial driver bundle drives). Returns 0, or -1 with
 * a message in err.
 */
int nl_host_register(struct nl_host *h, char *err, size_t errlen);

/* Creates DIR and its parents (mode 0700 for new ones). 0, or -1 with errno. */
int nl_mkdirs(const char *dir);

#endif
