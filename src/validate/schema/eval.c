/*
 * eval.c - validating an instance against compiled nodes.
 *
 * One recursive walk. Locations are linked lists on the C stack (instance
 * path, keyword path) and become strings only when an error is reported.
 * Annotations are collected only where unevaluatedItems/Properties needs
 * them: a bit set over the instance's members or items, passed down through
 * in-place applicators ($ref, $dynamicRef, allOf, anyOf, oneOf, if/then/else,
 * dependentSchemas); branches that may fail (anyOf, oneOf, if) get their own
 * set, merged only when they pass. Inside anyOf/oneOf/not/if/contains errors
 * are not collected, so those branches stop at their first failure.
 * The verdict-only walk (sch_check_node) also takes shortcuts that give the
 * same verdict and limits: frameless $ref chains, and flattened nodes
 * (schema.h: sch_flat) that look each member up once in merged properties.
 */
#include "validate/schema/schema.h"

#include "util/buf.h"
#include "util/mem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct iloc {
    const struct iloc *up;
    const char *key; /* member name, or NULL for an array index */
    size_t index;
} iloc;

typedef struct kloc {
    const struct kloc *up;
    const char *seg;     /* from the parent's node to this node ("/properties/a", "/$ref") */
    const sch_node *node;
} kloc;

typedef struct evset {
    uint64_t *w;
    uint32_t n;
} evset;

typedef struct vctx {
    const oasv_schema *s;
    const oasv_tree *tree;
    oasv_schema_result *r;
    const sch_resource *root_res; /* the resource of the walk's first node: the outermost of every dynamic scope */
    uint32_t depth, max_depth;
    uint64_t steps, max_steps;
    bool collect;
    bool verdict_only; /* sch_check_node: no error is ever read, so $ref-only nodes need no frame */
    bool scope_free;   /* every $dynamicRef resolves in root_res: the dynamic scope is never walked */
    uint32_t tentative; /* inside anyOf, oneOf, not, if's condition or contains: a failure is not the verdict */
    bool stopped;
} vctx;

static bool eval_node(vctx *c, const sch_node *n, const cJSON *inst, const iloc *il, const kloc *up, const char *seg, evset *ev);

/*
 * Evaluate `inst` against `n`. A node that passes this type of instance by
 * itself (compile.c's pass_types: `true`, `{}`, `{"type": "string"}`) costs a
 * step and no call; the limits apply as in eval_node.
 */
static inline bool eval(vctx *c, const sch_node *n, const cJSON *inst, const iloc *il, const kloc *up, const char *seg, evset *ev)
{
    if ((n->pass_types & inst->type) && !c->stopped && c->depth < c->max_depth && ++c->steps <= c->max_steps) return true;
    return eval_node(c, n, inst, il, up, seg, ev);
}

/* MARK: - Bit sets of evaluated members and items */

#define EV_SMALL 4 /* words on the stack: 256 members or items */

static bool ev_init(evset *e, uint64_t *small, uint32_t n)
{
    uint32_t words = (n + 63) / 64;
    e->n = n;
    if (words <= EV_SMALL) {
        e->w = small;
        memset(small, 0, EV_SMALL * sizeof *small);
        return true;
    }
    e->w = oasv_calloc(words, sizeof *e->w);
    return e->w != NULL;
}

static void ev_release(evset *e, uint64_t *small)
{
    if (e->w && e->w != small) oasv_free(e->w);
    e->w = NULL;
}

static inline void ev_set(evset *e, uint32_t i) { if (e && i < e->n) e->w[i / 64] |= 1ull << (i % 64); }
static inline bool ev_get(const evset *e, uint32_t i) { return i < e->n && (e->w[i / 64] >> (i % 64)) & 1; }

static void ev_or(evset *dst, const evset *src)
{
    for (uint32_t i = 0; i < (src->n + 63) / 64; i++) dst->w[i] |= src->w[i];
}

static uint32_t child_count(const cJSON *j)
{
    uint32_t n = 0;
    for (const cJSON *m = j->child; m; m = m->next) n++;
    return n;
}

/* MARK: - Reporting */

static void put_keyword_path(oasv_buf *b, const kloc *k)
{
    if (!k) return;
    put_keyword_path(b, k->up);
    oasv_buf_puts(b, k->seg);
}

static void put_instance_path(oasv_buf *b, const iloc *i)
{
    if (!i) return;
    put_instance_path(b, i->up);
    if (i->key) oasv_buf_pointer_token(b, i->key, strlen(i->key));
    else oasv_buf_printf(b, "/%zu", i->index);
}

/* A segment that steps into a member or item of the instance ("/properties/a", "/items", …). */
static bool seg_enters_instance(const char *seg)
{
    static const char *const exact[] = { "/items", "/contains", "/additionalProperties", "/propertyNames",
                                         "/unevaluatedItems", "/unevaluatedProperties" };
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++)
        if (!strcmp(seg, exact[i])) return true;
    return !strncmp(seg, "/properties/", 12) || !strncmp(seg, "/patternProperties/", 19) || !strncmp(seg, "/prefixItems/", 13);
}

/* The frames (k and its parents) of the error just added, for the detailed output; `kw_len` is k's path length. */
static void add_trail(vctx *c, const kloc *k, size_t kw_len, const iloc *il)
{
    uint32_t n = 0, depth = 0;
    size_t abs_bytes = 0;
    for (const kloc *f = k; f; f = f->up) n++, abs_bytes += f->node->abs ? strlen(f->node->abs) + 1 : 0;
    for (const iloc *i = il; i; i = i->up) depth++;
    /* one block: the frames, then their absolute locations */
    sch_frame *frames = oasv_malloc(n * sizeof *frames + abs_bytes);
    if (!frames) { c->r->errors.oom = true; return; }
    char *text = (char *)(frames + n);
    uint32_t j = n;
    for (const kloc *f = k; f; f = f->up) {
        sch_frame *x = &frames[--j];
        x->kw_len = (uint32_t)kw_len;
        x->inst_depth = depth;
        x->abs = NULL;
        if (f->node->abs) {
            size_t len = strlen(f->node->abs) + 1;
            x->abs = memcpy(text, f->node->abs, len);
            text += len;
        }
        size_t seg_len = strlen(f->seg);
        kw_len = kw_len >= seg_len ? kw_len - seg_len : 0;
        if (depth && seg_enters_instance(f->seg)) depth--;
    }
    sch_errors_set_trail(&c->r->errors, frames, n);
}

