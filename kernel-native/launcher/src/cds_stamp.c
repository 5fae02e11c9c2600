/* SPDX-License-Identifier: Apache-2.0 */
/* cds_stamp.c: the class path facts the JVM checks before it maps an archive (see cds_stamp.h). */
#define _GNU_SOURCE
#include "cds_stamp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A stamp file larger than this is not one the launcher wrote. */
#define STAMP_MAX (256 * 1024)

int nl_cds_stamp_make(const char *class_path, char *out, size_t cap)
{
    size_t used = 0;
    const char *p = class_path;
    if (cap == 0)
        return -1;
    out[0] = '\0';
    while (*p != '\0') {
        const char *end = strchr(p, ':');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        char path[4096];
        if (len >= sizeof(path))
            return -1;
        memcpy(path, p, len);
        path[len] = '\0';
        if (len > 0) {
            struct stat st;
            if (stat(path, &st) != 0)
                return -1;
            int n = snprintf(out + used, cap - used, "%lld %lld %s\n", (long long)st.st_size,
                             (long long)st.st_mtim.tv_sec, path);
            if (n < 0 || (size_t)n >= cap - used)
                return -1;
            used += (size_t)n;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return 0;
}

int nl_cds_stamp_write(const char *file, const char *stamp)
{
    char tmp[4200];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp", file) >= (int)sizeof(tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t len = strlen(stamp);
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, stamp + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            unlink(tmp);
            errno = e;
            return -1;
        }
        done += (size_t)w;
    }
    if (close(fd) != 0 || rename(tmp, file) != 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

int nl_cds_stamp_matches(const char *file, const char *stamp)
{
    size_t len = strlen(stamp);
    if (len > STAMP_MAX)
        return 0;
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char *buf = malloc(len + 1);
    if (buf == NULL) {
        close(fd);
        return 0;
    }
    /* Read one byte more than the stamp: a longer file is a different stamp. */
    size_t got = 0;
    for (;;) {
        ssize_t r = read(fd, buf + got, len + 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
        if (got == len + 1)
            break;
    }
    close(fd);
    int same = got == len && memcmp(buf, stamp, len) == 0;
    free(buf);
    return same;
}
