/*
 * regex_ecma.c - ECMA-262 (2024) regular expressions with the `u` flag, our own,
 * for `pattern`, `patternProperties` and format "regex", natively and in wasm.
 *
 * Pattern text (UTF-8) is parsed into a small tree, checked as the spec's
 * early errors require under the `u` flag, and compiled to a program for a
 * backtracking matcher that works on the code points of the UTF-8 subject:
 *   - an explicit backtrack stack (alternatives, register restores,
 *     lookaround barriers, one entry per simple repetition), never C recursion
 *     on the subject; the parser and compiler recurse once per group nesting
 *     level, at most RX_MAX_DEPTH;
 *   - every step (instruction or backtrack) counts against a budget, so a
 *     catastrophically backtracking pattern returns OASV_REGEX_LIMIT;
 *   - quantifiers follow RepeatMatcher: captures inside are reset at each
 *     iteration, and an iteration past the minimum that matches empty fails;
 *   - lookbehind is compiled to match backwards (terms right to left),
 *     lookarounds are atomic and a negative one leaves its captures unset;
 *   - \p{…} uses the tables generated from Node's RegExp (regex_unicode.h).
 * The search is unanchored, as RegExp.prototype.test without the `y` flag.
 */
#include "validate/schema/regex.h"

#include "validate/schema/regex_unicode.h"
#include "util/mem.h"
#include "util/format.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* MARK: - Limits */

#define RX_MAX_PATTERN 65536u   /* bytes of pattern text */
#define RX_MAX_DEPTH 64u        /* nesting of groups: the parser and the compiler recurse once per level */
#define RX_MAX_NODES 65536u     /* tree nodes */
#define RX_MAX_CODE (1u << 20)  /* program words */
#define RX_MAX_GROUPS 32767u    /* capturing groups */
#define RX_MAX_STACK (1u << 21) /* backtrack entries (16 bytes each) */
#define RX_INF UINT32_MAX       /* no upper bound on a quantifier */
#define RX_NONE UINT32_MAX

/* MARK: - Compiled form */

typedef struct rx_range { uint32_t lo, hi; } rx_range;

typedef struct rx_class {
    uint32_t ascii[4]; /* members below U+0080 */
    uint32_t off, n;   /* its ranges in oasv_regex.ranges (all of them, sorted, disjoint) */
} rx_class;

enum {
    OP_MATCH, OP_CHAR, OP_CHAR_B, OP_CLASS, OP_CLASS_B, OP_JMP, OP_SPLIT, OP_SAVE,
    OP_BOL, OP_EOL, OP_WORDB, OP_NWORDB, OP_BACKREF, OP_BACKREF_B,
    OP_LOOK, OP_LOOK_END, OP_REP_INIT, OP_REP_HEAD, OP_REP_ENTER, OP_REP_TAIL, OP_SREP
};
/* Operands (words after the opcode):
 *   CHAR cp | CLASS k | JMP to | SPLIT first second | SAVE slot | BACKREF group
 *   LOOK flags reg cont (body follows, ends in LOOK_END reg) | REP_INIT r
 *   REP_HEAD r min max greedy exit | REP_ENTER r cap_lo cap_hi | REP_TAIL r min head check
 *   SREP min max greedy op arg (op: CHAR, CHAR_B, CLASS or CLASS_B; one code point per item) */
#define LOOK_NEG 1u
#define SREP_LEN 6u

/* One item of a simple pattern (see simple_form): min to max characters of an ASCII set. */
typedef struct rx_item {
    uint64_t bytes[4]; /* its characters, as bytes (none from 0x80: the bytes of other code points) */
    uint32_t min, max;
    uint8_t lo, hi;    /* when hi: its characters are exactly lo..hi (runs are then measured 8 bytes at a time) */
} rx_item;

#define RX_SIMPLE_ITEMS 16u

/* The simple form of a pattern (simple_form): alternative k is items [alt_end[k-1], alt_end[k]). */
typedef struct rx_simple {
    uint32_t nalts;
    uint32_t cost; /* the matcher takes at most cost * (len + 1) steps on a subject of len bytes */
    uint8_t alt_end[RX_SIMPLE_ITEMS];
    rx_item items[RX_SIMPLE_ITEMS];
} rx_simple;

struct oasv_regex {
    uint32_t *code;
    rx_range *ranges;
    rx_class *classes;
    uint32_t ncode, nregs;
    bool anchored;      /* every match starts at 0 (a leading ^) */
    bool filter;        /* a match must start with a byte in `first` */
    uint32_t first[8];  /* bytes that can start a match (non-ASCII: any lead byte when the set has one) */
    rx_simple *simple;  /* its simple form, or NULL */
};

/* MARK: - Parser state */

enum { N_EMPTY, N_CHAR, N_CLASS, N_SEQ, N_ALT, N_GROUP, N_REPEAT, N_BOL, N_EOL, N_WORDB, N_NWORDB, N_BACKREF, N_NAMEDREF, N_LOOK };

typedef struct rx_node {
    uint8_t type;
    uint8_t greedy, neg, behind;
    uint32_t a, b;     /* CHAR: a cp; CLASS: a class; SEQ/ALT: a kids offset, b count; GROUP: a number;
                          REPEAT: a min, b max; BACKREF: a group; NAMEDREF: a name offset, b length */
    uint32_t child;    /* GROUP, REPEAT, LOOK: the body */
    uint32_t c, d;     /* REPEAT: the groups inside, [c, d) */
} rx_node;

typedef struct rset { rx_range *r; size_t n, cap; } rset;

typedef struct rx_name { uint32_t off, len; } rx_name;

typedef struct parser {
    const unsigned char *p;
    size_t len, i;
    char *err;
    size_t err_size;
    bool failed, oom;
    rx_node *nodes; size_t nn, ncap;
    uint32_t *kids; size_t nk, kcap;
    uint32_t *pend; size_t np, pcap;
    rx_range *ranges; size_t nr, rcap;
    rx_class *classes; size_t ncls, clcap;
    char *names; size_t nnames, namecap;         /* group names, UTF-8 */
    rx_name *gnames; size_t gcap;                /* per group number (1-based; len 0: unnamed) */
    uint32_t ngroups, max_backref, dot;
    uint32_t *code; size_t ncode, codecap;
    uint32_t nregs;
} parser;

static void fail(parser *P, const char *fmt, ...)
{
    if (P->failed) return;
    P->failed = true;
    if (!P->err_size) return;
    va_list ap;
    va_start(ap, fmt);
    size_t n = oasv_vsnprintf(P->err, P->err_size, fmt, ap);
    va_end(ap);
    if (n < P->err_size) oasv_snprintf(P->err + n, P->err_size - n, " (at byte %zu)", P->i);
}

static void oom(parser *P)
{
    if (!P->failed) { P->failed = P->oom = true; if (P->err_size) P->err[0] = '\0'; }
}

/* Make room for one more item of `size` bytes in *arr (count n, capacity *cap); false when out of memory. */
static bool grow(parser *P, void **arr, size_t n, size_t *cap, size_t size)
{
    if (n < *cap) return true;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = oasv_realloc(*arr, c * size);
    if (!q) { oom(P); return false; }
    *arr = q;
    *cap = c;
    return true;
}

#define PUSH(P, arr, n, cap, v) \
    (grow((P), (void **)&(arr), (n), &(cap), sizeof *(arr)) ? ((arr)[(n)++] = (v), true) : false)

static uint32_t new_node(parser *P, uint8_t type)
{
    if (P->nn >= RX_MAX_NODES) { fail(P, "the pattern is too long"); return RX_NONE; }
    rx_node n = { 0 };
    n.type = type;
    n.child = RX_NONE;
    if (!PUSH(P, P->nodes, P->nn, P->ncap, n)) return RX_NONE;
    return (uint32_t)(P->nn - 1);
}

/* MARK: - Code point sets */

static void set_add(parser *P, rset *s, uint32_t lo, uint32_t hi)
{
    if (s->n && lo >= s->r[s->n - 1].lo && lo <= s->r[s->n - 1].hi + 1) { /* in order: extend the last range */
        if (hi > s->r[s->n - 1].hi) s->r[s->n - 1].hi = hi;
        return;
    }
    rx_range r = { lo, hi };
    PUSH(P, s->r, s->n, s->cap, r);
}

static int range_cmp(const void *a, const void *b)
{
    const rx_range *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sort and merge overlapping or adjacent ranges. */
static void set_norm(rset *s)
{
    if (s->n < 2) return;
    size_t k = 1;
    while (k < s->n && s->r[k].lo > s->r[k - 1].hi + 1) k++;
    if (k == s->n) return; /* already sorted and disjoint */
    qsort(s->r, s->n, sizeof *s->r, range_cmp);
    size_t j = 0;
    for (size_t i = 1; i < s->n; i++) {
        if (s->r[i].lo <= s->r[j].hi || s->r[i].lo == s->r[j].hi + 1) {
            if (s->r[i].hi > s->r[j].hi) s->r[j].hi = s->r[i].hi;
        } else {
            s->r[++j] = s->r[i];
        }
    }
    s->n = j + 1;
}

/* The complement within U+0000..U+10FFFF of a normalized set. */
static void set_invert(parser *P, rset *s)
{
    rset t = { 0 };
    uint32_t next = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->r[i].lo > next) set_add(P, &t, next, s->r[i].lo - 1);
        next = s->r[i].hi + 1;
    }
    if (next <= 0x10FFFF) set_add(P, &t, next, 0x10FFFF);
    oasv_free(s->r);
    *s = t;
}

