/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cds.h: the class-data archive of the boot, made by the first boot and mapped by every later one.
 *
 * Two kinds, chosen by the JDK's feature version (its `release` file):
 *   - JDK 25 and later: an ahead-of-time cache (JEP 483, -XX:AOTCache). Besides the parsed
 *     classes of the JDK, the class path and the bundles, it holds them already linked, with
 *     their constant pool entries and the lambdas and method handles of the class path resolved,
 *     which the interpreter would otherwise resolve one by one during the boot.
 *   - older JDKs: a static AppCDS archive (-XX:SharedArchiveFile) of the classes the boot loaded.
 * Both are dumped with the same JVM options as the boot itself so the JVM can also map the
 * archived module graph (a dynamic archive on top of the JDK's default one cannot: the JDK's was
 * dumped without --enable-native-access, so the JVM turns optimized module handling off).
 *
 * Life cycle, keyed by the measurements of the JVM, the class path and the configuration
 * (registers 1, 2 and 4), so that a changed JDK, framework or jvm.options gets a new archive:
 *   1. no archive: the boot records what it loads: -XX:AOTMode=record with
 *      -XX:AOTConfiguration=<dir>/nonos-<key>.aotconf, or -XX:DumpLoadedClassList=
 *      <dir>/nonos-<key>.classlist with -Xshare:off (the JDK's default archive would be refused,
 *      noisily, for the module options);
 *   2. after that boot ended cleanly, the launcher runs `java -XX:AOTMode=create` (or
 *      `java -Xshare:dump`) with the same options and class path (output in <dir>/dump.log) and
 *      renames the result into place, <dir>/nonos-<key>.aot (or .jsa);
 *   3. every later boot maps it (-XX:AOTCache, or -XX:SharedArchiveFile), unless the class path
 *      jars' sizes or times changed since (cds_stamp.h): then it records again.
 * jvm.options that set -Xshare, SharedArchiveFile, ArchiveClassesAtExit or AOTCache themselves
 * turn this off. The boot property nonos.cds tells the boot which case it is (docs/boot.md).
 */
#ifndef NONOS_LAUNCHER_CDS_H
#define NONOS_LAUNCHER_CDS_H

#include "jvm.h"
#include "measure.h"

struct nl_cds {
    int aot;             /* 1: an ahead-of-time cache (JDK 25+); 0: a static CDS archive */
    int dump_after_boot; /* 1: this boot records what it loads; make the archive after it */
    char dir[4096];
    char record[4096];   /* the class list or AOT configuration the recording boot writes */
    char archive[4096];
    char stamp[4096];    /* the class path's sizes and times when the archive was made (cds_stamp.h) */
    char state[4200];    /* what nonos.cds tells the boot: "aot <file>", "recording", "off: <why>" */
};

/* The feature version of the JDK at java_home (25 for "25.0.3", from its release file), or 0. */
int nl_cds_jdk_feature(const char *java_home);

/*
 * Adds the archive options for this boot to c. An archive whose class path stamp (cds_stamp.h) does not
 * match class_path is removed, and this boot records a new one. 0, or -1 when the option table is full.
 */
int nl_cds_options(struct nl_cds *cds, struct nl_jvm_config *c, const char *home, const char *java_home,
                   const struct nl_measurements *m, const char *class_path);

/*
 * After a clean boot that wrote the class list: dumps the archive with java_home's bin/java.
 * Failures only cost speed: they are reported on stderr and the next boot tries again.
 */
void nl_cds_dump(const struct nl_cds *cds, const struct nl_jvm_config *c, const char *java_home,
                 const char *class_path);

#endif
