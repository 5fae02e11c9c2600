/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kernel.h: the public C interface of the NØNOS capability kernel (libnonos-kernel.so).
 *
 * Read this first
 * - Every constant (status codes, rights, object types, device kinds, audit op codes,
 *   limits) comes from nk_abi.def; the Java binding is checked against the same file.
 * - Every function returns an int status: NK_OK (0) or a NEGATED code (-NK_E_xxx),
 *   unless its comment says otherwise (int64_t results: >= 0 value, < 0 -NK_E_xxx).
 * - Only plain C scalars and pointers cross this interface (no structs), so that
 *   jnr-ffi binds it directly.
 * - Every operation is decoded (checked completely) before anything changes: a call that
 *   fails has changed nothing, and every rejection is appended to the audit log.
 *
 * Capability handle layout (nk_cap_t, 64 bits; opaque to callers):
 *   bits  0..15  slot index in the holding domain's capability space
 *   bits 16..31  slot generation (starts at 1; a handle of 0 is never valid)
 *   bits 32..63  tag: keyed hash (SipHash-2-4, per-boot random key) of
 *                (domain, slot, generation, mint counter), so a handle is meaningful only
 *                in its own domain and cannot be guessed from another domain's handles.
 *
 * Object ids (nk_cap_info's object_id, nk_call's result): unique for the life of the
 * kernel, never reused: (generation << 32) | table index. The low 32 bits index the
 * object table (stable while the object lives), useful for array dispatch in Java.
 */
#ifndef NONOS_KERNEL_H
#define NONOS_KERNEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NK_API __attribute__((visibility("default")))
#else
#define NK_API
#endif

typedef uint32_t nk_domain_t; /* 0 = the root domain, created by nk_init */
typedef uint64_t nk_cap_t;    /* capability handle, meaningful only inside its domain */

#define NK_CAP_NULL ((nk_cap_t)0)

/* Status codes: NK_OK = 0, NK_E_INVAL = 1, ... (returned negated). */
enum nk_status {
#define NK_ERROR(name, value, text) NK_##name = (value),
#include "nk_abi.def"
};

/* Rights bits. */
enum nk_right {
#define NK_RIGHT(name, bit, text) NK_RIGHT_##name = (1u << (bit)),
#include "nk_abi.def"
};

/* Object types. */
enum nk_objtype {
#define NK_OBJTYPE(name, value, text) NK_OBJ_##name = (value),
#include "nk_abi.def"
};

/* Device kinds. */
enum nk_devkind {
#define NK_DEVKIND(name, value, text) NK_DEV_##name = (value),
#include "nk_abi.def"
};

/* Audit operation codes. */
enum nk_audit_op {
#define NK_AUDIT_OP(name, value, text) NK_OP_##name = (value),
#include "nk_abi.def"
};

/* Limits and layout constants (NK_MAX_DOMAINS, NK_RIGHTS_ALL, ...). */
enum nk_const {
#define NK_CONST(name, value) NK_##name = (value),
#include "nk_abi.def"
};

/* ------------------------------------------------------------------ lifecycle */

/*
 * Starts the kernel and creates the root domain (0). audit_path: the audit log file
 * (opened O_APPEND|O_CREAT; an existing log is verified first and its chain continued,
 * a broken one is refused with -NK_E_AUDIT) or NULL for a log kept in memory.
 * Errors: E_STATE (already running), E_INVAL (empty or over-long path), E_AUDIT (cannot
 * open, read or verify the log), E_NOMEM, E_IO.
 */
NK_API int nk_init(const char *audit_path);

/*
 * Stops the kernel: flushes call summaries, writes the shutdown record, syncs and closes
 * the log, releases every object. No other thread may be inside the kernel.
 * Errors: E_STATE (not running).
 */
NK_API int nk_shutdown(void);

/* Static text for a status (accepts 0, positive or negated codes; unknown -> "unknown status"). */
NK_API const char *nk_strerror(int status);

/* The kernel's clock: CLOCK_MONOTONIC in milliseconds (the clock expiries are measured on). */
NK_API uint64_t nk_now_ms(void);

/* NK_ABI_VERSION of the loaded library. */
NK_API uint32_t nk_abi_version(void);

/* ------------------------------------------------------------------ domains */

/*
 * Creates a domain. parent: the calling domain, which must be the root domain.
 * name: 1..NK_NAME_MAX printable ASCII bytes. Default limits: NK_DEFAULT_MAX_CAPS caps,
 * NK_DEFAULT_MAX_MEM bytes of region memory.
 * Errors: E_STATE, E_INVAL, E_NO_DOMAIN, E_DEAD_DOMAIN, E_NOT_ROOT, E_LIMIT, E_NOMEM.
 */
NK_API int nk_domain_create(nk_domain_t parent, const char *name, nk_domain_t *out);

