/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sandbox_test.c: the host sandbox (sandbox.h) in force, checked from inside. Each case forks a
 * child, applies the sandbox there with a test policy (a read-write, a read-only and an outside
 * directory in a fresh temporary directory) and tries what it must refuse and what it must still
 * allow. The same calls in a child without the sandbox show that each refusal comes from it.
 * Run under AddressSanitizer and UndefinedBehaviorSanitizer; children end with _exit (the leak
 * checker's ptrace would itself be refused).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "landlock.h"
#include "sandbox.h"
#include "seccomp.h"

static int failed;
static int passed;

#define CHECK(cond)                                                                                              \
    do {                                                                                                         \
        if (cond) {                                                                                              \
            passed++;                                                                                            \
        } else {                                                                                                 \
            failed++;                                                                                            \
            fprintf(stderr, "FAIL %s:%d: %s (errno %d %s)\n", __FILE__, __LINE__, #cond, errno, strerror(errno)); \
        }                                                                                                        \
    } while (0)

/* -1 with this errno. */
#define REFUSED(expr, e) ((expr) == -1 && errno == (e))

static char base[4096], rw[4200], ro[4200], out[4200], ro_file[4300], out_file[4300], rw_prog[4300];
static int listen_port;
static pid_t parent;

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        perror(path);
        exit(2);
    }
    close(fd);
}

/* A copy of /bin/true in the writable directory: a program written at run time. */
static void copy_true(const char *to)
{
    int in = open("/bin/true", O_RDONLY);
    int o = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    char buf[65536];
    ssize_t n;
    if (in < 0 || o < 0) {
        perror("copy /bin/true");
        exit(2);
    }
    while ((n = read(in, buf, sizeof(buf))) > 0)
        if (write(o, buf, (size_t)n) != n)
            exit(2);
    close(in);
    close(o);
}

