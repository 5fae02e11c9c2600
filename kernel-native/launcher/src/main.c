/* SPDX-License-Identifier: Apache-2.0 */
/*
 * main.c: `nonos`, the boot launcher.
 *
 * Read this first: the boot sequence (docs/boot.md tells the same story)
 *   1. parse and check the command line; find the distribution (<home> = ../ of this
 *      executable), the JDK and the boot class path: every check before any state changes;
 *   2. lock the state directory and open the host resources (serial line, disks, TAPs);
 *   3. start the kernel (audit log <state>/audit.log) and register the host resources as
 *      device objects of the root domain;
 *   4. measured boot: hash the launcher, the kernel library, libjvm, the class path, every
 *      boot bundle and the configuration into PCR-like registers, write the event log to
 *      <state>/boot/measurements and record each event in the audit log;
 *   5. build the JVM's options, then fence the process off from the host (sandbox.h: Landlock
 *      and seccomp, best effort, reported in the audit log and to the shell's `sys`); create the
 *      JVM (JNI invocation API) on a thread of its own and call org.nonos.boot.Boot.run, which
 *      starts Felix and the bundles of system/;
 *   6. the main thread waits for signals: SIGTERM, SIGINT or SIGHUP stop the framework
 *      (Boot.requestStop); when Boot.run returns, the JVM is destroyed and the kernel shut
 *      down (audit log flushed and closed) before the process exits with Boot's status.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nonos/kernel.h>

#include "cds.h"
#include "digest_cache.h"
#include "host.h"
#include "jvm.h"
#include "measure.h"
#include "options.h"
#include "sandbox.h"

#ifndef NONOS_VERSION
#define NONOS_VERSION "unknown"
#endif

/* How long the framework may take to stop after SIGTERM, and the JVM to end after that. */
#define STOP_TIMEOUT_MS 20000
#define DESTROY_TIMEOUT_MS 10000

static char err[8192];

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* snprintf for paths: a path that does not fit is an error, never silently cut. */
static int pathf(char *out, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int pathf(char *out, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= len) {
        snprintf(err, sizeof(err), "nonos: path too long: %.200s...", out);
        return -1;
    }
    return 0;
}

static int fail(int code)
{
    fprintf(stderr, "%s\n", err);
    return code;
}

/* <home>: the directory above bin/ that holds this executable. */
static int find_home(char *home, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return -1;
    *slash = '\0';
    slash = strrchr(exe, '/');
    if (slash == NULL)
        return -1;
    *slash = '\0';
    if (exe[0] == '\0')
        snprintf(exe, sizeof(exe), "/");
    snprintf(home, len, "%s", exe);
    return 0;
}

/* etc/launcher.conf: "java.home=DIR" lines; '#' comments. Missing file: no value. */
static int read_launcher_conf(const char *path, char *java_home, size_t len)
{
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return errno == ENOENT ? 0 : (snprintf(err, sizeof(err), "nonos: cannot read %s: %s", path, strerror(errno)), -1);
    char line[4096];
    unsigned lineno = 0;
    int rc = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (strncmp(line, "java.home=", 10) == 0) {
            snprintf(java_home, len, "%s", line + 10);
        } else {
            snprintf(err, sizeof(err), "nonos: %.2000s:%u: unknown setting '%.200s' (known: java.home)", path, lineno, line);
            rc = -1;
            break;
        }
    }
    fclose(f);
    return rc;
}

/* The single file matching pattern, into out. 0, or -1 with a message. */
static int one_file(const char *pattern, const char *what, char *out, size_t len)
{
    glob_t g;
    int rc = glob(pattern, 0, NULL, &g);
    if (rc != 0 || g.gl_pathc != 1) {
        snprintf(err, sizeof(err), "nonos: the distribution is incomplete: %s %s (%.3000s)", what,
                 rc != 0 ? "is missing" : "is there more than once", pattern);
        if (rc == 0)
            globfree(&g);
        return -1;
    }
    snprintf(out, len, "%s", g.gl_pathv[0]);
    globfree(&g);
    return 0;
}

