#include "util/bigint.h"

#include <assert.h>
#include <string.h>

static void trim(oasv_bigint *b)
{
    while (b->len > 0 && b->limb[b->len - 1] == 0) b->len--;
}

void oasv_bigint_set(oasv_bigint *b, uint64_t v)
{
    b->limb[0] = (uint32_t)v;
    b->limb[1] = (uint32_t)(v >> 32);
    b->len = 2;
    trim(b);
}

void oasv_bigint_mul_add(oasv_bigint *b, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < b->len; i++) {
        uint64_t p = (uint64_t)b->limb[i] * m + carry;
        b->limb[i] = (uint32_t)p;
        carry = p >> 32;
    }
    if (carry) {
        assert(b->len < OASV_BIGINT_LIMBS);
        if (b->len < OASV_BIGINT_LIMBS) b->limb[b->len++] = (uint32_t)carry;
    }
}

void oasv_bigint_mul_pow5(oasv_bigint *b, unsigned n)
{
    for (; n >= 13; n -= 13) oasv_bigint_mul_add(b, 1220703125u, 0); /* 5^13, the largest that fits 32 bits */
    static const uint32_t small[13] = { 1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
                                        48828125, 244140625 };
    if (n) oasv_bigint_mul_add(b, small[n], 0);
}

void oasv_bigint_shift_left(oasv_bigint *b, unsigned bits)
{
    if (b->len == 0) return;
    unsigned words = bits / 32, rest = bits % 32;
    assert(b->len + (int)words + 1 <= OASV_BIGINT_LIMBS);
    if (b->len + (int)words + 1 > OASV_BIGINT_LIMBS) return;
    if (rest) {
        b->limb[b->len] = 0;
        for (int i = b->len; i > 0; i--) b->limb[i] = b->limb[i] << rest | b->limb[i - 1] >> (32 - rest);
        b->limb[0] <<= rest;
        b->len++;
    }
    if (words) {
        memmove(b->limb + words, b->limb, (size_t)b->len * sizeof b->limb[0]);
        memset(b->limb, 0, words * sizeof b->limb[0]);
        b->len += (int)words;
    }
    trim(b);
}

uint32_t oasv_bigint_div_small(oasv_bigint *b, uint32_t d)
{
    uint64_t rem = 0;
    for (int i = b->len - 1; i >= 0; i--) {
        uint64_t cur = rem << 32 | b->limb[i];
        b->limb[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    trim(b);
    return (uint32_t)rem;
}

int oasv_bigint_compare(const oasv_bigint *a, const oasv_bigint *b)
{
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    for (int i = a->len - 1; i >= 0; i--)
        if (a->limb[i] != b->limb[i]) return a->limb[i] < b->limb[i] ? -1 : 1;
    return 0;
}
