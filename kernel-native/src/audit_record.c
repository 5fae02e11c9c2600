// SPDX-License-Identifier: Apache-2.0
/*
 * audit_record.c: emitting and checking audit records (format in audit_record.h).
 * The hash is SHA-256 through OpenSSL's EVP interface (FIPS 180-4).
 */
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "audit_record.h"

static const char *op_name(uint32_t op)
{
    switch (op) {
#define NK_AUDIT_OP(name, value, text) case value: return text;
#include "nonos/nk_abi.def"
    default:
        return "op.unknown";
    }
}

static uint32_t op_code(const char *name, size_t len)
{
#define NK_AUDIT_OP(nm, value, text) if (len == sizeof(text) - 1 && memcmp(name, text, len) == 0) return value;
#include "nonos/nk_abi.def"
    return 0;
}

static const char *status_name(int status)
{
    switch (status < 0 ? -status : status) {
#define NK_ERROR(name, value, text) case value: return #name;
#include "nonos/nk_abi.def"
    default:
        return "E_UNKNOWN";
    }
}

void audit_hex(const uint8_t *bytes, size_t n, char *hex_out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        hex_out[2 * i] = digits[bytes[i] >> 4];
        hex_out[2 * i + 1] = digits[bytes[i] & 15];
    }
    hex_out[2 * n] = '\0';
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1; /* upper case is not canonical, so not accepted */
}

int audit_unhex(const char *hex, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(hex[2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* OpenSSL 3 looks the algorithm up on every EVP_sha256() init unless it is fetched once. */
static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void sha256_fetch(void) { sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL); }

static void chain_hash(const uint8_t prev[32], const char *body, size_t len, uint8_t out[32])
{
    pthread_once(&sha256_once, sha256_fetch);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned int n = 0;
    /* A failing digest leaves out as all 0xff, which never matches a real chain: fail closed. */
    memset(out, 0xff, 32);
    if (ctx != NULL && sha256_md != NULL && EVP_DigestInit_ex(ctx, sha256_md, NULL) == 1 &&
        EVP_DigestUpdate(ctx, prev, 32) == 1 && EVP_DigestUpdate(ctx, body, len) == 1)
        EVP_DigestFinal_ex(ctx, out, &n);
    EVP_MD_CTX_free(ctx);
}

size_t audit_record_emit(struct nk_chain *c, uint64_t time_ms, uint32_t domain, uint32_t op,
                         uint64_t object, int result, const char *text, char *line)
{
    int n = snprintf(line, NK_AUDIT_LINE_MAX, "%llu %llu %u %s %016llx %s :",
                     (unsigned long long)(c->seq + 1), (unsigned long long)time_ms, domain, op_name(op),
                     (unsigned long long)object, result == 0 ? "OK" : status_name(result));
    size_t len = (size_t)n;
    static const char digits[] = "0123456789ABCDEF";
    for (size_t i = 0; text != NULL && text[i] != '\0' && i < NK_EVENT_MAX; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch < 0x21 || ch > 0x7e || ch == '%') {
            line[len++] = '%';
            line[len++] = digits[ch >> 4];
            line[len++] = digits[ch & 15];
        } else {
            line[len++] = (char)ch;
        }
    }
    uint8_t h[32];
    chain_hash(c->hash, line, len, h);
    line[len++] = ' ';
    audit_hex(h, 32, line + len);
    len += 64;
    line[len++] = '\n';
    line[len] = '\0';
    c->seq++;
    memcpy(c->hash, h, 32);
    c->last_op = op;
    return len;
}

uint64_t audit_record_seq(const char *line, size_t len)
{
    uint64_t seq = 0;
    size_t i = 0;
    for (; i < len && line[i] >= '0' && line[i] <= '9' && i < 20; i++)
        seq = seq * 10 + (uint64_t)(line[i] - '0');
    return (i > 0 && i < len && line[i] == ' ') ? seq : 0;
}

int audit_record_check(struct nk_chain *c, const char *line, size_t len)
{
    /* body, ' ', 64 hex digits */
    if (len < 66 || line[len - 65] != ' ')
        return -NK_E_AUDIT;
    size_t body = len - 65;
    uint8_t want[32], got[32];
    if (audit_unhex(line + body + 1, want, 32) != 0)
        return -NK_E_AUDIT;
    if (audit_record_seq(line, body) != c->seq + 1)
        return -NK_E_AUDIT; /* a record deleted, duplicated or moved */
    chain_hash(c->hash, line, body, got);
    if (memcmp(got, want, 32) != 0)
        return -NK_E_AUDIT;
    /* the op name is the fourth field */
    const char *p = line;
    const char *end = line + body;
    for (int f = 0; f < 3 && p < end; f++) {
        p = memchr(p, ' ', (size_t)(end - p));
        p = p == NULL ? end : p + 1;
    }
    const char *q = p < end ? memchr(p, ' ', (size_t)(end - p)) : NULL;
    c->last_op = q != NULL ? op_code(p, (size_t)(q - p)) : 0;
    c->seq++;
    memcpy(c->hash, got, 32);
    return 0;
}
