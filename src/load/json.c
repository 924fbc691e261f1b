/*
 * json.c - JSON text to the document tree.
 *
 * One strict scanner reads the text: it checks the grammar of RFC 8259, gives
 * each error a precise message and position, enforces the nesting limit,
 * records the span of every value and key in document (pre-)order, and builds
 * the cJSON nodes as it goes, in the tree's arena (no node of a loaded
 * document is ever freed alone; dropping the arena frees them all). cJSON's
 * own parser is not used: it keeps no positions, accepts some non-JSON (`01`,
 * `+1`, trailing text) and would read the text a second time.
 */
#include "load/load.h"

#include "core/diag.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"
#include "util/number.h"

#include <math.h>
#include <string.h>

/* MARK: - Scanner */

enum { IN_ARRAY = 1, IN_OBJECT = 2 };

typedef struct level {
    uint32_t id;                 /* side-table id of the container */
    uint32_t count;              /* members or elements so far */
    uint32_t key_start, key_end; /* the current member's key (objects) */
    uint8_t kind;
    cJSON *node;                 /* the container */
    cJSON *last;                 /* its last member or element so far */
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
    bool escaped;         /* the string just scanned holds a backslash escape */
    const cJSON **huge;   /* numbers beyond the range of a double, in document order */
    size_t huge_count, huge_cap;
} scanner;

/* Bytes that end the fast path inside a string: quote, backslash, controls. */
static const uint8_t string_stop[256] = {
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,
};

/* Past the bytes of a string that need no attention, eight at a time: a word is skipped whole when
 * none of its bytes is a quote, a backslash or a control character (the classic "has a zero byte" tests). */
static size_t skip_plain(const uint8_t *t, size_t pos, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (pos + 8 <= len) {
        uint64_t w;
        memcpy(&w, t + pos, 8);
        uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
        uint64_t special = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((w - ones * 0x20) & ~w);
        if (special & highs) break;
        pos += 8;
    }
    while (pos < len && !string_stop[t[pos]]) pos++;
    return pos;
}

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
    s->escaped = false;
    const uint8_t *t = s->t;
    for (;;) {
        s->pos = skip_plain(t, s->pos, s->len);
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
        s->escaped = true;
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

static bool push(scanner *s, uint8_t kind, uint32_t id, cJSON *node)
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
    l->node = node;
    l->last = NULL;
    return true;
}

/* MARK: - Nodes */

