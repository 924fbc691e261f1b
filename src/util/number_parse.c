/*
 * Decimal text -> double, correctly rounded (oasv_strtod, util/number.h).
 *
 * Most numbers take the Clinger fast path: at most 15 significant digits and a power of
 * ten a double holds exactly give one correctly rounded IEEE operation. The others start
 * from an estimate within a few units in the last place and step to the right double by
 * comparing the text's exact value with halfway points as big integers (Clinger's
 * AlgorithmR). Digits past the 768th only matter as "something non-zero follows": no
 * double or halfway point between doubles has more than 767 significant digits.
 */
#include "util/number.h"

#include "util/bigint.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define MAX_DIGITS 769

static const double exact_tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* The significant digits of the text: digit(k) for k in [first, last], the whole digit
 * sequence being int_part then frac_part. */
typedef struct digits {
    const char *int_part, *frac_part;
    int64_t int_len;
} digits;

static int digit_at(const digits *d, int64_t k)
{
    return (k < d->int_len ? d->int_part[k] : d->frac_part[k - d->int_len]) - '0';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static uint64_t bits_of(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return u;
}

static double double_of(uint64_t u)
{
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

#define INF_BITS 0x7FF0000000000000u

/* Compare D * 10^e10 with the halfway point above the positive finite double with bits u. */
static int compare_halfway(const oasv_bigint *D, int64_t e10, uint64_t u)
{
    uint64_t exp_field = u >> 52, m = u & ((UINT64_C(1) << 52) - 1);
    int64_t e2;
    if (exp_field == 0) e2 = -1074;
    else { m |= UINT64_C(1) << 52; e2 = (int64_t)exp_field - 1075; }
    /* halfway = (2m + 1) * 2^(e2 - 1) */
    oasv_bigint lhs = *D, rhs;
    oasv_bigint_set(&rhs, 2 * m + 1);
    int64_t k = e2 - 1;
    if (e10 >= 0) { oasv_bigint_mul_pow5(&lhs, (unsigned)e10); k -= e10; }
    else { oasv_bigint_mul_pow5(&rhs, (unsigned)-e10); k -= e10; } /* 10^n = 5^n * 2^n */
    if (k >= 0) oasv_bigint_shift_left(&rhs, (unsigned)k);
    else oasv_bigint_shift_left(&lhs, (unsigned)-k);
    return oasv_bigint_compare(&lhs, &rhs);
}

/* An estimate of w * 10^e within a few units in the last place (w > 0). */
static double estimate(uint64_t w, int64_t e)
{
    double v = (double)w;
    while (e > 22 && v < 1e300) { v *= 1e22; e -= 22; }
    if (e > 22) return 1.7976931348623157e308;
    if (e > 0) v *= exact_tens[e];
    while (e < -22) { v /= 1e22; e += 22; }
    if (e < 0) v /= exact_tens[-e];
    return v > 1.7976931348623157e308 ? 1.7976931348623157e308 : v;
}

/* The double nearest to the n significant digits of `d` from `first`, times 10^e10 (the
 * exponent of the last of them), its leading digit at 10^lead. */
static double slow_path(const digits *d, int64_t first, int64_t n, int64_t e10, int64_t lead)
{
    oasv_bigint D;
    oasv_bigint_set(&D, 0);
    int64_t take = n > MAX_DIGITS ? MAX_DIGITS - 1 : n;
    uint64_t w = 0;
    for (int64_t i = 0; i < take; i++) {
        int digit = digit_at(d, first + i);
        oasv_bigint_mul_add(&D, 10, (uint32_t)digit);
        if (i < 19) w = w * 10 + (uint64_t)digit;
    }
    if (n > take) { oasv_bigint_mul_add(&D, 10, 1); e10 = lead - (MAX_DIGITS - 1); } /* the sticky digit */
    uint64_t u = bits_of(estimate(w, lead - (take < 19 ? take : 19) + 1));
    for (;;) {
        int up = compare_halfway(&D, e10, u);
        if (up > 0) {
            if (++u == INF_BITS) return double_of(u);
            continue;
        }
        if (up == 0) return double_of((u & 1) ? u + 1 : u); /* ties to even; past DBL_MAX that is inf */
        if (u == 0) return 0; /* below the halfway point between 0 and the smallest subnormal */
        int down = compare_halfway(&D, e10, u - 1);
        if (down < 0) { u--; continue; }
        if (down == 0) return double_of((u & 1) ? u - 1 : u);
        return double_of(u);
    }
}

double oasv_strtod(const char *s, char **end)
{
    const char *p = s;
    while (*p == ' ' || (*p >= '\t' && *p <= '\r')) p++;
    bool negative = *p == '-';
    if (*p == '-' || *p == '+') p++;
    digits d = { p, NULL, 0 };
    while (is_digit(*p)) p++;
    d.int_len = p - d.int_part;
    int64_t frac_len = 0;
    d.frac_part = p;
    if (*p == '.') {
        d.frac_part = ++p;
        while (is_digit(*p)) p++;
        frac_len = p - d.frac_part;
    }
    if (d.int_len + frac_len == 0) {
        if (end) *end = (char *)s;
        return 0;
    }
    int64_t exp10 = 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        bool exp_negative = *q == '-';
        if (*q == '-' || *q == '+') q++;
        if (is_digit(*q)) {
            while (is_digit(*q)) {
                if (exp10 < 100000000) exp10 = exp10 * 10 + (*q - '0');
                q++;
            }
            if (exp_negative) exp10 = -exp10;
            p = q;
        }
    }
    if (end) *end = (char *)p;

    /* The significant digits: the first and last non-zero ones, and a fast-path value. */
    int64_t total = d.int_len + frac_len, first = -1, last = -1;
    uint64_t w = 0;
    for (int64_t k = 0; k < total; k++) {
        int digit = digit_at(&d, k);
        if (digit == 0) continue;
        if (first < 0) first = k;
        if (k - first < 19) {
            for (int64_t z = last < 0 ? 0 : k - last - 1; z > 0; z--) w *= 10; /* zeros in between */
            w = w * 10 + (uint64_t)digit;
        }
        last = k;
    }
    if (first < 0) return negative ? -0.0 : 0.0;
    int64_t n = last - first + 1;
    int64_t lead = d.int_len - 1 - first + exp10;  /* the leading digit's power of ten */
    int64_t e10 = d.int_len - 1 - last + exp10;    /* the last digit's */
    double v;
    if (lead > 309) v = INFINITY;
    else if (lead < -325) v = 0;
    else if (n <= 15 && e10 >= -22 && e10 <= 22) v = e10 >= 0 ? (double)w * exact_tens[e10] : (double)w / exact_tens[-e10];
    else v = slow_path(&d, first, n, e10, lead);
    return negative ? -v : v;
}
