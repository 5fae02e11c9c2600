/* SPDX-License-Identifier: Apache-2.0 */
/* cds.c: the boot's AppCDS archive (see cds.h). */
#define _GNU_SOURCE
#include "cds.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cds_stamp.h"
#include "host.h"

extern char **environ;

static int fits(int n, size_t len)
{
    return n > 0 && (size_t)n < len;
}

int nl_cds_jdk_feature(const char *java_home)
{
    char path[4200];
    if (!fits(snprintf(path, sizeof(path), "%s/release", java_home), sizeof(path)))
        return 0;
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return 0;
    char line[512];
    int feature = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        /* JAVA_VERSION="25.0.3" (or "1.8.0_452" for JDK 8, which has no archive of either kind here) */
        if (strncmp(line, "JAVA_VERSION=\"", 14) == 0) {
            char *end = NULL;
            long v = strtol(line + 14, &end, 10);
            if (end != line + 14 && v > 0 && v < 1000)
                feature = (int)v;
            break;
        }
    }
    fclose(f);
    return feature;
}

int nl_cds_options(struct nl_cds *cds, struct nl_jvm_config *c, const char *home, const char *java_home,
                   const struct nl_measurements *m, const char *class_path)
{
    memset(cds, 0, sizeof(*cds));
    snprintf(cds->state, sizeof(cds->state), "off: no archive");
    for (size_t i = 0; i < c->option_count; i++) {
        const char *o = c->options[i];
        if (strncmp(o, "-Xshare", 7) == 0 || strstr(o, "SharedArchiveFile") != NULL ||
            strstr(o, "ArchiveClassesAtExit") != NULL || strstr(o, "AOTCache") != NULL ||
            strstr(o, "AOTMode") != NULL) {
            snprintf(cds->state, sizeof(cds->state), "off: set in jvm.options");
            return nl_jvm_add_boot_arg(c, "nonos.cds=%s", cds->state);
        }
    }
    cds->aot = nl_cds_jdk_feature(java_home) >= 25;
    const char *ext = cds->aot ? "aot" : "jsa";
    const char *record_ext = cds->aot ? "aotconf" : "classlist";
    struct nl_measurements key;
    nl_measure_init(&key);
    static const unsigned regs[] = {1, 2, 4};
    for (size_t i = 0; i < 3; i++)
        if (nl_measure_extend(&key, 0, m->pcr[regs[i]], "cds") != 0)
            return nl_jvm_add_boot_arg(c, "nonos.cds=%s", cds->state); /* no archive: slower, not wrong */
    char hex[2 * NL_DIGEST_LEN + 1];
    nl_hex(key.pcr[0], hex);
    hex[16] = '\0';
    if (!fits(snprintf(cds->dir, sizeof(cds->dir), "%s/var/cds", home), sizeof(cds->dir)) ||
        !fits(snprintf(cds->archive, sizeof(cds->archive), "%s/nonos-%s.%s", cds->dir, hex, ext), sizeof(cds->archive)) ||
        !fits(snprintf(cds->record, sizeof(cds->record), "%s/nonos-%s.%s", cds->dir, hex, record_ext),
              sizeof(cds->record)) ||
        !fits(snprintf(cds->stamp, sizeof(cds->stamp), "%s/classpath-%s.stamp", cds->dir, hex), sizeof(cds->stamp)))
        return nl_jvm_add_boot_arg(c, "nonos.cds=%s", cds->state);
    static char stamp[64 * 1024];
    if (access(cds->archive, R_OK) == 0 &&
        (nl_cds_stamp_make(class_path, stamp, sizeof(stamp)) != 0 || !nl_cds_stamp_matches(cds->stamp, stamp))) {
        /* Same content (the key), other file sizes or times: the JVM would refuse the archive with
         * several lines of its own and boot without it. Record a new one in this boot instead. */
        fprintf(stderr,
                "nonos: the class-data archive %s does not match the class path jars' sizes and times (the distribution "
                "was copied or its jars touched); this boot records a new one\n",
                cds->archive);
        unlink(cds->archive);
        unlink(cds->stamp);
    }
    if (access(cds->archive, R_OK) == 0) {
        snprintf(cds->state, sizeof(cds->state), "%s %s", cds->aot ? "aot" : "static", cds->archive);
        if (nl_jvm_add_boot_arg(c, "nonos.cds=%s", cds->state) != 0)
            return -1;
        return cds->aot ? nl_jvm_add_option(c, "-XX:AOTCache=%s", cds->archive)
                        : nl_jvm_add_option(c, "-XX:SharedArchiveFile=%s", cds->archive);
    }
    if (nl_mkdirs(cds->dir) != 0 || access(cds->dir, W_OK) != 0) {
        /* a read-only distribution boots without an archive */
        snprintf(cds->state, sizeof(cds->state), "off: %s is not writable", cds->dir);
        return nl_jvm_add_boot_arg(c, "nonos.cds=%s", cds->state);
    }
    /* Archives and records of earlier class paths or JDKs are of no use any more. */
    char pattern[4200];
    glob_t g;
    for (int k = 0; k < 2; k++) {
        snprintf(pattern, sizeof(pattern), k == 0 ? "%s/nonos-*" : "%s/classpath-*", cds->dir);
        if (glob(pattern, 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                unlink(g.gl_pathv[i]);
            globfree(&g);
        }
    }
    cds->dump_after_boot = 1;
    snprintf(cds->state, sizeof(cds->state), "recording (%s after this boot)", cds->archive);
    if (nl_jvm_add_boot_arg(c, "nonos.cds=%s", cds->state) != 0)
        return -1;
    if (cds->aot)
        /* The recording JVM lists, at its exit, each class it leaves out of the cache (one that
         * failed verification, a proxy, ...): nothing to act on, so not on the console. */
        return nl_jvm_add_option(c, "-XX:AOTMode=record") | nl_jvm_add_option(c, "-XX:AOTConfiguration=%s", cds->record) |
               nl_jvm_add_option(c, "-Xlog:aot*=error:stderr");
    /* Sharing off for this one boot: the JDK's default archive does not match the module options. */
    if (nl_jvm_add_option(c, "-Xshare:off") != 0)
        return -1;
    return nl_jvm_add_option(c, "-XX:DumpLoadedClassList=%s", cds->record);
}

void nl_cds_dump(const struct nl_cds *cds, const struct nl_jvm_config *c, const char *java_home,
                 const char *class_path)
{
    if (!cds->dump_after_boot || access(cds->record, R_OK) != 0)
        return;
    char java[4200], tmp[4200], log[4200];
    snprintf(java, sizeof(java), "%s/bin/java", java_home);
    snprintf(tmp, sizeof(tmp), "%s.tmp", cds->archive);
    snprintf(log, sizeof(log), "%s/dump.log", cds->dir);
    char *argv[NL_MAX_JVM_OPTIONS + 8];
    size_t n = 0;
    char list_opt[4300], archive_opt[4300];
    if (cds->aot) {
        snprintf(list_opt, sizeof(list_opt), "-XX:AOTConfiguration=%s", cds->record);
        snprintf(archive_opt, sizeof(archive_opt), "-XX:AOTCache=%s", tmp);
    } else {
        snprintf(list_opt, sizeof(list_opt), "-XX:SharedClassListFile=%s", cds->record);
        snprintf(archive_opt, sizeof(archive_opt), "-XX:SharedArchiveFile=%s", tmp);
    }
    argv[n++] = java;
    argv[n++] = cds->aot ? "-XX:AOTMode=create" : "-Xshare:dump";
    argv[n++] = list_opt;
    argv[n++] = archive_opt;
    /* The boot's own options (module options must match for the archived module graph). */
    for (size_t i = 0; i < c->option_count; i++) {
        const char *o = c->options[i];
        if (strstr(o, "DumpLoadedClassList") != NULL || strncmp(o, "-Djava.class.path=", 18) == 0 ||
            strcmp(o, "-Xrs") == 0 || strcmp(o, "-Xshare:off") == 0 || strncmp(o, "-XX:AOTMode=", 12) == 0 ||
            strncmp(o, "-XX:AOTConfiguration=", 21) == 0)
            continue;
        argv[n++] = (char *)o;
    }
    argv[n++] = "-cp";
    argv[n++] = (char *)class_path;
    argv[n] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid;
    int rc = posix_spawn(&pid, java, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    if (rc == 0) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    if (rc != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || rename(tmp, cds->archive) != 0) {
        fprintf(stderr, "nonos: could not make the class-data sharing archive (see %s); the next boot tries again\n",
                log);
        unlink(tmp);
    } else {
        /* The class path as the new archive recorded it, for the next boot's check (cds_stamp.h). */
        static char stamp[64 * 1024];
        if (nl_cds_stamp_make(class_path, stamp, sizeof(stamp)) != 0 || nl_cds_stamp_write(cds->stamp, stamp) != 0) {
            fprintf(stderr, "nonos: could not write %s (%s); the next boot records the class-data archive again\n",
                    cds->stamp, strerror(errno));
            unlink(cds->archive);
        }
    }
    /* The record has served (or failed): a failed dump starts again from a new recording boot. */
    unlink(cds->record);
}
