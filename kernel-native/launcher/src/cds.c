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

#include "host.h"

extern char **environ;

static int fits(int n, size_t len)
{
    return n > 0 && (size_t)n < len;
}

int nl_cds_options(struct nl_cds *cds, struct nl_jvm_config *c, const char *home, const struct nl_measurements *m)
{
    memset(cds, 0, sizeof(*cds));
    for (size_t i = 0; i < c->option_count; i++) {
        const char *o = c->options[i];
        if (strncmp(o, "-Xshare", 7) == 0 || strstr(o, "SharedArchiveFile") != NULL ||
            strstr(o, "ArchiveClassesAtExit") != NULL || strstr(o, "AOTCache") != NULL)
            return 0;
    }
    struct nl_measurements key;
    nl_measure_init(&key);
    static const unsigned regs[] = {1, 2, 4};
    for (size_t i = 0; i < 3; i++)
        if (nl_measure_extend(&key, 0, m->pcr[regs[i]], "cds") != 0)
            return 0; /* no archive: slower, not wrong */
    char hex[2 * NL_DIGEST_LEN + 1];
    nl_hex(key.pcr[0], hex);
    hex[16] = '\0';
    if (!fits(snprintf(cds->dir, sizeof(cds->dir), "%s/var/cds", home), sizeof(cds->dir)) ||
        !fits(snprintf(cds->archive, sizeof(cds->archive), "%s/nonos-%s.jsa", cds->dir, hex), sizeof(cds->archive)) ||
        !fits(snprintf(cds->classlist, sizeof(cds->classlist), "%s/nonos-%s.classlist", cds->dir, hex),
              sizeof(cds->classlist)))
        return 0;
    if (access(cds->archive, R_OK) == 0)
        return nl_jvm_add_option(c, "-XX:SharedArchiveFile=%s", cds->archive);
    if (nl_mkdirs(cds->dir) != 0 || access(cds->dir, W_OK) != 0)
        return 0; /* a read-only distribution boots without an archive */
    /* Archives and lists of earlier class paths or JDKs are of no use any more. */
    char pattern[4200];
    glob_t g;
    snprintf(pattern, sizeof(pattern), "%s/nonos-*", cds->dir);
    if (glob(pattern, 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++)
            unlink(g.gl_pathv[i]);
        globfree(&g);
    }
    cds->dump_after_boot = 1;
    /* Sharing off for this one boot: the JDK's default archive does not match the module options. */
    if (nl_jvm_add_option(c, "-Xshare:off") != 0)
        return -1;
    return nl_jvm_add_option(c, "-XX:DumpLoadedClassList=%s", cds->classlist);
}

void nl_cds_dump(const struct nl_cds *cds, const struct nl_jvm_config *c, const char *java_home,
                 const char *class_path)
{
    if (!cds->dump_after_boot || access(cds->classlist, R_OK) != 0)
        return;
    char java[4200], tmp[4200], log[4200];
    snprintf(java, sizeof(java), "%s/bin/java", java_home);
    snprintf(tmp, sizeof(tmp), "%s.tmp", cds->archive);
    snprintf(log, sizeof(log), "%s/dump.log", cds->dir);
    char *argv[NL_MAX_JVM_OPTIONS + 8];
    size_t n = 0;
    char list_opt[4300], archive_opt[4300];
    snprintf(list_opt, sizeof(list_opt), "-XX:SharedClassListFile=%s", cds->classlist);
    snprintf(archive_opt, sizeof(archive_opt), "-XX:SharedArchiveFile=%s", tmp);
    argv[n++] = java;
    argv[n++] = "-Xshare:dump";
    argv[n++] = list_opt;
    argv[n++] = archive_opt;
    /* The boot's own options (module options must match for the archived module graph). */
    for (size_t i = 0; i < c->option_count; i++) {
        const char *o = c->options[i];
        if (strstr(o, "DumpLoadedClassList") != NULL || strncmp(o, "-Djava.class.path=", 18) == 0 ||
            strcmp(o, "-Xrs") == 0 || strcmp(o, "-Xshare:off") == 0)
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
        unlink(cds->classlist);
    }
}
