/* SPDX-License-Identifier: Apache-2.0 */
/*
 * landlock.h: an unprivileged filesystem, network and scope fence for this process and every
 * process it starts afterwards (Linux Landlock, Documentation/userspace-api/landlock.rst).
 *
 * The caller lists the paths the process may still use and what for; everything else the
 * kernel's Landlock ABI can restrict is denied. What is denied depends on the ABI the running
 * kernel offers (checked with LANDLOCK_CREATE_RULESET_VERSION):
 *   ABI 1  filesystem: execute, read, write, list, remove, create (files, dirs, nodes, links)
 *   ABI 2  + renaming or linking into another directory (REFER)
 *   ABI 3  + truncate
 *   ABI 4  network: TCP bind and connect (no rule is added: the process may do neither)
 *   ABI 5  + ioctl on device files opened afterwards
 *   ABI 6  scopes: connecting to abstract unix sockets and signalling processes outside the fence
 *   ABI 7  denials are logged by the kernel's audit subsystem (asked for programs started later too)
 * Descriptors opened before the fence are not affected: the host devices stay usable.
 */
#ifndef NONOS_LAUNCHER_LANDLOCK_H
#define NONOS_LAUNCHER_LANDLOCK_H

#include <stddef.h>
#include <stdint.h>

/*
 * The access rights, with the values of the kernel's include/uapi/linux/landlock.h (defined here
 * because the C library's headers may predate the running kernel's ABI).
 */
#define NL_LL_FS_EXECUTE (1ull << 0)
#define NL_LL_FS_WRITE_FILE (1ull << 1)
#define NL_LL_FS_READ_FILE (1ull << 2)
#define NL_LL_FS_READ_DIR (1ull << 3)
#define NL_LL_FS_REMOVE_DIR (1ull << 4)
#define NL_LL_FS_REMOVE_FILE (1ull << 5)
#define NL_LL_FS_MAKE_CHAR (1ull << 6)
#define NL_LL_FS_MAKE_DIR (1ull << 7)
#define NL_LL_FS_MAKE_REG (1ull << 8)
#define NL_LL_FS_MAKE_SOCK (1ull << 9)
#define NL_LL_FS_MAKE_FIFO (1ull << 10)
#define NL_LL_FS_MAKE_BLOCK (1ull << 11)
#define NL_LL_FS_MAKE_SYM (1ull << 12)
#define NL_LL_FS_REFER (1ull << 13)     /* ABI 2 */
#define NL_LL_FS_TRUNCATE (1ull << 14)  /* ABI 3 */
#define NL_LL_FS_IOCTL_DEV (1ull << 15) /* ABI 5 */

/* What a rule grants, built from the rights above. */
/* Read a file, list a directory and read what is beneath it. */
#define NL_LL_READ (NL_LL_FS_READ_FILE | NL_LL_FS_READ_DIR)
/* The same, and execute programs (execve, and the ELF interpreter execve opens). */
#define NL_LL_EXEC (NL_LL_READ | NL_LL_FS_EXECUTE)
/*
 * Read, write, create, rename, remove and truncate regular files and directories. No execute
 * (a file written at run time is never a program), no device, socket, FIFO or symbolic link.
 */
#define NL_LL_WRITE                                                                                              \
    (NL_LL_READ | NL_LL_FS_WRITE_FILE | NL_LL_FS_REMOVE_DIR | NL_LL_FS_REMOVE_FILE | NL_LL_FS_MAKE_DIR |         \
     NL_LL_FS_MAKE_REG | NL_LL_FS_REFER | NL_LL_FS_TRUNCATE)

/* One allowed path: a directory (and everything beneath it) or a single file. */
struct nl_ll_rule {
    const char *path;
    uint64_t access;  /* NL_LL_READ, NL_LL_EXEC, NL_LL_WRITE or a mask of NL_LL_FS_* */
    int required;     /* 1: the fence is not applied when the path cannot be opened; 0: skipped */
};

struct nl_ll_result {
    int abi;                /* the kernel's Landlock ABI, 0 when it has none */
    int fs, net, scope;     /* 1 for each kind of restriction in force */
    size_t rules;           /* rules added */
    size_t skipped;         /* optional paths that do not exist here */
};

/*
 * The filesystem rights a kernel of this Landlock ABI knows, all of which the fence handles
 * (Documentation/userspace-api/landlock.rst, "Filesystem flags"); 0 below ABI 1.
 */
uint64_t nl_landlock_fs_rights(int abi);

/* The Landlock ABI version of the running kernel: >= 1, or 0 (errno says why: ENOSYS, EOPNOTSUPP). */
int nl_landlock_abi(void);

/*
 * Restricts the calling thread, and every thread and process it creates afterwards, to the rules.
 * The caller has set no_new_privs (prctl PR_SET_NO_NEW_PRIVS) first, as an unprivileged process must.
 * Threads that exist already are not restricted: call it before starting any.
 * Returns 0 with *res filled, or -1 with a message in err and nothing changed.
 */
int nl_landlock_apply(const struct nl_ll_rule *rules, size_t n, struct nl_ll_result *res, char *err, size_t errlen);

#endif
