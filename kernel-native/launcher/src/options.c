/* SPDX-License-Identifier: Apache-2.0 */
/* options.c: parsing and checking of the `nonos` command line (see options.h). */
#define _GNU_SOURCE
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nl_options_usage(FILE *f)
{
    fputs("Usage: nonos [OPTION]...\n"
          "Boot NØNOS: start the capability kernel, measure the boot objects, start the JVM\n"
          "and the Felix framework, and serve the admin shell on a serial line.\n"
          "\n"
          "  --serial stdio|pty|DEVICE[:BAUD]\n"
          "                          the serial line of the admin shell (default: stdio).\n"
          "                          pty: open a pseudo-terminal and print its path on\n"
          "                          standard output; DEVICE: a tty such as /dev/ttyS0,\n"
          "                          optionally at BAUD (e.g. /dev/ttyS0:115200, 8N1)\n"
          "  --disk NAME=PATH[,ro]   give the system a disk image or block device as device\n"
          "                          NAME (read-only with ,ro); may be repeated\n"
          "  --tap NAME              give the system the TAP interface NAME; may be repeated\n"
          "  --state DIR             the state directory: audit log, accounts, framework\n"
          "                          cache, boot measurements (default: <home>/var)\n"
          "  --deploy DIR            the hot-deploy directory (default: <home>/deploy)\n"
          "  --java-home DIR         the JDK to run (default: java.home in etc/launcher.conf,\n"
          "                          then $JAVA_HOME)\n"
          "  --admin-password-file FILE\n"
          "                          set the admin password from FILE on first boot\n"
          "                          (unattended installs)\n"
          "  --no-sandbox            boot without the host sandbox (Landlock file and network\n"
          "                          fence, seccomp system call filter): for debugging only\n"
          "  --help                  show this help and exit\n"
          "  --version               show the version and exit\n"
          "\n"
          "Exit status: 0 clean shutdown, 2 usage error, 3 host resource unusable,\n"
          "4 JDK or JVM failure, 5 framework failure, 6 forced stop, 7 kernel refused to start.\n"
          "SIGTERM or SIGINT stops the system cleanly.\n",
          f);
}

