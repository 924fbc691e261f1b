/*
 * double -> decimal text as printf's %e, %f and %g (oasv_format_double, util/number.h).
 *
 * A finite double is m * 2^e, whose decimal expansion is finite: m * 2^e when e >= 0,
 * else m * 5^-e / 10^-e. Its exact digits (at most 767 significant) come from a big
 * integer, then round half to even at the requested place, as glibc and musl do.
 */
#include "util/number.h"

#include "util/bigint.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define MAX_EXACT_DIGITS 800

/* The exact significant digits of finite v > 0, trailing zeros removed: v = 0.DIGITS * 10^*point. */
static int exact_digits(double v, char *out, int *point)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    int exp_field = (int)(u >> 52 & 0x7FF);
    uint64_t m = u & ((UINT64_C(1) << 52) - 1);
    int e2 = exp_field ? exp_field - 1075 : -1074;
    if (exp_field) m |= UINT64_C(1) << 52;
    oasv_bigint n;
    oasv_bigint_set(&n, m);
    int scale = 0; /* v = n / 10^scale */
    if (e2 >= 0) oasv_bigint_shift_left(&n, (unsigned)e2);
    else { oasv_bigint_mul_pow5(&n, (unsigned)-e2); scale = -e2; }
    /* Nine digits at a time, least significant first, into the end of `out`. */
    char rev[MAX_EXACT_DIGITS + 9];
    int len = 0;
    while (n.len > 0) {
        uint32_t chunk = oasv_bigint_div_small(&n, 1000000000u);
        for (int i = 0; i < 9; i++) { rev[len++] = (char)('0' + chunk % 10); chunk /= 10; }
    }
    while (len > 0 && rev[len - 1] == '0') len--; /* leading zeros of the top chunk */
    int low = 0;
    while (rev[low] == '0') low++; /* trailing zeros */
    for (int i = len - 1, j = 0; i >= low; i--, j++) out[j] = rev[i];
    *point = len - scale;
    return len - low;
}

/* Keep the first `keep` of `n` digits, rounding half to even; returns the new count
 * (0 for a value that rounds to zero, 1 with *point raised when rounding carries out). */
static int round_digits(char *d, int n, int keep, int *point)
{
    if (keep >= n) return n;
    if (keep < 0) return 0;
    bool up = d[keep] > '5' || (d[keep] == '5' && (n > keep + 1 || (keep > 0 && (d[keep - 1] - '0') % 2 == 1)));
    if (!up) {
        while (keep > 0 && d[keep - 1] == '0') keep--;
        return keep;
    }
    int i = keep - 1;
    while (i >= 0 && d[i] == '9') i--;
    if (i < 0) { d[0] = '1'; (*point)++; return 1; }
    d[i]++;
    return i + 1;
}

static char *put_exponent(char *o, int x)
{
    *o++ = 'e';
    *o++ = x < 0 ? '-' : '+';
    if (x < 0) x = -x;
    if (x >= 100) *o++ = (char)('0' + x / 100);
    *o++ = (char)('0' + x / 10 % 10);
    *o++ = (char)('0' + x % 10);
    return o;
}

/* d[0..n) at 10^point as fixed notation with `frac` digits after the point. */
static char *put_fixed(char *o, const char *d, int n, int point, int frac)
{
    if (point <= 0) *o++ = '0';
    for (int i = 0; i < point; i++) *o++ = i < n ? d[i] : '0';
    if (frac > 0) *o++ = '.';
    for (int i = 0; i < frac; i++) {
        int k = point + i;
        *o++ = k >= 0 && k < n ? d[k] : '0';
    }
    return o;
}

/* d[0..n) at 10^point as d.ddd e+XX with `frac` digits after the point. */
static char *put_scientific(char *o, const char *d, int n, int point, int frac)
{
    *o++ = n > 0 ? d[0] : '0';
    if (frac > 0) *o++ = '.';
    for (int i = 1; i <= frac; i++) *o++ = i < n ? d[i] : '0';
    return put_exponent(o, n > 0 ? point - 1 : 0);
}

size_t oasv_format_double(char *out, double v, char conversion, int precision)
{
    assert(precision >= 0 && precision <= OASV_FORMAT_DOUBLE_MAX_PRECISION);
    if (precision > OASV_FORMAT_DOUBLE_MAX_PRECISION) precision = OASV_FORMAT_DOUBLE_MAX_PRECISION;
    char *o = out;
    if (signbit(v)) { *o++ = '-'; v = -v; }
    if (isnan(v) || isinf(v)) {
        memcpy(o, isnan(v) ? "nan" : "inf", 3);
        o[3] = '\0';
        return (size_t)(o + 3 - out);
    }
    char d[MAX_EXACT_DIGITS];
    int point = 0;
    int n = v == 0 ? 0 : exact_digits(v, d, &point);
    if (n == 0) point = 1; /* zero prints as 0 */
    if (conversion == 'f') {
        n = round_digits(d, n, point + precision, &point);
        if (n == 0) point = 1;
        o = put_fixed(o, d, n, point, precision);
    } else if (conversion == 'e') {
        n = round_digits(d, n, precision + 1, &point);
        o = put_scientific(o, d, n, point, precision);
    } else { /* 'g': P significant digits, fixed when -4 <= exponent < P; no trailing zeros */
        int p = precision ? precision : 1;
        n = round_digits(d, n, p, &point);
        int x = n > 0 ? point - 1 : 0;
        if (x >= -4 && x < p) o = put_fixed(o, d, n, n > 0 ? point : 1, n > point ? n - point : 0);
        else o = put_scientific(o, d, n, point, n > 1 ? n - 1 : 0);
    }
    *o = '\0';
    return (size_t)(o - out);
}
