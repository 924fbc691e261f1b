/*
 * bigint.h - fixed-size unsigned big integers, just enough for exact decimal <-> double
 * conversion (src/util/number_parse.c, number_print.c): no long double, no allocation.
 *
 * 4,096 bits hold the largest operand those need (a 769-digit significand times 2^1076,
 * or a 55-bit halfway point times 10^1094, about 3,700 bits); callers keep within it.
 */
#ifndef OASV_UTIL_BIGINT_H
#define OASV_UTIL_BIGINT_H

#include <stdint.h>

#define OASV_BIGINT_LIMBS 128

typedef struct oasv_bigint {
    uint32_t limb[OASV_BIGINT_LIMBS]; /* least significant first */
    int len;                          /* limbs in use; 0 is the number zero */
} oasv_bigint;

void oasv_bigint_set(oasv_bigint *b, uint64_t v);
/** b = b * m + add */
void oasv_bigint_mul_add(oasv_bigint *b, uint32_t m, uint32_t add);
void oasv_bigint_mul_pow5(oasv_bigint *b, unsigned n);
void oasv_bigint_shift_left(oasv_bigint *b, unsigned bits);
/** b = b / d; returns the remainder. */
uint32_t oasv_bigint_div_small(oasv_bigint *b, uint32_t d);
/** -1, 0 or 1 as a < b, a == b, a > b. */
int oasv_bigint_compare(const oasv_bigint *a, const oasv_bigint *b);

#endif