static void set_union(parser *P, rset *dst, const rset *src)
{
    for (size_t i = 0; i < src->n; i++) set_add(P, dst, src->r[i].lo, src->r[i].hi);
    set_norm(dst);
}

/* dst minus src (both normalized). */
static void set_minus(parser *P, rset *dst, const rset *src)
{
    rset t = { 0 };
    set_union(P, &t, src);
    set_invert(P, &t);
    /* intersect dst with t */
    rset out = { 0 };
    size_t j = 0;
    for (size_t i = 0; i < dst->n; i++) {
        while (j < t.n && t.r[j].hi < dst->r[i].lo) j++;
        for (size_t k = j; k < t.n && t.r[k].lo <= dst->r[i].hi; k++) {
            uint32_t lo = dst->r[i].lo > t.r[k].lo ? dst->r[i].lo : t.r[k].lo;
            uint32_t hi = dst->r[i].hi < t.r[k].hi ? dst->r[i].hi : t.r[k].hi;
            set_add(P, &out, lo, hi);
        }
    }
    oasv_free(t.r);
    oasv_free(dst->r);
    *dst = out;
}

/* Store a normalized set as a class; returns its index. */
static uint32_t add_class(parser *P, const rset *s)
{
    rx_class c = { { 0 }, (uint32_t)P->nr, (uint32_t)s->n };
    for (size_t i = 0; i < s->n; i++) {
        if (!PUSH(P, P->ranges, P->nr, P->rcap, s->r[i])) return RX_NONE;
        for (uint32_t cp = s->r[i].lo; cp <= s->r[i].hi && cp < 128; cp++) c.ascii[cp >> 5] |= 1u << (cp & 31);
    }
    if (!PUSH(P, P->classes, P->ncls, P->clcap, c)) return RX_NONE;
    return (uint32_t)(P->ncls - 1);
}

/* MARK: - Unicode properties */

static uint32_t uvarint(const unsigned char **p)
{
    uint32_t v = 0;
    unsigned shift = 0;
    unsigned char b;
    do { b = *(*p)++; v |= (uint32_t)(b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    return v;
}

/* Add the runs of a partition whose value is `value` (or, with `mask`, whose bit is in it). */
static void add_partition(parser *P, rset *s, const oasv_uni_partition *runs, uint32_t value, uint32_t mask)
{
    const unsigned char *lengths = runs->lengths, *values = runs->values;
    uint32_t cp = 0;
    while (cp < 0x110000) {
        uint32_t n = uvarint(&lengths) + 1, v = *values++;
        if (mask ? v < 32 && (mask >> v & 1) : v == value) set_add(P, s, cp, cp + n - 1);
        cp += n;
    }
    set_norm(s);
}

static void add_list(parser *P, rset *s, uint32_t off)
{
    const unsigned char *q = oasv_uni_sets + off;
    uint32_t n = uvarint(&q), next = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t lo = next + uvarint(&q), hi = lo + uvarint(&q);
        set_add(P, s, lo, hi);
        next = hi + 1;
    }
    set_norm(s);
}

static const oasv_uni_value *find_value(const oasv_uni_value *list, size_t count, const char *name, size_t len)
{
    for (size_t i = 0; i < count; i++)
        for (const char *n = list[i].names; *n; n += strlen(n) + 1)
            if (strlen(n) == len && memcmp(n, name, len) == 0) return &list[i];
    return NULL;
}

/* The index of the value named name[0..len) in `names` (oasv_uni_gc_names, oasv_uni_sc_names), or -1. */
static long find_named(const char *names, size_t count, const char *name, size_t len)
{
    const char *n = names;
    for (size_t i = 0; i < count; i++, n++) /* n++: past the empty name that ends a value */
        for (; *n; n += strlen(n) + 1)
            if (strlen(n) == len && memcmp(n, name, len) == 0) return (long)i;
    return -1;
}

/* The General_Category value named name[0..len): its mask of leaf categories, or NULL. */
static const uint32_t *gc_mask(const char *name, size_t len)
{
    long i = find_named(oasv_uni_gc_names, oasv_uni_gc_count, name, len);
    return i < 0 ? NULL : &oasv_uni_gc_masks[i];
}

/* The offset in oasv_uni_sets of the range list after the one at `off`. */
static uint32_t list_after(uint32_t off)
{
    const unsigned char *q = oasv_uni_sets + off;
    uint32_t n = uvarint(&q);
    for (uint32_t i = 0; i < 2 * n; i++) uvarint(&q);
    return (uint32_t)(q - oasv_uni_sets);
}

static bool list_has(uint32_t off, uint32_t cp)
{
    const unsigned char *q = oasv_uni_sets + off;
    uint32_t n = uvarint(&q), next = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t lo = next + uvarint(&q), hi = lo + uvarint(&q);
        if (cp < lo) return false;
        if (cp <= hi) return true;
        next = hi + 1;
    }
    return false;
}

/* \p{name} / \p{key=value} into *s (not yet negated); false with an error when unknown. */
static bool property(parser *P, const char *name, size_t len, rset *s)
{
    const char *eq = memchr(name, '=', len);
    const oasv_uni_value *v;
    const uint32_t *m;
    if (eq) {
        size_t kl = (size_t)(eq - name), vl = len - kl - 1;
        const char *val = eq + 1;
#define KEY(k) (kl == sizeof k - 1 && memcmp(name, k, kl) == 0)
        if (KEY("General_Category") || KEY("gc")) {
            if ((m = gc_mask(val, vl))) { add_partition(P, s, &oasv_uni_gc_runs, 0, *m); return true; }
            fail(P, "%.*s is not a General_Category value", (int)vl, val);
            return false;
        }
        bool scx = KEY("Script_Extensions") || KEY("scx");
        if (scx || KEY("Script") || KEY("sc")) {
            long sc = find_named(oasv_uni_sc_names, oasv_uni_sc_count, val, vl);
            if (sc >= 0) {
                add_partition(P, s, &oasv_uni_sc_runs, (uint32_t)sc, 0);
                if (scx) {
                    uint32_t more = 0; /* the script's two lists: the (2 sc)th and the next */
                    for (long k = 0; k < 2 * sc; k++) more = list_after(more);
                    rset t = { 0 };
                    add_list(P, &t, list_after(more));
                    set_minus(P, s, &t);
                    oasv_free(t.r);
                    add_list(P, s, more);
                }
                return true;
            }
            fail(P, "%.*s is not a Script value", (int)vl, val);
            return false;
        }
#undef KEY
        fail(P, "%.*s is not a property ECMA-262 knows with a value", (int)kl, name);
        return false;
    }
    if ((m = gc_mask(name, len))) { add_partition(P, s, &oasv_uni_gc_runs, 0, *m); return true; }
    if ((v = find_value(oasv_uni_bin, oasv_uni_bin_count, name, len))) {
        if (v->data) add_partition(P, s, &oasv_uni_gc_runs, 0, v->data);
        rset t = { 0 };
        add_list(P, &t, v->less);
        set_minus(P, s, &t);
        oasv_free(t.r);
        add_list(P, s, v->more);
        return true;
    }
    if (len == 8 && memcmp(name, "Assigned", 8) == 0) {
        const uint32_t *cn = gc_mask("Cn", 2);
        add_partition(P, s, &oasv_uni_gc_runs, 0, cn ? ~*cn : ~0u);
        return true;
    }
    fail(P, "%.*s is not a Unicode property this engine knows (General_Category, Script, Script_Extensions "
            "and some binary properties)", (int)len, name);
    return false;
}

static uint32_t gc_mask_of(uint32_t cp)
{
    const unsigned char *lengths = oasv_uni_gc_runs.lengths, *values = oasv_uni_gc_runs.values;
    uint32_t at = 0;
    while (at < 0x110000) {
        uint32_t n = uvarint(&lengths) + 1, v = *values++;
        if (cp < at + n) return v < 32 ? 1u << v : 0;
        at += n;
    }
    return 0;
}

static bool has_bin(const char *name, uint32_t cp, uint32_t fallback_mask)
{
    const oasv_uni_value *v = find_value(oasv_uni_bin, oasv_uni_bin_count, name, strlen(name));
    if (v) return ((gc_mask_of(cp) & v->data) && !list_has(v->less, cp)) || list_has(v->more, cp);
    /* without the table: by General_Category */
    const char *const cats[] = { "Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Mn", "Mc", "Nd", "Pc" };
    uint32_t m = gc_mask_of(cp);
    for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++) {
        if (!(fallback_mask >> i & 1)) continue;
        const uint32_t *c = gc_mask(cats[i], 2);
        if (c && (*c & m)) return true;
    }
    return false;
}

