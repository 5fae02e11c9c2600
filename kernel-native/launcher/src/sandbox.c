/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sandbox.c: the policy of `nonos` and how it is applied (see sandbox.h).
 *
 * The paths below were found by booting the distribution under `strace -f` (opens, execs,
 * sockets) and then with the fence on: what the JVM, the C library and the bundles open.
 * Everything not listed is denied, /tmp, /home, /root, other users' files, /dev (but for the few
 * character devices named) and most of /proc and /sys included.
 */
#define _GNU_SOURCE
#include "sandbox.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seccomp.h"

size_t nl_sandbox_policy(const struct nl_sandbox_paths *p, struct nl_ll_rule *out)
{
    size_t n = 0;
#define RULE(path_, access_, required_)                                                                          \
    do {                                                                                                         \
        if ((path_) != NULL && n < NL_SANDBOX_MAX_RULES)                                                         \
            out[n++] = (struct nl_ll_rule){(path_), (access_), (required_)};                                     \
    } while (0)

    /* ---- this boot's own paths */
    /* The JDK: libjvm and its libraries, modules, conf/, security files; execute for lib/jspawnhelper
       (ProcessBuilder starts children through it) and bin/java (the class-data sharing dump). */
    RULE(p->java_home, NL_LL_EXEC, 1);
    /* The distribution: lib/ (kernel, boot jar, class path), system/ (bundles), etc/. Read only:
       nothing in the running system may change what the next boot measures. */
    RULE(p->home, NL_LL_READ, 1);
    /* The kernel library, opened again by jnr-ffi (it may live outside <home> in a build tree). */
    RULE(p->kernel_lib, NL_LL_FS_READ_FILE, 1);
    /* The state: audit log, accounts, framework cache, boot measurements, tmp/ (java.io.tmpdir). */
    RULE(p->state, NL_LL_WRITE, 1);
    /* Hot deploy: the deploy service reads, moves and removes the bundles dropped here. */
    RULE(p->deploy, NL_LL_WRITE, 0);
    /* The class-data sharing archive: the first boot writes its class list, the dump its archive. */
    RULE(p->cds_dir, NL_LL_WRITE, 0);
    /* The trust registry (etc/trust): the shell installs a new owner-signed root here while the
       system runs (gate:install-root), keeping the replaced one in previous/. Only what the owner
       signed is ever loaded from it: the owner's key, etc/owner.pub, stays read-only with <home>. */
    RULE(p->trust_dir, NL_LL_WRITE, 0);
    /* The first boot's admin password (read by the shell once). */
    RULE(p->admin_password_file, NL_LL_FS_READ_FILE, 1);

    /* ---- the host's libraries and programs */
    /* The C library, libcrypto, the JDK's system dependencies; execute because execve opens the
       ELF interpreter (ld-linux) for execution. /lib and /lib64 where /usr is not merged. */
    RULE("/usr/lib", NL_LL_EXEC, 0);
    RULE("/usr/lib64", NL_LL_EXEC, 0);
    RULE("/lib", NL_LL_EXEC, 0);
    RULE("/lib64", NL_LL_EXEC, 0);
    /* Time zones (java.time), terminfo (JLine), locales and character sets (the C library). */
    RULE("/usr/share/zoneinfo", NL_LL_READ, 0);
    RULE("/usr/share/terminfo", NL_LL_READ, 0);
    RULE("/usr/share/locale", NL_LL_READ, 0);
    RULE("/usr/share/i18n", NL_LL_READ, 0);
    /* JLine runs infocmp to learn the capabilities of the terminal on the serial line. */
    RULE("/usr/bin/infocmp", NL_LL_FS_EXECUTE | NL_LL_FS_READ_FILE, 0);
    /* The dynamic loader's cache and search list. */
    RULE("/etc/ld.so.cache", NL_LL_FS_READ_FILE, 0);
    RULE("/etc/ld.so.conf", NL_LL_FS_READ_FILE, 0);
    RULE("/etc/ld.so.conf.d", NL_LL_READ, 0);
    /* The local time zone (java.util.TimeZone). */
    RULE("/etc/localtime", NL_LL_FS_READ_FILE, 0);
    RULE("/etc/timezone", NL_LL_FS_READ_FILE, 0);
    /* user.name and user.home: the JVM asks the password database (getpwuid) at start. */
    RULE("/etc/nsswitch.conf", NL_LL_FS_READ_FILE, 0);
    RULE("/etc/passwd", NL_LL_FS_READ_FILE, 0);
    RULE("/etc/group", NL_LL_FS_READ_FILE, 0);
    /* Local terminal descriptions (JLine, infocmp). */
    RULE("/etc/terminfo", NL_LL_READ, 0);

    /* ---- devices: only these; the host devices the system uses are descriptors opened before */
    /* Standard streams of child processes, and discarded output. */
    RULE("/dev/null", NL_LL_FS_READ_FILE | NL_LL_FS_WRITE_FILE, 0);
    RULE("/dev/zero", NL_LL_FS_READ_FILE, 0);
    /* SecureRandom (NativePRNG and DRBG seeding) reads both. */
    RULE("/dev/random", NL_LL_FS_READ_FILE, 0);
    RULE("/dev/urandom", NL_LL_FS_READ_FILE, 0);

    /* ---- what the JVM learns about its process and the machine */
    /* /proc/self is this process's own directory (the link is followed when the rule is made):
       maps, status, limits, cgroup, mountinfo, fd/, and /proc/net (a link into it). Other
       processes' directories stay closed; /proc/kcore and the like too. */
    RULE("/proc/self", NL_LL_READ, 0);
    /* CPU and memory facts (os::Linux, the OperatingSystemMXBean of `sys`). */
    RULE("/proc/cpuinfo", NL_LL_FS_READ_FILE, 0);
    RULE("/proc/meminfo", NL_LL_FS_READ_FILE, 0);
    RULE("/proc/stat", NL_LL_FS_READ_FILE, 0);
    /* Container detection (cgroup v1 or v2) and the limits it reads. */
    RULE("/proc/cgroups", NL_LL_FS_READ_FILE, 0);
    RULE("/sys/fs/cgroup", NL_LL_READ, 0);
    /* Limits the JVM checks at start and in its error reports. */
    RULE("/proc/sys/vm/mmap_min_addr", NL_LL_FS_READ_FILE, 0);
    RULE("/proc/sys/vm/max_map_count", NL_LL_FS_READ_FILE, 0);
    RULE("/proc/sys/kernel/threads-max", NL_LL_FS_READ_FILE, 0);
    RULE("/proc/sys/kernel/pid_max", NL_LL_FS_READ_FILE, 0);
    /* Online and possible CPUs (the number of GC and compiler threads). */
    RULE("/sys/devices/system/cpu", NL_LL_READ, 0);
    /* Transparent and explicit huge pages (the heap's page size). */
    RULE("/sys/kernel/mm/transparent_hugepage", NL_LL_READ, 0);
    RULE("/sys/kernel/mm/hugepages", NL_LL_READ, 0);
#undef RULE
    return n;
}