static void report(vctx *c, const kloc *k, const char *kwloc, const iloc *il, const char *code, const char *msg)
{
    oasv_buf ib = { 0 }, kb = { 0 }, ab = { 0 };
    oasv_buf_append(&ib, "", 0);
    put_instance_path(&ib, il);
    put_keyword_path(&kb, k);
    oasv_buf_puts(&kb, kwloc);
    oasv_buf_append(&kb, "", 0);
    if (k->node->abs) { oasv_buf_puts(&ab, k->node->abs); oasv_buf_puts(&ab, kwloc); }
    if (ib.oom || kb.oom || ab.oom) c->r->errors.oom = true;
    else {
        sch_errors_add(&c->r->errors, code, msg, ib.data, kb.data, k->node->abs ? ab.data : NULL);
        add_trail(c, k, strlen(kb.data) - strlen(kwloc), il);
    }
    oasv_buf_free(&ib);
    oasv_buf_free(&kb);
    oasv_buf_free(&ab);
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void fail_report(vctx *c, const kloc *k, const char *kwloc, const iloc *il, const char *code, const char *fmt, ...)
{
    oasv_buf msg = { 0 };
    va_list ap;
    va_start(ap, fmt);
    oasv_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (msg.oom) c->r->errors.oom = true;
    else report(c, k, kwloc, il, code, msg.data);
    oasv_buf_free(&msg);
}

/* Report a failure, when errors are collected (the arguments are not even computed otherwise). */
#define fail(c, ...) do { if ((c)->collect) fail_report(c, __VA_ARGS__); } while (0)

/* A limit was hit: say so once (even where errors are not collected) and unwind. */
static void stop(vctx *c, const kloc *k, const iloc *il, const char *code, const char *msg)
{
    if (c->stopped) return;
    c->stopped = true;
    report(c, k, "", il, code, msg);
}

/* MARK: - Values */

static const char *type_name(const cJSON *j)
{
    switch (j->type & 0xFF) {
    case cJSON_NULL: return "null";
    case cJSON_True: case cJSON_False: return "a boolean";
    case cJSON_Number: return "a number";
    case cJSON_String: return "a string";
    case cJSON_Array: return "an array";
    case cJSON_Object: return "an object";
    default: return "an unknown value";
    }
}

static void num(vctx *c, const cJSON *j, char buf[40], sch_num *out) { sch_num_of(c->tree, j, buf, out); }

/*
 * Numbers written as plain digits ("-12", "1700000000000000000") are the
 * common case, and their answers need no exact decimal (num.c): such a text is
 * an integer in JSON and in YAML alike, and up to 18 digits it fits an int64.
 */
static bool plain_digits(const char *s, size_t len)
{
    size_t i = len && s[0] == '-';
    if (i == len) return false;
    for (; i < len; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static bool small_integer(const char *s, size_t len, int64_t *out)
{
    if (!s || len == 0 || len > 19) return false;
    bool neg = s[0] == '-';
    if (len == (size_t)neg || len - neg > 18) return false;
    int64_t v = 0;
    for (size_t i = neg; i < len; i++) { /* plain_digits() and the value in one pass */
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d > 9) return false;
        v = v * 10 + (int64_t)d;
    }
    *out = neg ? -v : v;
    return true;
}

/* Equal as JSON values (numbers mathematically); each value is read in its own document's tree. */
static bool equal(const oasv_tree *ta, const cJSON *a, const oasv_tree *tb, const cJSON *b)
{
    int ta_ = a->type & 0xFF, tb_ = b->type & 0xFF;
    if (ta_ != tb_) return false;
    switch (ta_) {
    case cJSON_Number: {
        /* numbers are read correctly rounded: different finite doubles are different numbers */
        if (a->valuedouble != b->valuedouble && isfinite(a->valuedouble) && isfinite(b->valuedouble)) return false;
        size_t la = 0, lb = 0;
        int64_t ia, ib;
        /* each text before its length is read: arguments have no order in C */
        const char *da = oasv_number_text(ta, a, &la), *db = oasv_number_text(tb, b, &lb);
        if (small_integer(da, la, &ia) && small_integer(db, lb, &ib)) return ia == ib;
        char ba[40], bb[40];
        sch_num x, y;
        sch_num_of(ta, a, ba, &x);
        sch_num_of(tb, b, bb, &y);
        return sch_num_cmp(&x, &y) == 0;
    }
    case cJSON_String: {
        /* one pass that stops at the first difference: only strings holding U+0000 need their lengths */
        bool nul_a = (a->type & OASV_STRING_HAS_NUL) != 0, nul_b = (b->type & OASV_STRING_HAS_NUL) != 0;
        if (!nul_a && !nul_b) return a->valuestring[0] == b->valuestring[0] && strcmp(a->valuestring, b->valuestring) == 0;
        if (nul_a != nul_b) return false;
        size_t la = 0, lb = 0;
        const char *sa = oasv_node_string(a, &la), *sb = oasv_node_string(b, &lb);
        return la == lb && memcmp(sa, sb, la) == 0;
    }
    case cJSON_Array: {
        const cJSON *x = a->child, *y = b->child;
        for (; x && y; x = x->next, y = y->next)
            if (!equal(ta, x, tb, y)) return false;
        return !x && !y;
    }
    case cJSON_Object: {
        if (child_count(a) != child_count(b)) return false;
        for (const cJSON *x = a->child; x; x = x->next) {
            const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);
            if (!y || !equal(ta, x, tb, y)) return false;
        }
        return true;
    }
    default: return true;
    }
}

/* Characters (code points) in a string value, NULs included. */
static size_t utf8_length(const cJSON *string)
{
    size_t len, n = 0;
    const char *s = oasv_node_string(string, &len);
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* A member's key: its length and hash, read from a bare tree's node (load/bare.h), else computed. */
static inline uint32_t key_hash(const vctx *c, const cJSON *m, size_t *len)
{
    if (!c->tree) {
        const oasv_bare_node *b = (const oasv_bare_node *)m;
        *len = b->key_len;
        return b->key_hash;
    }
    *len = strlen(m->string);
    return sch_name_hash(m->string, *len);
}

/* A member's key length (read from a bare tree's node, else measured). */
static inline size_t key_length(const vctx *c, const cJSON *m)
{
    return c->tree ? strlen(m->string) : ((const oasv_bare_node *)m)->key_len;
}

/*
 * memcmp() == 0 for the short names of properties, without a call (wasm's
 * memcmp goes byte by byte): eight bytes at a time, the last word overlapping
 * the one before it, as oasv_key_hash() reads them; never past `len`.
 */
static inline bool same_bytes(const char *a, const char *b, size_t len)
{
    uint64_t x, y;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&x, a + i, 8), memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        memcpy(&x, a + len - 8, 8), memcpy(&y, b + len - 8, 8);
        return x == y;
    }
    if (len >= 4) {
        uint32_t p, q, r, s;
        memcpy(&p, a, 4), memcpy(&q, b, 4), memcpy(&r, a + len - 4, 4), memcpy(&s, b + len - 4, 4);
        return p == q && r == s;
    }
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i]) return false;
    return true;
}