static int audit_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int audit_event(const char *fmt, ...)
{
    char ev[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ev, sizeof(ev), fmt, ap);
    va_end(ap);
    int rc = nk_audit_append(NK_ROOT_DOMAIN, ev);
    if (rc != NK_OK)
        fprintf(stderr, "nonos: cannot write the audit log: %s\n", nk_strerror(rc));
    return rc;
}

/* Step 4: every boot object, in a fixed order, into its register. */
static int measure_boot(struct nl_measurements *m, struct nl_digest_cache *cache, const char *home, const char *kernel_lib, const char *libjvm,
                        const char *framework_jar, const char *boot_jar)
{
    nl_measure_init(m);
    char path[PATH_MAX];
    struct {
        unsigned pcr;
        const char *kind;
        const char *path;
    } fixed[] = {{0, "launcher", "/proc/self/exe"}, {0, "kernel", kernel_lib}, {1, "jvm", libjvm},
                 {2, "framework", framework_jar},   {2, "boot-class", boot_jar}};
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        const char *p = fixed[i].path;
        if (strcmp(p, "/proc/self/exe") == 0) {
            ssize_t n = readlink(p, path, sizeof(path) - 1);
            if (n > 0) {
                path[n] = '\0';
                p = path;
            }
        }
        if (nl_measure_file(m, cache, fixed[i].pcr, fixed[i].kind, p) != 0) {
            snprintf(err, sizeof(err), "nonos: cannot measure %s %s: %s", fixed[i].kind, p, strerror(errno));
            return -1;
        }
    }
    char pattern[PATH_MAX];
    glob_t g;
    /* Libraries on the class path (lib/classpath/), exported to bundles by the system bundle. */
    if (pathf(pattern, sizeof(pattern), "%s/lib/classpath/*.jar", home) != 0)
        return -1;
    if (glob(pattern, 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            if (nl_measure_file(m, cache, 2, "class-path", g.gl_pathv[i]) != 0) {
                snprintf(err, sizeof(err), "nonos: cannot measure %s: %s", g.gl_pathv[i], strerror(errno));
                globfree(&g);
                return -1;
            }
        }
        globfree(&g);
    }
    if (pathf(pattern, sizeof(pattern), "%s/system/*.jar", home) != 0)
        return -1;
    int grc = glob(pattern, 0, NULL, &g); /* sorted: the start order of Boot */
    for (size_t i = 0; grc == 0 && i < g.gl_pathc; i++) {
        if (strcmp(g.gl_pathv[i], framework_jar) == 0)
            continue;
        if (nl_measure_file(m, cache, 3, "bundle", g.gl_pathv[i]) != 0) {
            snprintf(err, sizeof(err), "nonos: cannot measure boot bundle %s: %s", g.gl_pathv[i], strerror(errno));
            globfree(&g);
            return -1;
        }
    }
    if (grc == 0)
        globfree(&g);
    static const char *const conf[] = {"etc/jvm.options", "etc/config.properties", "etc/launcher.conf"};
    for (size_t i = 0; i < 3; i++) {
        if (pathf(path, sizeof(path), "%s/%s", home, conf[i]) != 0)
            return -1;
        if (access(path, F_OK) != 0)
            continue;
        if (nl_measure_file(m, cache, 4, "config", path) != 0) {
            snprintf(err, sizeof(err), "nonos: cannot measure %s: %s", path, strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- the JVM thread */

struct jvm_thread {
    struct nl_jvm_config *config;
    int exit_code;
    atomic_int done;
};

static void *jvm_main(void *arg)
{
    struct jvm_thread *t = arg;
    t->exit_code = nl_jvm_run(t->config);
    atomic_store(&t->done, 1);
    return NULL;
}

static void *stop_main(void *arg)
{
    atomic_int *delivered = arg;
    if (nl_jvm_request_stop() == 0)
        atomic_store(delivered, 1);
    return NULL;
}

int main(int argc, char **argv)
{
    uint64_t t0 = now_ns();
    struct nl_options o;
    if (nl_options_parse(argc, argv, &o, err, sizeof(err)) != 0)
        return fail(NL_EXIT_USAGE);
    if (o.help) {
        nl_options_usage(stdout);
        return NL_EXIT_OK;
    }
    if (o.version) {
        printf("nonos %s (kernel ABI %u)\n", NONOS_VERSION, nk_abi_version());
        return NL_EXIT_OK;
    }

    /* 1. The distribution, the JDK, the class path. */
    char home[PATH_MAX];
    if (find_home(home, sizeof(home)) != 0) {
        snprintf(err, sizeof(err), "nonos: cannot find the distribution directory from /proc/self/exe");
        return fail(NL_EXIT_HOST);
    }
    char state_buf[PATH_MAX], deploy_buf[PATH_MAX], conf[PATH_MAX], java_home[PATH_MAX] = "";
    if (pathf(state_buf, sizeof(state_buf), "%s/var", home) != 0 ||
        pathf(deploy_buf, sizeof(deploy_buf), "%s/deploy", home) != 0 ||
        pathf(conf, sizeof(conf), "%s/etc/launcher.conf", home) != 0)
        return fail(NL_EXIT_HOST);
    const char *state = o.state_dir != NULL ? o.state_dir : state_buf;
    const char *deploy = o.deploy_dir != NULL ? o.deploy_dir : deploy_buf;
    if (read_launcher_conf(conf, java_home, sizeof(java_home)) != 0)
        return fail(NL_EXIT_USAGE);
    if (o.java_home != NULL)
        snprintf(java_home, sizeof(java_home), "%s", o.java_home);
    else if (java_home[0] == '\0' && getenv("JAVA_HOME") != NULL)
        snprintf(java_home, sizeof(java_home), "%s", getenv("JAVA_HOME"));

    static struct nl_jvm_config jc;
    jc.t0_ns = t0;
    jc.trace = getenv("NONOS_BOOT_TRACE") != NULL && strcmp(getenv("NONOS_BOOT_TRACE"), "1") == 0;
    if (nl_jvm_locate(java_home, &jc, err, sizeof(err)) != 0)
        return fail(NL_EXIT_JVM);
    char framework_jar[PATH_MAX], boot_jar[PATH_MAX], pattern[PATH_MAX];
    if (pathf(pattern, sizeof(pattern), "%s/system/org.apache.felix.framework-*.jar", home) != 0 ||
        one_file(pattern, "the Felix framework", framework_jar, sizeof(framework_jar)) != 0)
        return fail(NL_EXIT_JVM);
    if (pathf(pattern, sizeof(pattern), "%s/lib/org.nonos.boot*.jar", home) != 0 ||
        one_file(pattern, "the boot class jar", boot_jar, sizeof(boot_jar)) != 0)
        return fail(NL_EXIT_JVM);
    Dl_info info;
    char kernel_lib[PATH_MAX];
    if (dladdr((void *)&nk_init, &info) == 0 || info.dli_fname == NULL ||
        realpath(info.dli_fname, kernel_lib) == NULL) {
        snprintf(err, sizeof(err), "nonos: cannot locate the loaded kernel library");
        return fail(NL_EXIT_KERNEL);
    }
    if (o.admin_password_file != NULL && access(o.admin_password_file, R_OK) != 0) {
        snprintf(err, sizeof(err), "nonos: cannot read --admin-password-file %s: %s", o.admin_password_file,
                 strerror(errno));
        return fail(NL_EXIT_HOST);
    }

    /* 2. Host resources. */
    static struct nl_host host;
    if (nl_host_open(&o, state, &host, err, sizeof(err)) != 0)
        return fail(NL_EXIT_HOST);
    char state_real[PATH_MAX];
    if (realpath(state, state_real) == NULL)
        snprintf(state_real, sizeof(state_real), "%s", state);
    char path[PATH_MAX + 64];
    if (pathf(path, sizeof(path), "%s/boot", state_real) != 0)
        return fail(NL_EXIT_HOST);
    if (nl_mkdirs(path) != 0) {
        snprintf(err, sizeof(err), "nonos: cannot create %s: %s", path, strerror(errno));
        return fail(NL_EXIT_HOST);
    }
    /* java.io.tmpdir inside the state directory: the sandbox leaves /tmp out. */
    char tmp_dir[PATH_MAX + 64];
    if (nl_sandbox_tmpdir(state_real, tmp_dir, sizeof(tmp_dir)) != 0) {
        snprintf(err, sizeof(err), "nonos: cannot prepare %s/tmp: %s", state_real, strerror(errno));
        return fail(NL_EXIT_HOST);
    }

    /* 3. The kernel. */
    if (pathf(path, sizeof(path), "%s/audit.log", state_real) != 0)
        return fail(NL_EXIT_HOST);
    int krc = nk_init(path);
    if (krc != NK_OK) {
        snprintf(err, sizeof(err), "nonos: the kernel did not start (audit log %s): %s", path, nk_strerror(krc));
        return fail(NL_EXIT_KERNEL);
    }
    if (nl_host_register(&host, err, sizeof(err)) != 0) {
        nk_shutdown();
        return fail(NL_EXIT_KERNEL);
    }

    nl_trace(&jc, "kernel started, host resources registered");
    /* 4. Measured boot. */
    static struct nl_measurements m;
    static struct nl_digest_cache digests;
    char digests_path[PATH_MAX + 64];
    if (pathf(digests_path, sizeof(digests_path), "%s/boot/digests", state_real) != 0) {
        nk_shutdown();
        return fail(NL_EXIT_HOST);
    }
    nl_cache_load(&digests, digests_path);
    if (measure_boot(&m, &digests, home, kernel_lib, jc.libjvm, framework_jar, boot_jar) != 0) {
        nk_shutdown();
        return fail(NL_EXIT_HOST);
    }
    nl_cache_save(&digests, digests_path);
    nl_cache_free(&digests);
    char hex[2 * NL_DIGEST_LEN + 1];
    for (size_t i = 0; i < m.count; i++) {
        nl_hex(m.events[i].digest, hex);
        if (audit_event("boot.measure %u pcr=%u sha256=%s %s", m.events[i].index, m.events[i].pcr, hex,
                        m.events[i].description) != NK_OK) {
            nk_shutdown();
            return NL_EXIT_KERNEL;
        }
    }
    char measurements_path[PATH_MAX + 64];
    if (pathf(measurements_path, sizeof(measurements_path), "%s/boot/measurements", state_real) != 0) {
        nk_shutdown();
        return fail(NL_EXIT_HOST);
    }
    if (nl_measure_write(&m, measurements_path) != 0) {
        snprintf(err, sizeof(err), "nonos: cannot write the boot event log %s: %s", measurements_path,
                 strerror(errno));
        nk_shutdown();
        return fail(NL_EXIT_HOST);
    }
    char *measurements_text = nl_measure_text(&m);
    nl_trace(&jc, "boot measured");

    /* 5. JVM options and boot properties. */
    if (pathf(path, sizeof(path), "%s/etc/jvm.options", home) != 0 ||
        nl_jvm_read_options(path, home, state_real, java_home, &jc, err, sizeof(err)) != 0) {
        nk_shutdown();
        return fail(NL_EXIT_JVM);
    }
    /* The class path: the boot class, lib/classpath/ (sorted), the framework. */
    static char class_path[64 * 1024];
    size_t cpl = (size_t)snprintf(class_path, sizeof(class_path), "%s", boot_jar);
    glob_t cpg;
    if (pathf(pattern, sizeof(pattern), "%s/lib/classpath/*.jar", home) == 0 && glob(pattern, 0, NULL, &cpg) == 0) {
        for (size_t i = 0; i < cpg.gl_pathc && cpl < sizeof(class_path); i++)
            cpl += (size_t)snprintf(class_path + cpl, sizeof(class_path) - cpl, ":%s", cpg.gl_pathv[i]);
        globfree(&cpg);
    }
    if (cpl < sizeof(class_path))
        cpl += (size_t)snprintf(class_path + cpl, sizeof(class_path) - cpl, ":%s", framework_jar);
    if (cpl >= sizeof(class_path)) {
        snprintf(err, sizeof(err), "nonos: the class path is too long");
        nk_shutdown();
        return fail(NL_EXIT_JVM);
    }
    static struct nl_cds cds;
    int arc = nl_cds_options(&cds, &jc, home, java_home, &m, class_path);
    if (jc.trace)
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.boot.trace=true");
    arc |= nl_jvm_add_option(&jc, "-Xrs");
    arc |= nl_jvm_add_option(&jc, "-Djava.class.path=%s", class_path);
    arc |= nl_jvm_add_option(&jc, "-Dnonos.launcher=native");
    arc |= nl_jvm_add_option(&jc, "-Dnonos.home=%s", home);
    arc |= nl_jvm_add_option(&jc, "-Dnonos.state=%s", state_real);
    arc |= nl_jvm_add_option(&jc, "-Dnonos.kernel.lib=%s", kernel_lib);
    /* jnr-ffi (jffi) and blst unpack their native libraries under java.io.tmpdir. */
    arc |= nl_jvm_add_option(&jc, "-Djava.io.tmpdir=%s", tmp_dir);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.home=%s", home);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.state=%s", state_real);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.deploy=%s", deploy);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.kernel.lib=%s", kernel_lib);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.root.domain=%u", (unsigned)NK_ROOT_DOMAIN);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.boot.t0.ns=%llu", (unsigned long long)t0);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.boot.measurements=%s", measurements_path);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.serial.mode=%s", host.serial_mode);
    /* The serial driver reaches the line through its device capability (the kernel's device
       objects serial0 and, for two pipes, serial0.out): no host descriptor is handed to Java. */
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.serial.device=%s", host.serial_path);
    if (o.baud != 0) {
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.serial.baud=%lu", o.baud);
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.serial.settings=%lu 8N1", o.baud);
    }
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.serial.cap=%llu", (unsigned long long)host.devices[host.serial_in].cap);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.serial.out.cap=%llu",
                               (unsigned long long)host.devices[host.serial_out].cap);
    if (o.admin_password_file != NULL)
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.admin.password.file=%s", o.admin_password_file);
    char names[NL_MAX_DEVICES * (NL_NAME_MAX + 1) + 1] = "";
    for (size_t i = 0; i < host.count; i++) {
        const struct nl_device *d = &host.devices[i];
        strcat(names, i == 0 ? "" : ",");
        strcat(names, d->name);
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.device.%s.cap=%llu", d->name, (unsigned long long)d->cap);
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.device.%s.kind=%u", d->name, d->kind);
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.device.%s.path=%s", d->name, d->path);
        arc |= nl_jvm_add_boot_arg(&jc, "nonos.device.%s.readonly=%s", d->name, d->read_only ? "true" : "false");
    }
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.devices=%s", names);

    /* 5b. The host sandbox: everything the launcher opens is open; no thread runs yet. */
    static struct nl_sandbox_report sandbox;
    if (o.no_sandbox) {
        nl_sandbox_off(&sandbox, "--no-sandbox");
    } else {
        /* The deploy directory must exist to be named in a rule; the deploy service would make it anyway. */
        (void)nl_mkdirs(deploy);
        char trust_dir[PATH_MAX + 16];
        int trust_ok = pathf(trust_dir, sizeof(trust_dir), "%s/etc/trust", home) == 0 && access(trust_dir, F_OK) == 0;
        struct nl_sandbox_paths sp = {
            .trust_dir = trust_ok ? trust_dir : NULL,
            .home = home,
            .java_home = java_home,
            .kernel_lib = kernel_lib,
            .state = state_real,
            .deploy = deploy,
            .cds_dir = cds.dir[0] != '\0' ? cds.dir : NULL,
            .admin_password_file = o.admin_password_file,
        };
        static struct nl_ll_rule rules[NL_SANDBOX_MAX_RULES];
        size_t nrules = nl_sandbox_policy(&sp, rules);
        nl_sandbox_apply(rules, nrules, &sandbox);
    }
    if (jc.trace) {
        char what[sizeof(sandbox.summary) + 16];
        snprintf(what, sizeof(what), "sandbox: %s", sandbox.summary);
        nl_trace(&jc, what);
    }
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.sandbox=%s", sandbox.summary);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.sandbox.landlock=%s", sandbox.landlock_text);
    arc |= nl_jvm_add_boot_arg(&jc, "nonos.sandbox.seccomp=%s", sandbox.seccomp_text);
    if (arc != 0) {
        snprintf(err, sizeof(err), "nonos: too many JVM options or boot properties");
        nk_shutdown();
        return fail(NL_EXIT_JVM);
    }
    jc.serial_out_cap = host.devices[host.serial_out].cap;
    jc.measurements = measurements_text;
    audit_event("boot.sandbox %s", sandbox.summary);
    audit_event("boot.start serial=%s devices=%s", host.serial_mode, names);
    nl_host_announce(&host);

    /* 6. The JVM on its own thread; signals are taken here, by sigtimedwait only. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    static struct jvm_thread jt;
    jt.config = &jc;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 8u << 20);
    pthread_t jvm_tid;
    if (pthread_create(&jvm_tid, &attr, jvm_main, &jt) != 0) {
        snprintf(err, sizeof(err), "nonos: cannot start the JVM thread: %s", strerror(errno));
        nk_shutdown();
        return fail(NL_EXIT_JVM);
    }
    int stop_requested = 0;
    atomic_int stop_delivered = 0;
    uint64_t stop_deadline = 0, destroy_deadline = 0;
    int forced = 0;
    while (!atomic_load(&jt.done)) {
        struct timespec tick = {0, 50 * 1000000L};
        int sig = sigtimedwait(&sigs, NULL, &tick);
        uint64_t now = now_ns();
        if (sig > 0) {
            if (stop_requested) {
                fprintf(stderr, "nonos: second %s: stopping now\n", strsignal(sig));
                forced = 1;
                break;
            }
            stop_requested = 1;
            stop_deadline = now + (uint64_t)STOP_TIMEOUT_MS * 1000000ull;
            audit_event("boot.stop signal=%s", strsignal(sig));
        }
        if (stop_requested && !atomic_load(&stop_delivered) && !nl_jvm_boot_returned()) {
            pthread_t st;
            if (pthread_create(&st, NULL, stop_main, &stop_delivered) == 0)
                pthread_join(st, NULL);
        }
        if (stop_requested && now > stop_deadline && !nl_jvm_boot_returned()) {
            fprintf(stderr, "nonos: the system did not stop within %d ms: stopping now\n", STOP_TIMEOUT_MS);
            forced = 1;
            break;
        }
        if (nl_jvm_boot_returned() && destroy_deadline == 0)
            destroy_deadline = now + (uint64_t)DESTROY_TIMEOUT_MS * 1000000ull;
        if (destroy_deadline != 0 && now > destroy_deadline) {
            /* Boot.run returned but a thread some bundle left behind keeps the JVM alive. */
            fprintf(stderr, "nonos: the JVM did not end within %d ms after the framework stopped\n",
                    DESTROY_TIMEOUT_MS);
            nk_shutdown();
            _exit(nl_jvm_boot_exit_code());
        }
    }
    if (forced) {
        nk_shutdown();
        _exit(NL_EXIT_FORCED);
    }
    pthread_join(jvm_tid, NULL);
    int src = nk_shutdown();
    if (src != NK_OK && src != -NK_E_STATE)
        fprintf(stderr, "nonos: kernel shutdown: %s\n", nk_strerror(src));
    free(measurements_text);
    if (jt.exit_code == NL_EXIT_OK)
        nl_cds_dump(&cds, &jc, java_home, class_path);
    return jt.exit_code;
}
