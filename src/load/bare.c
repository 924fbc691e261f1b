/*
 * bare.c - JSON text to a bare cJSON tree, in place (see bare.h).
 *
 * One pass, no recursion: open containers are a stack of nodes. The grammar
 * is RFC 8259's, as strict as load/json.c (whose messages the loader gives
 * when this reader says no). Text beyond the end is never read: text[len] is
 * a NUL, and a NUL stops every scanning loop.
 */
#include "load/bare.h"

#include "util/mem.h"
#include "util/number.h"

#include <stdlib.h>
#include <string.h>

/* MARK: - Arena */

struct oasv_bare_chunk {
    oasv_bare_chunk *next;
    size_t size;
    double data[]; /* aligned for cJSON nodes */
};

void *oasv_bare_alloc(oasv_bare *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if ((size_t)(a->end - a->next) < size) {
        size_t grow = a->head ? a->head->size * 2 : OASV_BARE_FIRST_CHUNK;
        if (grow > (64u << 20)) grow = 64u << 20;
        if (grow < size) grow = size;
        oasv_bare_chunk *c = oasv_malloc(sizeof *c + grow);
        if (!c) { a->oom = true; return NULL; }
        c->next = a->head;
        c->size = grow;
        a->only = a->head ? NULL : (char *)c->data;
        a->head = c;
        a->next = (char *)c->data;
        a->end = a->next + grow;
    }
    void *p = a->next;
    a->next += size;
    return p;
}

/* oasv_bare_reset() for every other case: free the chunks but the one kept. */
void oasv_bare_reset_chunks(oasv_bare *a, size_t keep)
{
    oasv_bare_chunk *kept = NULL;
    for (oasv_bare_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        if (c->size <= keep && (!kept || c->size > kept->size)) {
            if (kept) oasv_free(kept);
            kept = c;
        } else {
            oasv_free(c);
        }
    }
    a->head = kept;
    a->oom = false;
    if (kept) {
        kept->next = NULL;
        a->next = a->only = (char *)kept->data;
        a->end = a->next + kept->size;
    } else {
        a->next = a->end = a->only = NULL;
    }
}

void oasv_bare_free(oasv_bare *a) { oasv_bare_reset_chunks(a, 0); }

/* MARK: - Scalars */

/* Bytes that end the plain run of a string: quote, backslash, controls, non-ASCII. */
static const uint8_t string_stop[256] = {
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
};

/* SWAR: whether any byte of a 64-bit word is zero, or below n (n <= 128). */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
#define HAS_ZERO(v) (((v) - ONES) & ~(v) & HIGHS)
#define HAS_LESS(v, n) (((v) - ONES * (n)) & ~(v) & HIGHS)

/*
 * The bytes at p[0..8) that are not plain string bytes (a quote, backslash,
 * control or non-ASCII byte), as high bits; 0 when all are plain. The lowest
 * bit set is exact (the tests may also flag bytes above a flagged one).
 */
static uint64_t stops8(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return HAS_ZERO(w ^ (ONES * '"')) | HAS_ZERO(w ^ (ONES * '\\')) | HAS_LESS(w, 0x20) | (w & HIGHS);
}

