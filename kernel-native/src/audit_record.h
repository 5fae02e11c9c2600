/* SPDX-License-Identifier: Apache-2.0 */
/*
 * audit_record.h: the audit record's text format and its hash chain, apart from the log's
 * logic (audit.c). Format (one record per line, fields separated by one space):
 *
 *   <seq> <time_ms> <domain> <op> <object> <result> :<text> <hash>\n
 *
 *   seq      decimal, 1 for the first record of a log, +1 for each record after
 *   time_ms  CLOCK_REALTIME in milliseconds (wall clock, for people reading the log)
 *   domain   decimal domain id
 *   op       the operation's name from nk_abi.def (e.g. cap.derive)
 *   object   16 lower-case hex digits (object id, or domain id for domain operations; 0 if none)
 *   result   OK or the status name from nk_abi.def (E_RIGHTS, ...)
 *   text     ':' then the free text with every byte outside 0x21..0x7e and '%' written %XX
 *   hash     64 lower-case hex digits: SHA-256(previous record's hash, 32 bytes || the line
 *            up to, not including, the space before hash); the first record's previous
 *            hash is 32 zero bytes.
 */
#ifndef NK_AUDIT_RECORD_H
#define NK_AUDIT_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define NK_AUDIT_LINE_MAX (NK_EVENT_MAX * 3 + 512)

struct nk_chain {
    uint64_t seq;       /* seq of the last record (0: none yet) */
    uint8_t hash[32];   /* hash of the last record (zeros: none yet) */
    uint32_t last_op;   /* op code of the last record */
};

/* Formats a record after chain c into line (>= NK_AUDIT_LINE_MAX bytes); advances c. Returns its length. */
size_t audit_record_emit(struct nk_chain *c, uint64_t time_ms, uint32_t domain, uint32_t op,
                         uint64_t object, int result, const char *text, char *line);

/* Checks one line (without its '\n') as the record following chain c; advances c. 0 or -NK_E_AUDIT. */
int audit_record_check(struct nk_chain *c, const char *line, size_t len);

/* The seq of a well-formed line, or 0. */
uint64_t audit_record_seq(const char *line, size_t len);

void audit_hex(const uint8_t *bytes, size_t n, char *hex_out);
int audit_unhex(const char *hex, uint8_t *out, size_t n);

#endif