static int tcp_socket(void)
{
    return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

static int tcp_connect_local(void)
{
    int s = tcp_socket();
    if (s < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)listen_port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int rc = connect(s, (struct sockaddr *)&a, sizeof(a));
    int e = errno;
    close(s);
    errno = e;
    return rc;
}

static int tcp_bind_local(void)
{
    int s = tcp_socket();
    if (s < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int rc = bind(s, (struct sockaddr *)&a, sizeof(a));
    int e = errno;
    close(s);
    errno = e;
    return rc;
}

/* Runs a program in a grandchild: 0 when it ran and exited 0, else -1 with the errno of execve. */
static int run(const char *prog)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {(char *)prog, NULL};
        execve(prog, argv, (char *[]){NULL});
        int e = errno;
        if (write(p[1], &e, sizeof(e)) != sizeof(e))
            _exit(126);
        _exit(127);
    }
    close(p[1]);
    int e = 0;
    ssize_t n = read(p[0], &e, sizeof(e));
    close(p[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (n == sizeof(e)) {
        errno = e;
        return -1;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void *thread_main(void *arg)
{
    return arg;
}

/* The test policy: this directory tree, and the system libraries a program's children load. */
static size_t test_rules(struct nl_ll_rule *r)
{
    size_t n = 0;
    r[n++] = (struct nl_ll_rule){rw, NL_LL_WRITE, 1};
    r[n++] = (struct nl_ll_rule){ro, NL_LL_READ, 1};
    r[n++] = (struct nl_ll_rule){"/usr/lib", NL_LL_EXEC, 0};
    r[n++] = (struct nl_ll_rule){"/lib", NL_LL_EXEC, 0};
    r[n++] = (struct nl_ll_rule){"/lib64", NL_LL_EXEC, 0};
    r[n++] = (struct nl_ll_rule){"/usr/bin/true", NL_LL_EXEC, 0};
    r[n++] = (struct nl_ll_rule){"/proc/self", NL_LL_READ, 0};
    r[n++] = (struct nl_ll_rule){"/does/not/exist", NL_LL_READ, 0}; /* optional: skipped */
    return n;
}

/* Inside the sandbox: what it refuses and what it still allows. */
static void sandboxed(void)
{
    struct nl_ll_rule rules[16];
    size_t n = test_rules(rules);
    struct nl_sandbox_report r;
    CHECK(nl_sandbox_apply(rules, n, &r) == 1);
    CHECK(r.landlock == 1 && r.seccomp == 1 && r.landlock_abi >= 1);
    CHECK(strncmp(r.summary, "landlock ABI ", 13) == 0 && strstr(r.summary, "seccomp: on (") != NULL);
    CHECK(r.syscalls == nl_seccomp_denied_count && r.syscalls >= 40);
    fprintf(stderr, "sandbox_test: %s\n", r.summary);

    /* Filesystem: outside the rules, nothing. */
    CHECK(REFUSED(open(out_file, O_RDONLY), EACCES));
    CHECK(REFUSED(open(out, O_RDONLY | O_DIRECTORY), EACCES));
    char p[4400];
    snprintf(p, sizeof(p), "%s/new", out);
    CHECK(REFUSED(open(p, O_WRONLY | O_CREAT, 0600), EACCES));
    CHECK(REFUSED(open("/etc/hostname", O_RDONLY), EACCES));
    /* Read-only: read yes, write, create, remove, truncate no. */
    int fd = open(ro_file, O_RDONLY);
    char buf[16] = {0};
    CHECK(fd >= 0 && read(fd, buf, sizeof(buf) - 1) == 2 && strcmp(buf, "ro") == 0);
    if (fd >= 0)
        close(fd);
    CHECK(REFUSED(open(ro_file, O_WRONLY), EACCES));
    CHECK(REFUSED(open(ro_file, O_RDWR), EACCES));
    snprintf(p, sizeof(p), "%s/new", ro);
    CHECK(REFUSED(open(p, O_WRONLY | O_CREAT, 0600), EACCES));
    CHECK(REFUSED(unlink(ro_file), EACCES));
    CHECK(REFUSED(mkdir(p, 0700), EACCES));
    /* Read-write: create, write, rename into a subdirectory, remove. */
    snprintf(p, sizeof(p), "%s/sub", rw);
    CHECK(mkdir(p, 0700) == 0);
    snprintf(p, sizeof(p), "%s/new", rw);
    fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && write(fd, "rw", 2) == 2);
    if (fd >= 0)
        close(fd);
    char q[4400];
    snprintf(q, sizeof(q), "%s/sub/moved", rw);
    CHECK(rename(p, q) == 0);
    CHECK(truncate(q, 0) == 0);
    CHECK(unlink(q) == 0);
    /* A program written at run time does not run, even in the writable directory. */
    CHECK(REFUSED(run(rw_prog), EACCES));
    /* A program allowed to run does. */
    CHECK(run("/usr/bin/true") == 0);
    /* Network: no TCP connect (here to a listening local port) and no bind. */
    if (r.landlock_abi >= 4) {
        CHECK(REFUSED(tcp_connect_local(), EACCES));
        CHECK(REFUSED(tcp_bind_local(), EACCES));
    }
    /* Scope: no signal to a process outside the sandbox. */
    if (r.landlock_abi >= 6)
        CHECK(REFUSED(kill(parent, 0), EPERM));
    /* seccomp: the deny list answers EPERM. */
    CHECK(REFUSED(ptrace(PTRACE_TRACEME, 0, NULL, NULL), EPERM));
    CHECK(REFUSED(mount("none", rw, "tmpfs", 0, NULL), EPERM));
    CHECK(REFUSED(umount2(rw, 0), EPERM));
    CHECK(REFUSED(unshare(CLONE_NEWUSER), EPERM));
    CHECK(REFUSED(syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3L /* session */, 0), EPERM));
    CHECK(REFUSED(syscall(SYS_bpf, 0, NULL, 0), EPERM));
    CHECK(REFUSED(syscall(SYS_userfaultfd, 0), EPERM));
    CHECK(REFUSED(syscall(SYS_process_vm_readv, parent, NULL, 0, NULL, 0, 0), EPERM));
    CHECK(REFUSED(personality(ADDR_NO_RANDOMIZE), EPERM));
    CHECK(personality(0xffffffff) != -1);
    CHECK(personality(PER_LINUX) != -1);
    CHECK(REFUSED(syscall(SYS_clone, (long)(CLONE_NEWUSER | SIGCHLD), 0L, 0L, 0L, 0L), EPERM));
    CHECK(REFUSED(syscall(SYS_clone3, NULL, 0), ENOSYS));
    /* x32 numbers are refused, whatever they would mean. */
    CHECK(REFUSED(syscall(0x40000000 | SYS_getpid), EPERM));
    /* And the calls a JVM makes still work: threads, processes, its own /proc. */
    pthread_t t;
    CHECK(pthread_create(&t, NULL, thread_main, NULL) == 0 && pthread_join(t, NULL) == 0);
    pid_t c = fork();
    if (c == 0)
        _exit(7);
    int status = 0;
    CHECK(c > 0 && waitpid(c, &status, 0) == c && WIFEXITED(status) && WEXITSTATUS(status) == 7);
    fd = open("/proc/self/status", O_RDONLY);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
}

/* Best effort: a fence that cannot be built is reported and left out; the filter still goes on. */
static void partial(void)
{
    struct nl_ll_rule rules[] = {{rw, NL_LL_WRITE, 1}, {"/does/not/exist", NL_LL_READ, 1}};
    struct nl_sandbox_report r;
    CHECK(nl_sandbox_apply(rules, 2, &r) == 0);
    CHECK(r.landlock == 0 && r.seccomp == 1);
    CHECK(strstr(r.summary, "landlock: not applied: cannot open /does/not/exist") == r.summary);
    CHECK(strstr(r.summary, ", seccomp: on (") != NULL);
    int fd = open(out_file, O_RDONLY); /* no fence: nothing of it was applied */
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    CHECK(REFUSED(ptrace(PTRACE_TRACEME, 0, NULL, NULL), EPERM));
}

/* The same calls without the sandbox: each refusal above comes from the sandbox. */
static void unsandboxed(void)
{
    struct nl_sandbox_report r;
    nl_sandbox_off(&r, "--no-sandbox");
    CHECK(r.landlock == 0 && r.seccomp == 0 && strcmp(r.summary, "not applied: --no-sandbox") == 0);
    int fd = open(out_file, O_RDONLY);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    CHECK(run(rw_prog) == 0);
    CHECK(tcp_connect_local() == 0);
    CHECK(kill(parent, 0) == 0);
    CHECK(ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0);
    CHECK(personality(0xffffffff) != -1);
    CHECK(syscall(SYS_clone3, NULL, 0) == -1 && errno != ENOSYS);
}

static int in_child(void (*body)(void))
{
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        failed = passed = 0;
        body();
        fprintf(stderr, "sandbox_test: %s: %d passed, %d failed\n", body == sandboxed ? "sandboxed" : body == partial ? "partial" : "control",
                passed, failed);
        _exit(failed == 0 ? 0 : 1);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The policy of `nonos`: writes only where the system keeps state, nothing of /tmp or the terminals. */
static void test_policy(void)
{
    struct nl_sandbox_paths p = {.home = "/opt/nonos", .java_home = "/opt/jdk", .kernel_lib = "/opt/nonos/lib/k.so",
                                 .state = "/var/nonos", .deploy = "/opt/nonos/deploy", .cds_dir = "/opt/nonos/var/cds",
                                 .admin_password_file = NULL, .trust_dir = "/opt/nonos/etc/trust"};
    struct nl_ll_rule r[NL_SANDBOX_MAX_RULES];
    size_t n = nl_sandbox_policy(&p, r);
    CHECK(n > 10 && n < NL_SANDBOX_MAX_RULES);
    size_t writable = 0, state_found = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK(r[i].path != NULL && r[i].path[0] == '/');
        CHECK(strncmp(r[i].path, "/tmp", 4) != 0 && strncmp(r[i].path, "/dev/tty", 8) != 0 &&
              strncmp(r[i].path, "/dev/pts", 8) != 0 && strcmp(r[i].path, "/proc") != 0 &&
              strcmp(r[i].path, "/") != 0 && strcmp(r[i].path, "/usr") != 0 && strcmp(r[i].path, "/etc") != 0);
        if (r[i].access & (NL_LL_FS_WRITE_FILE | NL_LL_FS_MAKE_REG | NL_LL_FS_REMOVE_FILE)) {
            writable++;
            CHECK(strcmp(r[i].path, "/var/nonos") == 0 || strcmp(r[i].path, "/opt/nonos/deploy") == 0 ||
                  strcmp(r[i].path, "/opt/nonos/var/cds") == 0 || strcmp(r[i].path, "/opt/nonos/etc/trust") == 0 ||
                  strcmp(r[i].path, "/dev/null") == 0);
        }
        /* Nothing writable is executable. */
        CHECK(!((r[i].access & NL_LL_FS_EXECUTE) && (r[i].access & NL_LL_FS_WRITE_FILE)));
        /* No device ioctl, no device nodes. */
        CHECK((r[i].access & (NL_LL_FS_IOCTL_DEV | NL_LL_FS_MAKE_CHAR | NL_LL_FS_MAKE_BLOCK)) == 0);
        if (strcmp(r[i].path, "/var/nonos") == 0)
            state_found = r[i].required;
    }
    CHECK(writable == 5);
    CHECK(state_found == 1);
}

/* What each Landlock ABI can restrict (include/uapi/linux/landlock.h): the fence handles all of it. */
static void test_abi_rights(void)
{
    CHECK(nl_landlock_fs_rights(0) == 0);
    CHECK(nl_landlock_fs_rights(1) == 0x1fff);  /* EXECUTE .. MAKE_SYM */
    CHECK(nl_landlock_fs_rights(2) == 0x3fff);  /* + REFER */
    CHECK(nl_landlock_fs_rights(3) == 0x7fff);  /* + TRUNCATE */
    CHECK(nl_landlock_fs_rights(4) == 0x7fff);  /* network only */
    CHECK(nl_landlock_fs_rights(5) == 0xffff);  /* + IOCTL_DEV */
    CHECK(nl_landlock_fs_rights(7) == 0xffff);  /* scopes, logging */
    CHECK((NL_LL_WRITE & ~nl_landlock_fs_rights(5)) == 0 && (NL_LL_EXEC & ~nl_landlock_fs_rights(1)) == 0);
}

static void test_tmpdir(void)
{
    char t[4300], p[4400];
    CHECK(nl_sandbox_tmpdir(rw, t, sizeof(t)) == 0);
    snprintf(p, sizeof(p), "%s/stale", t);
    CHECK(mkdir(p, 0700) == 0);
    snprintf(p, sizeof(p), "%s/stale/lib.so", t);
    write_file(p, "x", 0600);
    snprintf(p, sizeof(p), "%s/link", t);
    CHECK(symlink(ro_file, p) == 0);
    CHECK(nl_sandbox_tmpdir(rw, t, sizeof(t)) == 0);
    struct stat st;
    snprintf(p, sizeof(p), "%s/stale", t);
    CHECK(stat(p, &st) != 0 && errno == ENOENT);
    CHECK(stat(t, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700);
    CHECK(stat(ro_file, &st) == 0); /* the link was removed, not what it pointed at */
    char longp[5000];
    memset(longp, 'a', sizeof(longp) - 1);
    longp[sizeof(longp) - 1] = '\0';
    CHECK(nl_sandbox_tmpdir(longp, t, sizeof(t)) == -1 && errno == ENAMETOOLONG);
}

int main(void)
{
    const char *tmp = getenv("NONOS_TMP") != NULL ? getenv("NONOS_TMP") : "/tmp";
    snprintf(base, sizeof(base), "%s/sandbox_test.XXXXXX", tmp);
    if (mkdtemp(base) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(rw, sizeof(rw), "%s/rw", base);
    snprintf(ro, sizeof(ro), "%s/ro", base);
    snprintf(out, sizeof(out), "%s/out", base);
    snprintf(ro_file, sizeof(ro_file), "%s/f", ro);
    snprintf(out_file, sizeof(out_file), "%s/secret", out);
    snprintf(rw_prog, sizeof(rw_prog), "%s/prog", rw);
    if (mkdir(rw, 0700) != 0 || mkdir(ro, 0700) != 0 || mkdir(out, 0700) != 0) {
        perror("mkdir");
        return 2;
    }
    write_file(ro_file, "ro", 0600);
    write_file(out_file, "secret", 0600);
    copy_true(rw_prog);
    parent = getpid();

    /* A listening local port: a refused connect is the sandbox, not an absent peer. */
    int ls = tcp_socket();
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof(a);
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(ls, 8) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &al) != 0) {
        perror("listen");
        return 2;
    }
    listen_port = ntohs(a.sin_port);

    int abi = nl_landlock_abi();
    fprintf(stderr, "sandbox_test: Landlock ABI %d, %zu system calls on the deny list\n", abi, nl_seccomp_denied_count);
    CHECK(abi >= 1); /* the sandbox's tests need a kernel with Landlock */
    test_policy();
    test_abi_rights();
    test_tmpdir();
    CHECK(in_child(unsandboxed) == 0);
    CHECK(in_child(sandboxed) == 0);
    CHECK(in_child(partial) == 0);
    close(ls);

    /* Clean up the temporary tree (the sandboxed child changed nothing outside rw/). */
    char cmd[4400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
    if (system(cmd) != 0)
        fprintf(stderr, "sandbox_test: could not remove %s\n", base);
    printf("sandbox_test: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