static int hex(uint8_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static long hex4(const uint8_t *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex(p[i]); /* a NUL (the end) is not a digit: never reads past it */
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Length of the well-formed UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static size_t utf8_sequence(const uint8_t *p)
{
    uint8_t c = p[0], lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) { n = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) { n = 3; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) { n = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) { n = 4; hi = 0x8F; }
    else return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (size_t k = 2; k < n; k++)
        if ((p[k] & 0xC0) != 0x80) return 0;
    return n;
}

static uint8_t *put_utf8(uint8_t *w, unsigned long u)
{
    if (u < 0x80) { *w++ = (uint8_t)u; }
    else if (u < 0x800) { *w++ = (uint8_t)(0xC0 | (u >> 6)); *w++ = (uint8_t)(0x80 | (u & 0x3F)); }
    else if (u < 0x10000) {
        *w++ = (uint8_t)(0xE0 | (u >> 12));
        *w++ = (uint8_t)(0x80 | ((u >> 6) & 0x3F));
        *w++ = (uint8_t)(0x80 | (u & 0x3F));
    } else {
        *w++ = (uint8_t)(0xF0 | (u >> 18));
        *w++ = (uint8_t)(0x80 | ((u >> 12) & 0x3F));
        *w++ = (uint8_t)(0x80 | ((u >> 6) & 0x3F));
        *w++ = (uint8_t)(0x80 | (u & 0x3F));
    }
    return w;
}

/*
 * The string whose opening quote is at *pp: unescaped in place and
 * NUL-terminated. Sets *len and *nul (it holds U+0000); leaves *pp past the
 * closing quote. NULL when it is not a well-formed JSON string.
 */
#if defined(__GNUC__)
__attribute__((always_inline)) /* two calls, in the reader's loop: no frame per string (keys are short) */
#endif
static inline char *string(uint8_t **pp, const uint8_t *end, size_t *len, bool *nul)
{
    uint8_t *start = *pp + 1, *r = start, *w;
    *nul = false;
    for (;;) { /* the common case: no escapes; 8 bytes at a time while they stay inside the text */
        while (end - r >= 8) {
            uint64_t stops = stops8(r);
            if (!stops) { r += 8; continue; }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            r += __builtin_ctzll(stops) / 8; /* the first stop byte */
#endif
            break;
        }
        while (!string_stop[*r]) r++;
        if (*r == '"') {
            *r = '\0';
            *len = (size_t)(r - start);
            *pp = r + 1;
            return (char *)start;
        }
        if (*r < 0x80) break;
        size_t n = utf8_sequence(r);
        if (!n) return NULL;
        r += n;
    }
    w = r;
    for (;;) {
        uint8_t c = *r;
        if (c == '"') break;
        if (c < 0x20) return NULL; /* a control character, or the end */
        if (c >= 0x80) {
            size_t n = utf8_sequence(r);
            if (!n) return NULL;
            memmove(w, r, n);
            w += n, r += n;
            continue;
        }
        if (c != '\\') { *w++ = c; r++; continue; }
        uint8_t e = r[1];
        r += 2;
        switch (e) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            long u = hex4(r);
            if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF)) return NULL;
            r += 4;
            if (u >= 0xD800 && u <= 0xDBFF) {
                long low = r[0] == '\\' && r[1] == 'u' ? hex4(r + 2) : -1;
                if (low < 0xDC00 || low > 0xDFFF) return NULL;
                r += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
            }
            if (u == 0) *nul = true;
            w = put_utf8(w, (unsigned long)u);
            break;
        }
        default: return NULL;
        }
    }
    *w = '\0';
    *len = (size_t)(w - start);
    *pp = r + 1;
    return (char *)start;
}

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Powers of ten that doubles hold exactly. */
static const double exact_tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* oasv_strtod on a NUL-terminated copy. */
static double slow_number(oasv_bare *a, const uint8_t *s, size_t len, bool *ok)
{
    char small[64];
    char *copy = len < sizeof small ? small : oasv_bare_alloc(a, len + 1);
    if (!copy) { *ok = false; return 0; }
    memcpy(copy, s, len);
    copy[len] = '\0';
    return oasv_strtod(copy, NULL);
}

/*
 * A number at *pp per RFC 8259. Small decimals (at most 15 digits, a power
 * of ten that a double holds exactly) are computed here, correctly rounded;
 * the others go through oasv_strtod.
 */
static bool number(oasv_bare *a, uint8_t **pp, double *value, bool *integer)
{
    const uint8_t *s = *pp, *p = s;
    bool neg = *p == '-';
    if (neg) p++;
    if (!is_digit(*p)) return false;
    uint64_t mant = 0;
    int digits = 0, scale = 0;
    if (*p == '0') {
        p++;
        if (is_digit(*p)) return false; /* a leading zero */
    } else {
        for (; is_digit(*p); p++) {
            if (digits < 19) mant = mant * 10 + (uint64_t)(*p - '0');
            digits++;
        }
    }
    *integer = *p != '.' && *p != 'e' && *p != 'E'; /* plain digits: what follows them is neither */
    if (*p == '.') {
        p++;
        if (!is_digit(*p)) return false;
        for (; is_digit(*p); p++) {
            if (mant == 0 && *p == '0') { scale--; continue; } /* leading zeros of 0.00x are not significant */
            if (digits < 19) mant = mant * 10 + (uint64_t)(*p - '0');
            digits++;
            scale--;
        }
    }
    long exp = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        bool eneg = false;
        if (*p == '+' || *p == '-') eneg = *p++ == '-';
        if (!is_digit(*p)) return false;
        for (; is_digit(*p); p++)
            if (exp < 100000) exp = exp * 10 + (*p - '0');
        if (eneg) exp = -exp;
    }
    *pp = (uint8_t *)p;
    long e10 = (long)scale + exp;
    if (e10 == 0 && digits <= 19) { /* an integer that uint64 holds: one correctly rounded conversion */
        double d = (double)mant;
        *value = neg ? -d : d;
        return true;
    }
    if (digits <= 15 && e10 >= -22 && e10 <= 22) {
        double d = (double)mant; /* exact: mant < 10^15 < 2^53 */
        d = e10 < 0 ? d / exact_tens[-e10] : d * exact_tens[e10];
        *value = neg ? -d : d;
        return true;
    }
    bool ok = true;
    *value = slow_number(a, s, (size_t)(p - s), &ok);
    return ok;
}

/* MARK: - Tree */

static cJSON *new_node(oasv_bare *a, int type)
{
    oasv_bare_node *b = oasv_bare_alloc(a, sizeof *b);
    if (!b) return NULL;
    memset(b, 0, sizeof *b);
    b->node.type = type;
    return &b->node;
}

/* Append as the last child; cJSON keeps the last child in child->prev. */
static void append(cJSON *parent, cJSON *n)
{
    cJSON *first = parent->child;
    if (!first) {
        parent->child = n;
        n->prev = n;
        return;
    }
    cJSON *last = first->prev;
    last->next = n;
    n->prev = last;
    first->prev = n;
}

