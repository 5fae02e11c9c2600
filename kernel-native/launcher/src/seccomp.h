/* SPDX-License-Identifier: Apache-2.0 */
/*
 * seccomp.h: a system call deny list for this process and everything it starts afterwards
 * (seccomp-bpf, the kernel's Documentation/userspace-api/seccomp_filter.rst).
 *
 * The list holds calls a Java userland never makes and an attacker wants: debugging and memory
 * access of other processes, kernel code loading, mounts and namespaces, BPF, perf, keyrings,
 * userfaultfd, swap, reboot, setting the clocks, accounting, quotas, file handles, personality
 * changes. A denied call fails with EPERM (the process lives on and can report it); clone3 fails
 * with ENOSYS, so the C library falls back to clone, whose flags the filter can see. Calls of
 * another architecture (i386 through int 0x80) and x32 calls are denied outright.
 */
#ifndef NONOS_LAUNCHER_SECCOMP_H
#define NONOS_LAUNCHER_SECCOMP_H

#include <stddef.h>

/* A denied system call, for reports and tests. */
struct nl_sc_denied {
    int nr;
    const char *name;
    const char *why;
};

/* The deny list: nl_seccomp_denied[0 .. nl_seccomp_denied_count). Empty where the filter is not built. */
extern const struct nl_sc_denied nl_seccomp_denied[];
extern const size_t nl_seccomp_denied_count;

/*
 * Installs the filter on every thread of the process (SECCOMP_FILTER_FLAG_TSYNC). The caller has
 * set no_new_privs first. Returns 0, or -1 with a message in err and nothing changed.
 */
int nl_seccomp_apply(char *err, size_t errlen);

#endif
