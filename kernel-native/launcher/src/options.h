/* SPDX-License-Identifier: Apache-2.0 */
/*
 * options.h: the command line of `nonos`, parsed into a plain struct and checked completely
 * before anything is opened (parse first, then act).
 */
#ifndef NONOS_LAUNCHER_OPTIONS_H
#define NONOS_LAUNCHER_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#define NL_MAX_DISKS 16
#define NL_MAX_TAPS 8
#define NL_NAME_MAX 63 /* NK_NAME_MAX: device names go to the kernel as they are */

enum nl_serial_mode { NL_SERIAL_STDIO, NL_SERIAL_PTY, NL_SERIAL_TTY };

struct nl_disk {
    char name[NL_NAME_MAX + 1];
    const char *path;
    int read_only;
};

struct nl_options {
    enum nl_serial_mode serial_mode;
    const char *serial_path; /* NL_SERIAL_TTY: the device path */
    unsigned long baud;      /* NL_SERIAL_TTY: 0 = leave the line speed as it is */
    struct nl_disk disks[NL_MAX_DISKS];
    size_t disk_count;
    char taps[NL_MAX_TAPS][NL_NAME_MAX + 1];
    size_t tap_count;
    const char *state_dir;      /* NULL: <home>/var */
    const char *deploy_dir;     /* NULL: <home>/deploy */
    const char *java_home;      /* NULL: etc/launcher.conf, then $JAVA_HOME */
    const char *admin_password_file;
    int help;
    int version;
    int no_sandbox;             /* --no-sandbox: boot without Landlock and seccomp (debugging) */
};

/* Exit codes of `nonos` (docs/boot.md lists them). */
enum nl_exit {
    NL_EXIT_OK = 0,
    NL_EXIT_USAGE = 2,
    NL_EXIT_HOST = 3,      /* a host resource (tty, disk, TAP, state dir) cannot be used */
    NL_EXIT_JVM = 4,       /* no usable JDK, or the JVM or the boot class failed */
    NL_EXIT_FRAMEWORK = 5, /* Felix failed to start or stopped on an error */
    NL_EXIT_FORCED = 6,    /* the system did not stop in time after SIGTERM */
    NL_EXIT_KERNEL = 7     /* the kernel refused to start (e.g. a broken audit log) */
};

/*
 * Parses argv into *out. On error writes one line "nonos: ..." into err (size errlen) and
 * returns -1; returns 0 on success. The strings in *out point into argv.
 */
int nl_options_parse(int argc, char **argv, struct nl_options *out, char *err, size_t errlen);

/* Writes the --help text. */
void nl_options_usage(FILE *f);

/* A device name the kernel accepts: 1..63 bytes of [A-Za-z0-9._-]. */
int nl_valid_name(const char *s, size_t len);

#endif
