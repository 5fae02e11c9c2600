// SPDX-License-Identifier: Apache-2.0
/*
 * test_model.c: a seeded randomised model test. Random sequences of create, derive,
 * transfer, revoke, delete, call and domain destruction across several domains run
 * against the kernel and against a plain reference model (flat arrays, no cleverness);
 * after every step each capability's info and call result, and each domain's capability
 * count, must agree. Prints its seed; NONOS_SEED=<n> replays; NONOS_MODEL_STEPS sets length.
 */
#include "harness.h"

#define MAXC 4096
#define NDOM 5

enum { ALIVE = 0, DIED_REVOKED = 1, DIED_DELETED = 2 };

struct mcap {
    nk_domain_t dom;
    nk_cap_t h;
    int parent;          /* index into caps, -1 for an object's first capability */
    int obj;             /* index into objs */
    uint32_t rights, mask;
    uint64_t badge;
    int state;
};

struct mobj {
    uint32_t type;
    uint64_t id;
};

/* how often each operation succeeded and failed, printed so a run shows what it covered */
enum { OP_DERIVE, OP_TRANSFER, OP_REVOKE, OP_DELETE, OP_N };
static const char *op_names[OP_N] = {"derive", "transfer", "revoke", "delete"};
static unsigned long op_ok[OP_N], op_err[OP_N];

static void tally(int op, int rc)
{
    if (rc == 0)
        op_ok[op]++;
    else
        op_err[op]++;
}

static struct mcap caps[MAXC];
static int ncaps;
static struct mobj objs[MAXC];
static int nobjs;
static nk_domain_t doms[NDOM + 16];
static int dom_alive[NDOM + 16];
static int ndoms;

/* Kills cap i (and its model subtree). The cap itself dies as `how`, descendants as revoked. */
static void model_kill_subtree(int i, int how)
{
    for (int j = 0; j < ncaps; j++)
        if (caps[j].state == ALIVE && caps[j].parent == i)
            model_kill_subtree(j, DIED_REVOKED);
    caps[i].state = how;
}

static void model_revoke(int i)
{
    for (int j = 0; j < ncaps; j++)
        if (caps[j].state == ALIVE && caps[j].parent == i)
            model_kill_subtree(j, DIED_REVOKED);
}

static int dom_index(nk_domain_t d)
{
    for (int i = 0; i < ndoms; i++)
        if (doms[i] == d)
            return i;
    return -1;
}

static int live_domain_count(void)
{
    int n = 0;
    for (int i = 0; i < ndoms; i++)
        n += dom_alive[i];
    return n;
}

/* Expected error for using cap i (from its own domain), or 0 if it is alive. */
static int dead_error(int i)
{
    if (!dom_alive[dom_index(caps[i].dom)])
        return -NK_E_DEAD_DOMAIN;
    return caps[i].state == ALIVE ? 0 : caps[i].state == DIED_REVOKED ? -NK_E_REVOKED : -NK_E_BAD_HANDLE;
}

/* A revoked cap's slot may have been reused and freed again since: then it is BAD_HANDLE. */
static int error_matches(int got, int want)
{
    return got == want || (want == -NK_E_REVOKED && got == -NK_E_BAD_HANDLE);
}

/* Mostly a live capability of a live domain; sometimes any, dead ones included. */
static int pick_cap(void)
{
    if (ncaps == 0)
        return -1;
    int i = (int)t_below((uint32_t)ncaps);
    if (t_below(5) == 0)
        return i;
    for (int tries = 0; tries < 32 && dead_error(i) != 0; tries++)
        i = (int)t_below((uint32_t)ncaps);
    return i;
}

static uint32_t random_subset(uint32_t of)
{
    uint32_t r = (uint32_t)(t_rand() | t_rand()) & of; /* each right kept with p = 3/4 */
    if (t_below(10) == 0)
        r |= 1u << t_below(9); /* sometimes ask for more than allowed */
    return r;
}

