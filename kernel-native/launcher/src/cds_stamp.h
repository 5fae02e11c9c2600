/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cds_stamp.h: what the JVM checks of the class path before it maps a class-data archive.
 *
 * The JVM records each class path jar's size and modification time in the archive and refuses the
 * archive, with several error lines, when one differs: a distribution copied without its file
 * times, or a jar touched, has the same content (and so the same archive key) but an archive the JVM
 * will not map. The launcher writes the same facts beside the archive when it makes it (the stamp)
 * and compares them before it offers the archive, so that such a boot records a new archive at once
 * and says so in one line.
 *
 * A stamp is one line per class path entry, in class path order: "<size> <mtime seconds> <path>".
 */
#ifndef NONOS_LAUNCHER_CDS_STAMP_H
#define NONOS_LAUNCHER_CDS_STAMP_H

#include <stddef.h>

/* The stamp of a ':'-separated class path into out. 0, or -1 when an entry cannot be read or out is too small. */
int nl_cds_stamp_make(const char *class_path, char *out, size_t cap);

/* Writes stamp to file (a temporary file, then renamed into place). 0, or -1 with errno. */
int nl_cds_stamp_write(const char *file, const char *stamp);

/* 1 when file holds exactly stamp; 0 when it differs, is missing or cannot be read. */
int nl_cds_stamp_matches(const char *file, const char *stamp);

#endif