/* Byte by byte, so that a NUL (the end) stops the comparison. */
static bool literal(const uint8_t *p, const char *word)
{
    for (; *word; p++, word++)
        if (*p != (uint8_t)*word) return false;
    return true;
}

static const uint8_t is_ws[256] = { [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1 };

/*
 * Indentation comes in runs of spaces: 8 bytes at a time while they stay
 * inside the text, and the run's end found in the last word by counting its
 * trailing space bytes (little-endian: the first byte is the lowest).
 */
static uint8_t *skip_ws(uint8_t *p, const uint8_t *end)
{
    if (!is_ws[*p]) return p;
    p++;
    for (;;) {
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            uint64_t other = w ^ (ONES * ' '); /* non-zero bytes: not a space */
            if (!other) { p += 8; continue; }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            p += __builtin_ctzll(other) / 8;
#endif
            break;
        }
        if (!is_ws[*p]) return p;
        p++;
    }
}

cJSON *oasv_bare_parse(oasv_bare *a, char *text, size_t len, uint32_t max_depth)
{
    uint8_t *p = (uint8_t *)text, *end = p + len;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return NULL; /* a BOM: the loader warns */
    if (max_depth == 0 || max_depth > 1u << 20) return NULL;
    /* open containers; the first levels on the C stack */
    cJSON *small[64], **stack = small;
    uint32_t depth = 0, cap = 64;
    cJSON *root = NULL;
    char *key = NULL;
    uint32_t key_len = 0, key_hash = 0;
    p = skip_ws(p, end);
    for (;;) {
        /* A value at p. */
        cJSON *n;
        uint8_t c = *p;
        if (c == '{' || c == '[') {
            if (depth >= max_depth) return NULL;
            if (depth == cap) {
                cap = cap * 2 < max_depth ? cap * 2 : max_depth;
                cJSON **grown = oasv_bare_alloc(a, (size_t)cap * sizeof *grown);
                if (!grown) return NULL;
                memcpy(grown, stack, depth * sizeof *grown);
                stack = grown;
            }
            if (!(n = new_node(a, c == '{' ? cJSON_Object : cJSON_Array))) return NULL;
            p++;
        } else if (c == '"') {
            size_t slen;
            bool nul;
            char *s = string(&p, end, &slen, &nul);
            if (!s || !(n = new_node(a, cJSON_String))) return NULL;
            n->valuestring = s;
            if (nul) {
                n->type |= OASV_STRING_HAS_NUL;
                n->valuedouble = (double)slen;
            }
        } else if (c == '-' || is_digit(c)) {
            uint8_t *s = p;
            double d;
            bool integer;
            if (!number(a, &p, &d, &integer) || (size_t)(p - s) > INT32_MAX ||
                !(n = new_node(a, cJSON_Number | OASV_BARE_NUMBER | (integer ? OASV_BARE_INTEGER : 0))))
                return NULL;
            n->valuedouble = d;
            n->valuestring = (char *)s;
            n->valueint = (int)(p - s);
        } else if (c == 't' && literal(p, "true")) {
            if (!(n = new_node(a, cJSON_True))) return NULL;
            p += 4;
        } else if (c == 'f' && literal(p, "false")) {
            if (!(n = new_node(a, cJSON_False))) return NULL;
            p += 5;
        } else if (c == 'n' && literal(p, "null")) {
            if (!(n = new_node(a, cJSON_NULL))) return NULL;
            p += 4;
        } else {
            return NULL;
        }
        if (key) {
            n->string = key;
            ((oasv_bare_node *)n)->key_len = key_len;
            ((oasv_bare_node *)n)->key_hash = key_hash;
            key = NULL;
        }
        if (depth) append(stack[depth - 1], n);
        else root = n;

        if (c == '{' || c == '[') {
            stack[depth++] = n;
            p = skip_ws(p, end);
            if (*p == (c == '{' ? '}' : ']')) { p++; depth--; }
            else goto member;
        }
        /* What follows a value: closing brackets, then a comma or the end. */
        for (;;) {
            p = skip_ws(p, end);
            if (depth == 0) return p == end ? root : NULL;
            cJSON *open = stack[depth - 1];
            if (*p == ',') {
                p = skip_ws(p + 1, end);
                break;
            }
            if (*p != (open->type == cJSON_Object ? '}' : ']')) return NULL;
            p++;
            depth--;
        }
    member:
        if (stack[depth - 1]->type == cJSON_Object) {
            if (*p != '"') return NULL;
            size_t klen;
            bool nul;
            key = string(&p, end, &klen, &nul);
            if (!key || nul || klen > UINT32_MAX) return NULL; /* U+0000 in a member name: the loader refuses it */
            key_len = (uint32_t)klen;
            key_hash = oasv_key_hash(key, klen);
            p = skip_ws(p, end);
            if (*p != ':') return NULL;
            p = skip_ws(p + 1, end);
        }
    }
}
