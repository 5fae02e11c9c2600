/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jvm.c: creating the JVM through the JNI invocation API and calling the boot class.
 *
 * Read this first
 * - libjvm.so is opened with dlopen from the configured JDK: no JDK is linked in, so a
 *   missing or broken JDK is a clear message, not a loader error.
 * - -Xrs is always set: the JVM then leaves SIGTERM/SIGINT/SIGHUP to the launcher, whose
 *   signal loop (main.c) stops the framework through Boot.requestStop.
 * - An "exit" hook (JNI invocation API option) flushes and closes the kernel's audit log
 *   when some code calls System.exit, so no exit path loses audit records.
 */
#define _GNU_SOURCE
#include "jvm.h"

#include <dlfcn.h>
#include <errno.h>
#include <jni.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nonos/kernel.h>

#include "options.h"

/* JNI 21 (JDK 21's jni.h); defined here so the launcher also builds against an older jni.h. */
#ifndef JNI_VERSION_21
#define JNI_VERSION_21 0x00150000
#endif

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);

static JavaVM *_Atomic g_vm;
static atomic_int g_boot_returned;
static atomic_int g_boot_exit_code;
static atomic_int g_stop_pending;
static const struct nl_jvm_config *g_config;

int nl_jvm_locate(const char *java_home, struct nl_jvm_config *c, char *err, size_t errlen)
{
    if (java_home == NULL || java_home[0] == '\0') {
        snprintf(err, errlen,
                 "nonos: no JDK configured: give --java-home DIR, set java.home in etc/launcher.conf, or set "
                 "JAVA_HOME");
        return -1;
    }
    snprintf(c->libjvm, sizeof(c->libjvm), "%s/lib/server/libjvm.so", java_home);
    if (access(c->libjvm, R_OK) != 0) {
        snprintf(err, errlen, "nonos: no usable JDK at %s: %s: %s", java_home, c->libjvm, strerror(errno));
        return -1;
    }
    return 0;
}

static int vadd(char **arr, size_t *count, size_t max, const char *fmt, va_list ap)
{
    if (*count == max)
        return -1;
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        return -1;
    arr[(*count)++] = s;
    return 0;
}

int nl_jvm_add_option(struct nl_jvm_config *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vadd(c->options, &c->option_count, NL_MAX_JVM_OPTIONS, fmt, ap);
    va_end(ap);
    return rc;
}

int nl_jvm_add_boot_arg(struct nl_jvm_config *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vadd(c->boot_args, &c->boot_arg_count, NL_MAX_BOOT_ARGS, fmt, ap);
    va_end(ap);
    return rc;
}