/* The property named by the key `name` (`len` bytes, hash `h`), by a probe or two (inlined: a call per member shows in wasm). */
__attribute__((always_inline)) static inline const sch_prop *find_prop(const sch_kw *k, const char *name, size_t len, uint32_t h)
{
    if (!(k->u.props.filter & SCH_FILTER_BIT(h))) return NULL; /* also when the table is empty */
    uint32_t mask = k->u.props.mask;
    for (uint32_t at = h & mask;; at = (at + 1) & mask) {
        uint32_t slot = k->u.props.slots[at];
        if (!slot) return NULL;
        const sch_prop *p = &k->u.props.items[slot - 1];
        if (p->hash == h && p->len == len && same_bytes(p->name, name, len)) return p;
    }
}

/*
 * Whether the object has every name of the list, in one pass over its members
 * (each probed in the list's table) instead of a search per name. False when
 * one is missing or the list has no table: the caller then looks them up.
 */
static bool all_present(const vctx *c, const sch_names *names, const cJSON *obj)
{
    uint32_t mask = names->mask, found = 0;
    if (!mask) return false;
    uint64_t seen = 0;
    for (const cJSON *m = obj->child; m; m = m->next) {
        size_t len;
        uint32_t h = key_hash(c, m, &len);
        for (uint32_t at = h & mask; names->slots[at]; at = (at + 1) & mask) {
            uint32_t i = names->slots[at] - 1;
            if (names->hashes[i] != h || names->lens[i] != len || !same_bytes(names->names[i], m->string, len)) continue;
            if (!(seen >> i & 1)) {
                seen |= 1ull << i;
                if (++found == names->distinct) return true;
            }
            break;
        }
    }
    return false;
}

/*
 * 1 match, 0 none, -1 the matcher gave up (reported). `literal`: the pattern is "^" and that many characters of
 * `source`, or ^(0|[1-9][0-9]*)$ (sch_literal_prefix).
 */
static int regex(vctx *c, const oasv_regex *re, const char *source, uint32_t literal, const char *s, size_t len, const kloc *k,
                 const iloc *il)
{
#ifndef OASV_SCHEMA_LEAN
    if (literal == SCH_PATTERN_DECIMAL) return sch_decimal(s, len);
#endif
    if (literal) return len >= literal && memcmp(s, source + 1, literal) == 0;
    oasv_regex_result r = oasv_regex_test(re, s, len);
    if (r == OASV_REGEX_LIMIT) {
        stop(c, k, il, "regex-limit-exceeded", "a pattern needed too much backtracking on this string; validation stopped");
        return -1;
    }
    return r == OASV_REGEX_MATCH;
}

/* MARK: - Keywords */

/* The node of `res` whose $dynamicAnchor is the name `k` refers to, or NULL. */
static const sch_node *dynamic_anchor(const sch_resource *res, const sch_kw *k)
{
    for (const sch_dyn *d = res ? res->dyn : NULL; d; d = d->next)
        if (d->hash == k->u.ref.dyn_hash && strcmp(d->name, k->u.ref.dyn_name) == 0) return d->node;
    return NULL;
}

/* Whether `res` has a $dynamicAnchor of the name `name` (schema.h: oasv_schema.dynrefs). */
static bool has_dynamic_anchor(const sch_resource *res, const sch_dyn *name)
{
    for (const sch_dyn *d = res ? res->dyn : NULL; d; d = d->next)
        if (d->hash == name->hash && strcmp(d->name, name->name) == 0) return true;
    return false;
}

/*
 * The outermost resource in the dynamic scope with the anchor wins. The walk's
 * first resource is the outermost of every scope, so when it has the anchor
 * (the OAS schema-base's "meta") the answer needs no walk up the frames.
 */
static const sch_node *dynamic_target(const vctx *c, const sch_kw *k, const kloc *self)
{
    const sch_node *found = dynamic_anchor(c->root_res, k);
    if (found) return found;
    found = k->u.ref.target;
    const sch_resource *last = NULL;
    for (const kloc *f = self; f; f = f->up) {
        const sch_resource *r = f->node->res;
        if (r == last) continue;
        last = r;
        const sch_node *n = dynamic_anchor(r, k);
        if (n) found = n;
    }
    return found;
}

/*
 * Keywords whose work needs buffers or bit sets of their own live out of line,
 * so that the hot path (eval_kw, eval) keeps a small stack frame: in wasm
 * every frame with addressable locals costs stores to linear memory.
 */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* The SCH_T_ bit of a JSON value that is not a number. */
static uint32_t type_bit(int t)
{
    switch (t) {
    case cJSON_NULL: return SCH_T_NULL;
    case cJSON_True: case cJSON_False: return SCH_T_BOOLEAN;
    case cJSON_String: return SCH_T_STRING;
    case cJSON_Array: return SCH_T_ARRAY;
    case cJSON_Object: return SCH_T_OBJECT;
    default: return 0;
    }
}

/* An instance number's source text (NULL when it has none: a YAML .inf). */
static inline const char *number_text(const vctx *c, const cJSON *j, size_t *len)
{
    *len = 0;
    return oasv_number_text(c->tree, j, len);
}

NOINLINE static bool kw_type(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    uint32_t have;
    switch (t) {
    case cJSON_NULL: have = SCH_T_NULL; break;
    case cJSON_True: case cJSON_False: have = SCH_T_BOOLEAN; break;
    case cJSON_String: have = SCH_T_STRING; break;
    case cJSON_Array: have = SCH_T_ARRAY; break;
    case cJSON_Object: have = SCH_T_OBJECT; break;
    default: {
        have = SCH_T_NUMBER;
        if (inst->type & OASV_BARE_INTEGER) have |= SCH_T_INTEGER;
        else if ((k->u.types & SCH_T_INTEGER) && !(k->u.types & SCH_T_NUMBER)) {
            size_t len;
            const char *text = number_text(c, inst, &len);
            if (text && plain_digits(text, len)) have |= SCH_T_INTEGER;
            else {
                char buf[40];
                sch_num x;
                num(c, inst, buf, &x);
                if (sch_num_is_integer(&x)) have |= SCH_T_INTEGER;
            }
        }
    }
    }
    if (have & k->u.types) return true;
    if (!c->collect) return false;
    oasv_buf want = { 0 };
    static const char *names[] = { "null", "boolean", "object", "array", "number", "string", "integer" };
    uint32_t types = k->u.types;
    if (types & SCH_T_NUMBER) types &= ~(uint32_t)SCH_T_INTEGER;
    for (int i = 0; i < 7; i++)
        if (types & (1u << i)) oasv_buf_printf(&want, "%s%s", want.len ? " or " : "", names[i]);
    fail(c, self, k->loc, il, "type", "must be %s, not %s", want.data ? want.data : "?",
         t == cJSON_Number && (k->u.types & SCH_T_INTEGER) ? "a number with a fraction" : type_name(inst));
    oasv_buf_free(&want);
    return false;
}