/*
 * Destroys domain d (root only; the root domain cannot be destroyed). Every capability
 * it holds is deleted together with its descendants in all domains; objects that lose
 * their last capability are freed. The id is never reused.
 * Errors: E_STATE, E_INVAL (d is root), E_NO_DOMAIN, E_DEAD_DOMAIN, E_NOT_ROOT.
 */
NK_API int nk_domain_destroy(nk_domain_t caller, nk_domain_t d);

/*
 * Sets d's limits (root only): max_caps in 1..NK_MAX_SLOTS, max_mem bytes of region memory.
 * Limits below the current use are refused (E_LIMIT); nothing is taken away.
 */
NK_API int nk_domain_set_limits(nk_domain_t caller, nk_domain_t d, uint32_t max_caps, uint64_t max_mem);

/*
 * Describes domain d. Any out pointer may be NULL. name receives a NUL-terminated copy
 * (truncated to name_cap-1 bytes). alive: 1 live, 0 destroyed.
 */
NK_API int nk_domain_info(nk_domain_t d, char *name, uint32_t name_cap, nk_domain_t *parent,
                          uint32_t *alive, uint32_t *caps, uint64_t *mem);

/* Lists the ids of all domains ever created (live and destroyed); count = total number. */
NK_API int nk_domain_list(nk_domain_t *out, uint32_t max, uint32_t *count);

/* ------------------------------------------------------------------ object creation (root only) */

/* Each returns the first capability: all rights, derive mask NK_RIGHTS_ALL, no badge, no expiry. */
NK_API int nk_endpoint_create(nk_domain_t caller, nk_cap_t *out);
NK_API int nk_notification_create(nk_domain_t caller, nk_cap_t *out);

/* A memory region of size bytes (1..NK_REGION_MAX), zeroed, with guard pages and a red zone. */
NK_API int nk_region_create(nk_domain_t caller, uint64_t size, nk_cap_t *out);

/*
 * As nk_region_create, but the region is owned by (and charged to the memory limit of)
 * domain owner, and the first capability is placed in owner's capability space.
 */
NK_API int nk_region_create_in(nk_domain_t caller, nk_domain_t owner, uint64_t size, nk_cap_t *out);

/*
 * Registers a host file descriptor as a device. The kernel keeps its own duplicate
 * (close-on-exec); the caller may close host_fd afterwards. kind: an NK_DEV_* value.
 * name: 1..NK_NAME_MAX printable ASCII bytes.
 */
NK_API int nk_device_register(nk_domain_t caller, int host_fd, const char *name, uint32_t kind,
                              nk_cap_t *out);

/* ------------------------------------------------------------------ capabilities */

/*
 * Derives a child of src in the same domain. Needs DERIVE on src.
 * rights ⊆ src.rights (else E_RIGHTS) and rights ⊆ src.derive_mask (else E_NOT_DERIVABLE);
 * derive_mask ⊆ src.derive_mask (else E_NOT_DERIVABLE); badge != 0 only if src's badge is
 * unset (else E_BADGE_SET; badge 0 inherits src's badge); expiry_ms 0 inherits src's expiry,
 * otherwise it must be in the future and no later than src's (else E_INVAL).
 */
NK_API int nk_cap_derive(nk_domain_t d, nk_cap_t src, uint32_t rights, uint32_t derive_mask,
                         uint64_t badge, int64_t expiry_ms, nk_cap_t *out);

/*
 * Gives domain `to` a child of cap in its own capability space: rights = cap's rights
 * restricted to cap's derive mask (only delegable rights pass), derive mask, badge and
 * expiry as cap's. Needs TRANSFER on cap. Errors also: E_DEAD_DOMAIN / E_NO_DOMAIN for the
 * target, E_LIMIT.
 */
NK_API int nk_cap_transfer(nk_domain_t from, nk_cap_t cap, nk_domain_t to, nk_cap_t *out_in_target);

/* Deletes every descendant of cap in every domain (time proportional to the subtree); cap stays.
   Needs REVOKE; allowed on an expired capability (it only takes authority away). */
NK_API int nk_cap_revoke(nk_domain_t d, nk_cap_t cap);

/* Deletes cap and all its descendants. No right needed (a holder may always drop its own capability). */
NK_API int nk_cap_delete(nk_domain_t d, nk_cap_t cap);

/* Describes a capability. Any out pointer may be NULL. Expired capabilities give E_EXPIRED. */
NK_API int nk_cap_info(nk_domain_t d, nk_cap_t cap, uint32_t *type, uint32_t *rights,
                       uint32_t *derive_mask, uint64_t *badge, int64_t *expiry,
                       uint64_t *object_id);

