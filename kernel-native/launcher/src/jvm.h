/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jvm.h: the JVM inside the launcher's process, created through the JNI invocation API
 * (JNI specification, chapter 5 "The Invocation API") from the chosen JDK's libjvm.so.
 */
#ifndef NONOS_LAUNCHER_JVM_H
#define NONOS_LAUNCHER_JVM_H

#include <stddef.h>
#include <stdint.h>

#define NL_MAX_JVM_OPTIONS 256
#define NL_MAX_BOOT_ARGS 256

struct nl_jvm_config {
    char libjvm[4096];                  /* <java.home>/lib/server/libjvm.so */
    char *options[NL_MAX_JVM_OPTIONS];  /* malloc'd "-X..." strings */
    size_t option_count;
    char *boot_args[NL_MAX_BOOT_ARGS];  /* malloc'd "key=value" for org.nonos.boot.Boot.run */
    size_t boot_arg_count;
    uint64_t serial_out_cap;            /* where LauncherNatives.serialWrite writes */
    const char *measurements;           /* the event log text (LauncherNatives.measurements) */
    uint64_t t0_ns;                     /* CLOCK_MONOTONIC at exec, for the boot trace */
    int trace;                          /* NONOS_BOOT_TRACE=1: phase times on stderr */
};

/*
 * Finds the JDK's libjvm.so under java_home. Returns 0, or -1 with a message in err.
 */
int nl_jvm_locate(const char *java_home, struct nl_jvm_config *c, char *err, size_t errlen);

/*
 * Reads a jvm.options file: one option per line, '#' starts a comment line, blank lines are
 * skipped, ${nonos.home} ${nonos.state} ${java.home} are replaced. A missing file is no error.
 * Returns 0, or -1 with a message in err.
 */
int nl_jvm_read_options(const char *path, const char *home, const char *state, const char *java_home,
                        struct nl_jvm_config *c, char *err, size_t errlen);

/* Appends a JVM option / a boot argument (printf-style). 0, or -1 when full or out of memory. */
int nl_jvm_add_option(struct nl_jvm_config *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int nl_jvm_add_boot_arg(struct nl_jvm_config *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Loads libjvm, creates the JVM, binds org.nonos.boot.LauncherNatives and calls
 * org.nonos.boot.Boot.run(String[]) on the calling thread. Returns the launcher exit code
 * (NL_EXIT_OK, NL_EXIT_FRAMEWORK from Boot, NL_EXIT_JVM for a JVM failure, reported on stderr).
 * Then destroys the JVM (waiting for its non-daemon threads).
 */
int nl_jvm_run(struct nl_jvm_config *c);

/* Asks the running system to stop (org.nonos.boot.Boot.requestStop). 0 when delivered, -1 if no JVM yet. */
int nl_jvm_request_stop(void);

/* 1 once Boot.run has returned (the JVM may still be being destroyed). */
int nl_jvm_boot_returned(void);

/* The exit code Boot.run produced (valid once nl_jvm_boot_returned). */
int nl_jvm_boot_exit_code(void);

/* With c->trace: "nonos: trace: <ms since exec> ms <what>" on stderr. */
void nl_trace(const struct nl_jvm_config *c, const char *what);

#endif