NOINLINE static bool kw_number(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    if (t != cJSON_Number) return true;
    const sch_num *y = &k->u.num;
    int text_len = (int)y->len;
    const char *text = y->text ? y->text : "?";
    int64_t a, b;
    size_t len;
    const char *digits = number_text(c, inst, &len); /* before `len` is read: arguments have no order in C */
    bool integers = small_integer(digits, len, &a) && small_integer(y->text, y->len, &b);
    char buf[40];
    sch_num x;
    if (k->kind == K_MULTIPLEOF) {
        bool ok;
        if (integers && b != 0) ok = a % b == 0;
        else num(c, inst, buf, &x), ok = sch_num_multiple_of(&x, y);
        if (ok) return true;
        fail(c, self, k->loc, il, "multipleOf", "must be a multiple of %.*s", text_len, text);
        return false;
    }
    int cmp;
    if (integers) cmp = (a > b) - (a < b);
    else num(c, inst, buf, &x), cmp = sch_num_cmp(&x, y);
    switch (k->kind) {
    case K_MAXIMUM:
        if (cmp <= 0) return true;
        fail(c, self, k->loc, il, "maximum", "must be at most %.*s", text_len, text);
        return false;
    case K_EXMAXIMUM:
        if (cmp < 0) return true;
        fail(c, self, k->loc, il, "exclusiveMaximum", "must be less than %.*s", text_len, text);
        return false;
    case K_MINIMUM:
        if (cmp >= 0) return true;
        fail(c, self, k->loc, il, "minimum", "must be at least %.*s", text_len, text);
        return false;
    default:
        if (cmp > 0) return true;
        fail(c, self, k->loc, il, "exclusiveMinimum", "must be greater than %.*s", text_len, text);
        return false;
    }
}

NOINLINE static bool kw_unique_items(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    if (t != cJSON_Array) return true;
    size_t i = 0;
    for (const cJSON *a = inst->child; a; a = a->next, i++) {
        size_t j = i + 1;
        for (const cJSON *b = a->next; b; b = b->next, j++) {
            if (++c->steps > c->max_steps) { stop(c, self, il, "max-steps-exceeded", "validation took more steps than max_steps allows"); return false; }
            if (equal(c->tree, a, c->tree, b)) {
                fail(c, self, k->loc, il, "uniqueItems", "must not repeat items: items %zu and %zu are equal", i, j);
                return false;
            }
        }
    }
    return true;
}

NOINLINE static bool kw_contains(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    if (t != cJSON_Array) return true;
    bool saved = c->collect;
    c->collect = false;
    c->tentative++;
    uint64_t matches = 0;
    uint32_t i = 0;
    for (const cJSON *item = inst->child; item; item = item->next, i++) {
        iloc sub = { il, NULL, i };
        if (eval(c, k->u.contains.e.node, item, &sub, self, k->loc, NULL)) {
            matches++;
            ev_set(ev, i);
            if (!ev && !k->u.contains.has_max && matches >= k->u.contains.min) break;
        }
        if (c->stopped) break;
    }
    c->collect = saved;
    c->tentative--;
    if (c->stopped) return false;
    if (matches < k->u.contains.min) {
        if (k->u.contains.min == 1) fail(c, self, k->loc, il, "contains", "must contain at least one item that matches the contains schema");
        else fail(c, self, k->loc, il, "minContains", "must contain at least %llu items that match the contains schema, not %llu",
                  (unsigned long long)k->u.contains.min, (unsigned long long)matches);
        return false;
    }
    if (k->u.contains.has_max && matches > k->u.contains.max) {
        fail(c, self, k->loc, il, "maxContains", "must contain at most %llu items that match the contains schema, not %llu",
             (unsigned long long)k->u.contains.max, (unsigned long long)matches);
        return false;
    }
    return true;
}

NOINLINE static bool kw_property_names(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    if (t != cJSON_Object) return true;
    bool ok = true;
    for (const cJSON *m = inst->child; m; m = m->next) {
        cJSON name;
        memset(&name, 0, sizeof name);
        name.type = cJSON_String;
        name.valuestring = m->string;
        iloc sub = { il, m->string, 0 };
        if (!eval(c, k->u.one.e.node, &name, &sub, self, k->loc, NULL)) { ok = false; if (!c->collect || c->stopped) return false; }
    }
    return ok;
}

/* anyOf/oneOf's answer once its branches are counted: `valid` passed, the first two of them `first` and `second`. */
static bool any_or_one_of_verdict(vctx *c, const sch_kw *k, const iloc *il, const kloc *self, uint32_t valid, uint32_t first,
                                  uint32_t second)
{
    if (k->kind == K_ANYOF) {
        if (valid) return true;
        fail(c, self, k->loc, il, "anyOf", "must match at least one of the %u anyOf schemas, and matches none", k->u.list.count);
        return false;
    }
    if (valid == 1) return true;
    if (valid == 0) fail(c, self, k->loc, il, "oneOf", "must match exactly one of the %u oneOf schemas, and matches none", k->u.list.count);
    else fail(c, self, k->loc, il, "oneOf", "must match exactly one of the oneOf schemas, and matches more (%u and %u)", first, second);
    return false;
}

/*
 * The branches (at most two, the first ones) whose `const` equals the number
 * `inst` (finite), among consts that are all finite numbers (k->u.list.nums):
 * only those with the same double can be equal (equal()'s first test), and
 * they lie together in the sorted values, by branch; where both numbers are
 * integers of at most 15 digits (exact doubles) the same double is enough.
 * Returns their count.
 */
static uint32_t const_number_matches(const vctx *c, const sch_kw *k, const cJSON *inst, uint32_t found[2])
{
    const sch_const_num *v = k->u.list.nums;
    double d = inst->valuedouble;
    bool exact = (inst->type & OASV_BARE_INTEGER) && inst->valueint <= 15; /* a bare tree's plain digits, and their count */
    uint32_t lo = 0, hi = k->u.list.count, n = 0;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (v[mid].value < d) lo = mid + 1;
        else hi = mid;
    }
    for (; lo < k->u.list.count && v[lo].value == d && n < 2; lo++) {
        const sch_kw *ck = &k->u.list.items[v[lo].index].node->kw[0];
        if ((exact && v[lo].exact) || equal(c->tree, inst, ck->u.cv.tree, ck->u.cv.value)) found[n++] = v[lo].index;
    }
    return n;
}

/*
 * Whether branch `i` fails by its `type` alone (schema.h: sch_gate) where the
 * walk there would hit no limit: its steps are then counted here, as the walk
 * would count them, and it is not entered.
 */
static inline bool gated_out(vctx *c, const sch_gate *gates, uint32_t i, int t)
{
    if (!gates || !(gates[i].fails & t)) return false;
    uint32_t levels = gates[i].levels;
    if (c->stopped || c->depth + levels >= c->max_depth || c->steps + levels + 1 > c->max_steps) return false;
    c->steps += levels + 1;
    return true;
}