static void add_cap(nk_domain_t d, nk_cap_t h, int parent, int obj, uint32_t rights, uint32_t mask, uint64_t badge)
{
    caps[ncaps++] = (struct mcap){d, h, parent, obj, rights, mask, badge, ALIVE};
}

static void step_create(void)
{
    nk_cap_t h;
    int ep = t_below(4) != 0;
    MUST(ep ? nk_endpoint_create(0, &h) : nk_notification_create(0, &h));
    uint64_t id;
    MUST(nk_cap_info(0, h, NULL, NULL, NULL, NULL, NULL, &id));
    objs[nobjs] = (struct mobj){ep ? NK_OBJ_ENDPOINT : NK_OBJ_NOTIFICATION, id};
    add_cap(0, h, -1, nobjs++, NK_RIGHTS_ALL, NK_RIGHTS_ALL, 0);
}

static void step_derive(void)
{
    int i = pick_cap();
    if (i < 0)
        return;
    struct mcap *s = &caps[i];
    uint32_t rights = random_subset(s->rights), mask = random_subset(s->mask);
    uint64_t badge = t_below(3) == 0 ? 1 + t_below(1000) : 0;
    int want = dead_error(i);
    if (want == 0) {
        if (!(s->rights & NK_RIGHT_DERIVE) || (rights & ~s->rights))
            want = -NK_E_RIGHTS;
        else if ((rights & ~s->mask) || (mask & ~s->mask))
            want = -NK_E_NOT_DERIVABLE;
        else if (badge != 0 && s->badge != 0)
            want = -NK_E_BADGE_SET;
    }
    nk_cap_t h = 0;
    int rc = nk_cap_derive(s->dom, s->h, rights, mask, badge, 0, &h);
    if (!error_matches(rc, want))
        fprintf(stderr, "derive of cap %d: got %d want %d\n", i, rc, want);
    CHECK(error_matches(rc, want));
    tally(OP_DERIVE, rc);
    if (rc == 0)
        add_cap(s->dom, h, i, s->obj, rights, mask, badge ? badge : s->badge);
}

static void step_transfer(void)
{
    int i = pick_cap();
    if (i < 0)
        return;
    struct mcap *s = &caps[i];
    int di = (int)t_below((uint32_t)ndoms + 1);
    nk_domain_t to = di == ndoms ? 900 : doms[di];
    int want = dead_error(i);
    if (want == 0) {
        if (!(s->rights & NK_RIGHT_TRANSFER))
            want = -NK_E_RIGHTS;
        else if (di == ndoms)
            want = -NK_E_NO_DOMAIN;
        else if (!dom_alive[di])
            want = -NK_E_DEAD_DOMAIN;
    }
    nk_cap_t h = 0;
    int rc = nk_cap_transfer(s->dom, s->h, to, &h);
    if (!error_matches(rc, want))
        fprintf(stderr, "transfer of cap %d to %u: got %d want %d\n", i, to, rc, want);
    CHECK(error_matches(rc, want));
    tally(OP_TRANSFER, rc);
    if (rc == 0)
        add_cap(to, h, i, s->obj, s->rights & s->mask, s->mask, s->badge);
}

static void step_revoke(void)
{
    int i = pick_cap();
    if (i < 0)
        return;
    int want = dead_error(i);
    if (want == 0 && !(caps[i].rights & NK_RIGHT_REVOKE))
        want = -NK_E_RIGHTS;
    int rc = nk_cap_revoke(caps[i].dom, caps[i].h);
    CHECK(error_matches(rc, want));
    tally(OP_REVOKE, rc);
    if (rc == 0)
        model_revoke(i);
}

static void step_delete(void)
{
    int i = pick_cap();
    if (i < 0)
        return;
    int want = dead_error(i);
    int rc = nk_cap_delete(caps[i].dom, caps[i].h);
    CHECK(error_matches(rc, want));
    tally(OP_DELETE, rc);
    if (rc == 0)
        model_kill_subtree(i, DIED_DELETED);
}

