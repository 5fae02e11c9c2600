// SPDX-License-Identifier: Apache-2.0
/*
 * handle.c: minting capability handles (layout in kernel.h).
 *
 * The tag is SipHash-2-4 under the per-boot key of (domain, slot, generation, mint
 * counter). It is stored in the slot when minted, so checking a handle on the hot path is
 * a compare, not a hash. A handle copied into another domain names a slot whose tag was
 * minted for a different domain, and guessing a valid handle means guessing 32 key-
 * dependent bits (plus index and generation): a forgery succeeds with probability 2^-32
 * per attempt, and every failed attempt is audited.
 */
#include "internal.h"

nk_cap_t handle_mint(uint32_t domain, uint32_t index, uint32_t gen, uint32_t *tag_out)
{
    uint64_t msg[2] = {((uint64_t)domain << 32) | index, ((uint64_t)gen << 48) ^ k.mint++};
    uint32_t tag = (uint32_t)siphash24(k.key, msg, sizeof msg);
    *tag_out = tag;
    return handle_make(index, gen, tag);
}