NOINLINE static bool kw_any_or_one_of(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    if (k->u.list.nums && (t != cJSON_Number || isfinite(inst->valuedouble)) && !c->stopped && c->depth < c->max_depth) {
        /* numbers: the loop below's answer and count of branches compared, from the first two equal ones */
        uint32_t found[2] = { 0, 0 };
        uint32_t valid = t == cJSON_Number ? const_number_matches(c, k, inst, found) : 0, i = k->u.list.count;
        if (k->kind == K_ANYOF && valid && !ev) i = found[0] + 1, valid = 1;
        else if (k->kind == K_ONEOF && valid == 2) i = found[1] + 1;
        if (c->steps + i <= c->max_steps) {
            c->steps += i;
            return any_or_one_of_verdict(c, k, il, self, valid, found[0], found[1]);
        }
    }
    if (k->u.list.consts && !c->stopped && c->depth < c->max_depth) {
        /*
         * Branches that are only a `const`: compared here, each costing the step
         * its evaluation would (the walk below takes over where that would
         * overrun max_steps, to stop where it stops). They annotate nothing.
         */
        uint32_t valid = 0, first = 0, second = 0, i = 0;
        while (i < k->u.list.count) {
            const sch_kw *ck = &k->u.list.items[i].node->kw[0];
            if (equal(c->tree, inst, ck->u.cv.tree, ck->u.cv.value)) {
                if (valid == 0) first = i;
                else if (valid == 1) second = i;
                valid++;
            }
            i++;
            if (k->kind == K_ANYOF && valid && !ev) break;
            if (k->kind == K_ONEOF && valid > 1) break;
        }
        if (c->steps + i <= c->max_steps) {
            c->steps += i;
            return any_or_one_of_verdict(c, k, il, self, valid, first, second);
        }
    }
    /*
     * When every branch but one fails by its `type`, that one's failure is the
     * keyword's: where the keyword's is the verdict, so is the branch's, which
     * then takes the shortcuts of a walk whose failures are not tentative.
     */
    const sch_gate *gates = k->u.list.gates;
    uint32_t open = k->u.list.count;
    if (gates)
        for (uint32_t i = 0; i < k->u.list.count; i++) open -= (gates[i].fails & t) != 0;
    uint32_t tentative = open == 1 && !ev ? 0 : 1;
    bool saved = c->collect;
    c->collect = false;
    c->tentative += tentative;
    uint32_t valid = 0, first = 0, second = 0;
    for (uint32_t i = 0; i < k->u.list.count && !c->stopped; i++) {
        if (gated_out(c, gates, i, t)) continue;
        uint64_t small[EV_SMALL];
        evset tmp = { NULL, 0 };
        if (ev && !ev_init(&tmp, small, ev->n)) { c->r->errors.oom = true; c->stopped = true; break; }
        if (eval(c, k->u.list.items[i].node, inst, il, self, k->u.list.items[i].loc, ev ? &tmp : NULL)) {
            if (ev) ev_or(ev, &tmp);
            if (valid == 0) first = i;
            else if (valid == 1) second = i;
            valid++;
        }
        ev_release(&tmp, small);
        if (k->kind == K_ANYOF && valid && !ev) break;
        if (k->kind == K_ONEOF && valid > 1) break;
    }
    c->collect = saved;
    c->tentative -= tentative;
    if (c->stopped) return false;
    return any_or_one_of_verdict(c, k, il, self, valid, first, second);
}

NOINLINE static bool kw_if(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    if (!k->u.cond.then.node && !k->u.cond.els.node && !ev) return true;
    bool saved = c->collect;
    c->collect = false;
    uint64_t small[EV_SMALL];
    evset tmp = { NULL, 0 };
    if (ev && !ev_init(&tmp, small, ev->n)) { c->r->errors.oom = true; c->stopped = true; c->collect = saved; return false; }
    c->tentative++;
    bool cond = eval(c, k->u.cond.cond.node, inst, il, self, k->loc, ev ? &tmp : NULL);
    c->tentative--;
    c->collect = saved;
    if (cond && ev) ev_or(ev, &tmp);
    ev_release(&tmp, small);
    if (c->stopped) return false;
    const sch_edge *e = cond ? &k->u.cond.then : &k->u.cond.els;
    if (!e->node) return true;
    return eval(c, e->node, inst, il, self, e->loc, ev);
}

NOINLINE static bool kw_pattern_properties(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    if (t != cJSON_Object) return true;
    bool ok = true;
    uint32_t i = 0;
    for (const cJSON *m = inst->child; m; m = m->next, i++) {
        size_t len = key_length(c, m);
        for (uint32_t p = 0; p < k->u.patterns.count; p++) {
            const sch_pattern *pat = &k->u.patterns.items[p];
            int r = regex(c, pat->re, pat->source, pat->literal, m->string, len, self, il);
            if (r < 0) return false;
            if (!r) continue;
            iloc sub = { il, m->string, 0 };
            if (eval(c, pat->e.node, m, &sub, self, pat->e.loc, NULL)) ev_set(ev, i);
            else { ok = false; if (!c->collect || c->stopped) return false; }
        }
    }
    return ok;
}

NOINLINE static bool kw_dependent_required(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)ev, (void)t;
    if (t != cJSON_Object) return true;
    bool ok = true;
    for (uint32_t i = 0; i < k->u.depreq.count; i++) {
        const sch_depreq *d = &k->u.depreq.items[i];
        if (!cJSON_GetObjectItemCaseSensitive(inst, d->name)) continue;
        for (uint32_t r = 0; r < d->required.count; r++) {
            if (cJSON_GetObjectItemCaseSensitive(inst, d->required.names[r])) continue;
            fail(c, self, k->loc, il, "dependentRequired", "must have the property \"%s\" because it has \"%s\"",
                 d->required.names[r], d->name);
            ok = false;
            if (!c->collect) return false;
        }
    }
    return ok;
}

/*
 * The two most frequent keywords in their own small frames (eval_kw's is large).
 * With `required` (eval_keywords: the node's `required` names are all among
 * these properties), the pass also checks that every one of them is present.
 */
NOINLINE static bool kw_properties(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t,
                                   bool required)
{
    if (t != cJSON_Object) return true;
    bool ok = true;
    uint32_t i = 0;
    uint64_t seen = 0;
    for (const cJSON *m = inst->child; m; m = m->next, i++) {
        size_t len;
        uint32_t h = key_hash(c, m, &len);
        const sch_prop *p = find_prop(k, m->string, len, h);
        if (!p) continue;
        seen |= p->required;
        /* eval()'s first test with the subschema's pass_types kept in the property: no read of its node */
        if ((p->pass & m->type) && !c->stopped && c->depth < c->max_depth && ++c->steps <= c->max_steps) {
            ev_set(ev, i);
            continue;
        }
        iloc sub = { il, m->string, 0 };
        bool passed;
#ifndef OASV_SCHEMA_LEAN
        if (p->levels && c->verdict_only && !c->stopped && c->depth + p->levels <= c->max_depth &&
            c->steps + p->levels <= c->max_steps) {
            /* what skip_refs() would do from p->e.node, within the limits: its chain of $ref-only nodes
               (compile.c: mark_pass) counted without reading them, then the node it ends at */
            c->steps += p->levels;
            c->depth += p->levels;
            passed = eval_node(c, p->through, m, &sub, self, "/$ref", NULL);
            c->depth -= p->levels;
        } else
#endif
        {
            passed = eval(c, p->e.node, m, &sub, self, p->e.loc, NULL);
        }
        if (passed) ev_set(ev, i);
        else { ok = false; if (!c->collect || c->stopped) return false; }
    }
    return ok && (!required || seen == k->u.props.required);
}