/* The bytes the string token t[0..len) (quotes included, already checked) stands for, into `out`; returns their count. */
static size_t decode_string(const uint8_t *t, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        uint8_t c = t[i];
        if (c != '\\') { out[n++] = (char)c; continue; }
        uint8_t e = t[++i];
        switch (e) {
        case 'b': out[n++] = '\b'; continue;
        case 'f': out[n++] = '\f'; continue;
        case 'n': out[n++] = '\n'; continue;
        case 'r': out[n++] = '\r'; continue;
        case 't': out[n++] = '\t'; continue;
        case 'u': break;
        default: out[n++] = (char)e; continue; /* " \\ / */
        }
        unsigned u = hex4(t + i + 1);
        i += 4;
        if (u >= 0xD800 && u <= 0xDBFF) { /* a checked surrogate pair */
            unsigned lo = hex4(t + i + 3);
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
        }
        if (u < 0x80) {
            out[n++] = (char)u;
        } else if (u < 0x800) {
            out[n++] = (char)(0xC0 | (u >> 6));
            out[n++] = (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            out[n++] = (char)(0xE0 | (u >> 12));
            out[n++] = (char)(0x80 | ((u >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (u & 0x3F));
        } else {
            out[n++] = (char)(0xF0 | (u >> 18));
            out[n++] = (char)(0x80 | ((u >> 12) & 0x3F));
            out[n++] = (char)(0x80 | ((u >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (u & 0x3F));
        }
    }
    out[n] = '\0';
    return n;
}

/* A NUL-terminated copy of the string token just scanned (t[start..s->pos)), in the arena; *len gets its length. */
static char *string_copy(scanner *s, size_t start, size_t *len)
{
    size_t token = s->pos - start; /* quotes included: the text is never shorter than what it decodes to */
    char *out = oasv_arena_alloc(&s->doc->tree.nodes, token - 1);
    if (!out) { s->doc->oom = true; return NULL; }
    if (!s->escaped) {
        *len = token - 2;
        memcpy(out, s->t + start + 1, *len);
        out[*len] = '\0';
    } else {
        *len = decode_string(s->t + start, token, out);
    }
    return out;
}

/* The value of the number just scanned (t[start..s->pos), checked JSON). */
static double number_value(const scanner *s, size_t start)
{
    return oasv_strtod((const char *)s->t + start, NULL); /* locale-independent; it stops where the number does */
}

/* A zeroed node with its id, appended to the open container (or made the root). */
static cJSON *new_node(scanner *s, uint32_t id, int type, char *key)
{
    cJSON *node = oasv_arena_alloc(&s->doc->tree.nodes, sizeof *node);
    if (!node) { s->doc->oom = true; return NULL; }
    memset(node, 0, sizeof *node);
    node->type = type;
    node->valueint = (int)id;
    node->string = key;
    if (s->depth == 0) return node; /* the root: set when the text is read to its end */
    level *l = &s->stack[s->depth - 1];
    s->doc->tree.info[id].parent = l->node;
    /* cJSON's list: `prev` of the first child is the last one */
    if (!l->last) {
        l->node->child = node;
        node->prev = node;
    } else {
        l->last->next = node;
        node->prev = l->last;
        l->node->child->prev = node;
    }
    l->last = node;
    return node;
}

/* Scan the whole text; on success the side table holds every value in pre-order, and *root the tree. */
static bool scan(scanner *s, cJSON **root)
{
    oasv_tree *tree = &s->doc->tree;
    uint32_t key_start = 0, key_end = 0;
    bool has_key = false;
    char *key = NULL;
    cJSON *top = NULL;
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
        char *member_key = key;
        key = NULL;
        bool opened = false;
        cJSON *node = NULL;
        if (c == '{' || c == '[') {
            if (!(node = new_node(s, id, c == '{' ? cJSON_Object : cJSON_Array, member_key))) return false;
            if (!push(s, c == '{' ? IN_OBJECT : IN_ARRAY, id, node)) return false;
            s->pos++;
            opened = true;
        } else if (c == '"') {
            s->saw_nul = false;
            if (!scan_string(s)) return false;
            if (!(node = new_node(s, id, cJSON_String, member_key))) return false;
            size_t len;
            if (!(node->valuestring = string_copy(s, start, &len))) return false;
            if (s->saw_nul) { /* the length beside the bytes: C string functions would stop at the NUL */
                node->type |= OASV_STRING_HAS_NUL;
                node->valuedouble = (double)len;
            }
        } else if (c == '-' || is_digit(c)) {
            if (!scan_number(s)) return false;
            if (!(node = new_node(s, id, cJSON_Number, member_key))) return false;
            node->valuedouble = number_value(s, start);
            if (!isfinite(node->valuedouble)) {
                if (s->huge_count == s->huge_cap) {
                    size_t cap = s->huge_cap ? s->huge_cap * 2 : 8;
                    const cJSON **v = oasv_realloc((void *)s->huge, cap * sizeof *v);
                    if (!v) { s->doc->oom = true; return false; }
                    s->huge = v;
                    s->huge_cap = cap;
                }
                s->huge[s->huge_count++] = node;
            }
        } else if (c == 't' || c == 'f' || c == 'n') {
            if (!scan_literal(s, c == 't' ? "true" : c == 'f' ? "false" : "null")) { unexpected(s, "a value"); return false; }
            if (!(node = new_node(s, id, c == 't' ? cJSON_True : c == 'f' ? cJSON_False : cJSON_NULL, member_key))) return false;
        } else {
            unexpected(s, "a value");
            return false;
        }
        if (!top) top = node;
        if (!opened) tree->info[id].end = (uint32_t)s->pos;

        /* What follows: close containers, then a separator or the end. */
        for (;;) {
            skip_ws(s);
            if (s->depth == 0) {
                if (s->pos < s->len) { unexpected(s, "the end of the text after the top-level value"); return false; }
                *root = top;
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
            size_t klen;
            if (!(key = string_copy(s, ks, &klen))) return false;
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
    doc->tree.in_arena = true;
    /* the side table sized at once for a typical OpenAPI document (~35 bytes a value): growing it by doubling
     * would copy it ~10 times and touch twice its memory (a fresh page costs a fault). Only a guess: when it
     * cannot be had (a heap cap), the table grows as it fills. */
    size_t guess = (s.len - start) / 32;
    if (guess < UINT32_MAX / 2) (void)oasv_tree_reserve(&doc->tree, (uint32_t)guess);
    cJSON *root = NULL;
    bool ok = scan(&s, &root);
    oasv_free(s.stack);
    if (!ok) {
        oasv_arena_free(&doc->tree.nodes); /* a text that cannot be read has no tree */
    } else {
        doc->tree.root = root;
        for (size_t i = 0; i < s.huge_count && !doc->oom; i++) {
            size_t len;
            const char *raw = oasv_tree_raw(&doc->tree, s.huge[i], &len);
            oasv_diag_node(doc, OASV_SEVERITY_WARNING, "number-out-of-range", s.huge[i], false,
                           "the number %.*s%s is beyond the range of a double; its exact text is kept",
                           (int)(len > 40 ? 40 : len), raw, len > 40 ? "…" : "");
        }
    }
    oasv_free((void *)s.huge);
}
