// SPDX-License-Identifier: Apache-2.0
/* test_device.c: devices over host fds: positioned and stream I/O, rights, bad fds. */
#include <fcntl.h>

#include "harness.h"

static void file_device(void)
{
    MUST(nk_init(NULL));
    char path[512];
    t_tmp_path(path, sizeof path, "nk-dev");
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    nk_cap_t dev, ro;
    MUST(nk_device_register(0, fd, "disk0", NK_DEV_FILE, &dev));
    close(fd); /* the kernel keeps its own descriptor */
    CHECK_EQ(nk_dev_write(0, dev, "hello world", 11, 0), 11);
    char buf[32] = {0};
    CHECK_EQ(nk_dev_read(0, dev, buf, 5, 6), 5);
    CHECK(memcmp(buf, "world", 5) == 0);
    CHECK_EQ(nk_dev_read(0, dev, buf, 32, 100), 0); /* end of file */
    CHECK_EQ(nk_dev_read(0, dev, buf, 4, -1), 4);   /* stream: from the start */
    CHECK(memcmp(buf, "hell", 4) == 0);
    uint32_t kind;
    char name[16];
    MUST(nk_dev_info(0, dev, &kind, name, sizeof name));
    CHECK_EQ(kind, NK_DEV_FILE);
    CHECK(strcmp(name, "disk0") == 0);
    MUST(nk_cap_derive(0, dev, NK_RIGHT_READ, 0, 0, 0, &ro));
    CHECK_EQ(nk_dev_write(0, ro, "x", 1, 0), -NK_E_RIGHTS);
    CHECK(t_audited("dev.write", "E_RIGHTS"));
    CHECK_EQ(nk_dev_read(0, ro, NULL, 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_read(0, ro, buf, 0, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_read(0, ro, buf, (uint64_t)NK_DEV_IO_MAX + 1, 0), -NK_E_INVAL);
    CHECK_EQ(nk_dev_read(0, ro, buf, 1, -2), -NK_E_INVAL);
    CHECK(t_audited("dev.read", "E_INVAL"));
    unlink(path);
    MUST(nk_shutdown());
}

static void bad_registration(void)
{
    MUST(nk_init(NULL));
    nk_domain_t a;
    nk_cap_t dev;
    MUST(nk_domain_create(0, "alpha", &a));
    CHECK_EQ(nk_device_register(0, -1, "x", NK_DEV_FILE, &dev), -NK_E_INVAL);
    CHECK_EQ(nk_device_register(0, 1000, "x", NK_DEV_FILE, &dev), -NK_E_INVAL); /* not open */
    CHECK(t_audited("device.register", "E_INVAL"));
    CHECK_EQ(nk_device_register(0, 0, "x", 99, &dev), -NK_E_INVAL);
    CHECK_EQ(nk_device_register(0, 0, "", NK_DEV_FILE, &dev), -NK_E_INVAL);
    CHECK_EQ(nk_device_register(a, 0, "x", NK_DEV_FILE, &dev), -NK_E_NOT_ROOT);
    /* a pipe as a stream device: would-block is reported, not an error */
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK) == 0);
    MUST(nk_device_register(0, p[0], "pipe", NK_DEV_SERIAL, &dev));
    char c;
    CHECK_EQ(nk_dev_read(0, dev, &c, 1, -1), -NK_E_WOULD_BLOCK);
    CHECK(write(p[1], "z", 1) == 1);
    CHECK_EQ(nk_dev_read(0, dev, &c, 1, -1), 1);
    CHECK_EQ(c, 'z');
    close(p[0]);
    close(p[1]);
    MUST(nk_shutdown());
}

int main(void)
{
    RUN(file_device);
    RUN(bad_registration);
    return t_done("test_device");
}