NOINLINE static bool kw_all_of(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev, int t)
{
    (void)t;
    bool ok = true;
    for (uint32_t i = 0; i < k->u.list.count; i++)
        if (!eval(c, k->u.list.items[i].node, inst, il, self, k->u.list.items[i].loc, ev)) {
            ok = false;
            if (!c->collect || c->stopped) return false;
        }
    return ok;
}

NOINLINE static bool eval_kw(vctx *c, const sch_kw *k, const cJSON *inst, const iloc *il, const kloc *self, evset *ev)
{
    int t = inst->type & 0xFF;
    switch (k->kind) {
    case K_REF:
        if (!k->u.ref.target) return true; /* unresolved in a document's batch (sch_compile_nodes): reported there */
        return eval(c, k->u.ref.target, inst, il, self, k->loc, ev);
    case K_DYNREF:
        if (!k->u.ref.target) return true;
        return eval(c, k->u.ref.dyn_name ? dynamic_target(c, k, self) : k->u.ref.target, inst, il, self, k->loc, ev);
    case K_TYPE: /* the common answers inline; the integer test and the message out of line */
        if (t == cJSON_Number ? (k->u.types & SCH_T_NUMBER) != 0 : (type_bit(t) & k->u.types) != 0) return true;
        return kw_type(c, k, inst, il, self, ev, t);
    case K_CONST:
        if (equal(c->tree, inst, k->u.cv.tree, k->u.cv.value)) return true;
        fail(c, self, k->loc, il, "const", "must be the constant value given by the schema");
        return false;
    case K_ENUM:
        if (t == cJSON_String && !(inst->type & OASV_STRING_HAS_NUL)) {
            /* a string, the usual case, compared here as equal() would, without a call per value */
            const char *str = inst->valuestring;
            for (const cJSON *v = k->u.cv.value->child; v; v = v->next)
                if ((v->type & 0xFF) == cJSON_String && !(v->type & OASV_STRING_HAS_NUL) && v->valuestring[0] == str[0] &&
                    strcmp(v->valuestring, str) == 0)
                    return true;
        } else if (t == cJSON_Number) {
            /* different finite doubles are different numbers (equal()'s first test): only the others are compared exactly */
            double d = inst->valuedouble;
            for (const cJSON *v = k->u.cv.value->child; v; v = v->next)
                if ((v->type & 0xFF) == cJSON_Number && (v->valuedouble == d || !isfinite(d) || !isfinite(v->valuedouble)) &&
                    equal(c->tree, inst, k->u.cv.tree, v))
                    return true;
        } else {
            for (const cJSON *v = k->u.cv.value->child; v; v = v->next)
                if (equal(c->tree, inst, k->u.cv.tree, v)) return true;
        }
        fail(c, self, k->loc, il, "enum", "must be one of the %u values the schema lists", (unsigned)child_count(k->u.cv.value));
        return false;
    case K_MULTIPLEOF: case K_MAXIMUM: case K_EXMAXIMUM: case K_MINIMUM: case K_EXMINIMUM: return kw_number(c, k, inst, il, self, ev, t);
    case K_MAXLENGTH: case K_MINLENGTH: {
        if (t != cJSON_String) return true;
        size_t len = utf8_length(inst);
        if (k->kind == K_MAXLENGTH && len > k->u.count) {
            fail(c, self, k->loc, il, "maxLength", "must be at most %llu characters long, not %zu", (unsigned long long)k->u.count, len);
            return false;
        }
        if (k->kind == K_MINLENGTH && len < k->u.count) {
            fail(c, self, k->loc, il, "minLength", "must be at least %llu characters long, not %zu", (unsigned long long)k->u.count, len);
            return false;
        }
        return true;
    }
    case K_PATTERN: {
        if (t != cJSON_String) return true;
        size_t slen;
        const char *str = oasv_node_string(inst, &slen);
        int m = regex(c, k->u.pattern.re, k->u.pattern.source, k->u.pattern.literal, str, slen, self, il);
        if (m > 0) return true;
        if (m == 0) fail(c, self, k->loc, il, "pattern", "must match the pattern %s", k->u.pattern.source);
        return false;
    }
    case K_FORMAT: {
        if (t != cJSON_String) return true;
        size_t flen;
        const char *fstr = oasv_node_string(inst, &flen);
        if (sch_format_check(k->u.format.id, fstr, flen)) return true;
        fail(c, self, k->loc, il, "format", "is not a valid %s", k->u.format.name);
        return false;
    }
    case K_MAXITEMS: case K_MINITEMS: {
        if (t != cJSON_Array) return true;
        uint32_t n = child_count(inst);
        if (k->kind == K_MAXITEMS && n > k->u.count) {
            fail(c, self, k->loc, il, "maxItems", "must have at most %llu items, not %u", (unsigned long long)k->u.count, n);
            return false;
        }
        if (k->kind == K_MINITEMS && n < k->u.count) {
            fail(c, self, k->loc, il, "minItems", "must have at least %llu items, not %u", (unsigned long long)k->u.count, n);
            return false;
        }
        return true;
    }
    case K_UNIQUEITEMS: return kw_unique_items(c, k, inst, il, self, ev, t);
    case K_MAXPROPS: case K_MINPROPS: {
        if (t != cJSON_Object) return true;
        uint32_t n = child_count(inst);
        if (k->kind == K_MAXPROPS && n > k->u.count) {
            fail(c, self, k->loc, il, "maxProperties", "must have at most %llu properties, not %u", (unsigned long long)k->u.count, n);
            return false;
        }
        if (k->kind == K_MINPROPS && n < k->u.count) {
            fail(c, self, k->loc, il, "minProperties", "must have at least %llu properties, not %u", (unsigned long long)k->u.count, n);
            return false;
        }
        return true;
    }
    case K_REQUIRED: {
        if (t != cJSON_Object || all_present(c, &k->u.names, inst)) return true;
        if (k->u.names.mask && !c->collect) return false; /* with a table, all_present() said that a name is missing */
        bool ok = true;
        for (uint32_t i = 0; i < k->u.names.count; i++) {
            if (cJSON_GetObjectItemCaseSensitive(inst, k->u.names.names[i])) continue;
            fail(c, self, k->loc, il, "required", "must have the property \"%s\"", k->u.names.names[i]);
            ok = false;
            if (!c->collect) break;
        }
        return ok;
    }
    case K_DEPREQUIRED: return kw_dependent_required(c, k, inst, il, self, ev, t);
    case K_PREFIXITEMS: {
        if (t != cJSON_Array) return true;
        bool ok = true;
        uint32_t i = 0;
        for (const cJSON *item = inst->child; item && i < k->u.list.count; item = item->next, i++) {
            iloc sub = { il, NULL, i };
            if (eval(c, k->u.list.items[i].node, item, &sub, self, k->u.list.items[i].loc, NULL)) ev_set(ev, i);
            else { ok = false; if (!c->collect || c->stopped) return false; }
        }
        return ok;
    }
    case K_ITEMS: {
        if (t != cJSON_Array) return true;
        bool ok = true;
        uint32_t i = 0;
        for (const cJSON *item = inst->child; item; item = item->next, i++) {
            if (i < k->u.one.skip) continue;
            iloc sub = { il, NULL, i };
            if (eval(c, k->u.one.e.node, item, &sub, self, k->loc, NULL)) ev_set(ev, i);
            else { ok = false; if (!c->collect || c->stopped) return false; }
        }
        return ok;
    }
    case K_CONTAINS: return kw_contains(c, k, inst, il, self, ev, t);
    case K_PROPERTIES: return kw_properties(c, k, inst, il, self, ev, t, false);
    case K_PATTERNPROPS: return kw_pattern_properties(c, k, inst, il, self, ev, t);
    case K_ADDLPROPS: {
        if (t != cJSON_Object) return true;
        bool ok = true;
        uint32_t i = 0;
        for (const cJSON *m = inst->child; m; m = m->next, i++) {
            if (k->u.addl.props) {
                size_t len;
                uint32_t h = key_hash(c, m, &len);
                if (find_prop(k->u.addl.props, m->string, len, h)) continue;
            }
            bool matched = false;
            if (k->u.addl.patterns) {
                size_t len = key_length(c, m);
                for (uint32_t p = 0; p < k->u.addl.patterns->u.patterns.count && !matched; p++) {
                    const sch_pattern *pat = &k->u.addl.patterns->u.patterns.items[p];
                    int r = regex(c, pat->re, pat->source, pat->literal, m->string, len, self, il);
                    if (r < 0) return false;
                    matched = r;
                }
            }
            if (matched) continue;
            iloc sub = { il, m->string, 0 };
            if (eval(c, k->u.addl.e.node, m, &sub, self, k->loc, NULL)) ev_set(ev, i);
            else { ok = false; if (!c->collect || c->stopped) return false; }
        }
        return ok;
    }
    case K_DEPSCHEMAS: {
        if (t != cJSON_Object) return true;
        bool ok = true;
        for (uint32_t p = 0; p < k->u.props.count; p++) {
            const sch_prop *d = &k->u.props.items[p];
            if (!cJSON_GetObjectItemCaseSensitive(inst, d->name)) continue;
            if (!eval(c, d->e.node, inst, il, self, d->e.loc, ev)) { ok = false; if (!c->collect || c->stopped) return false; }
        }
        return ok;
    }
    case K_PROPNAMES: return kw_property_names(c, k, inst, il, self, ev, t);
    case K_ALLOF: return kw_all_of(c, k, inst, il, self, ev, t);
    case K_ANYOF: case K_ONEOF: return kw_any_or_one_of(c, k, inst, il, self, ev, t);
    case K_NOT: {
        bool saved = c->collect;
        c->collect = false;
        c->tentative++;
        bool r = eval(c, k->u.one.e.node, inst, il, self, k->loc, NULL);
        c->tentative--;
        c->collect = saved;
        if (c->stopped) return false;
        if (!r) return true;
        fail(c, self, k->loc, il, "not", "must not match the schema in not");
        return false;
    }
    case K_IF: return kw_if(c, k, inst, il, self, ev, t);
    case K_UNEVALITEMS: case K_UNEVALPROPS: {
        if (t != (k->kind == K_UNEVALITEMS ? cJSON_Array : cJSON_Object) || !ev) return true;
        bool ok = true;
        uint32_t i = 0;
        for (const cJSON *m = inst->child; m; m = m->next, i++) {
            if (ev_get(ev, i)) continue;
            iloc sub = { il, k->kind == K_UNEVALPROPS ? m->string : NULL, i };
            if (eval(c, k->u.one.e.node, m, &sub, self, k->loc, NULL)) ev_set(ev, i);
            else { ok = false; if (!c->collect || c->stopped) return false; }
        }
        return ok;
    }
    }
    return true;
}