static void step_destroy_domain(void)
{
    int di = 1 + (int)t_below((uint32_t)ndoms - 1);
    if (!dom_alive[di])
        return;
    MUST(nk_domain_destroy(0, doms[di]));
    dom_alive[di] = 0;
    for (int j = 0; j < ncaps; j++)
        if (caps[j].state == ALIVE && caps[j].dom == doms[di])
            model_kill_subtree(j, DIED_DELETED);
    if (ndoms < NDOM + 15) {
        char name[16];
        snprintf(name, sizeof name, "d%d", ndoms);
        MUST(nk_domain_create(0, name, &doms[ndoms]));
        dom_alive[ndoms++] = 1;
    }
}

/* Every capability of the model against the kernel. */
static void compare_all(void)
{
    for (int i = 0; i < ncaps; i++) {
        struct mcap *c = &caps[i];
        uint32_t type = 0, rights = 0, mask = 0;
        uint64_t badge = 0, id = 0;
        int rc = nk_cap_info(c->dom, c->h, &type, &rights, &mask, &badge, NULL, &id);
        int want = dead_error(i);
        CHECK(error_matches(rc, want));
        int64_t call = nk_call(c->dom, c->h);
        if (want != 0) {
            CHECK(error_matches((int)call, want));
            continue;
        }
        CHECK_EQ(type, objs[c->obj].type);
        CHECK_EQ(rights, c->rights);
        CHECK_EQ(mask, c->mask);
        CHECK_EQ(badge, c->badge);
        CHECK_EQ(id, objs[c->obj].id);
        if (type != NK_OBJ_ENDPOINT)
            CHECK_EQ(call, -NK_E_WRONG_TYPE);
        else if (!(rights & NK_RIGHT_CALL))
            CHECK_EQ(call, -NK_E_RIGHTS);
        else
            CHECK_EQ(call, (int64_t)id);
    }
    for (int d = 0; d < ndoms; d++) {
        if (!dom_alive[d])
            continue;
        uint32_t n = 0, want = 0;
        MUST(nk_cap_list(doms[d], NULL, 0, &n));
        for (int i = 0; i < ncaps; i++)
            want += caps[i].state == ALIVE && caps[i].dom == doms[d];
        CHECK_EQ(n, want);
    }
}

int main(void)
{
    t_seed("test_model");
    const char *env = getenv("NONOS_MODEL_STEPS");
    int steps = env ? atoi(env) : 1500;
    MUST(nk_init(NULL));
    doms[0] = 0;
    dom_alive[0] = 1;
    ndoms = 1;
    for (int i = 1; i < NDOM; i++) {
        char name[16];
        snprintf(name, sizeof name, "d%d", i);
        MUST(nk_domain_create(0, name, &doms[i]));
        dom_alive[i] = 1;
        ndoms++;
    }
    int before = t_failures;
    for (int s = 0; s < steps && ncaps < MAXC - 2 && t_failures == before; s++) {
        uint32_t r = t_below(100);
        if (r < 6 || ncaps == 0)
            step_create();
        else if (r < 40)
            step_derive();
        else if (r < 62)
            step_transfer();
        else if (r < 74)
            step_revoke();
        else if (r < 88)
            step_delete();
        else if (r < 89 && live_domain_count() > 2)
            step_destroy_domain();
        /* keep the model small so comparing everything after every step stays cheap */
        if (ncaps > 300) {
            int i = pick_cap();
            if (caps[i].state == ALIVE && dom_alive[dom_index(caps[i].dom)]) {
                MUST(nk_cap_delete(caps[i].dom, caps[i].h));
                model_kill_subtree(i, DIED_DELETED);
            }
        }
        compare_all();
        if (t_failures != before)
            fprintf(stderr, "test_model: first disagreement at step %d\n", s);
    }
    for (int op = 0; op < OP_N; op++)
        printf("test_model: %-8s %lu ok, %lu rejected\n", op_names[op], op_ok[op], op_err[op]);
    MUST(nk_audit_verify(NULL));
    MUST(nk_shutdown());
    return t_done("test_model");
}
