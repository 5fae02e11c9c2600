// SPDX-License-Identifier: Apache-2.0
/*
 * device.c: devices, host file descriptors registered by the root domain (at boot, from
 * the launcher's manifest). The kernel keeps its own close-on-exec duplicate, so the fd
 * lives exactly as long as the device object. I/O runs the host call (pread/pwrite at an
 * offset, read/write for streams, poll for readiness, termios for a line) with a transient
 * object reference and no kernel lock.
 *
 * Auditing (kernel.h, "devices"): a refusal or a host error is one record; every other
 * outcome is counted in the capability's slot (io_ops, io_bytes) and written as dev.summary
 * records, so that a serial line polled ten times a second and echoing every keystroke does
 * not put a hash-chained record per byte in the log. Counting takes k.wlock for a moment
 * (writers are the only ones that change slots, so under it the slot is stable): device
 * calls make a host system call each, next to which the lock is cheap, and the count is
 * exact across revocation: a capability deleted while its I/O ran has had its summary
 * written, and the late call gets a record of its own.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "slot.h"

int nk_device_register(nk_domain_t caller, int host_fd, const char *name, uint32_t kind, nk_cap_t *out)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    struct nk_object *o = NULL;
    int fd = -1;
    int rc = kernel_running();
    if (rc == 0)
        rc = domain_get(caller, &dom);
    if (rc == 0 && caller != NK_ROOT_DOMAIN)
        rc = -NK_E_NOT_ROOT;
    if (rc == 0 && (out == NULL || host_fd < 0 || !name_valid(name) || kind < NK_DEV_FILE || kind > NK_DEV_OTHER))
        rc = -NK_E_INVAL;
    if (rc == 0 && fcntl(host_fd, F_GETFD) < 0)
        rc = -NK_E_INVAL; /* not an open descriptor */
    if (rc == 0)
        rc = cap_room(dom, 1);
    if (rc == 0)
        rc = obj_reserve(&o);
    if (rc == 0 && (fd = fcntl(host_fd, F_DUPFD_CLOEXEC, 3)) < 0) {
        obj_unreserve(o);
        rc = errno == EMFILE ? -NK_E_LIMIT : -NK_E_IO;
    }
    if (rc == 0) {
        /* invoke */
        o->fd = fd;
        o->kind = kind;
        o->is_tty = isatty(fd) ? 1u : 0u;
        o->line_saved = 0;
        snprintf(o->name, sizeof o->name, "%s", name);
        obj_publish(o, NK_OBJ_DEVICE, caller);
        *out = cap_install(dom, o, NK_RIGHTS_ALL, NK_RIGHTS_ALL, 0, 0, NULL);
    }
    audit(caller, NK_OP_DEVICE_REGISTER, rc == 0 ? atomic_load(&o->id) : 0, rc, "name=%s kind=%u",
          name_valid(name) ? name : "?", kind);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

void device_release(struct nk_object *o)
{
    if (o->line_saved) /* never leave a console terminal raw (nk_dev_line_set) */
        (void)tcsetattr(o->fd, TCSANOW, &o->line_orig);
    o->line_saved = 0;
    close(o->fd);
    o->fd = -1;
}

/* ------------------------------------------------------------------ audit summaries */

/*
 * Counts one device call of capability cap (domain d) that moved bytes. Under k.wlock the
 * slot cannot change: if it still holds cap the call joins its summary, otherwise (deleted
 * or revoked while the host call ran) its summary is already written and this call is
 * written alone. Then, once NK_AUDIT_SUMMARY_MS have passed since the last flush, every
 * pending summary is written (the periodic record).
 */
static void io_count(nk_domain_t d, nk_cap_t cap, uint64_t object_id, uint64_t bytes)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_domain *dom;
    uint32_t idx = handle_index(cap);
    struct nk_slot *s = NULL;
    if (domain_get(d, &dom) == 0) {
        s = &dom->slots[idx];
        if (slot_classify(atomic_load_explicit(&s->state, RLX), atomic_load_explicit(&s->gen, RLX),
                          atomic_load_explicit(&s->tag, RLX), atomic_load_explicit(&s->prev_tag, RLX),
                          atomic_load_explicit(&s->prev_revoked, RLX), handle_gen(cap), handle_tag(cap)) != 0)
            s = NULL;
    }
    if (s != NULL) {
        atomic_fetch_add_explicit(&s->io_bytes, bytes, RLX);
        atomic_fetch_add_explicit(&s->io_ops, 1, RLX);
    } else {
        cap_emit_io(d, idx, 1, bytes, object_id);
    }
    int64_t now = mono_ms();
    if (kernel_running() == 0 && now - atomic_load_explicit(&k.io_summary_ms, RLX) >= NK_AUDIT_SUMMARY_MS) {
        atomic_store_explicit(&k.io_summary_ms, now, RLX);
        cap_flush_all_calls();
    }
    pthread_mutex_unlock(&k.wlock);
}