/* MARK: - Nodes */

/*
 * The keywords of an object node, in order; only those that look at this type
 * of instance are called. In the verdict-only walk, where a failure is the
 * verdict (not tentative), a `required` whose names are all among the node's
 * `properties` is checked in that keyword's pass over the members instead
 * (compile.c: merge_required): when a name is missing the node fails either
 * way, and so does the walk (the steps taken on the way there can only make it
 * stop, which also fails it); otherwise the walk is the same.
 */
__attribute__((always_inline)) static inline bool eval_keywords(vctx *c, const sch_node *n, const cJSON *inst, int t, const iloc *il, const kloc *self, evset *ev)
{
    bool ok = true, merged = n->required_in_props && c->verdict_only && !c->tentative;
    for (uint32_t i = 0; i < n->nkw; i++) {
        const sch_kw *k = &n->kw[i];
        if (!(k->applies & t) || (merged && k->kind == K_REQUIRED)) continue;
        /* the most frequent keywords here, without entering eval_kw's large frame */
        bool passed;
        if (k->kind == K_REF) passed = !k->u.ref.target || eval(c, k->u.ref.target, inst, il, self, k->loc, ev);
        else if (k->kind == K_TYPE && (t == cJSON_Number ? (k->u.types & SCH_T_NUMBER) || ((k->u.types & SCH_T_INTEGER) && (inst->type & OASV_BARE_INTEGER))
                                                         : (type_bit(t) & k->u.types) != 0))
            passed = true;
        else if (k->kind == K_PROPERTIES) passed = kw_properties(c, k, inst, il, self, ev, t, merged);
        else if (k->kind == K_ALLOF) passed = kw_all_of(c, k, inst, il, self, ev, t);
        else passed = eval_kw(c, k, inst, il, self, ev);
        if (!passed) {
            ok = false;
            if (!c->collect || c->stopped) break;
        }
    }
    return ok;
}

/*
 * A flattened node (schema.h: sch_flat) over an object: each member looked up
 * once in the merged properties. Used only where it gives the full walk's
 * verdict and limits: verdict only, no dynamic scope to walk, not where a
 * failure is tentative (a failing walk may then count other steps, but it
 * fails either way), no annotations wanted, and room for the merged nodes'
 * steps and depth, which are counted as the full walk counts them.
 */
