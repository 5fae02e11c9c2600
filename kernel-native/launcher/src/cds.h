/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cds.h: the application class-data sharing (AppCDS) archive of the boot.
 *
 * The archive is a static CDS archive of the classes the boot loads from the JDK and the class
 * path, dumped with the same JVM options as the boot itself so the JVM can also map the archived
 * module graph (a dynamic archive on top of the JDK's default one cannot: the JDK's was dumped
 * without --enable-native-access, so the JVM turns optimized module handling off).
 *
 * Life cycle, keyed by the measurements of the JVM, the class path and the configuration
 * (registers 1, 2 and 4), so that a changed JDK, framework or jvm.options gets a new archive:
 *   1. no archive: the boot runs with -XX:DumpLoadedClassList=<dir>/nonos-<key>.classlist
 *      and -Xshare:off (the JDK's default archive would be refused, noisily, for the module
 *      options);
 *   2. after that boot ended cleanly, the launcher runs `java -Xshare:dump` with the same
 *      options and class path (output in <dir>/dump.log) and renames the result into place;
 *   3. every later boot maps <dir>/nonos-<key>.jsa (-XX:SharedArchiveFile).
 * jvm.options that set -Xshare, SharedArchiveFile, ArchiveClassesAtExit or AOTCache themselves
 * turn this off.
 */
#ifndef NONOS_LAUNCHER_CDS_H
#define NONOS_LAUNCHER_CDS_H

#include "jvm.h"
#include "measure.h"

struct nl_cds {
    int dump_after_boot; /* 1: this boot writes the class list; dump the archive after it */
    char dir[4096];
    char classlist[4096];
    char archive[4096];
};

/* Adds the CDS options for this boot to c. 0, or -1 when the option table is full. */
int nl_cds_options(struct nl_cds *cds, struct nl_jvm_config *c, const char *home, const struct nl_measurements *m);

/*
 * After a clean boot that wrote the class list: dumps the archive with java_home's bin/java.
 * Failures only cost speed: they are reported on stderr and the next boot tries again.
 */
void nl_cds_dump(const struct nl_cds *cds, const struct nl_jvm_config *c, const char *java_home,
                 const char *class_path);

#endif