/*
 * The audit of one device call: a refusal (decoded == 0 false) or a host error is its own
 * record (op, text); anything else is counted. Returns rc.
 */
static int64_t dev_audit(nk_domain_t d, nk_cap_t cap, const struct nk_capsnap *c, int decoded, int64_t rc,
                         uint32_t op, uint64_t len)
{
    if (decoded && rc != -NK_E_IO)
        io_count(d, cap, c->object_id, rc > 0 ? (uint64_t)rc : 0);
    else if (rc != -NK_E_STATE)
        audit(d, op, c->object_id, (int)rc, "cap=%#llx len=%llu", (unsigned long long)cap, (unsigned long long)len);
    return rc;
}

/* ------------------------------------------------------------------ decode */

static int dev_decode(nk_domain_t d, nk_cap_t cap, uint32_t right, const void *buf, uint64_t len,
                      int64_t offset, struct nk_capsnap *c, struct nk_object **o)
{
    int rc = cap_decode(d, cap, NK_OBJ_DEVICE, right, c);
    if (rc == 0 && (buf == NULL || len == 0 || len > NK_DEV_IO_MAX || offset < -1))
        rc = -NK_E_INVAL;
    if (rc == 0 && (*o = obj_tryget(c->obj_index, c->object_id)) == NULL)
        rc = -NK_E_REVOKED;
    return rc;
}

/* ------------------------------------------------------------------ blocking I/O */

static int64_t host_result(ssize_t n)
{
    if (n >= 0)
        return n;
    return (errno == EAGAIN || errno == EWOULDBLOCK) ? -NK_E_WOULD_BLOCK : -NK_E_IO;
}

int64_t nk_dev_read(nk_domain_t d, nk_cap_t cap, void *buf, uint64_t len, int64_t offset)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int64_t rc = dev_decode(d, cap, NK_RIGHT_READ, buf, len, offset, &c, &o);
    if (rc != 0)
        return dev_audit(d, cap, &c, 0, rc, NK_OP_DEV_READ, len);
    ssize_t n;
    do
        n = offset >= 0 ? pread(o->fd, buf, len, offset) : read(o->fd, buf, len);
    while (n < 0 && errno == EINTR);
    rc = host_result(n);
    obj_put(o);
    return dev_audit(d, cap, &c, 1, rc, NK_OP_DEV_READ, len);
}

int64_t nk_dev_write(nk_domain_t d, nk_cap_t cap, const void *buf, uint64_t len, int64_t offset)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int64_t rc = dev_decode(d, cap, NK_RIGHT_WRITE, buf, len, offset, &c, &o);
    if (rc != 0)
        return dev_audit(d, cap, &c, 0, rc, NK_OP_DEV_WRITE, len);
    ssize_t n;
    do
        n = offset >= 0 ? pwrite(o->fd, buf, len, offset) : write(o->fd, buf, len);
    while (n < 0 && errno == EINTR);
    rc = host_result(n);
    obj_put(o);
    return dev_audit(d, cap, &c, 1, rc, NK_OP_DEV_WRITE, len);
}

/* ------------------------------------------------------------------ readiness and non-blocking I/O */

/* One poll(2) of the device's descriptor; EINTR counts as "nothing yet". Returns revents or -1. */
static int poll_once(int fd, short events, int timeout_ms)
{
    struct pollfd p = {.fd = fd, .events = events};
    int r = poll(&p, 1, timeout_ms);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    return r == 0 ? 0 : p.revents;
}