static inline bool can_flatten(const vctx *c, const sch_node *n, int t, const evset *ev)
{
    return n->flat && t == cJSON_Object && !ev && c->scope_free && !c->tentative &&
           c->depth + n->flat->levels <= c->max_depth && c->steps + n->flat->nodes <= c->max_steps;
}

NOINLINE static bool eval_flat(vctx *c, const sch_flat *f, const cJSON *inst, const iloc *il, const kloc *self)
{
    c->steps += f->nodes;
    for (const cJSON *m = inst->child; m; m = m->next) {
        size_t len;
        uint32_t h = key_hash(c, m, &len);
        if (!(f->filter & SCH_FILTER_BIT(h))) continue;
        const sch_flat_prop *p = NULL;
        for (uint32_t at = h & f->mask; f->slots[at]; at = (at + 1) & f->mask) {
            const sch_flat_prop *q = &f->props[f->slots[at] - 1];
            if (q->hash == h && q->len == len && same_bytes(q->name, m->string, len)) { p = q; break; }
        }
        if (!p) continue;
        iloc sub = { il, m->string, 0 };
        for (uint32_t j = p->first; j < p->first + p->count; j++) {
            const sch_flat_entry *e = &f->entries[j];
            c->depth += e->level; /* the depth of the node the property is written in */
            bool ok = eval(c, e->node, m, &sub, self, "", NULL);
            c->depth -= e->level;
            if (!ok) return false;
        }
    }
    return true;
}

/* A node with unevaluatedItems/Properties over an array or object: its own set of evaluated members. */
NOINLINE static bool eval_collecting(vctx *c, const sch_node *n, const cJSON *inst, int t, const iloc *il, const kloc *self, evset *ev)
{
    uint64_t small[EV_SMALL];
    evset local = { NULL, 0 };
    if (!ev_init(&local, small, child_count(inst))) {
        c->r->errors.oom = true;
        c->stopped = true;
        return false;
    }
    bool ok = eval_keywords(c, n, inst, t, il, self, &local);
    if (ok && ev) ev_or(ev, &local);
    ev_release(&local, small);
    return ok;
}

NOINLINE static bool eval_false(vctx *c, const kloc *self, const iloc *il)
{
    if (il && il->key) fail(c, self, "", il, "false", "property \"%s\" is not allowed here", il->key);
    else if (il) fail(c, self, "", il, "false", "item %zu is not allowed here", il->index);
    else fail(c, self, "", il, "false", "no value is allowed here (the schema is false)");
    return false;
}

NOINLINE static bool eval_limit(vctx *c, const kloc *self, const iloc *il, bool steps)
{
    if (steps) stop(c, self, il, "max-steps-exceeded", "validation took more steps than max_steps allows; it stopped unfinished");
    else stop(c, self, il, "max-depth-exceeded",
              "the schema recursed deeper than max_depth allows (a $ref cycle that never reaches the instance, or nesting too deep); validation stopped");
    return false;
}

/*
 * When only the verdict is wanted (sch_check_node: no location is ever read),
 * nodes that are only a `$ref` (allOf's items in the meta-schemas, most
 * subschemas of OpenAPI's) are stepped over without a frame of their own:
 * each costs its step and its level of depth as if evaluated, and is kept
 * when it would change the dynamic scope (a resource other than its parent's)
 * or a limit is reached (it is then evaluated, and reports). Returns the
 * levels taken; *n and *seg become the node reached and its segment.
 */
static inline uint32_t skip_refs(vctx *c, const sch_node **n, const char **seg, const kloc *up)
{
    uint32_t levels = 0;
    const sch_node *x = *n;
    /* x->ref is x->kw[0].u.ref.target, and that keyword's location is "/$ref": the node alone is read */
    while (x->ref_only && x->ref && up && x->res == up->node->res &&
           !c->stopped && c->depth < c->max_depth && c->steps < c->max_steps) {
        c->steps++;
        c->depth++;
        levels++;
        *seg = "/$ref";
        x = x->ref;
    }
    *n = x;
    return levels;
}

static bool eval_node(vctx *c, const sch_node *n, const cJSON *inst, const iloc *il, const kloc *up, const char *seg, evset *ev)
{
    uint32_t levels = c->verdict_only ? skip_refs(c, &n, &seg, up) : 0;
    kloc self = { up, seg, n };
    bool ok;
    if (c->stopped) ok = false;
    else if (++c->steps > c->max_steps) ok = eval_limit(c, &self, il, true);
    else if (n->kind != SCH_NODE_OBJECT) ok = n->kind == SCH_NODE_TRUE || eval_false(c, &self, il);
    else if (c->depth >= c->max_depth) ok = eval_limit(c, &self, il, false);
    else {
        c->depth++;
        int t = inst->type & 0xFF;
        if (can_flatten(c, n, t, ev)) ok = eval_flat(c, n->flat, inst, il, &self);
        else ok = n->unevaluated && (t == cJSON_Object || t == cJSON_Array) ? eval_collecting(c, n, inst, t, il, &self, ev)
                                                                           : eval_keywords(c, n, inst, t, il, &self, ev);
        c->depth--;
    }
    c->depth -= levels;
    return ok;
}

void sch_validate(const oasv_schema *s, const oasv_tree *tree, const cJSON *instance, oasv_schema_result *r)
{
    sch_validate_node(s, s->root, tree, instance, r);
}

bool sch_check_node(const oasv_schema *s, const sch_node *node, const oasv_tree *tree, const cJSON *instance, bool *oom)
{
    oasv_schema_result r; /* receives only the error of a limit that stopped the walk */
    r.errors = (sch_errors){ 0 }; /* the walk reads nothing else of it: no memset of the rest on every call */
    vctx c = { .s = s, .tree = tree, .r = &r, .root_res = node->res, .max_depth = s->max_depth, .max_steps = s->max_steps,
               .verdict_only = true, .scope_free = true };
    for (const sch_dyn *d = s->dynrefs; d && c.scope_free; d = d->next) c.scope_free = has_dynamic_anchor(c.root_res, d);
    bool valid = eval(&c, node, instance, NULL, NULL, "", NULL) && !c.stopped && r.errors.count == 0;
    *oom = r.errors.oom;
    if (r.errors.items || r.errors.trails) sch_errors_free(&r.errors);
    return valid;
}

void sch_validate_node(const oasv_schema *s, const sch_node *node, const oasv_tree *tree, const cJSON *instance,
                       oasv_schema_result *r)
{
    vctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.tree = tree;
    c.root_res = node->res;
    c.r = r;
    c.max_depth = s->max_depth;
    c.max_steps = s->max_steps;
    c.collect = true;
    r->valid = eval(&c, node, instance, NULL, NULL, "", NULL) && !c.stopped;
    if (r->valid && r->errors.count) r->valid = false;
}