int nl_valid_name(const char *s, size_t len)
{
    if (len == 0 || len > NL_NAME_MAX)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int parse_serial(const char *v, struct nl_options *o, char *err, size_t errlen)
{
    if (strcmp(v, "stdio") == 0) {
        o->serial_mode = NL_SERIAL_STDIO;
        return 0;
    }
    if (strcmp(v, "pty") == 0) {
        o->serial_mode = NL_SERIAL_PTY;
        return 0;
    }
    if (v[0] != '/') {
        snprintf(err, errlen, "nonos: --serial wants stdio, pty or a device path, not '%s'", v);
        return -1;
    }
    o->serial_mode = NL_SERIAL_TTY;
    o->serial_path = v;
    o->baud = 0;
    const char *colon = strrchr(v, ':');
    if (colon != NULL) {
        char *end;
        errno = 0;
        unsigned long b = strtoul(colon + 1, &end, 10);
        if (colon[1] == '\0' || *end != '\0' || errno != 0 || b == 0) {
            snprintf(err, errlen, "nonos: --serial %s: '%s' is not a baud rate", v, colon + 1);
            return -1;
        }
        o->baud = b;
        /* The path is the part before the colon: keep a copy (argv must stay untouched). */
        size_t n = (size_t)(colon - v);
        char *p = malloc(n + 1);
        if (p == NULL) {
            snprintf(err, errlen, "nonos: out of memory");
            return -1;
        }
        memcpy(p, v, n);
        p[n] = '\0';
        o->serial_path = p;
    }
    return 0;
}

static int parse_disk(const char *v, struct nl_options *o, char *err, size_t errlen)
{
    if (o->disk_count == NL_MAX_DISKS) {
        snprintf(err, errlen, "nonos: at most %d --disk options", NL_MAX_DISKS);
        return -1;
    }
    const char *eq = strchr(v, '=');
    if (eq == NULL || !nl_valid_name(v, (size_t)(eq - v))) {
        snprintf(err, errlen,
                 "nonos: --disk wants NAME=PATH[,ro] with NAME of 1..%d letters, digits, '.', '_', '-': '%s'",
                 NL_NAME_MAX, v);
        return -1;
    }
    struct nl_disk *d = &o->disks[o->disk_count];
    memcpy(d->name, v, (size_t)(eq - v));
    d->name[eq - v] = '\0';
    for (size_t i = 0; i < o->disk_count; i++) {
        if (strcmp(o->disks[i].name, d->name) == 0) {
            snprintf(err, errlen, "nonos: --disk %s given twice", d->name);
            return -1;
        }
    }
    const char *path = eq + 1;
    size_t plen = strlen(path);
    d->read_only = 0;
    if (plen >= 3 && strcmp(path + plen - 3, ",ro") == 0) {
        d->read_only = 1;
        plen -= 3;
    }
    if (plen == 0) {
        snprintf(err, errlen, "nonos: --disk %s: empty path", d->name);
        return -1;
    }
    char *p = strndup(path, plen);
    if (p == NULL) {
        snprintf(err, errlen, "nonos: out of memory");
        return -1;
    }
    d->path = p;
    o->disk_count++;
    return 0;
}

static int parse_tap(const char *v, struct nl_options *o, char *err, size_t errlen)
{
    /* IFNAMSIZ is 16: a Linux interface name has at most 15 bytes. */
    size_t n = strlen(v);
    if (o->tap_count == NL_MAX_TAPS) {
        snprintf(err, errlen, "nonos: at most %d --tap options", NL_MAX_TAPS);
        return -1;
    }
    if (n > 15 || !nl_valid_name(v, n)) {
        snprintf(err, errlen, "nonos: --tap wants an interface name of 1..15 letters, digits, '.', '_', '-': '%s'",
                 v);
        return -1;
    }
    memcpy(o->taps[o->tap_count++], v, n + 1);
    return 0;
}

int nl_options_parse(int argc, char **argv, struct nl_options *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof(*o));
    o->serial_mode = NL_SERIAL_STDIO;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            o->help = 1;
            continue;
        }
        if (strcmp(a, "--version") == 0) {
            o->version = 1;
            continue;
        }
        if (strcmp(a, "--no-sandbox") == 0) {
            o->no_sandbox = 1;
            continue;
        }
        /* Every other option takes a value, as "--opt VALUE" or "--opt=VALUE". */
        static const char *const with_value[] = {"--serial", "--disk", "--tap", "--state", "--deploy",
                                                 "--java-home", "--admin-password-file"};
        const char *name = NULL;
        for (size_t k = 0; k < sizeof(with_value) / sizeof(with_value[0]); k++) {
            size_t n = strlen(with_value[k]);
            if (strncmp(a, with_value[k], n) == 0 && (a[n] == '\0' || a[n] == '=')) {
                name = with_value[k];
                if (a[n] == '=') {
                    v = a + n + 1;
                } else if (i + 1 < argc) {
                    v = argv[++i];
                } else {
                    snprintf(err, errlen, "nonos: %s needs a value (see nonos --help)", name);
                    return -1;
                }
                break;
            }
        }
        if (name == NULL) {
            snprintf(err, errlen, "nonos: unknown option '%s' (see nonos --help)", a);
            return -1;
        }
        if (*v == '\0') {
            snprintf(err, errlen, "nonos: %s needs a non-empty value", name);
            return -1;
        }
        int rc = 0;
        if (strcmp(name, "--serial") == 0)
            rc = parse_serial(v, o, err, errlen);
        else if (strcmp(name, "--disk") == 0)
            rc = parse_disk(v, o, err, errlen);
        else if (strcmp(name, "--tap") == 0)
            rc = parse_tap(v, o, err, errlen);
        else if (strcmp(name, "--state") == 0)
            o->state_dir = v;
        else if (strcmp(name, "--deploy") == 0)
            o->deploy_dir = v;
        else if (strcmp(name, "--java-home") == 0)
            o->java_home = v;
        else
            o->admin_password_file = v;
        if (rc != 0)
            return -1;
    }
    return 0;
}