int nk_dev_wait(nk_domain_t d, nk_cap_t cap, uint32_t events, int64_t timeout_ms, uint32_t *revents)
{
    struct nk_capsnap c = {0};
    struct nk_object *o = NULL;
    uint32_t right = ((events & NK_DEV_READABLE) ? NK_RIGHT_READ : 0) | ((events & NK_DEV_WRITABLE) ? NK_RIGHT_WRITE : 0);
    int rc = cap_decode(d, cap, NK_OBJ_DEVICE, 0, &c);
    if (rc == 0)
        rc = cap_check_rights(&c, NK_OBJ_DEVICE, right);
    if (rc == 0 && (revents == NULL || events == 0 || (events & ~(uint32_t)(NK_DEV_READABLE | NK_DEV_WRITABLE)) != 0 ||
                    timeout_ms < 0 || timeout_ms > NK_DEV_WAIT_MAX))
        rc = -NK_E_INVAL;
    if (rc == 0 && (o = obj_tryget(c.obj_index, c.object_id)) == NULL)
        rc = -NK_E_REVOKED;
    if (rc != 0) {
        if (rc != -NK_E_STATE)
            audit(d, NK_OP_DEV_WAIT, c.object_id, rc, "cap=%#llx events=%u timeout=%lld", (unsigned long long)cap,
                  events, (long long)timeout_ms);
        return rc;
    }
    short want = (short)(((events & NK_DEV_READABLE) ? POLLIN : 0) | ((events & NK_DEV_WRITABLE) ? POLLOUT : 0));
    int ev = poll_once(o->fd, want, (int)timeout_ms);
    obj_put(o);
    if (ev < 0)
        return (int)dev_audit(d, cap, &c, 0, -NK_E_IO, NK_OP_DEV_WAIT, 0);
    uint32_t r = 0;
    if ((ev & POLLIN) && (events & NK_DEV_READABLE))
        r |= NK_DEV_READABLE;
    if ((ev & POLLOUT) && (events & NK_DEV_WRITABLE))
        r |= NK_DEV_WRITABLE;
    if (ev & (POLLHUP | POLLRDHUP))
        r |= NK_DEV_HANGUP;
    if (ev & (POLLERR | POLLNVAL))
        r |= NK_DEV_ERROR;
    *revents = r;
    return (int)dev_audit(d, cap, &c, 1, r != 0 ? 0 : -NK_E_TIMEOUT, NK_OP_DEV_WAIT, 0);
}

/* The result of a stream transfer that failed on the host: hang-up or error (kernel.h). */
static int64_t nb_failure(const struct nk_object *o, int err)
{
    if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR)
        return -NK_E_WOULD_BLOCK;
    if (err == EPIPE || ((err == EIO || err == ENXIO) && o->is_tty))
        return -NK_E_HANGUP;
    return -NK_E_IO;
}

int64_t nk_dev_read_nb(nk_domain_t d, nk_cap_t cap, void *buf, uint64_t len)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int64_t rc = dev_decode(d, cap, NK_RIGHT_READ, buf, len, -1, &c, &o);
    if (rc != 0)
        return dev_audit(d, cap, &c, 0, rc, NK_OP_DEV_READ, len);
    int ev = poll_once(o->fd, POLLIN, 0);
    if (ev < 0) {
        rc = -NK_E_IO;
    } else if (ev & POLLIN) { /* pending input first, even when the peer has gone meanwhile */
        ssize_t n = read(o->fd, buf, len);
        rc = n > 0 ? n : n == 0 ? -NK_E_HANGUP : nb_failure(o, errno);
    } else if (ev & (POLLHUP | POLLERR)) {
        rc = -NK_E_HANGUP;
    } else {
        rc = -NK_E_WOULD_BLOCK;
    }
    obj_put(o);
    return dev_audit(d, cap, &c, 1, rc, NK_OP_DEV_READ, len);
}

int64_t nk_dev_write_nb(nk_domain_t d, nk_cap_t cap, const void *buf, uint64_t len)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int64_t rc = dev_decode(d, cap, NK_RIGHT_WRITE, buf, len, -1, &c, &o);
    if (rc != 0)
        return dev_audit(d, cap, &c, 0, rc, NK_OP_DEV_WRITE, len);
    int ev = poll_once(o->fd, POLLOUT, 0);
    if (ev < 0) {
        rc = -NK_E_IO;
    } else if (ev & (POLLHUP | POLLERR)) {
        rc = -NK_E_HANGUP; /* nobody reads what would be written */
    } else if (ev & POLLOUT) {
        ssize_t n = write(o->fd, buf, len);
        rc = n > 0 ? n : n == 0 ? -NK_E_WOULD_BLOCK : nb_failure(o, errno);
    } else {
        rc = -NK_E_WOULD_BLOCK;
    }
    obj_put(o);
    return dev_audit(d, cap, &c, 1, rc, NK_OP_DEV_WRITE, len);
}

/* ------------------------------------------------------------------ line settings (termios) */