int nl_sandbox_apply(const struct nl_ll_rule *rules, size_t n, struct nl_sandbox_report *r)
{
    memset(r, 0, sizeof(*r));
    r->syscalls = nl_seccomp_denied_count;
    char why[768];
    /* Required by both for an unprivileged process, and wanted anyway: no set-uid gain from here on. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        snprintf(why, sizeof(why), "no_new_privs: %s", strerror(errno));
        snprintf(r->landlock_text, sizeof(r->landlock_text), "landlock: not applied: %.400s", why);
        snprintf(r->seccomp_text, sizeof(r->seccomp_text), "seccomp: not applied: %.400s", why);
    } else {
        struct nl_ll_result ll;
        if (nl_landlock_apply(rules, n, &ll, why, sizeof(why)) == 0) {
            r->landlock = 1;
            snprintf(r->landlock_text, sizeof(r->landlock_text), "landlock ABI %d (fs%s%s)", ll.abi,
                     ll.net ? ", net" : "", ll.scope ? ", scope" : "");
        } else {
            snprintf(r->landlock_text, sizeof(r->landlock_text), "landlock: not applied: %.400s", why);
        }
        r->landlock_abi = ll.abi;
        if (nl_seccomp_apply(why, sizeof(why)) == 0) {
            r->seccomp = 1;
            snprintf(r->seccomp_text, sizeof(r->seccomp_text), "seccomp: on (%zu syscalls)", r->syscalls);
        } else {
            snprintf(r->seccomp_text, sizeof(r->seccomp_text), "seccomp: not applied: %.400s", why);
        }
    }
    snprintf(r->summary, sizeof(r->summary), "%.512s, %.512s", r->landlock_text, r->seccomp_text);
    return r->landlock && r->seccomp;
}

void nl_sandbox_off(struct nl_sandbox_report *r, const char *reason)
{
    memset(r, 0, sizeof(*r));
    r->syscalls = nl_seccomp_denied_count;
    snprintf(r->landlock_text, sizeof(r->landlock_text), "landlock: not applied: %.400s", reason);
    snprintf(r->seccomp_text, sizeof(r->seccomp_text), "seccomp: not applied: %.400s", reason);
    snprintf(r->summary, sizeof(r->summary), "not applied: %.400s", reason);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    if (ftw->level == 0)
        return 0; /* the directory itself stays */
    return (flag == FTW_DP ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT ? 0 : -1;
}

int nl_sandbox_tmpdir(const char *state, char *out, size_t len)
{
    int w = snprintf(out, len, "%s/tmp", state);
    if (w < 0 || (size_t)w >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (mkdir(out, 0700) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (lstat(out, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    /* What an earlier boot left behind (a crash skips the JVM's delete-on-exit). FTW_PHYS: links are
       removed, never followed. */
    return nftw(out, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}