/* Lists the live capability handles of domain d; count = total number (may exceed max). */
NK_API int nk_cap_list(nk_domain_t d, nk_cap_t *out, uint32_t max, uint32_t *count);

/* ------------------------------------------------------------------ IPC (hot path: no global lock) */

/*
 * Authorises a call on endpoint capability ep held by d (CALL right, not revoked, not
 * expired; the clock is read only when the capability carries an expiry).
 * Returns >= 0: the endpoint's object id; < 0: -NK_E_xxx.
 * Successful calls are counted per capability and audited as call.summary records
 * (on delete/revoke of the capability, nk_audit_flush, verify/read, shutdown);
 * every rejected call is audited individually.
 */
NK_API int64_t nk_call(nk_domain_t d, nk_cap_t ep);

/* As nk_call, and also returns the capability's badge (0 = none). */
NK_API int64_t nk_call_badge(nk_domain_t d, nk_cap_t ep, uint64_t *badge);

/* ORs the capability's badge (1 if it has none) into the notification word and wakes waiters. Needs SIGNAL. */
NK_API int nk_signal(nk_domain_t d, nk_cap_t ntfn);

/*
 * Waits until the notification word is non-zero, then returns it in *bits and clears it.
 * timeout_ms: 0 = poll once (E_WOULD_BLOCK if empty), < 0 = no timeout, else ms (E_TIMEOUT).
 * Needs WAIT. A capability revoked while waiting ends the wait with E_REVOKED / E_BAD_HANDLE.
 */
NK_API int nk_wait(nk_domain_t d, nk_cap_t ntfn, int64_t timeout_ms, uint64_t *bits);

/* Takes and clears the notification word without blocking (*bits = 0 if none). Needs WAIT. */
NK_API int nk_poll(nk_domain_t d, nk_cap_t ntfn, uint64_t *bits);

/* ------------------------------------------------------------------ memory regions */

/*
 * Maps region cap for zero-copy use (Java direct buffers): *addr, *size. Needs MAP.
 * The mapping holds the region alive until nk_region_unmap(d, addr) or nk_shutdown,
 * even if every capability to it is revoked, or d destroyed, meanwhile (a destroyed
 * domain's mappings can still be unmapped).
 */
NK_API int nk_region_map(nk_domain_t d, nk_cap_t cap, uint64_t *addr, uint64_t *size);
NK_API int nk_region_unmap(nk_domain_t d, uint64_t addr);

/* Copies bytes out of / into a region (READ / WRITE). Returns the number of bytes copied. */
NK_API int64_t nk_region_read(nk_domain_t d, nk_cap_t cap, uint64_t offset, void *buf, uint64_t len);
NK_API int64_t nk_region_write(nk_domain_t d, nk_cap_t cap, uint64_t offset, const void *buf, uint64_t len);

/* Checks the region's red-zone canaries (E_CORRUPT if overwritten). Needs READ. */
NK_API int nk_region_check(nk_domain_t d, nk_cap_t cap);

/* ------------------------------------------------------------------ devices */

/*
 * Host I/O on a device capability: READ / WRITE right. offset >= 0: pread/pwrite at that
 * offset; offset -1: stream read/write. len 1..NK_DEV_IO_MAX. Returns bytes transferred
 * (0 = end of file on read), or -NK_E_xxx (E_IO for a host error, E_WOULD_BLOCK for EAGAIN).
 *
 * Auditing of the transfers and waits below (nk_dev_read/write, nk_dev_wait,
 * nk_dev_read_nb/write_nb): refusals (bad handle, rights, type, arguments) and
 * host errors (E_IO) are one record each; every other outcome (bytes moved, would-block,
 * timed out, hang-up) is counted per capability and written as dev.summary records
 * ("slot=N ops=N bytes=N"): when the capability dies, on nk_audit_flush/verify/read/count,
 * at shutdown, and at most NK_AUDIT_SUMMARY_MS after the previous summary by the next
 * device call. A busy line therefore costs one record a minute, not one per byte.
 */
NK_API int64_t nk_dev_read(nk_domain_t d, nk_cap_t cap, void *buf, uint64_t len, int64_t offset);
NK_API int64_t nk_dev_write(nk_domain_t d, nk_cap_t cap, const void *buf, uint64_t len, int64_t offset);

/*
 * Waits until a stream device is ready (poll(2) on the kernel's descriptor).
 * events: NK_DEV_READABLE and/or NK_DEV_WRITABLE (nothing else); READABLE needs READ and
 * WRITABLE needs WRITE. timeout_ms: 0 (look once) .. NK_DEV_WAIT_MAX; anything else is E_INVAL
 * (bounded, so that no thread sleeps in the kernel past a revocation for long).
 * *revents: the requested events that hold, plus NK_DEV_HANGUP (the peer went away: a pty
 * with no terminal, a pipe with no writer) and NK_DEV_ERROR (the host reports an error), which
 * are always reported. Returns 0 when *revents != 0, -NK_E_TIMEOUT when nothing happened
 * within timeout_ms (*revents = 0).
 */
