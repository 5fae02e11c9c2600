// SPDX-License-Identifier: Apache-2.0
/*
 * siphash.c: SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012),
 * used to mint capability handle tags and region canaries under the per-boot key.
 * Written from the paper's description: 2 compression rounds per 8-byte word,
 * 4 finalisation rounds, length in the top byte of the last word.
 */
#include <string.h>

#include "internal.h"

static inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

#define SIPROUND                                                                                   \
    do {                                                                                           \
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);                                  \
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                                                     \
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                                                     \
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);                                  \
    } while (0)

static inline uint64_t load_le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

uint64_t siphash24(const uint64_t key[2], const void *msg, size_t len)
{
    const uint8_t *m = msg;
    /* SipHash paper §2: initialisation constants ("somepseudorandomlygeneratedbytes"). */
    uint64_t v0 = 0x736f6d6570736575ull ^ key[0];
    uint64_t v1 = 0x646f72616e646f6dull ^ key[1];
    uint64_t v2 = 0x6c7967656e657261ull ^ key[0];
    uint64_t v3 = 0x7465646279746573ull ^ key[1];
    size_t full = len & ~(size_t)7;
    for (size_t i = 0; i < full; i += 8) {
        uint64_t w = load_le64(m + i);
        v3 ^= w;
        SIPROUND;
        SIPROUND;
        v0 ^= w;
    }
    uint8_t last[8] = {0};
    memcpy(last, m + full, len - full);
    uint64_t b = load_le64(last) | ((uint64_t)(len & 0xff) << 56);
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}