static bool id_start(uint32_t cp)
{
    if (cp < 128) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '$' || cp == '_';
    return has_bin("ID_Start", cp, 0x3f);
}

static bool id_continue(uint32_t cp)
{
    if (cp < 128) return id_start(cp) || (cp >= '0' && cp <= '9');
    return cp == 0x200C || cp == 0x200D || has_bin("ID_Continue", cp, 0x3ff);
}

/* MARK: - Lexing */

static int hexval(unsigned c)
{
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}

static bool at(parser *P, char c) { return P->i < P->len && P->p[P->i] == (unsigned char)c; }
static bool at_off(parser *P, size_t k, char c) { return P->i + k < P->len && P->p[P->i + k] == (unsigned char)c; }

/* Decode one code point of the pattern at P->i and step over it. */
static uint32_t pattern_cp(parser *P)
{
    const unsigned char *s = P->p + P->i;
    size_t left = P->len - P->i;
    uint32_t c = s[0], cp, n;
    if (c < 0x80) { P->i++; return c; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else goto bad;
    if (left <= n) goto bad;
    for (uint32_t k = 1; k <= n; k++) {
        if ((s[k] & 0xC0) != 0x80) goto bad;
        cp = cp << 6 | (s[k] & 0x3F);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) goto bad;
    P->i += n + 1;
    return cp;
bad:
    fail(P, "the pattern is not valid UTF-8");
    return 0;
}

/* Exactly four hex digits at P->i (stepped over); -1 when not there. */
static long hex4(parser *P)
{
    if (P->i + 4 > P->len) return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hexval(P->p[P->i + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    P->i += 4;
    return v;
}

/* After "\u": RegExpUnicodeEscapeSequence[+UnicodeMode]; surrogate pairs combine. */
static uint32_t unicode_escape(parser *P)
{
    if (at(P, '{')) {
        P->i++;
        uint32_t cp = 0;
        size_t digits = 0;
        int h;
        while (P->i < P->len && (h = hexval(P->p[P->i])) >= 0) {
            cp = cp * 16 + (uint32_t)h;
            if (cp > 0x10FFFF) break;
            P->i++;
            digits++;
        }
        if (!digits || !at(P, '}') || cp > 0x10FFFF) { fail(P, "\\u{…} must hold a code point (at most 10FFFF) in hex"); return 0; }
        P->i++;
        return cp;
    }
    long cp = hex4(P);
    if (cp < 0) { fail(P, "\\u must be followed by four hex digits or {code point}"); return 0; }
    if (cp >= 0xD800 && cp <= 0xDBFF && at(P, '\\') && at_off(P, 1, 'u')) {
        size_t save = P->i;
        P->i += 2;
        long lo = hex4(P);
        if (lo >= 0xDC00 && lo <= 0xDFFF) return (uint32_t)(0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
        P->i = save;
    }
    return (uint32_t)cp;
}

static bool is_syntax_char(uint32_t c) { return c < 128 && c && strchr("^$\\.*+?()[]{}|", (int)c); }

/* CharacterEscape[+UnicodeMode] after the backslash (at P->i); the code point, or fail. */
static uint32_t char_escape(parser *P)
{
    uint32_t e = P->p[P->i];
    switch (e) {
    case 'f': P->i++; return '\f';
    case 'n': P->i++; return '\n';
    case 'r': P->i++; return '\r';
    case 't': P->i++; return '\t';
    case 'v': P->i++; return '\v';
    case 'c':
        if (P->i + 1 < P->len && ((P->p[P->i + 1] | 0x20) >= 'a' && (P->p[P->i + 1] | 0x20) <= 'z')) {
            P->i += 2;
            return P->p[P->i - 1] % 32u;
        }
        fail(P, "\\c must be followed by a letter A-Z");
        return 0;
    case '0':
        P->i++;
        if (P->i < P->len && P->p[P->i] >= '0' && P->p[P->i] <= '9') { fail(P, "octal escapes are not allowed with the u flag"); return 0; }
        return 0;
    case 'x': {
        int h1 = P->i + 2 < P->len ? hexval(P->p[P->i + 1]) : -1, h2 = P->i + 2 < P->len ? hexval(P->p[P->i + 2]) : -1;
        if (h1 < 0 || h2 < 0) { fail(P, "\\x must be followed by two hex digits"); return 0; }
        P->i += 3;
        return (uint32_t)(h1 * 16 + h2);
    }
    case 'u':
        P->i++;
        return unicode_escape(P);
    default:
        if (is_syntax_char(e) || e == '/') { P->i++; return e; }
        if (e < 128 && e >= 32) fail(P, "\\%c is not an escape ECMA-262 allows with the u flag", (int)e);
        else fail(P, "this escape is not one ECMA-262 allows with the u flag");
        return 0;
    }
}

/* \d \D \s \S \w \W \p{…} \P{…} at P->i (the letter); true when it is one (set filled, or failed). */
static bool class_escape(parser *P, rset *s)
{
    uint32_t e = P->p[P->i];
    bool neg = e == 'D' || e == 'S' || e == 'W' || e == 'P';
    switch (e | 0x20) {
    case 'd':
        set_add(P, s, '0', '9');
        break;
    case 'w':
        set_add(P, s, '0', '9'); set_add(P, s, 'A', 'Z'); set_add(P, s, '_', '_'); set_add(P, s, 'a', 'z');
        break;
    case 's': {
        /* ECMA-262 WhiteSpace and LineTerminator */
        static const uint32_t sp[][2] = { { 9, 13 }, { 32, 32 }, { 0xA0, 0xA0 }, { 0x1680, 0x1680 }, { 0x2000, 0x200A },
                                          { 0x2028, 0x2029 }, { 0x202F, 0x202F }, { 0x205F, 0x205F }, { 0x3000, 0x3000 }, { 0xFEFF, 0xFEFF } };
        for (size_t k = 0; k < sizeof sp / sizeof sp[0]; k++) set_add(P, s, sp[k][0], sp[k][1]);
        break;
    }
    case 'p': {
        if (!at_off(P, 1, '{')) { P->i++; fail(P, "\\%c must be followed by {property}", (int)e); return true; }
        size_t start = P->i + 2, k = start;
        while (k < P->len && P->p[k] != '}' && (P->p[k] == '_' || P->p[k] == '=' || (unsigned)((P->p[k] | 0x20) - 'a') < 26u || (unsigned)(P->p[k] - '0') < 10u)) k++;
        if (k >= P->len || P->p[k] != '}' || k == start) { P->i = k; fail(P, "\\%c{…} must name a Unicode property", (int)e); return true; }
        P->i = start;
        if (!property(P, (const char *)P->p + start, k - start, s)) return true;
        P->i = k; /* at '}': stepped over below */
        break;
    }
    default:
        return false;
    }
    P->i++;
    set_norm(s);
    if (neg) set_invert(P, s);
    return true;
}

/* MARK: - Parser */

static uint32_t parse_disjunction(parser *P, unsigned depth);

static uint32_t class_node(parser *P, rset *s);

static uint32_t finish_list(parser *P, size_t base, uint8_t type)
{
    size_t count = P->np - base;
    if (count == 1) { P->np = base; return P->pend[base]; }
    if (type == N_ALT) {
        /* a|b|[cd] is the class [abcd]: one code point either way, and a simple repetition */
        size_t k = base;
        while (k < P->np && (P->nodes[P->pend[k]].type == N_CHAR || P->nodes[P->pend[k]].type == N_CLASS)) k++;
        if (k == P->np) {
            rset s = { 0 };
            for (k = base; k < P->np; k++) {
                const rx_node *x = &P->nodes[P->pend[k]];
                if (x->type == N_CHAR) { set_add(P, &s, x->a, x->a); continue; }
                const rx_class *c = &P->classes[x->a];
                for (uint32_t r = 0; r < c->n; r++) set_add(P, &s, P->ranges[c->off + r].lo, P->ranges[c->off + r].hi);
            }
            set_norm(&s);
            P->np = base;
            return P->failed ? (oasv_free(s.r), RX_NONE) : class_node(P, &s);
        }
    }
    uint32_t n = new_node(P, count ? type : N_EMPTY);
    if (n == RX_NONE) return RX_NONE;
    P->nodes[n].a = (uint32_t)P->nk;
    P->nodes[n].b = (uint32_t)count;
    for (size_t k = base; k < P->np; k++)
        if (!PUSH(P, P->kids, P->nk, P->kcap, P->pend[k])) return RX_NONE;
    P->np = base;
    return n;
}

static void put_utf8(parser *P, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | cp >> 6); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) { b[0] = (char)(0xE0 | cp >> 12); b[1] = (char)(0x80 | (cp >> 6 & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F)); n = 3; }
    else { b[0] = (char)(0xF0 | cp >> 18); b[1] = (char)(0x80 | (cp >> 12 & 0x3F)); b[2] = (char)(0x80 | (cp >> 6 & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); n = 4; }
    for (size_t k = 0; k < n; k++) PUSH(P, P->names, P->nnames, P->namecap, b[k]);
}

/* GroupName after '<' (at P->i), up to and over '>': the decoded name in P->names. */
static rx_name group_name(parser *P)
{
    rx_name nm = { (uint32_t)P->nnames, 0 };
    for (bool first = true;; first = false) {
        if (P->i >= P->len) { fail(P, "a group name is not closed with >"); return nm; }
        if (P->p[P->i] == '>') { P->i++; break; }
        uint32_t cp;
        if (P->p[P->i] == '\\') {
            P->i++;
            if (!at(P, 'u')) { fail(P, "a group name may only hold \\u escapes"); return nm; }
            P->i++;
            cp = unicode_escape(P);
        } else {
            cp = pattern_cp(P);
        }
        if (P->failed) return nm;
        if (!(first ? id_start(cp) : id_continue(cp))) { fail(P, "a group name must be an identifier"); return nm; }
        put_utf8(P, cp);
    }
    nm.len = (uint32_t)(P->nnames - nm.off);
    if (!nm.len) fail(P, "a group name is empty");
    return nm;
}

static uint32_t new_group(parser *P, rx_name name)
{
    if (P->ngroups >= RX_MAX_GROUPS) { fail(P, "too many capturing groups"); return 0; }
    uint32_t g = ++P->ngroups;
    while (P->gcap <= g) {
        size_t c = P->gcap ? P->gcap * 2 : 16;
        rx_name *q = oasv_realloc(P->gnames, c * sizeof *q);
        if (!q) { oom(P); return 0; }
        memset(q + P->gcap, 0, (c - P->gcap) * sizeof *q);
        P->gnames = q;
        P->gcap = c;
    }
    if (name.len) {
        for (uint32_t k = 1; k < g; k++)
            if (P->gnames[k].len == name.len && memcmp(P->names + P->gnames[k].off, P->names + name.off, name.len) == 0) {
                fail(P, "two groups are named %.*s", (int)name.len, P->names + name.off);
                return 0;
            }
    }
    P->gnames[g] = name;
    return g;
}

static uint32_t class_node(parser *P, rset *s)
{
    uint32_t k = add_class(P, s);
    oasv_free(s->r);
    s->r = NULL;
    if (k == RX_NONE) return RX_NONE;
    uint32_t n = new_node(P, N_CLASS);
    if (n != RX_NONE) P->nodes[n].a = k;
    return n;
}

/* One ClassAtom: a code point (returned, *set untouched) or a class escape (set filled, returns RX_NONE). */
static uint32_t class_atom(parser *P, rset *set, bool *is_set)
{
    *is_set = false;
    if (P->p[P->i] != '\\') return pattern_cp(P);
    P->i++;
    if (P->i >= P->len) { fail(P, "the pattern ends with a lone backslash"); return 0; }
    uint32_t e = P->p[P->i];
    if (e == 'b') { P->i++; return 8; }
    if (e == '-') { P->i++; return '-'; }
    if (class_escape(P, set)) { *is_set = true; return 0; }
    return char_escape(P);
}

/* A CharacterClass after '[' (at P->i). */
static uint32_t parse_class(parser *P)
{
    rset s = { 0 };
    bool neg = at(P, '^');
    if (neg) P->i++;
    for (;;) {
        if (P->i >= P->len) { fail(P, "a character class [ is not closed with ]"); break; }
        if (P->p[P->i] == ']') { P->i++; break; }
        rset a = { 0 };
        bool aset;
        uint32_t lo = class_atom(P, &a, &aset);
        if (P->failed) { oasv_free(a.r); break; }
        if (at(P, '-') && P->i + 1 < P->len && P->p[P->i + 1] != ']') {
            P->i++;
            rset b = { 0 };
            bool bset;
            uint32_t hi = class_atom(P, &b, &bset);
            oasv_free(b.r);
            if (P->failed) { oasv_free(a.r); break; }
            if (aset || bset) { oasv_free(a.r); fail(P, "a class escape like \\d cannot be the end of a range"); break; }
            if (lo > hi) { fail(P, "a range in a character class is out of order"); break; }
            set_add(P, &s, lo, hi);
        } else if (aset) {
            set_union(P, &s, &a);
        } else {
            set_add(P, &s, lo, lo);
        }
        oasv_free(a.r);
    }
    if (P->failed) { oasv_free(s.r); return RX_NONE; }
    set_norm(&s);
    if (neg) set_invert(P, &s);
    return class_node(P, &s);
}

/* An atom escape after the backslash (at P->i). */
static uint32_t atom_escape(parser *P)
{
    if (P->i >= P->len) { fail(P, "the pattern ends with a lone backslash"); return RX_NONE; }
    uint32_t e = P->p[P->i];
    if (e >= '1' && e <= '9') {
        uint32_t v = 0;
        while (P->i < P->len && P->p[P->i] >= '0' && P->p[P->i] <= '9') {
            v = v * 10 + (P->p[P->i++] - '0');
            if (v > RX_MAX_GROUPS) v = RX_MAX_GROUPS + 1;
        }
        uint32_t n = new_node(P, N_BACKREF);
        if (n == RX_NONE) return n;
        P->nodes[n].a = v;
        if (v > P->max_backref) P->max_backref = v;
        return n;
    }
    if (e == 'k') {
        P->i++;
        if (!at(P, '<')) { fail(P, "\\k must be followed by <group name>"); return RX_NONE; }
        P->i++;
        rx_name nm = group_name(P);
        if (P->failed) return RX_NONE;
        uint32_t n = new_node(P, N_NAMEDREF);
        if (n == RX_NONE) return n;
        P->nodes[n].a = nm.off;
        P->nodes[n].b = nm.len;
        return n;
    }
    rset s = { 0 };
    if (class_escape(P, &s)) {
        if (P->failed) { oasv_free(s.r); return RX_NONE; }
        return class_node(P, &s);
    }
    if (e == '-') { fail(P, "\\- is only allowed inside a character class"); return RX_NONE; }
    uint32_t cp = char_escape(P);
    if (P->failed) return RX_NONE;
    uint32_t n = new_node(P, N_CHAR);
    if (n != RX_NONE) P->nodes[n].a = cp;
    return n;
}

static bool at_quantifier(parser *P)
{
    return at(P, '*') || at(P, '+') || at(P, '?') || at(P, '{');
}

static uint32_t read_int(parser *P, bool *any)
{
    uint64_t v = 0;
    *any = false;
    while (P->i < P->len && P->p[P->i] >= '0' && P->p[P->i] <= '9') {
        v = v * 10 + (P->p[P->i++] - '0');
        if (v > RX_INF - 1) v = RX_INF - 1;
        *any = true;
    }
    return (uint32_t)v;
}

/* One Term at P->i: RX_NONE on error. */
static uint32_t parse_term(parser *P, unsigned depth)
{
    uint32_t c = P->p[P->i], n = RX_NONE;
    uint32_t groups_before = P->ngroups;
    bool assertion = false;
    switch (c) {
    case '^': P->i++; n = new_node(P, N_BOL); assertion = true; break;
    case '$': P->i++; n = new_node(P, N_EOL); assertion = true; break;
    case '\\':
        P->i++;
        if (at(P, 'b') || at(P, 'B')) {
            n = new_node(P, at(P, 'b') ? N_WORDB : N_NWORDB);
            P->i++;
            assertion = true;
        } else {
            n = atom_escape(P);
        }
        break;
    case '.': P->i++;
        if (P->dot == RX_NONE) {
            rset s = { 0 };
            set_add(P, &s, '\n', '\n'); set_add(P, &s, '\r', '\r'); set_add(P, &s, 0x2028, 0x2029);
            set_invert(P, &s);
            P->dot = add_class(P, &s);
            oasv_free(s.r);
            if (P->dot == RX_NONE) return RX_NONE;
        }
        n = new_node(P, N_CLASS);
        if (n != RX_NONE) P->nodes[n].a = P->dot;
        break;
    case '[': P->i++; n = parse_class(P); break;
    case '(': {
        if (depth >= RX_MAX_DEPTH) { fail(P, "groups are nested more than %u deep", RX_MAX_DEPTH); return RX_NONE; }
        P->i++;
        uint8_t look = 0, behind = 0, neg = 0;
        uint32_t group = 0;
        if (at(P, '?')) {
            P->i++;
            if (at(P, ':')) { P->i++; }
            else if (at(P, '=') || at(P, '!')) { look = 1; neg = at(P, '!'); P->i++; }
            else if (at(P, '<') && (at_off(P, 1, '=') || at_off(P, 1, '!'))) { look = behind = 1; neg = at_off(P, 1, '!'); P->i += 2; }
            else if (at(P, '<')) {
                P->i++;
                rx_name nm = group_name(P);
                if (P->failed) return RX_NONE;
                if (!(group = new_group(P, nm))) return RX_NONE;
            } else { fail(P, "(? must be followed by :, =, !, <= , <! or <name>"); return RX_NONE; }
        } else {
            rx_name none = { 0, 0 };
            if (!(group = new_group(P, none))) return RX_NONE;
        }
        uint32_t body = parse_disjunction(P, depth + 1);
        if (body == RX_NONE) return RX_NONE;
        if (!at(P, ')')) { fail(P, "a group ( is not closed with )"); return RX_NONE; }
        P->i++;
        if (look) {
            n = new_node(P, N_LOOK);
            if (n == RX_NONE) return n;
            P->nodes[n].neg = neg;
            P->nodes[n].behind = behind;
            P->nodes[n].child = body;
            assertion = true;
        } else if (group) {
            n = new_node(P, N_GROUP);
            if (n == RX_NONE) return n;
            P->nodes[n].a = group;
            P->nodes[n].child = body;
        } else {
            n = body;
        }
        break;
    }
    case '*': case '+': case '?': fail(P, "nothing to repeat before %c", (int)c); return RX_NONE;
    case '{': case '}': fail(P, "a lone %c (write \\%c for the character)", (int)c, (int)c); return RX_NONE;
    case ']': fail(P, "a lone ] (write \\] for the character)"); return RX_NONE;
    default: {
        uint32_t cp = pattern_cp(P);
        if (P->failed) return RX_NONE;
        n = new_node(P, N_CHAR);
        if (n != RX_NONE) P->nodes[n].a = cp;
    }
    }
    if (n == RX_NONE || P->failed) return RX_NONE;
    if (!at_quantifier(P)) return n;
    if (assertion) { fail(P, "an assertion cannot be repeated"); return RX_NONE; }
    uint32_t min, max;
    char q = (char)P->p[P->i++];
    if (q == '*') { min = 0; max = RX_INF; }
    else if (q == '+') { min = 1; max = RX_INF; }
    else if (q == '?') { min = 0; max = 1; }
    else {
        bool any;
        min = max = read_int(P, &any);
        if (!any) { fail(P, "a lone { (write \\{ for the character)"); return RX_NONE; }
        if (at(P, ',')) {
            P->i++;
            max = read_int(P, &any);
            if (!any) max = RX_INF;
        }
        if (!at(P, '}')) { fail(P, "a quantifier {…} is not closed"); return RX_NONE; }
        P->i++;
        if (min > max) { fail(P, "the numbers of a quantifier {%u,%u} are out of order", min, max); return RX_NONE; }
    }
    bool greedy = true;
    if (at(P, '?')) { P->i++; greedy = false; }
    uint32_t r = new_node(P, N_REPEAT);
    if (r == RX_NONE) return r;
    P->nodes[r].a = min;
    P->nodes[r].b = max;
    P->nodes[r].greedy = greedy;
    P->nodes[r].child = n;
    P->nodes[r].c = groups_before + 1;
    P->nodes[r].d = P->ngroups + 1;
    return r;
}

static uint32_t parse_alternative(parser *P, unsigned depth)
{
    size_t base = P->np;
    while (P->i < P->len && P->p[P->i] != '|' && P->p[P->i] != ')') {
        uint32_t t = parse_term(P, depth);
        if (t == RX_NONE || !PUSH(P, P->pend, P->np, P->pcap, t)) return RX_NONE;
    }
    return finish_list(P, base, N_SEQ);
}

static uint32_t parse_disjunction(parser *P, unsigned depth)
{
    size_t base = P->np;
    for (;;) {
        uint32_t alt = parse_alternative(P, depth);
        if (alt == RX_NONE || !PUSH(P, P->pend, P->np, P->pcap, alt)) return RX_NONE;
        if (!at(P, '|')) break;
        P->i++;
    }
    return finish_list(P, base, N_ALT);
}

/* MARK: - Analysis */

/* Whether the node may match without consuming (conservative: true when unsure). */
static bool nullable(const parser *P, uint32_t n)
{
    const rx_node *x = &P->nodes[n];
    switch (x->type) {
    case N_CHAR: case N_CLASS: return false;
    case N_SEQ:
        for (uint32_t k = 0; k < x->b; k++)
            if (!nullable(P, P->kids[x->a + k])) return false;
        return true;
    case N_ALT:
        for (uint32_t k = 0; k < x->b; k++)
            if (nullable(P, P->kids[x->a + k])) return true;
        return false;
    case N_GROUP: return nullable(P, x->child);
    case N_REPEAT: return x->a == 0 || nullable(P, x->child);
    default: return true;
    }
}

/* Add the bytes that can start a match of `n` to `first`; returns whether what follows may start it too. */
static bool first_bytes(const parser *P, uint32_t n, uint32_t first[8])
{
    const rx_node *x = &P->nodes[n];
    switch (x->type) {
    case N_CHAR:
        if (x->a < 128) first[x->a >> 5] |= 1u << (x->a & 31);
        else for (int k = 4; k < 8; k++) first[k] = ~0u; /* any byte from 0x80: lead bytes */
        return false;
    case N_CLASS: {
        const rx_class *c = &P->classes[x->a];
        for (int k = 0; k < 4; k++) first[k] |= c->ascii[k];
        if (c->n && P->ranges[c->off + c->n - 1].hi >= 128)
            for (int k = 4; k < 8; k++) first[k] = ~0u;
        return false;
    }
    case N_SEQ:
        for (uint32_t k = 0; k < x->b; k++)
            if (!first_bytes(P, P->kids[x->a + k], first)) return false;
        return true;
    case N_ALT: {
        bool any = false;
        for (uint32_t k = 0; k < x->b; k++) any |= first_bytes(P, P->kids[x->a + k], first);
        return any;
    }
    case N_GROUP: return first_bytes(P, x->child, first);
    case N_REPEAT:
        if (x->b == 0) return true;
        return first_bytes(P, x->child, first) || x->a == 0;
    case N_BACKREF: case N_NAMEDREF:
        for (int k = 0; k < 8; k++) first[k] = ~0u;
        return true;
    default: /* assertions consume nothing: what follows starts the match */
        return true;
    }
}

static bool anchored(const parser *P, uint32_t n)
{
    const rx_node *x = &P->nodes[n];
    switch (x->type) {
    case N_BOL: return true;
    case N_SEQ: return x->b > 0 && anchored(P, P->kids[x->a]);
    case N_ALT:
        for (uint32_t k = 0; k < x->b; k++)
            if (!anchored(P, P->kids[x->a + k])) return false;
        return x->b > 0;
    case N_GROUP: return anchored(P, x->child);
    default: return false;
    }
}

/* MARK: - Simple patterns */

/* The docs viewer's copy (CMakeLists.txt: oasv_viewer_oz) goes without: the same answers, a smaller wasm. */
#ifndef OASV_REGEX_MATCHER_ONLY

/*
 * Patterns like ^(0|[1-9][0-9]*)$ (Discord's snowflakes) or ^[a-z]{2}-[A-Z]{2}$:
 * anchored at both ends, alternatives of sequences of ASCII characters and
 * sets with greedy counts, where a variable count's set shares no character
 * with any set after it in its alternative. Then each item must take all of
 * the run of its set (up to its maximum) — a character it leaves could be
 * taken by nothing after it, nor by the end — so one greedy pass per
 * alternative decides the match, without the matcher. Non-ASCII characters
 * are in none of the sets, as they are not in the matcher's either.
 */
typedef struct simple_build {
    rx_simple *re;
    uint32_t count; /* items so far */
} simple_build;

static bool simple_item(const parser *P, const rx_node *x, uint32_t min, uint32_t max, simple_build *b)
{
    if (b->count == RX_SIMPLE_ITEMS) return false;
    rx_item *it = &b->re->items[b->count];
    memset(it, 0, sizeof *it);
    if (x->type == N_CHAR) {
        if (x->a >= 128) return false;
        it->bytes[x->a >> 6] = 1ull << (x->a & 63);
    } else {
        const rx_class *c = &P->classes[x->a];
        if (c->n && P->ranges[c->off + c->n - 1].hi >= 128) return false;
        for (int w = 0; w < 2; w++) it->bytes[w] = (uint64_t)c->ascii[2 * w + 1] << 32 | c->ascii[2 * w];
    }
    it->min = min;
    it->max = max;
    /* one range of characters? */
    int lo = -1, hi = -1;
    bool one = true;
    for (int ch = 0; ch < 128 && one; ch++) {
        bool in = it->bytes[ch >> 6] >> (ch & 63) & 1;
        if (in && lo < 0) lo = ch;
        if (in && hi >= 0 && hi != ch - 1) one = false;
        if (in) hi = ch;
    }
    if (one && lo > 0) it->lo = (uint8_t)lo, it->hi = (uint8_t)hi;
    b->count++;
    return true;
}

/* Append the items of `n`: characters, sets, their greedy repetitions, and sequences and groups of them. */
static bool simple_items(const parser *P, uint32_t n, simple_build *b)
{
    const rx_node *x = &P->nodes[n];
    switch (x->type) {
    case N_EMPTY: return true;
    case N_CHAR: case N_CLASS: return simple_item(P, x, 1, 1, b);
    case N_GROUP: return simple_items(P, x->child, b);
    case N_SEQ:
        for (uint32_t k = 0; k < x->b; k++)
            if (!simple_items(P, P->kids[x->a + k], b)) return false;
        return true;
    case N_REPEAT: {
        const rx_node *c = &P->nodes[x->child];
        if (!x->greedy || (c->type != N_CHAR && c->type != N_CLASS)) return false;
        return x->b == 0 || simple_item(P, c, x->a, x->b, b);
    }
    default: return false;
    }
}

/* Close the alternative begun at item `from`: its variable counts must not share characters with later sets. */
static bool simple_close(simple_build *b, uint32_t from)
{
    rx_simple *re = b->re;
    if (re->nalts == RX_SIMPLE_ITEMS) return false;
    for (uint32_t i = from; i < b->count; i++) {
        if (re->items[i].min == re->items[i].max) continue;
        for (uint32_t j = i + 1; j < b->count; j++)
            for (int w = 0; w < 2; w++)
                if (re->items[i].bytes[w] & re->items[j].bytes[w]) return false;
    }
    re->alt_end[re->nalts++] = (uint8_t)b->count;
    return true;
}

/* The body between ^ and $ of a group or not, through groups. */
static const rx_node *through_groups(const parser *P, const rx_node *x)
{
    while (x->type == N_GROUP) x = &P->nodes[x->child];
    return x;
}

/* An alternative ^…$ (`inner`: it may hold one alternation, as ^(a|b)$ does). */
static bool simple_anchored(const parser *P, const rx_node *x, bool inner, simple_build *b)
{
    if (x->type != N_SEQ || x->b < 2 || P->nodes[P->kids[x->a]].type != N_BOL || P->nodes[P->kids[x->a + x->b - 1]].type != N_EOL)
        return false;
    if (inner && x->b == 3) {
        const rx_node *body = through_groups(P, &P->nodes[P->kids[x->a + 1]]);
        if (body->type == N_ALT) {
            for (uint32_t k = 0; k < body->b; k++) {
                uint32_t from = b->count;
                if (!simple_items(P, P->kids[body->a + k], b) || !simple_close(b, from)) return false;
            }
            return true;
        }
    }
    uint32_t from = b->count;
    for (uint32_t k = 1; k + 1 < x->b; k++)
        if (!simple_items(P, P->kids[x->a + k], b)) return false;
    return simple_close(b, from);
}

/*
 * Give `re` its simple form when the pattern has one. Then the matcher's
 * steps are bounded: with one pass per alternative (A of them) taking every
 * character at most once, each character a greedy count gives back makes the
 * rest of its alternative fail at once (it is in none of the later sets, and
 * not the end), so there are at most A * (len + 1) runs of straight code, each
 * executing at most ncode instructions and undoing at most as many entries,
 * plus a step per character taken and the search loop's. A subject for which
 * that bound fits the budget is answered by the simple form: the matcher would
 * not have stopped there. Its stack (at most one entry per instruction on the
 * path) and registers stay in its local arrays: it cannot run out of memory.
 */
static void simple_form(const parser *P, uint32_t root, oasv_regex *re)
{
    rx_simple form;
    memset(&form, 0, sizeof form);
    simple_build b = { &form, 0 };
    const rx_node *x = &P->nodes[root];
    bool ok = re->ncode <= 64 && re->nregs <= 32;
    if (ok && x->type == N_ALT) {
        for (uint32_t k = 0; k < x->b && ok; k++) ok = simple_anchored(P, &P->nodes[P->kids[x->a + k]], false, &b);
    } else if (ok) {
        ok = simple_anchored(P, x, true, &b);
    }
    if (!ok) return;
    form.cost = form.nalts * (2 * re->ncode + 4) + 8;
    re->simple = oasv_malloc(sizeof *re->simple); /* out of memory: the matcher answers, as without a simple form */
    if (re->simple) *re->simple = form;
}

static bool simple_match(const rx_simple *re, const unsigned char *s, size_t len)
{
    uint32_t from = 0;
    for (uint32_t k = 0; k < re->nalts; from = re->alt_end[k++]) {
        size_t pos = 0;
        uint32_t i = from;
        for (; i < re->alt_end[k]; i++) {
            const rx_item *it = &re->items[i];
            size_t start = pos, lim = it->max < len - pos ? pos + it->max : len;
            if (it->hi) {
                /* bytes outside lo..hi, as high bits: below lo borrows, above hi carries (from 0x80 the byte is out
                   anyway); a borrow or carry only reaches bytes above an outside one, so the lowest is exact */
                const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
                while (lim - pos >= 8) {
                    uint64_t w;
                    memcpy(&w, s + pos, 8);
                    uint64_t out = ((w - ones * it->lo) | (w + ones * (0x7Fu - it->hi)) | w) & highs;
                    if (out) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                        pos += (size_t)__builtin_ctzll(out) / 8;
#endif
                        break;
                    }
                    pos += 8;
                }
            }
            while (pos < lim && (it->bytes[s[pos] >> 6] >> (s[pos] & 63) & 1)) pos++;
            if (pos - start < it->min) break;
        }
        if (i == re->alt_end[k] && pos == len) return true;
    }
    return false;
}

#endif

/* MARK: - Code generation */

static size_t emit(parser *P, uint32_t w)
{
    if (P->ncode >= RX_MAX_CODE) { fail(P, "the pattern is too long"); return 0; }
    PUSH(P, P->code, P->ncode, P->codecap, w);
    return P->ncode - 1;
}

static void gen(parser *P, uint32_t n, bool back)
{
    if (P->failed) return;
    const rx_node x = P->nodes[n];
    switch (x.type) {
    case N_EMPTY: break;
    case N_CHAR: emit(P, back ? OP_CHAR_B : OP_CHAR); emit(P, x.a); break;
    case N_CLASS: emit(P, back ? OP_CLASS_B : OP_CLASS); emit(P, x.a); break;
    case N_SEQ:
        for (uint32_t k = 0; k < x.b; k++) gen(P, P->kids[x.a + (back ? x.b - 1 - k : k)], back);
        break;
    case N_ALT: {
        size_t chain = 0; /* the JMPs to the end, linked through their operands */
        for (uint32_t k = 0; k < x.b; k++) {
            size_t split = 0;
            if (k + 1 < x.b) {
                split = emit(P, OP_SPLIT);
                emit(P, (uint32_t)(split + 3));
                emit(P, 0);
            }
            gen(P, P->kids[x.a + k], back);
            if (k + 1 < x.b) {
                emit(P, OP_JMP);
                size_t j = emit(P, (uint32_t)chain);
                chain = j;
                if (!P->failed) P->code[split + 2] = (uint32_t)P->ncode;
            }
        }
        while (chain && !P->failed) {
            size_t prev = P->code[chain];
            P->code[chain] = (uint32_t)P->ncode;
            chain = prev;
        }
        break;
    }
    case N_GROUP:
        emit(P, OP_SAVE); emit(P, 2 * x.a + (back ? 1 : 0));
        gen(P, x.child, back);
        emit(P, OP_SAVE); emit(P, 2 * x.a + (back ? 0 : 1));
        break;
    case N_REPEAT: {
        uint32_t min = x.a, max = x.b;
        if (max == 0) break;
        if (min == 1 && max == 1) { gen(P, x.child, back); break; }
        const rx_node *c = &P->nodes[x.child];
        if (c->type == N_CHAR || c->type == N_CLASS) {
            emit(P, OP_SREP); emit(P, min); emit(P, max); emit(P, x.greedy);
            emit(P, c->type == N_CHAR ? (back ? OP_CHAR_B : OP_CHAR) : (back ? OP_CLASS_B : OP_CLASS));
            emit(P, c->a);
            break;
        }
        uint32_t r = P->nregs;
        P->nregs += 2;
        emit(P, OP_REP_INIT); emit(P, r);
        size_t head = emit(P, OP_REP_HEAD);
        emit(P, r); emit(P, min); emit(P, max); emit(P, x.greedy);
        size_t exit = emit(P, 0);
        emit(P, OP_REP_ENTER); emit(P, r); emit(P, x.c); emit(P, x.d);
        gen(P, x.child, back);
        emit(P, OP_REP_TAIL); emit(P, r); emit(P, min); emit(P, (uint32_t)head); emit(P, nullable(P, x.child));
        if (!P->failed) P->code[exit] = (uint32_t)P->ncode;
        break;
    }
    case N_BOL: emit(P, OP_BOL); break;
    case N_EOL: emit(P, OP_EOL); break;
    case N_WORDB: emit(P, OP_WORDB); break;
    case N_NWORDB: emit(P, OP_NWORDB); break;
    case N_BACKREF: emit(P, back ? OP_BACKREF_B : OP_BACKREF); emit(P, x.a); break;
    case N_LOOK: {
        uint32_t r = P->nregs++;
        size_t look = emit(P, OP_LOOK);
        emit(P, x.neg ? LOOK_NEG : 0); emit(P, r); emit(P, 0);
        gen(P, x.child, x.behind);
        emit(P, OP_LOOK_END); emit(P, r);
        if (!P->failed) P->code[look + 3] = (uint32_t)P->ncode;
        break;
    }
    default: break;
    }
}

/* MARK: - Compile */

static void parser_free(parser *P)
{
    oasv_free(P->nodes);
    oasv_free(P->kids);
    oasv_free(P->pend);
    oasv_free(P->ranges);
    oasv_free(P->classes);
    oasv_free(P->names);
    oasv_free(P->gnames);
    oasv_free(P->code);
}

oasv_regex *oasv_regex_compile(const char *pattern, size_t len, char *err, size_t err_size)
{
    if (err_size) err[0] = '\0';
    parser P = { 0 };
    P.p = (const unsigned char *)pattern;
    P.len = len;
    P.err = err;
    P.err_size = err_size;
    P.dot = RX_NONE;
    if (len > RX_MAX_PATTERN) { fail(&P, "the pattern is longer than %u bytes", RX_MAX_PATTERN); return NULL; }
    uint32_t root = parse_disjunction(&P, 0);
    if (!P.failed && P.i < P.len) fail(&P, "a ) has no matching (");
    /* early errors that need the whole pattern: back references name existing groups */
    for (size_t k = 0; k < P.nn && !P.failed; k++) {
        rx_node *x = &P.nodes[k];
        if (x->type == N_BACKREF && x->a > P.ngroups) {
            P.i = P.len;
            fail(&P, "\\%u refers to group %u, but the pattern has %u", x->a, x->a, P.ngroups);
        } else if (x->type == N_NAMEDREF) {
            uint32_t g = 0;
            for (uint32_t q = 1; q <= P.ngroups && !g; q++)
                if (P.gnames[q].len == x->b && memcmp(P.names + P.gnames[q].off, P.names + x->a, x->b) == 0) g = q;
            if (!g) { P.i = P.len; fail(&P, "\\k<%.*s> names no group", (int)x->b, P.names + x->a); break; }
            x->type = N_BACKREF;
            x->a = g;
        }
    }
    oasv_regex *re = NULL;
    if (!P.failed) {
        P.nregs = 2 * (P.ngroups + 1);
        gen(&P, root, false);
        emit(&P, OP_MATCH);
    }
    if (!P.failed) re = oasv_calloc(1, sizeof *re);
    if (!re) {
        if (!P.failed) oom(&P);
        parser_free(&P);
        return NULL;
    }
    re->code = P.code;
    re->ncode = (uint32_t)P.ncode;
    re->ranges = P.ranges;
    re->classes = P.classes;
    re->nregs = P.nregs;
    re->anchored = anchored(&P, root);
    re->filter = !first_bytes(&P, root, re->first);
#ifndef OASV_REGEX_MATCHER_ONLY
    simple_form(&P, root, re);
#endif
    P.code = NULL;
    P.ranges = NULL;
    P.classes = NULL;
    parser_free(&P);
    return re;
}

void oasv_regex_free(oasv_regex *re)
{
    if (!re) return;
    oasv_free(re->code);
    oasv_free(re->ranges);
    oasv_free(re->classes);
    oasv_free(re->simple);
    oasv_free(re);
}

/* MARK: - Matcher */

enum { BT_RESTORE, BT_ALT, BT_LOOK, BT_GREEDY, BT_LAZY };

typedef struct bt {
    uint32_t kind, a; /* RESTORE: a reg; ALT: a pc; LOOK, GREEDY, LAZY: a pc of the instruction */
    int32_t b, c;     /* RESTORE: b old value; ALT, LOOK: b pos; GREEDY: b pos, c the bound; LAZY: b pos, c count */
} bt;

typedef struct vm {
    const oasv_regex *re;
    const unsigned char *s;
    uint32_t len;
    int32_t *regs;
    bt *st;
    uint32_t top, cap;
    bool heap; /* st is ours to free */
    uint64_t steps, budget;
} vm;

static bool push(vm *m, uint32_t kind, uint32_t a, int32_t b, int32_t c)
{
    if (m->top == m->cap) {
        if (m->cap >= RX_MAX_STACK) return false;
        uint32_t cap = m->cap * 2;
        bt *q = m->heap ? oasv_realloc(m->st, cap * sizeof *q) : oasv_malloc(cap * sizeof *q);
        if (!q) return false;
        if (!m->heap) memcpy(q, m->st, m->top * sizeof *q);
        m->st = q;
        m->cap = cap;
        m->heap = true;
    }
    bt *e = &m->st[m->top++];
    e->kind = kind; e->a = a; e->b = b; e->c = c;
    return true;
}

static bool set_reg(vm *m, uint32_t r, int32_t v)
{
    if (m->regs[r] == v) return true;
    if (!push(m, BT_RESTORE, r, m->regs[r], 0)) return false;
    m->regs[r] = v;
    return true;
}

/* The code point at *pos (forward) or before it (backward), stepping over it. */
static inline uint32_t next_cp(const unsigned char *s, uint32_t len, uint32_t *pos)
{
    uint32_t i = *pos, c = s[i];
    if (c < 0x80) { *pos = i + 1; return c; }
    uint32_t n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (!n || i + n >= len) {
        *pos = i + 1;
        return 0xFFFD;
    }
    uint32_t cp = c & (0x3Fu >> n);
    for (uint32_t k = 1; k <= n; k++) cp = cp << 6 | (s[i + k] & 0x3F);
    *pos = i + n + 1;
    return cp;
}

static inline uint32_t prev_cp(const unsigned char *s, uint32_t *pos)
{
    uint32_t i = *pos - 1;
    if (s[i] < 0x80) { *pos = i; return s[i]; }
    uint32_t start = i;
    while (start > 0 && i - start < 3 && (s[start] & 0xC0) == 0x80) start--;
    uint32_t p = start, cp = next_cp(s, *pos, &p);
    if (p != *pos) { *pos = i; return 0xFFFD; }
    *pos = start;
    return cp;
}

static inline bool class_has(const oasv_regex *re, uint32_t k, uint32_t cp)
{
    const rx_class *c = &re->classes[k];
    if (cp < 128) return c->ascii[cp >> 5] >> (cp & 31) & 1;
    const rx_range *r = re->ranges + c->off;
    uint32_t lo = 0, hi = c->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (cp < r[mid].lo) hi = mid;
        else if (cp > r[mid].hi) lo = mid + 1;
        else return true;
    }
    return false;
}

/* One code point matcher (CHAR/CLASS, forward or backward) at *pos; steps over it when it matches. */
static inline bool match_one(const vm *m, uint32_t op, uint32_t arg, uint32_t *pos)
{
    uint32_t p = *pos, cp;
    bool back = op == OP_CHAR_B || op == OP_CLASS_B;
    if (back) {
        if (p == 0) return false;
        cp = prev_cp(m->s, &p);
    } else {
        if (p >= m->len) return false;
        cp = next_cp(m->s, m->len, &p);
    }
    if (op == OP_CHAR || op == OP_CHAR_B ? cp != arg : !class_has(m->re, arg, cp)) return false;
    *pos = p;
    return true;
}

static inline bool word_at(const vm *m, uint32_t i)
{
    unsigned c = m->s[i];
    return (c | 0x20) - 'a' < 26u || c - '0' < 10u || c == '_';
}

/* Run the program from `start`: 1 match, 0 none, -1 over the budget (or out of memory). */
static int run(vm *m, uint32_t start)
{
    const uint32_t *code = m->re->code;
    uint32_t pc = 0, pos = start;
    for (uint32_t r = 0; r < m->re->nregs; r++) m->regs[r] = -1;
    m->top = 0;
    for (;;) {
        if (++m->steps > m->budget) return -1;
        const uint32_t *ins = code + pc;
        switch (ins[0]) {
        case OP_MATCH:
            return 1;
        case OP_CHAR: case OP_CHAR_B: case OP_CLASS: case OP_CLASS_B:
            if (!match_one(m, ins[0], ins[1], &pos)) goto fail;
            pc += 2;
            continue;
        case OP_JMP:
            pc = ins[1];
            continue;
        case OP_SPLIT:
            if (!push(m, BT_ALT, ins[2], (int32_t)pos, 0)) return -1;
            pc = ins[1];
            continue;
        case OP_SAVE:
            if (!set_reg(m, ins[1], (int32_t)pos)) return -1;
            pc += 2;
            continue;
        case OP_BOL:
            if (pos != 0) goto fail;
            pc += 1;
            continue;
        case OP_EOL:
            if (pos != m->len) goto fail;
            pc += 1;
            continue;
        case OP_WORDB: case OP_NWORDB: {
            bool a = pos > 0 && word_at(m, pos - 1), b = pos < m->len && word_at(m, pos);
            if ((a != b) != (ins[0] == OP_WORDB)) goto fail;
            pc += 1;
            continue;
        }
        case OP_BACKREF: case OP_BACKREF_B: {
            int32_t s0 = m->regs[2 * ins[1]], s1 = m->regs[2 * ins[1] + 1];
            if (s0 >= 0 && s1 >= s0) {
                uint32_t n = (uint32_t)(s1 - s0);
                if (ins[0] == OP_BACKREF) {
                    if (n > m->len - pos || memcmp(m->s + pos, m->s + s0, n) != 0) goto fail;
                    pos += n;
                } else {
                    if (n > pos || memcmp(m->s + pos - n, m->s + s0, n) != 0) goto fail;
                    pos -= n;
                }
            }
            pc += 2;
            continue;
        }
        case OP_LOOK:
            m->regs[ins[2]] = (int32_t)m->top;
            if (!push(m, BT_LOOK, pc, (int32_t)pos, 0)) return -1;
            pc += 4;
            continue;
        case OP_LOOK_END: {
            uint32_t k = (uint32_t)m->regs[ins[1]];
            bt barrier = m->st[k];
            const uint32_t *look = code + barrier.a;
            if (look[1] & LOOK_NEG) {
                /* the body matched: the negative lookaround fails, undoing what the body did */
                while (m->top > k + 1) {
                    bt e = m->st[--m->top];
                    m->steps++;
                    if (e.kind == BT_RESTORE) m->regs[e.a] = e.b;
                }
                m->top = k;
                goto fail;
            }
            /* positive: atomic; keep only the restores (captures set inside stay, undone on backtracking) */
            uint32_t j = k;
            for (uint32_t q = k + 1; q < m->top; q++)
                if (m->st[q].kind == BT_RESTORE) m->st[j++] = m->st[q];
            m->steps += m->top - k;
            m->top = j;
            pos = (uint32_t)barrier.b;
            pc = look[3];
            continue;
        }
        case OP_REP_INIT:
            if (!set_reg(m, ins[1], 0)) return -1;
            pc += 2;
            continue;
        case OP_REP_HEAD: {
            uint32_t cnt = (uint32_t)m->regs[ins[1]];
            if (cnt < ins[2]) { pc += 6; continue; }
            if (cnt >= ins[3]) { pc = ins[5]; continue; }
            if (ins[4]) {
                if (!push(m, BT_ALT, ins[5], (int32_t)pos, 0)) return -1;
                pc += 6;
            } else {
                if (!push(m, BT_ALT, pc + 6, (int32_t)pos, 0)) return -1;
                pc = ins[5];
            }
            continue;
        }
        case OP_REP_ENTER:
            if (!set_reg(m, ins[1] + 1, (int32_t)pos)) return -1;
            for (uint32_t g = ins[2]; g < ins[3]; g++)
                if (!set_reg(m, 2 * g, -1) || !set_reg(m, 2 * g + 1, -1)) return -1;
            pc += 4;
            continue;
        case OP_REP_TAIL: {
            uint32_t cnt = (uint32_t)m->regs[ins[1]];
            if (ins[4] && cnt >= ins[2] && (int32_t)pos == m->regs[ins[1] + 1]) goto fail; /* an empty iteration past the minimum */
            if (!set_reg(m, ins[1], (int32_t)(cnt + 1 > (uint32_t)INT32_MAX ? INT32_MAX : cnt + 1))) return -1;
            pc = ins[3];
            continue;
        }
        case OP_SREP: {
            uint32_t min = ins[1], max = ins[2], n = 0;
            for (; n < min; n++) {
                if (!match_one(m, ins[4], ins[5], &pos)) goto fail;
                if ((n & 63) == 63 && (m->steps += 64) > m->budget) return -1;
            }
            if (ins[3]) {
                uint32_t bound = pos;
                if (ins[4] == OP_CLASS) { /* the common case: ASCII runs of a class, byte by byte */
                    const uint32_t *ascii = m->re->classes[ins[5]].ascii;
                    uint32_t lim = max - n < m->len - pos ? pos + (max - n) : m->len, p0 = pos;
                    while (pos < lim && m->s[pos] < 128 && (ascii[m->s[pos] >> 5] >> (m->s[pos] & 31) & 1)) pos++;
                    n += pos - p0;
                    m->steps += (pos - p0) / 64;
                }
                for (; n < max && match_one(m, ins[4], ins[5], &pos); n++)
                    if ((n & 63) == 63 && (m->steps += 64) > m->budget) return -1;
                if (pos != bound && !push(m, BT_GREEDY, pc, (int32_t)pos, (int32_t)bound)) return -1;
            } else if (max > min) {
                if (!push(m, BT_LAZY, pc, (int32_t)pos, 0)) return -1;
            }
            pc += SREP_LEN;
            continue;
        }
        default:
            return -1;
        }
    fail:
        for (;;) {
            if (m->top == 0) return 0;
            bt e = m->st[--m->top];
            if (++m->steps > m->budget) return -1;
            switch (e.kind) {
            case BT_RESTORE:
                m->regs[e.a] = e.b;
                continue;
            case BT_ALT:
                pc = e.a;
                pos = (uint32_t)e.b;
                break;
            case BT_LOOK:
                if (!(code[e.a + 1] & LOOK_NEG)) continue; /* a positive lookaround's body failed */
                pc = code[e.a + 3];                        /* a negative one's body failed: it holds */
                pos = (uint32_t)e.b;
                break;
            case BT_GREEDY: {
                /* give back one code point */
                const uint32_t *si = code + e.a;
                uint32_t p = (uint32_t)e.b;
                if (si[4] == OP_CHAR_B || si[4] == OP_CLASS_B) next_cp(m->s, m->len, &p);
                else prev_cp(m->s, &p);
                if (p != (uint32_t)e.c && !push(m, BT_GREEDY, e.a, (int32_t)p, e.c)) return -1;
                pc = e.a + SREP_LEN;
                pos = p;
                break;
            }
            case BT_LAZY: {
                /* take one more code point */
                const uint32_t *si = code + e.a;
                uint32_t p = (uint32_t)e.b, n = (uint32_t)e.c + 1;
                if (!match_one(m, si[4], si[5], &p)) continue;
                if ((uint64_t)si[1] + n < si[2] && !push(m, BT_LAZY, e.a, (int32_t)p, (int32_t)n)) return -1;
                pc = e.a + SREP_LEN;
                pos = p;
                break;
            }
            default:
                return -1;
            }
            break;
        }
    }
}

oasv_regex_result oasv_regex_test_steps(const oasv_regex *re, const char *subject, size_t len, unsigned long max_steps)
{
    if (len > (size_t)INT32_MAX - 8) return OASV_REGEX_LIMIT;
#ifndef OASV_REGEX_MATCHER_ONLY
    /* the simple form, where the matcher is sure to finish within the budget (simple_form) */
    if (re->simple && (uint64_t)re->simple->cost * ((uint64_t)len + 1) <= (uint64_t)max_steps + (uint64_t)OASV_REGEX_STEPS_PER_BYTE * len)
        return simple_match(re->simple, (const unsigned char *)subject, len) ? OASV_REGEX_MATCH : OASV_REGEX_NO_MATCH;
#endif
    return oasv_regex_backtrack(re, subject, len, max_steps);
}

bool oasv_regex_is_simple(const oasv_regex *re) { return re && re->simple; }

oasv_regex_result oasv_regex_backtrack(const oasv_regex *re, const char *subject, size_t len, unsigned long max_steps)
{
    if (len > (size_t)INT32_MAX - 8) return OASV_REGEX_LIMIT;
    bt local_st[64];
    int32_t local_regs[32];
    vm m = { 0 };
    m.re = re;
    m.s = (const unsigned char *)subject;
    m.len = (uint32_t)len;
    m.st = local_st;
    m.cap = 64;
    m.budget = (uint64_t)max_steps + (uint64_t)OASV_REGEX_STEPS_PER_BYTE * len;
    m.regs = re->nregs <= 32 ? local_regs : oasv_malloc(re->nregs * sizeof *m.regs);
    if (!m.regs) return OASV_REGEX_LIMIT;
    int r = 0;
    for (uint32_t start = 0; start <= m.len; start++) {
        if (start > 0 && start < m.len && (m.s[start] & 0xC0) == 0x80) continue; /* inside a code point */
        if (re->filter) {
            if (start == m.len) break;
            unsigned b = m.s[start];
            if (!(re->first[b >> 5] >> (b & 31) & 1)) { m.steps++; continue; }
        }
        r = run(&m, start);
        if (r != 0 || re->anchored) break;
        if (++m.steps > m.budget) { r = -1; break; }
    }
    if (m.regs != local_regs) oasv_free(m.regs);
    if (m.heap) oasv_free(m.st);
    return r > 0 ? OASV_REGEX_MATCH : r == 0 ? OASV_REGEX_NO_MATCH : OASV_REGEX_LIMIT;
}

oasv_regex_result oasv_regex_test(const oasv_regex *re, const char *subject, size_t len)
{
    return oasv_regex_test_steps(re, subject, len, OASV_REGEX_STEPS);
}
