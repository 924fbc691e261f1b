/* num.c - exact comparisons of decimal numbers written as JSON text. */
#include "validate/schema/num.h"

#include "load/tree.h"

#include <math.h>
#include <string.h>

/* A decimal as significant digits d1 d2 … dn and an exponent: 0.d1…dn × 10^e. */
typedef struct dec {
    bool neg, zero;
    const char *ip, *fp; /* integer and fraction digits */
    size_t il, fl;
    size_t first, n;     /* index of the first significant digit in ip‖fp; how many up to the last non-zero */
    int64_t e;
} dec;

#define EXP_CAP 4000000000000000LL

bool sch_num_is_json(const char *s, size_t len) { return oasv_number_text_is_json(s, len); }

static char digit_at(const dec *x, size_t k)
{
    size_t i = x->first + k;
    return i < x->il ? x->ip[i] : x->fp[i - x->il];
}

static bool parse(const sch_num *a, dec *x)
{
    memset(x, 0, sizeof *x);
    if (!a->text || !sch_num_is_json(a->text, a->len)) return false;
    const char *s = a->text;
    size_t len = a->len, i = 0;
    if (s[0] == '-') { x->neg = true; i++; }
    x->ip = s + i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    x->il = (size_t)(s + i - x->ip);
    if (i < len && s[i] == '.') {
        x->fp = s + ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        x->fl = (size_t)(s + i - x->fp);
    }
    int64_t exp = 0;
    if (i < len) {
        i++; /* e */
        bool eneg = false;
        if (s[i] == '+' || s[i] == '-') eneg = s[i++] == '-';
        while (i < len) {
            if (exp < EXP_CAP) exp = exp * 10 + (s[i] - '0');
            i++;
        }
        if (eneg) exp = -exp;
    }
    size_t total = x->il + x->fl, f = 0;
    while (f < total && (f < x->il ? x->ip[f] : x->fp[f - x->il]) == '0') f++;
    if (f == total) { x->zero = true; x->neg = false; return true; }
    size_t l = total;
    while (l > f && (l - 1 < x->il ? x->ip[l - 1] : x->fp[l - 1 - x->il]) == '0') l--;
    x->first = f;
    x->n = l - f;
    x->e = (int64_t)x->il - (int64_t)f + exp;
    return true;
}

static int cmp_abs(const dec *a, const dec *b)
{
    if (a->e != b->e) return a->e < b->e ? -1 : 1;
    size_t n = a->n > b->n ? a->n : b->n;
    for (size_t k = 0; k < n; k++) {
        char da = k < a->n ? digit_at(a, k) : '0', db = k < b->n ? digit_at(b, k) : '0';
        if (da != db) return da < db ? -1 : 1;
    }
    return 0;
}

int sch_num_cmp(const sch_num *a, const sch_num *b)
{
    /* Rounding to double is monotonic: different doubles order their decimals. */
    if (a->d < b->d) return -1;
    if (a->d > b->d) return 1;
    dec x, y;
    if (!parse(a, &x) || !parse(b, &y)) return 0;
    if (x.zero || y.zero) {
        if (x.zero && y.zero) return 0;
        if (x.zero) return y.neg ? 1 : -1;
        return x.neg ? -1 : 1;
    }
    if (x.neg != y.neg) return x.neg ? -1 : 1;
    int c = cmp_abs(&x, &y);
    return x.neg ? -c : c;
}

bool sch_num_is_integer(const sch_num *a)
{
    dec x;
    if (!parse(a, &x)) return isfinite(a->d) && floor(a->d) == a->d;
    return x.zero || (x.e > 0 && (int64_t)x.n <= x.e);
}

static uint64_t addmod(uint64_t a, uint64_t b, uint64_t m)
{
    return a >= m - b ? a - (m - b) : a + b;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    if (m <= UINT32_MAX) return (a % m) * (b % m) % m; /* the product fits 64 bits: no bit-by-bit loop */
    uint64_t r = 0;
    a %= m;
    while (b) {
        if (b & 1) r = addmod(r, a, m);
        a = addmod(a, a, m);
        b >>= 1;
    }
    return r;
}

bool sch_num_multiple_of(const sch_num *a, const sch_num *b)
{
    dec x, y;
    if (!parse(a, &x) || !parse(b, &y) || y.zero || y.n > 18) {
        if (b->d == 0 || !isfinite(a->d)) return false;
        double q = a->d / b->d;
        return isfinite(q) && floor(q) == q;
    }
    if (x.zero) return true;
    /* a = A × 10^ea and b = B × 10^eb with A and B free of trailing zeros. */
    int64_t ea = x.e - (int64_t)x.n, eb = y.e - (int64_t)y.n;
    if (ea < eb) return false; /* A would need eb-ea trailing zeros */
    uint64_t m = 0;
    for (size_t k = 0; k < y.n; k++) m = m * 10 + (uint64_t)(digit_at(&y, k) - '0');
    if (m == 1) return true;
    uint64_t r = 0;
    for (size_t k = 0; k < x.n; k++) r = (r * 10 + (uint64_t)(digit_at(&x, k) - '0')) % m;
    /* r × 10^(ea-eb) mod m */
    uint64_t p = 1, base = 10 % m;
    uint64_t k = (uint64_t)(ea - eb);
    while (k) {
        if (k & 1) p = mulmod(p, base, m);
        base = mulmod(base, base, m);
        k >>= 1;
    }
    return mulmod(r, p, m) == 0;
}

bool sch_num_to_count(const sch_num *a, uint64_t *out)
{
    if (!sch_num_is_integer(a) || a->d < 0) return false;
    *out = a->d >= 1.8e19 ? UINT64_MAX : (uint64_t)a->d;
    return true;
}
