// SPDX-License-Identifier: Apache-2.0
/*
 * cdt.c: the capability derivation tree (after seL4's CDT, here as explicit links).
 *
 * Every capability but an object's first has a parent: the capability it was derived or
 * transferred from, in any domain. Children form a doubly linked sibling list, so
 * unlinking is O(1) and revoke visits each descendant a bounded number of times: time
 * proportional to the subtree, whatever the domains involved. All under k.wlock.
 */
#include "internal.h"

void cdt_link(struct nk_slot *parent, struct nk_slot *child)
{
    child->parent = parent;
    child->prev_sib = NULL;
    child->next_sib = NULL;
    if (parent == NULL)
        return;
    child->next_sib = parent->first_child;
    if (parent->first_child != NULL)
        parent->first_child->prev_sib = child;
    parent->first_child = child;
}

void cdt_unlink(struct nk_slot *s)
{
    if (s->prev_sib != NULL)
        s->prev_sib->next_sib = s->next_sib;
    else if (s->parent != NULL)
        s->parent->first_child = s->next_sib;
    if (s->next_sib != NULL)
        s->next_sib->prev_sib = s->prev_sib;
    s->parent = s->prev_sib = s->next_sib = NULL;
}

/*
 * Post-order deletion without recursion: descend to a leaf, free it, continue from its
 * parent. Each node is descended into once and freed once.
 */
uint32_t cdt_revoke(struct nk_slot *root)
{
    uint32_t n = 0;
    struct nk_slot *cur = root->first_child;
    while (cur != NULL) {
        while (cur->first_child != NULL)
            cur = cur->first_child;
        struct nk_slot *p = cur->parent;
        cap_free_slot(cur, 1);
        n++;
        cur = p == root ? root->first_child : (p->first_child != NULL ? p->first_child : p);
    }
    return n;
}

uint32_t cdt_delete(struct nk_slot *s)
{
    uint32_t n = cdt_revoke(s);
    cap_free_slot(s, 0);
    return n + 1;
}
