// SPDX-License-Identifier: Apache-2.0
/*
 * device.c: devices, host file descriptors registered by the root domain (at boot, from
 * the launcher's manifest). The kernel keeps its own close-on-exec duplicate, so the fd
 * lives exactly as long as the device object. I/O runs the host call (pread/pwrite at an
 * offset, read/write for streams) with a transient object reference and no kernel lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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
    close(o->fd);
    o->fd = -1;
}

static int64_t host_result(ssize_t n)
{
    if (n >= 0)
        return n;
    return (errno == EAGAIN || errno == EWOULDBLOCK) ? -NK_E_WOULD_BLOCK : -NK_E_IO;
}

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

int64_t nk_dev_read(nk_domain_t d, nk_cap_t cap, void *buf, uint64_t len, int64_t offset)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int64_t rc = dev_decode(d, cap, NK_RIGHT_READ, buf, len, offset, &c, &o);
    if (rc == 0) {
        ssize_t n;
        do
            n = offset >= 0 ? pread(o->fd, buf, len, offset) : read(o->fd, buf, len);
        while (n < 0 && errno == EINTR);
        rc = host_result(n);
        obj_put(o);
    }
    audit(d, NK_OP_DEV_READ, c.object_id, rc < 0 ? (int)rc : 0, "cap=%#llx len=%llu off=%lld n=%lld",
          (unsigned long long)cap, (unsigned long long)len, (long long)offset, (long long)rc);
    return rc;
}

int64_t nk_dev_write(nk_domain_t d, nk_cap_t cap, const void *buf, uint64_t len, int64_t offset)
{
    struct nk_capsnap c = {0};
    struct nk_object *o;
    int64_t rc = dev_decode(d, cap, NK_RIGHT_WRITE, buf, len, offset, &c, &o);
    if (rc == 0) {
        ssize_t n;
        do
            n = offset >= 0 ? pwrite(o->fd, buf, len, offset) : write(o->fd, buf, len);
        while (n < 0 && errno == EINTR);
        rc = host_result(n);
        obj_put(o);
    }
    audit(d, NK_OP_DEV_WRITE, c.object_id, rc < 0 ? (int)rc : 0, "cap=%#llx len=%llu off=%lld n=%lld",
          (unsigned long long)cap, (unsigned long long)len, (long long)offset, (long long)rc);
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
