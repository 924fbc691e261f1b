/*
 * json.c - JSON text to the document tree.
 *
 * cJSON builds the tree but keeps no positions and accepts some non-JSON
 * (`01`, `+1`, trailing text). So a strict scanner runs first: it checks the
 * grammar of RFC 8259, gives each error a precise message and position,
 * enforces the nesting limit before cJSON recurses, and records the span of
 * every value and key in document (pre-)order. cJSON then parses text known
 * to be valid, and one walk over its tree, in the same order, gives each node
 * its id in the side table.
 */
#include "load/load.h"

#include "core/diag.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <math.h>
#include <string.h>

/* MARK: - Scanner */

enum { IN_ARRAY = 1, IN_OBJECT = 2 };

typedef struct level {
    uint32_t id;                 /* side-table id of the container */
    uint32_t count;              /* members or elements so far */
    uint32_t key_start, key_end; /* the current member's key (objects) */
    uint8_t kind;
} level;

typedef struct scanner {
    oasv_doc *doc;
    const uint8_t *t;
    size_t len, pos;
    level *stack;
    uint32_t depth, max_depth, cap; /* cap: levels allocated; grows to max_depth on demand */
    bool failed;
    bool in_key;          /* scanning a member name: U+0000 is refused there */
    bool saw_nul;         /* the string just scanned holds \u0000 */
    uint32_t *nul_ids;    /* ids of string values holding \u0000, ascending */
    size_t nul_count, nul_cap;
} scanner;

/* Bytes that end the fast path inside a string: quote, backslash, controls. */
static const uint8_t string_stop[256] = {
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,
};