NK_API int nk_dev_wait(nk_domain_t d, nk_cap_t cap, uint32_t events, int64_t timeout_ms, uint32_t *revents);

/*
 * Non-blocking stream I/O (READ / WRITE right, len 1..NK_DEV_IO_MAX): moves what can be moved
 * now and never waits. Returns bytes moved (> 0), -NK_E_WOULD_BLOCK (nothing to read / no
 * room now), -NK_E_HANGUP (the peer went away: end of file, POLLHUP without input, and on a
 * terminal EIO/ENXIO, which Linux's pty master returns once every slave is closed, pty(7);
 * EPIPE on a write), -NK_E_IO (any other host error). Input still pending when the peer hangs
 * up is read first. The descriptor is polled first, so a line opened without O_NONBLOCK does
 * not block either, provided the capability's holder is the line's only reader (a write of
 * more than the room the poll found may then wait for the rest; the launcher opens its lines
 * O_NONBLOCK).
 */
NK_API int64_t nk_dev_read_nb(nk_domain_t d, nk_cap_t cap, void *buf, uint64_t len);
NK_API int64_t nk_dev_write_nb(nk_domain_t d, nk_cap_t cap, const void *buf, uint64_t len);

/*
 * Line settings of a terminal device (termios(3)), WRITE right: raw mode (cfmakeraw: no echo,
 * no canonical editing, no signal characters, no output processing, VMIN=1 VTIME=0, no
 * XON/XOFF), the frame (data_bits 5..8, parity NK_PARITY_NONE/EVEN/ODD, stop_bits 1 or 2),
 * receiver on, modem control (HUPCL, carrier honoured) when modem != 0 else CLOCAL, and the
 * speed (baud: a POSIX/Linux Bnnn rate, 50..4000000; a pty accepts and ignores it).
 * The settings found at the first call are kept with the device and put back by
 * nk_dev_line_restore and when the device object is released (shutdown), so a console
 * terminal is never left raw. Each call is audited (dev.line).
 * Errors: E_INVAL (a value out of range), E_NOT_TTY (a pipe or file), E_IO, the capability errors.
 */
NK_API int nk_dev_line_set(nk_domain_t d, nk_cap_t cap, uint32_t baud, uint32_t data_bits, uint32_t parity,
                           uint32_t stop_bits, uint32_t modem);

/* Puts back the settings found before the first nk_dev_line_set (no-op if none). WRITE right. */
NK_API int nk_dev_line_restore(nk_domain_t d, nk_cap_t cap);

/* Describes a device: kind and name (NUL-terminated, truncated to name_cap-1). Any out may be NULL. */
NK_API int nk_dev_info(nk_domain_t d, nk_cap_t cap, uint32_t *kind, char *name, uint32_t name_cap);

/* ------------------------------------------------------------------ audit log */

/* Appends a free-text event (1..NK_EVENT_MAX bytes, no NUL inside) on behalf of domain d. */
NK_API int nk_audit_append(nk_domain_t d, const char *event);

/*
 * Verifies the whole chain (the file when the log is file-backed, else memory) against the
 * kernel's in-memory head, so change, deletion, reordering and truncation are all detected.
 * records_checked may be NULL. Errors: E_AUDIT.
 */
NK_API int nk_audit_verify(uint64_t *records_checked);

/*
 * Verifies a log FILE offline (no running kernel needed). expected_head_hex: the hex
 * SHA-256 of the last record (nk_audit_head), or NULL to check the chain alone (then a
 * cut after the last intact record is only detected if the file lacks its shutdown record
 * and require_closed is 1).
 */
NK_API int nk_audit_verify_file(const char *path, const char *expected_head_hex, int require_closed,
                                uint64_t *records_checked);

/*
 * Copies audit records with seq >= from_seq as text lines (one record per line, '\n'
 * terminated, format in docs/kernel.md) into buf; only whole lines; *used = bytes written
 * (not NUL-terminated). A first record that does not fit gives E_INVAL.
 */
NK_API int nk_audit_read(uint64_t from_seq, char *buf, uint64_t cap, uint64_t *used);

/* Number of records in the log (0 when not running). */
NK_API uint64_t nk_audit_count(void);

/* The chain head: seq of the last record and its hash as 64 hex chars + NUL (hex_out[65]). */
NK_API int nk_audit_head(uint64_t *seq, char *hex_out);

/* Writes pending call.summary and dev.summary records and fsyncs the log file. */
NK_API int nk_audit_flush(void);

#ifdef __cplusplus
}
#endif

#endif /* NONOS_KERNEL_H */