/* Replaces ${nonos.home}, ${nonos.state}, ${java.home}; any other ${...} is an error. */
static int substitute(const char *in, const char *home, const char *state, const char *java_home, char *out,
                      size_t outlen)
{
    static const char *const names[] = {"nonos.home", "nonos.state", "java.home"};
    const char *values[] = {home, state, java_home};
    size_t o = 0;
    for (const char *p = in; *p != '\0';) {
        if (p[0] == '$' && p[1] == '{') {
            const char *end = strchr(p, '}');
            if (end == NULL)
                return -1;
            size_t n = (size_t)(end - p - 2);
            const char *v = NULL;
            for (size_t k = 0; k < 3; k++)
                if (strlen(names[k]) == n && strncmp(p + 2, names[k], n) == 0)
                    v = values[k];
            if (v == NULL)
                return -1;
            size_t vl = strlen(v);
            if (o + vl >= outlen)
                return -1;
            memcpy(out + o, v, vl);
            o += vl;
            p = end + 1;
        } else {
            if (o + 1 >= outlen)
                return -1;
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return 0;
}

int nl_jvm_read_options(const char *path, const char *home, const char *state, const char *java_home,
                        struct nl_jvm_config *c, char *err, size_t errlen)
{
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "nonos: cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char line[4096];
    unsigned lineno = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
            snprintf(err, errlen, "nonos: %s:%u: line too long", path, lineno);
            rc = -1;
            break;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = '\0';
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        if (*s != '-') {
            snprintf(err, errlen, "nonos: %s:%u: a JVM option starts with '-': '%s'", path, lineno, s);
            rc = -1;
            break;
        }
        char out[4096];
        if (substitute(s, home, state, java_home, out, sizeof(out)) != 0) {
            snprintf(err, errlen,
                     "nonos: %s:%u: unknown or unclosed ${...} (known: nonos.home, nonos.state, java.home): '%s'",
                     path, lineno, s);
            rc = -1;
            break;
        }
        if (nl_jvm_add_option(c, "%s", out) != 0) {
            snprintf(err, errlen, "nonos: %s: more than %d JVM options", path, NL_MAX_JVM_OPTIONS);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

/* ---------------------------------------------------------------- natives of LauncherNatives */

static jlong JNICALL native_serial_write(JNIEnv *env, jclass cls, jbyteArray bytes)
{
    (void)cls;
    if (bytes == NULL)
        return -NK_E_INVAL;
    jsize len = (*env)->GetArrayLength(env, bytes);
    jbyte *b = (*env)->GetByteArrayElements(env, bytes, NULL);
    if (b == NULL)
        return -NK_E_NOMEM;
    jlong done = 0;
    while (done < len) {
        int64_t n = nk_dev_write(NK_ROOT_DOMAIN, g_config->serial_out_cap, b + done, (uint64_t)(len - done), -1);
        if (n == -NK_E_WOULD_BLOCK) {
            usleep(1000);
            continue;
        }
        if (n <= 0) {
            done = n < 0 ? n : -NK_E_IO;
            break;
        }
        done += n;
    }
    (*env)->ReleaseByteArrayElements(env, bytes, b, JNI_ABORT);
    return done;
}

static jstring JNICALL native_measurements(JNIEnv *env, jclass cls)
{
    (void)cls;
    return (*env)->NewStringUTF(env, g_config->measurements != NULL ? g_config->measurements : "");
}

/* ---------------------------------------------------------------- the JVM's life */

/* JNI "exit" hook: System.exit must not lose audit records. */
static void JNICALL exit_hook(jint code)
{
    (void)code;
    nk_shutdown();
}

/* Prints a pending Java exception as one line per cause ("nonos: what: Type: message"). */
static void report_exception(JNIEnv *env, const char *what)
{
    jthrowable t = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    fprintf(stderr, "nonos: %s\n", what);
    jclass throwable = (*env)->FindClass(env, "java/lang/Throwable");
    jmethodID to_string = throwable ? (*env)->GetMethodID(env, throwable, "toString", "()Ljava/lang/String;") : NULL;
    jmethodID get_cause =
        throwable ? (*env)->GetMethodID(env, throwable, "getCause", "()Ljava/lang/Throwable;") : NULL;
    for (int depth = 0; t != NULL && to_string != NULL && get_cause != NULL && depth < 16; depth++) {
        jstring s = (jstring)(*env)->CallObjectMethod(env, t, to_string);
        if ((*env)->ExceptionCheck(env) || s == NULL) {
            (*env)->ExceptionClear(env);
            break;
        }
        const char *c = (*env)->GetStringUTFChars(env, s, NULL);
        fprintf(stderr, "nonos:   %s%s\n", depth == 0 ? "" : "caused by: ", c != NULL ? c : "?");
        if (c != NULL)
            (*env)->ReleaseStringUTFChars(env, s, c);
        jthrowable next = (jthrowable)(*env)->CallObjectMethod(env, t, get_cause);
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionClear(env);
            break;
        }
        if (next != NULL && (*env)->IsSameObject(env, next, t))
            break;
        t = next;
    }
    (*env)->ExceptionClear(env);
}

static const char *jni_error(jint rc)
{
    switch (rc) {
    case JNI_ERR:
        return "unknown error (see the JVM's message above)";
    case JNI_EDETACHED:
        return "thread detached";
    case JNI_EVERSION:
        return "JNI version not supported (the JDK is too old: NØNOS needs Java 21 or later)";
    case JNI_ENOMEM:
        return "not enough memory";
    case JNI_EEXIST:
        return "a JVM already exists in this process";
    case JNI_EINVAL:
        return "invalid JVM options (see the JVM's message above, and etc/jvm.options)";
    default:
        return "unexpected JNI status";
    }
}

static int call_boot(JNIEnv *env, struct nl_jvm_config *c)
{
    jclass natives = (*env)->FindClass(env, "org/nonos/boot/LauncherNatives");
    if (natives == NULL) {
        report_exception(env, "the boot class org.nonos.boot.LauncherNatives is missing from the class path");
        return NL_EXIT_JVM;
    }
    JNINativeMethod methods[] = {
        {"serialWrite", "([B)J", (void *)native_serial_write},
        {"measurements", "()Ljava/lang/String;", (void *)native_measurements},
    };
    if ((*env)->RegisterNatives(env, natives, methods, 2) != 0) {
        report_exception(env, "cannot bind the launcher's native functions");
        return NL_EXIT_JVM;
    }
    jclass boot = (*env)->FindClass(env, "org/nonos/boot/Boot");
    jmethodID run = boot ? (*env)->GetStaticMethodID(env, boot, "run", "([Ljava/lang/String;)I") : NULL;
    if (run == NULL) {
        report_exception(env, "the boot class org.nonos.boot.Boot (run(String[])) is missing from the class path");
        return NL_EXIT_JVM;
    }
    jclass string = (*env)->FindClass(env, "java/lang/String");
    jobjectArray args = string ? (*env)->NewObjectArray(env, (jsize)c->boot_arg_count, string, NULL) : NULL;
    for (size_t i = 0; args != NULL && i < c->boot_arg_count; i++) {
        jstring s = (*env)->NewStringUTF(env, c->boot_args[i]);
        if (s == NULL) {
            args = NULL;
            break;
        }
        (*env)->SetObjectArrayElement(env, args, (jsize)i, s);
        (*env)->DeleteLocalRef(env, s);
    }
    if (args == NULL) {
        report_exception(env, "cannot pass the boot properties to the JVM");
        return NL_EXIT_JVM;
    }
    jint rc = (*env)->CallStaticIntMethod(env, boot, run, args);
    if ((*env)->ExceptionCheck(env)) {
        report_exception(env, "the framework failed");
        return NL_EXIT_FRAMEWORK;
    }
    return rc == 0 ? NL_EXIT_OK : NL_EXIT_FRAMEWORK;
}

void nl_trace(const struct nl_jvm_config *c, const char *what)
{
    if (!c->trace)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    fprintf(stderr, "nonos: trace: %.1f ms %s\n", (double)(now - c->t0_ns) / 1e6, what);
}

int nl_jvm_run(struct nl_jvm_config *c)
{
    g_config = c;
    void *lib = dlopen(c->libjvm, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "nonos: cannot load the JVM %s: %s\n", c->libjvm, dlerror());
        atomic_store(&g_boot_returned, 1);
        return NL_EXIT_JVM;
    }
    create_vm_fn create = (create_vm_fn)dlsym(lib, "JNI_CreateJavaVM");
    if (create == NULL) {
        fprintf(stderr, "nonos: %s is not a JVM (no JNI_CreateJavaVM)\n", c->libjvm);
        atomic_store(&g_boot_returned, 1);
        return NL_EXIT_JVM;
    }
    JavaVMOption *opts = calloc(c->option_count + 1, sizeof(JavaVMOption));
    if (opts == NULL) {
        fprintf(stderr, "nonos: out of memory\n");
        atomic_store(&g_boot_returned, 1);
        return NL_EXIT_JVM;
    }
    for (size_t i = 0; i < c->option_count; i++)
        opts[i].optionString = c->options[i];
    opts[c->option_count].optionString = "exit";
    opts[c->option_count].extraInfo = (void *)exit_hook;
    JavaVMInitArgs args = {.version = JNI_VERSION_21,
                           .nOptions = (jint)(c->option_count + 1),
                           .options = opts,
                           .ignoreUnrecognized = JNI_FALSE};
    JavaVM *vm = NULL;
    JNIEnv *env = NULL;
    nl_trace(c, "JVM create");
    jint rc = create(&vm, (void **)&env, &args);
    nl_trace(c, "JVM created");
    free(opts);
    if (rc != JNI_OK) {
        fprintf(stderr, "nonos: the JVM (%s) could not be created: %s\n", c->libjvm, jni_error(rc));
        atomic_store(&g_boot_returned, 1);
        return NL_EXIT_JVM;
    }
    atomic_store(&g_vm, vm);
    int exit_code = call_boot(env, c);
    atomic_store(&g_boot_exit_code, exit_code);
    atomic_store(&g_boot_returned, 1);
    /* Waits for the JVM's remaining non-daemon threads; main.c bounds that wait. */
    (*vm)->DestroyJavaVM(vm);
    return exit_code;
}

int nl_jvm_request_stop(void)
{
    JavaVM *vm = atomic_load(&g_vm);
    if (vm == NULL || atomic_load(&g_boot_returned))
        return -1;
    if (atomic_exchange(&g_stop_pending, 1))
        return 0;
    JNIEnv *env = NULL;
    JavaVMAttachArgs aa = {.version = JNI_VERSION_21, .name = "nonos-stop", .group = NULL};
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, &aa) != JNI_OK) {
        atomic_store(&g_stop_pending, 0);
        return -1;
    }
    jclass boot = (*env)->FindClass(env, "org/nonos/boot/Boot");
    jmethodID stop = boot ? (*env)->GetStaticMethodID(env, boot, "requestStop", "()V") : NULL;
    if (stop != NULL)
        (*env)->CallStaticVoidMethod(env, boot, stop);
    if ((*env)->ExceptionCheck(env))
        report_exception(env, "stop request failed");
    (*vm)->DetachCurrentThread(vm);
    return stop != NULL ? 0 : -1;
}

int nl_jvm_boot_returned(void)
{
    return atomic_load(&g_boot_returned);
}

int nl_jvm_boot_exit_code(void)
{
    return atomic_load(&g_boot_exit_code);
}