static void skip_ws(scanner *s)
{
    while (s->pos < s->len) {
        uint8_t c = s->t[s->pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
        s->pos++;
    }
}

/* The pointer of the place being scanned, from the open containers. */
static char *where(scanner *s)
{
    oasv_buf b = { 0 };
    for (uint32_t d = 0; d < s->depth; d++) {
        level *l = &s->stack[d];
        if (l->kind == IN_OBJECT) {
            if (l->key_end > l->key_start)
                oasv_buf_pointer_token(&b, (const char *)s->t + l->key_start + 1, l->key_end - l->key_start - 2);
        } else if (l->count > 0) {
            oasv_buf_printf(&b, "/%u", l->count - 1);
        }
    }
    return oasv_buf_take(&b);
}

OASV_PRINTF(5, 6)
static void fail_with(scanner *s, const char *code, size_t start, size_t end, const char *fmt, ...)
{
    if (s->failed) return;
    s->failed = true;
    oasv_buf message = { 0 };
    va_list ap;
    va_start(ap, fmt);
    oasv_buf_vprintf(&message, fmt, ap);
    va_end(ap);
    char *text = oasv_buf_take(&message);
    char *pointer = where(s);
    if (text && pointer) oasv_diag_at(s->doc, OASV_SEVERITY_ERROR, code, pointer, start, end, "%s", text);
    else s->doc->oom = true;
    oasv_free(text);
    oasv_free(pointer);
}

#define fail(s, ...) fail_with(s, "json-syntax", __VA_ARGS__)

static bool is_hex(uint8_t c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

static unsigned hex4(const uint8_t *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        uint8_t c = p[i];
        v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* A string starting at s->pos (the quote). Leaves pos after the closing quote. */
static bool scan_string(scanner *s)
{
    size_t open = s->pos++;
    const uint8_t *t = s->t;
    for (;;) {
        while (s->pos < s->len && !string_stop[t[s->pos]]) s->pos++;
        if (s->pos >= s->len) {
            fail(s, open, s->len, "unterminated string: the text ends before its closing quote");
            return false;
        }
        uint8_t c = t[s->pos];
        if (c == '"') { s->pos++; return true; }
        if (c != '\\') {
            fail(s, s->pos, s->pos + 1, c == '\n' || c == '\r'
                 ? "unterminated string: a line break inside a string must be written \\n"
                 : "control character U+%04X inside a string must be escaped", c);
            return false;
        }
        size_t esc = s->pos;
        if (esc + 1 >= s->len) { fail(s, open, s->len, "unterminated string: the text ends inside an escape"); return false; }
        uint8_t e = t[esc + 1];
        if (e == 'u') {
            if (esc + 6 > s->len || !is_hex(t[esc + 2]) || !is_hex(t[esc + 3]) || !is_hex(t[esc + 4]) || !is_hex(t[esc + 5])) {
                fail(s, esc, esc + 2, "invalid escape: \\u must be followed by four hex digits");
                return false;
            }
            unsigned u = hex4(t + esc + 2);
            s->pos = esc + 6;
            if (u == 0) {
                if (s->in_key) {
                    fail(s, esc, esc + 6, "\\u0000 (NUL) cannot appear in a member name");
                    return false;
                }
                s->saw_nul = true;
            }
            if (u >= 0xDC00 && u <= 0xDFFF) {
                fail(s, esc, esc + 6, "lone surrogate \\u%04X: a low surrogate must follow a high one", u);
                return false;
            }
            if (u >= 0xD800 && u <= 0xDBFF) {
                const uint8_t *p = t + s->pos;
                bool paired = s->pos + 6 <= s->len && p[0] == '\\' && p[1] == 'u' && is_hex(p[2]) && is_hex(p[3]) &&
                              is_hex(p[4]) && is_hex(p[5]) && hex4(p + 2) >= 0xDC00 && hex4(p + 2) <= 0xDFFF;
                if (!paired) {
                    fail(s, esc, esc + 6, "lone surrogate \\u%04X: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)", u);
                    return false;
                }
                s->pos += 6;
            }
            continue;
        }
        if (!strchr("\"\\/bfnrt", e) || e == 0) {
            fail(s, esc, esc + 2, "invalid escape \\%c in a string", e >= 0x20 && e < 0x7F ? e : '?');
            return false;
        }
        s->pos = esc + 2;
    }
}

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* A number per RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool scan_number(scanner *s)
{
    const uint8_t *t = s->t;
    size_t start = s->pos, p = s->pos;
    if (t[p] == '-') p++;
    if (p >= s->len || !is_digit(t[p])) { fail(s, start, p + (p < s->len), "invalid number: a digit must follow the minus sign"); return false; }
    if (t[p] == '0') {
        p++;
        if (p < s->len && is_digit(t[p])) { fail(s, start, p + 1, "invalid number: JSON numbers cannot have leading zeros"); return false; }
    } else {
        while (p < s->len && is_digit(t[p])) p++;
    }
    if (p < s->len && t[p] == '.') {
        p++;
        if (p >= s->len || !is_digit(t[p])) { fail(s, start, p, "invalid number: a digit must follow the decimal point"); return false; }
        while (p < s->len && is_digit(t[p])) p++;
    }
    if (p < s->len && (t[p] == 'e' || t[p] == 'E')) {
        p++;
        if (p < s->len && (t[p] == '+' || t[p] == '-')) p++;
        if (p >= s->len || !is_digit(t[p])) { fail(s, start, p, "invalid number: a digit must follow the exponent"); return false; }
        while (p < s->len && is_digit(t[p])) p++;
    }
    s->pos = p;
    return true;
}

static bool scan_literal(scanner *s, const char *word)
{
    size_t n = strlen(word);
    if (s->len - s->pos >= n && memcmp(s->t + s->pos, word, n) == 0) { s->pos += n; return true; }
    return false;
}

static void unexpected(scanner *s, const char *expected)
{
    if (s->pos >= s->len) {
        if (s->depth > 0)
            fail(s, s->len, s->len, "unexpected end of the text: %u %s still open (truncated input?)",
                 s->depth, s->depth == 1 ? "object or array is" : "objects or arrays are");
        else
            fail(s, s->len, s->len, "unexpected end of the text: expected %s", expected);
        return;
    }
    uint8_t c = s->t[s->pos];
    size_t end = s->pos + oasv_utf8_seq_len(c);
    if (c == '/' && s->pos + 1 < s->len && (s->t[s->pos + 1] == '/' || s->t[s->pos + 1] == '*'))
        fail(s, s->pos, s->pos + 2, "comments are not allowed in JSON");
    else if (c == '\'')
        fail(s, s->pos, end, "strings in JSON use double quotes, not single quotes");
    else if (c >= 0x20 && c < 0x7F)
        fail(s, s->pos, end, "unexpected '%c': expected %s", c, expected);
    else
        fail(s, s->pos, end, "unexpected character: expected %s", expected);
}

static bool push(scanner *s, uint8_t kind, uint32_t id)
{
    if (s->depth >= s->max_depth) {
        fail_with(s, "nesting-too-deep", s->pos, s->pos + 1, "nesting deeper than %u levels (limit max_depth)", s->max_depth);
        return false;
    }
    if (s->depth == s->cap) { /* small documents should not pay for max_depth levels */
        uint32_t cap = s->cap * 2 < s->max_depth ? s->cap * 2 : s->max_depth;
        level *grown = oasv_realloc(s->stack, (size_t)cap * sizeof *grown);
        if (!grown) { s->doc->oom = true; s->failed = true; return false; }
        s->stack = grown;
        s->cap = cap;
    }
    level *l = &s->stack[s->depth++];
    l->id = id;
    l->count = 0;
    l->key_start = l->key_end = 0;
    l->kind = kind;
    return true;
}

/* Scan the whole text; on success the side table holds every value in pre-order. */
static bool scan(scanner *s)
{
    oasv_tree *tree = &s->doc->tree;
    uint32_t key_start = 0, key_end = 0;
    bool has_key = false;
    skip_ws(s);
    if (s->pos >= s->len) {
        oasv_diag_nowhere(s->doc, OASV_SEVERITY_ERROR, "empty-document", "the document is empty");
        s->failed = true;
        return false;
    }
    for (;;) {
        /* A value. */
        size_t start = s->pos;
        uint32_t id = oasv_tree_add(tree, (uint32_t)start, 0, has_key ? key_start : (uint32_t)start,
                                    has_key ? key_end : (uint32_t)start);
        if (id == UINT32_MAX) { s->doc->oom = true; return false; }
        has_key = false;
        if (s->pos >= s->len) { unexpected(s, "a value"); return false; }
        uint8_t c = s->t[s->pos];
        bool opened = false;
        if (c == '{' || c == '[') {
            if (!push(s, c == '{' ? IN_OBJECT : IN_ARRAY, id)) return false;
            s->pos++;
            opened = true;
        } else if (c == '"') {
            s->saw_nul = false;
            if (!scan_string(s)) return false;
            if (s->saw_nul) {
                if (s->nul_count == s->nul_cap) {
                    size_t cap = s->nul_cap ? s->nul_cap * 2 : 8;
                    uint32_t *ids = oasv_realloc(s->nul_ids, cap * sizeof *ids);
                    if (!ids) { s->doc->oom = true; return false; }
                    s->nul_ids = ids;
                    s->nul_cap = cap;
                }
                s->nul_ids[s->nul_count++] = id;
            }
        } else if (c == '-' || is_digit(c)) {
            if (!scan_number(s)) return false;
        } else if (c == 't' || c == 'f' || c == 'n') {
            if (!scan_literal(s, c == 't' ? "true" : c == 'f' ? "false" : "null")) { unexpected(s, "a value"); return false; }
        } else {
            unexpected(s, "a value");
            return false;
        }
        if (!opened) tree->info[id].end = (uint32_t)s->pos;

        /* What follows: close containers, then a separator or the end. */
        for (;;) {
            skip_ws(s);
            if (s->depth == 0) {
                if (s->pos < s->len) { unexpected(s, "the end of the text after the top-level value"); return false; }
                return true;
            }
            level *l = &s->stack[s->depth - 1];
            uint8_t close = l->kind == IN_OBJECT ? '}' : ']';
            if (s->pos < s->len && s->t[s->pos] == close) {
                s->pos++;
                tree->info[l->id].end = (uint32_t)s->pos;
                s->depth--;
                continue; /* the container was the value that just ended */
            }
            if (opened && l->count == 0) break; /* first member or element */
            if (s->pos < s->len && s->t[s->pos] == ',') {
                size_t comma = s->pos++;
                skip_ws(s);
                if (s->pos < s->len && (s->t[s->pos] == '}' || s->t[s->pos] == ']')) {
                    fail(s, comma, comma + 1, "trailing comma: JSON allows no comma before '%c'", s->t[s->pos]);
                    return false;
                }
                break;
            }
            unexpected(s, l->kind == IN_OBJECT ? "',' or '}' after an object member" : "',' or ']' after an array element");
            return false;
        }
        opened = false;

        /* The next member (key and colon) or element. */
        level *l = &s->stack[s->depth - 1];
        l->count++;
        if (l->kind == IN_OBJECT) {
            if (s->pos >= s->len || s->t[s->pos] != '"') { unexpected(s, "a member name in double quotes"); return false; }
            size_t ks = s->pos;
            s->in_key = true;
            bool scanned = scan_string(s);
            s->in_key = false;
            if (!scanned) return false;
            l->key_start = key_start = (uint32_t)ks;
            l->key_end = key_end = (uint32_t)s->pos;
            has_key = true;
            skip_ws(s);
            if (s->pos >= s->len || s->t[s->pos] != ':') { unexpected(s, "':' after the member name"); return false; }
            s->pos++;
            skip_ws(s);
        }
    }
}

/* MARK: - Pairing with cJSON's tree */

/* Bytes that the JSON string token t[0..len) (quotes included) decodes to. */
static size_t decoded_length(const uint8_t *t, size_t len)
{
    size_t n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (t[i] != '\\') { n++; continue; }
        if (t[i + 1] != 'u') { n++; i++; continue; }
        unsigned u = hex4(t + i + 2);
        if (u >= 0xD800 && u <= 0xDBFF) { n += 4; i += 11; continue; } /* a checked surrogate pair */
        n += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
        i += 5;
    }
    return n;
}

/* Give every cJSON node, in pre-order, the id the scanner gave its text. */
static bool pair(oasv_doc *doc, const uint32_t *nul_ids, size_t nul_count)
{
    oasv_tree *tree = &doc->tree;
    uint32_t next = 0;
    cJSON *n = tree->root;
    const cJSON *parent = NULL;
    while (n) {
        if (next >= tree->count) return false;
        n->valueint = (int)next;
        tree->info[next].parent = parent;
        if (nul_count && *nul_ids == next) {
            size_t len;
            const char *raw = oasv_tree_raw(tree, n, &len);
            n->type |= OASV_STRING_HAS_NUL;
            n->valuedouble = (double)decoded_length((const uint8_t *)raw, len);
            nul_ids++, nul_count--;
        }
        if (cJSON_IsNumber(n) && !isfinite(n->valuedouble)) {
            size_t len;
            const char *raw = oasv_tree_raw(tree, n, &len);
            oasv_diag_node(doc, OASV_SEVERITY_WARNING, "number-out-of-range", n, false,
                           "the number %.*s%s is beyond the range of a double; its exact text is kept",
                           (int)(len > 40 ? 40 : len), raw, len > 40 ? "…" : "");
        }
        next++;
        if (n->child) { parent = n; n = n->child; continue; }
        while (n && !n->next) {
            n = (cJSON *)parent;
            parent = n ? tree->info[oasv_node_id(n)].parent : NULL;
        }
        if (n) n = n->next;
    }
    return next == tree->count;
}

void oasv_load_json(oasv_doc *doc, size_t start)
{
    scanner s = { 0 };
    s.doc = doc;
    s.t = doc->text;
    s.len = doc->len;
    s.pos = start;
    s.max_depth = doc->limits.max_depth;
    s.cap = s.max_depth < 32 ? s.max_depth : 32;
    s.stack = oasv_malloc((size_t)s.cap * sizeof *s.stack);
    if (!s.stack) { doc->oom = true; return; }
    bool ok = scan(&s);
    oasv_free(s.stack);
    if (!ok) { oasv_free(s.nul_ids); return; }

    const char *end = NULL;
    doc->tree.root = cJSON_ParseWithLengthOpts((const char *)doc->text + start, doc->len - start, &end, 0);
    if (!doc->tree.root) { oasv_free(s.nul_ids); doc->oom = true; return; } /* the text is valid, so only memory can fail */
    bool paired = pair(doc, s.nul_ids, s.nul_count);
    oasv_free(s.nul_ids);
    if (!paired) {
        oasv_diag_nowhere(doc, OASV_SEVERITY_ERROR, "internal-error", "cJSON read the text differently from the scanner");
        cJSON_Delete(doc->tree.root);
        doc->tree.root = NULL;
    }
}
