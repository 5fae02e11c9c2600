/* SPDX-License-Identifier: Apache-2.0 */
/*
 * seccomp.c: the deny-list filter (see seccomp.h), a classic BPF program written with the
 * kernel's macros (linux/filter.h) over struct seccomp_data (linux/seccomp.h).
 */
#define _GNU_SOURCE
#include "seccomp.h"

#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#define D(name, why) {__NR_##name, #name, why}

/*
 * Each entry costs one comparison on every system call (two instructions of classic BPF).
 * personality, clone and clone3 are not denied outright: they are checked apart (below) and
 * listed here for the report.
 */
const struct nl_sc_denied nl_seccomp_denied[] = {
    D(ptrace, "reads and writes other processes"),
    D(process_vm_readv, "reads another process's memory"),
    D(process_vm_writev, "writes another process's memory"),
    D(pidfd_getfd, "takes a descriptor out of another process"),
    D(kexec_load, "replaces the running kernel"),
    D(kexec_file_load, "replaces the running kernel"),
    D(init_module, "loads kernel code"),
    D(finit_module, "loads kernel code"),
    D(delete_module, "unloads kernel code"),
    D(mount, "changes the file system tree"),
    D(umount2, "changes the file system tree"),
    D(pivot_root, "changes the root of the file system tree"),
    D(chroot, "changes the root (and helps escape another)"),
    D(open_tree, "new mount API"),
    D(move_mount, "new mount API"),
    D(fsopen, "new mount API"),
    D(fsconfig, "new mount API"),
    D(fsmount, "new mount API"),
    D(fspick, "new mount API"),
    D(mount_setattr, "new mount API"),
    D(unshare, "new namespaces: a way around the fence and into more kernel code"),
    D(setns, "enters other namespaces"),
    D(bpf, "loads programs into the kernel"),
    D(perf_event_open, "observes other code, large kernel attack surface"),
    D(keyctl, "kernel keyrings"),
    D(add_key, "kernel keyrings"),
    D(request_key, "kernel keyrings"),
    D(userfaultfd, "stalls the kernel at will, a tool of kernel exploits"),
    D(swapon, "host swap"),
    D(swapoff, "host swap"),
    D(reboot, "host power"),
    D(settimeofday, "sets the host clock"),
    D(clock_settime, "sets the host clock"),
    D(clock_adjtime, "sets the host clock"),
    D(adjtimex, "sets the host clock"),
    D(acct, "host process accounting"),
    D(quotactl, "host disk quotas"),
    D(quotactl_fd, "host disk quotas"),
    D(open_by_handle_at, "opens files by handle, around path checks"),
    D(name_to_handle_at, "makes file handles for open_by_handle_at"),
    D(iopl, "raw I/O ports"),
    D(ioperm, "raw I/O ports"),
    D(syslog, "the kernel's log buffer"),
    D(vhangup, "hangs up the terminal"),
    D(uselib, "obsolete library loading"),
    D(lookup_dcookie, "kernel profiling internals"),
    D(sethostname, "host name"),
    D(setdomainname, "host domain name"),
    D(personality, "allowed only to read it or keep PER_LINUX: no ADDR_NO_RANDOMIZE and the like"),
    D(clone, "allowed without CLONE_NEW* namespace flags"),
    D(clone3, "ENOSYS: its flags are out of the filter's reach, the C library falls back to clone"),
};
const size_t nl_seccomp_denied_count = sizeof(nl_seccomp_denied) / sizeof(nl_seccomp_denied[0]);

/* The namespace flags of clone(2); all in the low 32 bits of the flags argument. */
#define CLONE_NS_FLAGS                                                                                           \
    (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)
/* The x32 ABI's system call numbers have this bit (arch/x86/include/uapi/asm/unistd.h). */
#define X32_SYSCALL_BIT 0x40000000u
/* personality(0xffffffff) reads the persona without changing it (personality(2)). */
#define PERSONALITY_QUERY 0xffffffffu

#define DENY BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))
#define ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define LOAD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (uint32_t)offsetof(struct seccomp_data, field))
/* The low 32 bits of args[0] (x86_64 is little-endian). */
#define LOAD_ARG0_LO BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (uint32_t)offsetof(struct seccomp_data, args[0]))

int nl_seccomp_apply(char *err, size_t errlen)
{
    struct sock_filter f[8 + 2 * (sizeof(nl_seccomp_denied) / sizeof(nl_seccomp_denied[0])) + 16];
    size_t n = 0;
    /* Another architecture's numbers mean other calls: deny them all. */
    f[n++] = (struct sock_filter)LOAD(arch);
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    f[n++] = (struct sock_filter)DENY;
    f[n++] = (struct sock_filter)LOAD(nr);
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, 0, 1);
    f[n++] = (struct sock_filter)DENY;
    for (size_t i = 0; i < nl_seccomp_denied_count; i++) {
        int nr = nl_seccomp_denied[i].nr;
        if (nr == __NR_personality || nr == __NR_clone || nr == __NR_clone3)
            continue;
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nr, 0, 1);
        f[n++] = (struct sock_filter)DENY;
    }
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA));
    /* personality: the query and PER_LINUX pass, every other persona is denied. */
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_personality, 0, 5);
    f[n++] = (struct sock_filter)LOAD_ARG0_LO;
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PERSONALITY_QUERY, 2, 0);
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0 /* PER_LINUX */, 1, 0);
    f[n++] = (struct sock_filter)DENY;
    f[n++] = (struct sock_filter)ALLOW;
    /* clone: threads and processes pass, new namespaces do not. */
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3);
    f[n++] = (struct sock_filter)LOAD_ARG0_LO;
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NS_FLAGS, 0, 1);
    f[n++] = (struct sock_filter)DENY;
    f[n++] = (struct sock_filter)ALLOW;
    struct sock_fprog prog = {.len = (unsigned short)n, .filter = f};
    long rc = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog);
    if (rc != 0) {
        if (rc > 0)
            snprintf(err, errlen, "thread %ld could not take the filter", rc);
        else
            snprintf(err, errlen, "seccomp: %s%s", strerror(errno),
                     errno == EACCES ? " (no_new_privs is not set)" : "");
        return -1;
    }
    return 0;
}

#else

const struct nl_sc_denied nl_seccomp_denied[] = {{0, "", ""}};
const size_t nl_seccomp_denied_count = 0;

int nl_seccomp_apply(char *err, size_t errlen)
{
    snprintf(err, errlen, "the filter is written for x86_64 only");
    return -1;
}

#endif
