/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sandbox.h: the host sandbox of `nonos` (docs/boot.md, "The sandbox"). Applied by the launcher
 * once the host resources are open and the boot is measured, before the JVM exists: from then on
 * the process and everything it starts reach only the files it needs (Landlock, landlock.h), make
 * no TCP connection and no system call of the deny list (seccomp, seccomp.h). Best effort: what
 * the host cannot do is reported, and the system boots anyway.
 */
#ifndef NONOS_LAUNCHER_SANDBOX_H
#define NONOS_LAUNCHER_SANDBOX_H

#include <stddef.h>

#include "landlock.h"

/* The directories and files of this boot that the policy names. NULL: not used by this boot. */
struct nl_sandbox_paths {
    const char *home;                /* the distribution: read */
    const char *java_home;           /* the JDK: read and execute */
    const char *kernel_lib;          /* the kernel library (jnr-ffi opens it again): read */
    const char *state;               /* the state directory: read and write */
    const char *deploy;              /* the hot-deploy directory: read and write */
    const char *cds_dir;             /* the class-data sharing archives: read and write */
    const char *admin_password_file; /* --admin-password-file: read */
    const char *trust_dir;           /* <home>/etc/trust, the trust registry: read and write */
};

struct nl_sandbox_report {
    int landlock_abi;    /* 0: no Landlock in this kernel */
    int landlock;        /* 1 when the Landlock fence is in force */
    int seccomp;         /* 1 when the filter is in force */
    size_t syscalls;     /* system calls on the deny list */
    char landlock_text[512]; /* "landlock ABI 7 (fs, net, scope)" or "landlock: not applied: <why>" */
    char seccomp_text[512];  /* "seccomp: on (N syscalls)" or "seccomp: not applied: <why>" */
    char summary[1100];      /* both, comma separated; "not applied: --no-sandbox" when turned off */
};

/* The most rules the policy has. */
#define NL_SANDBOX_MAX_RULES 64

/*
 * The policy of a boot: every rule, with the reason for it beside it in sandbox.c. Writes at most
 * NL_SANDBOX_MAX_RULES rules into out and returns how many.
 */
size_t nl_sandbox_policy(const struct nl_sandbox_paths *p, struct nl_ll_rule *out);

/*
 * Sets no_new_privs, then applies the Landlock fence (the rules given) and the seccomp filter,
 * each as far as the host allows; fills *r. Never fails the boot: returns 1 when both are in
 * force, 0 otherwise (r says why). Call it before the process starts any thread.
 */
int nl_sandbox_apply(const struct nl_ll_rule *rules, size_t n, struct nl_sandbox_report *r);

/* Fills *r for a boot without the sandbox (--no-sandbox): "not applied: <reason>". */
void nl_sandbox_off(struct nl_sandbox_report *r, const char *reason);

/*
 * Makes <state>/tmp (mode 0700) and empties it: the JVM's java.io.tmpdir, where jnr-ffi and blst
 * unpack their native libraries (the fence leaves /tmp out). Writes the path into out.
 * Returns 0, or -1 with errno.
 */
int nl_sandbox_tmpdir(const char *state, char *out, size_t len);

#endif
