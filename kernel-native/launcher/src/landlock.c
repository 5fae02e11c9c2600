/* SPDX-License-Identifier: Apache-2.0 */
/* landlock.c: the Landlock fence (see landlock.h; the kernel's Documentation/userspace-api/landlock.rst). */
#define _GNU_SOURCE
#include "landlock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* include/uapi/linux/landlock.h, as of ABI 7. */
#define LL_CREATE_RULESET_VERSION (1u << 0)
#define LL_RULE_PATH_BENEATH 1
#define LL_NET_BIND_TCP (1ull << 0)
#define LL_NET_CONNECT_TCP (1ull << 1)
#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ull << 0)
#define LL_SCOPE_SIGNAL (1ull << 1)
/* ABI 7: denials are logged for the calling program by default; this asks for the programs it starts too. */
#define LL_RESTRICT_SELF_LOG_NEW_EXEC_ON (1u << 1)

/* struct landlock_ruleset_attr: a kernel older than a field accepts it when the field is zero. */
struct ll_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net; /* ABI 4 */
    uint64_t scoped;             /* ABI 6 */
};

/* struct landlock_path_beneath_attr is packed in the UAPI header. */
struct ll_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

/* Rights that make sense on a file that is not a directory (the kernel refuses the others there). */
#define LL_FILE_RIGHTS (NL_LL_FS_EXECUTE | NL_LL_FS_WRITE_FILE | NL_LL_FS_READ_FILE | NL_LL_FS_TRUNCATE | NL_LL_FS_IOCTL_DEV)

int nl_landlock_abi(void)
{
    long v = syscall(__NR_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
    return v < 0 ? 0 : (int)v;
}

uint64_t nl_landlock_fs_rights(int abi)
{
    if (abi < 1)
        return 0;
    uint64_t r = (NL_LL_FS_MAKE_SYM << 1) - 1; /* ABI 1: EXECUTE .. MAKE_SYM */
    if (abi >= 2)
        r |= NL_LL_FS_REFER;
    if (abi >= 3)
        r |= NL_LL_FS_TRUNCATE;
    if (abi >= 5)
        r |= NL_LL_FS_IOCTL_DEV;
    return r;
}

int nl_landlock_apply(const struct nl_ll_rule *rules, size_t n, struct nl_ll_result *res, char *err, size_t errlen)
{
    memset(res, 0, sizeof(*res));
    int abi = nl_landlock_abi();
    res->abi = abi;
    if (abi < 1) {
        snprintf(err, errlen, "the kernel has no Landlock (%s)",
                 errno == EOPNOTSUPP ? "disabled at boot: not in the lsm= list" : strerror(errno));
        return -1;
    }
    struct ll_ruleset_attr attr = {0};
    attr.handled_access_fs = nl_landlock_fs_rights(abi);
    size_t attr_size = sizeof(attr.handled_access_fs);
    if (abi >= 4) {
        /* No network rule follows: every TCP bind and connect is denied. */
        attr.handled_access_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
        attr_size = offsetof(struct ll_ruleset_attr, scoped);
    }
    if (abi >= 6) {
        attr.scoped = LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL;
        attr_size = sizeof(attr);
    }
    int rs = (int)syscall(__NR_landlock_create_ruleset, &attr, attr_size, 0);
    if (rs < 0) {
        snprintf(err, errlen, "landlock_create_ruleset: %s", strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        /* O_PATH: the rule names the inode, whatever our own rights on it; symbolic links are followed. */
        int fd = open(rules[i].path, O_PATH | O_CLOEXEC);
        if (fd < 0) {
            if (!rules[i].required && (errno == ENOENT || errno == ENOTDIR)) {
                res->skipped++;
                continue;
            }
            snprintf(err, errlen, "cannot open %.1000s for a rule: %s", rules[i].path, strerror(errno));
            close(rs);
            return -1;
        }
        struct stat st;
        if (fstat(fd, &st) != 0) {
            snprintf(err, errlen, "cannot stat %.1000s: %s", rules[i].path, strerror(errno));
            close(fd);
            close(rs);
            return -1;
        }
        struct ll_path_beneath_attr pb;
        pb.allowed_access = rules[i].access & attr.handled_access_fs;
        if (!S_ISDIR(st.st_mode))
            pb.allowed_access &= LL_FILE_RIGHTS;
        pb.parent_fd = fd;
        int rc = pb.allowed_access == 0 ? 0 : (int)syscall(__NR_landlock_add_rule, rs, LL_RULE_PATH_BENEATH, &pb, 0);
        int e = errno;
        close(fd);
        if (rc != 0) {
            snprintf(err, errlen, "landlock_add_rule %.1000s: %s", rules[i].path, strerror(e));
            close(rs);
            return -1;
        }
        res->rules++;
    }
    /* The class-data sharing dump and infocmp are programs started later: log their denials too. */
    unsigned flags = abi >= 7 ? LL_RESTRICT_SELF_LOG_NEW_EXEC_ON : 0;
    if (syscall(__NR_landlock_restrict_self, rs, flags) != 0) {
        snprintf(err, errlen, "landlock_restrict_self: %s%s", strerror(errno),
                 errno == EPERM ? " (no_new_privs is not set)" : "");
        close(rs);
        return -1;
    }
    close(rs);
    res->fs = 1;
    res->net = abi >= 4;
    res->scope = abi >= 6;
    return 0;
}