/* termios speed constant for a baud rate (POSIX Bnnn and the Linux extensions), 0 if none. */
static speed_t baud_constant(uint32_t b)
{
    static const struct {
        uint32_t baud;
        speed_t c;
    } t[] = {{50, B50},           {75, B75},           {110, B110},         {134, B134},       {150, B150},
             {200, B200},         {300, B300},         {600, B600},         {1200, B1200},     {1800, B1800},
             {2400, B2400},       {4800, B4800},       {9600, B9600},       {19200, B19200},   {38400, B38400},
             {57600, B57600},     {115200, B115200},   {230400, B230400},   {460800, B460800}, {500000, B500000},
             {576000, B576000},   {921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
             {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000},
             {3500000, B3500000}, {4000000, B4000000}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (t[i].baud == b)
            return t[i].c;
    return 0;
}

/* Decode of the line calls: a WRITE device capability; the object under k.wlock. */
static int line_decode(nk_domain_t d, nk_cap_t cap, struct nk_capsnap *c, struct nk_object **o)
{
    int rc = cap_decode(d, cap, NK_OBJ_DEVICE, NK_RIGHT_WRITE, c);
    if (rc == 0 && (*o = obj_tryget(c->obj_index, c->object_id)) == NULL)
        rc = -NK_E_REVOKED;
    return rc;
}

int nk_dev_line_set(nk_domain_t d, nk_cap_t cap, uint32_t baud, uint32_t data_bits, uint32_t parity,
                    uint32_t stop_bits, uint32_t modem)
{
    /* Line settings are rare: under k.wlock one caller at a time sets line_orig. TCSANOW, never
       TCSADRAIN, so that a line stuck by flow control cannot hold the lock. */
    pthread_mutex_lock(&k.wlock);
    struct nk_capsnap c = {0};
    struct nk_object *o = NULL;
    speed_t speed = baud_constant(baud);
    int rc = line_decode(d, cap, &c, &o);
    if (rc == 0 && (speed == 0 || data_bits < 5 || data_bits > 8 || parity > NK_PARITY_ODD || stop_bits < 1 ||
                    stop_bits > 2 || modem > 1))
        rc = -NK_E_INVAL;
    if (rc == 0 && !o->is_tty)
        rc = -NK_E_NOT_TTY;
    struct termios now, t;
    if (rc == 0 && tcgetattr(o->fd, &now) != 0)
        rc = errno == ENOTTY ? -NK_E_NOT_TTY : -NK_E_IO;
    if (rc == 0) {
        t = now;
        cfmakeraw(&t);
        static const tcflag_t size[] = {CS5, CS6, CS7, CS8};
        t.c_cflag &= ~(tcflag_t)(CSIZE | CSTOPB | PARENB | PARODD | CRTSCTS | CLOCAL | HUPCL);
        t.c_cflag |= size[data_bits - 5] | CREAD | (stop_bits == 2 ? CSTOPB : 0) |
                     (parity == NK_PARITY_EVEN ? PARENB : parity == NK_PARITY_ODD ? (PARENB | PARODD) : 0) |
                     (modem ? HUPCL : CLOCAL);
        t.c_iflag &= ~(tcflag_t)(IXON | IXOFF | INPCK);
        if (parity != NK_PARITY_NONE)
            t.c_iflag |= INPCK;
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        if (cfsetispeed(&t, speed) != 0 || cfsetospeed(&t, speed) != 0 || tcsetattr(o->fd, TCSANOW, &t) != 0)
            rc = -NK_E_IO;
    }
    if (rc == 0 && !o->line_saved) {
        o->line_orig = now;
        o->line_saved = 1;
    }
    if (o != NULL)
        obj_put(o);
    if (rc != -NK_E_STATE)
        audit(d, NK_OP_DEV_LINE, c.object_id, rc, "cap=%#llx set %u %u%c%u%s", (unsigned long long)cap, baud,
              data_bits, parity == NK_PARITY_EVEN ? 'E' : parity == NK_PARITY_ODD ? 'O' : parity == 0 ? 'N' : '?',
              stop_bits, modem ? " modem" : "");
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_dev_line_restore(nk_domain_t d, nk_cap_t cap)
{
    pthread_mutex_lock(&k.wlock);
    struct nk_capsnap c = {0};
    struct nk_object *o = NULL;
    int rc = line_decode(d, cap, &c, &o);
    if (rc == 0 && o->line_saved && tcsetattr(o->fd, TCSANOW, &o->line_orig) != 0)
        rc = errno == EIO ? -NK_E_HANGUP : -NK_E_IO;
    if (o != NULL)
        obj_put(o);
    if (rc != -NK_E_STATE)
        audit(d, NK_OP_DEV_LINE, c.object_id, rc, "cap=%#llx restore", (unsigned long long)cap);
    pthread_mutex_unlock(&k.wlock);
    return rc;
}

int nk_dev_info(nk_domain_t d, nk_cap_t cap, uint32_t *kind, char *name, uint32_t name_cap)
{
    struct nk_capsnap c = {0};
    struct nk_object *o = NULL;
    int rc = cap_decode(d, cap, NK_OBJ_DEVICE, 0, &c);
    if (rc == 0 && name != NULL && name_cap == 0)
        rc = -NK_E_INVAL;
    if (rc == 0 && (o = obj_tryget(c.obj_index, c.object_id)) == NULL)
        rc = -NK_E_REVOKED;
    if (rc == 0) {
        if (kind != NULL)
            *kind = o->kind;
        if (name != NULL)
            snprintf(name, name_cap, "%s", o->name);
        obj_put(o);
    }
    audit(d, NK_OP_CAP_INFO, c.object_id, rc, "device cap=%#llx", (unsigned long long)cap);
    return rc;
}
