/*
 * yaml_fast.c - block-style YAML read by hand (see yaml_fast.h).
 *
 * Line by line: each content line's indentation closes the collections
 * deeper than it, then the line is a "- " entry, a "key:" member or the
 * value a key or entry waits for. The positions given to the builder are
 * libyaml's (its marks after the character to byte conversion): a block
 * collection starts at its first key or '-' and ends where the next token
 * starts (the end of the text at the end); an empty value sits right after
 * its ':' or '-'; a block scalar runs from its '|' or '>' to the start of
 * the line that ends it. Block scalars, line folding of plain and quoted
 * scalars and their escapes port libyaml's code step by step; flow
 * collections (JSON-like, nested, over lines) are read with a stack of their
 * own. Whatever is not surely read the same way makes it decline.
 */
#include "load/yaml_fast.h"

#include "load/yaml_build.h"
#include "util/buf.h"
#include "util/mem.h"

#include <string.h>

/* An open block collection. */
typedef struct level {
    uint32_t column;     /* of its keys or '-' */
    bool is_map;
    bool indentless;     /* a sequence at its parent key's column ("key:\n- a") */
    bool pending;        /* a key or '-' waits for its value */
    uint32_t pending_at; /* where that value is, if it stays empty: right after the ':' or '-' */
} level;

typedef struct scanner {
    yaml_builder b;
    const char *t;
    size_t len;
    size_t pos;        /* where reading goes on: the start of a line */
    size_t line_start; /* of the line being read */
    level *levels;
    uint32_t depth, cap;
    bool root_done;    /* the root collection is open or was: a second one is another document */
    bool *flow;        /* open flow collections (true: a mapping), innermost last */
    uint32_t flow_cap;
    oasv_buf scratch;  /* scalars that are not a copy of the text (escapes, block scalars) */
} scanner;

static level *top(scanner *s) { return &s->levels[s->depth - 1]; }

/* A scalar, read but not yet given to the builder. */
typedef struct token {
    const char *text;
    size_t len;
    uint32_t start, end;
    bool plain;
    bool multiline; /* quoted: it ran over several lines */
    size_t colon;   /* the ':' after it when it is a key, else SIZE_MAX */
} token;

#ifdef OASV_YAML_FAST_DEBUG
#include <stdio.h>
#define DECLINE(s, why) (fprintf(stderr, "yaml_fast: declined at byte %zu: %s\n", (size_t)(s)->pos, why), false)
#else
#define DECLINE(s, why) ((void)(s), false)
#endif

/* MARK: - Characters */

/* Bytes the subset takes as they are: printable ASCII and well-formed UTF-8 (checked before loading) except
 * C1 controls (U+0080..U+009F, NEL among them), U+2028/U+2029 (line breaks to libyaml), U+FEFF and U+FFFE/F.
 * Tabs, lone CRs and other controls make the reader decline. */
static bool text_in_subset(const uint8_t *t, size_t start, size_t len)
{
    for (size_t i = start; i < len; i++) {
        /* Eight printable ASCII bytes at once: none below 0x20, none at 0x7F or above. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, t + i, 8);
            const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            uint64_t below = (w - ones * 0x20) & ~w & highs;
            uint64_t above = (((w & ~highs) + ones) | w) & highs; /* bytes >= 0x7F */
            if (below | above) break;
            i += 8;
        }
        if (i >= len) break;
        uint8_t c = t[i];
        if (c >= 0x20 && c < 0x7F) continue;
        if (c == '\n') continue;
        if (c == '\r' && i + 1 < len && t[i + 1] == '\n') continue;
        if (c < 0x80) return false;
        if (c == 0xC2 && i + 1 < len && t[i + 1] < 0xA0) return false;
        if (c == 0xE2 && i + 2 < len && t[i + 1] == 0x80 && (t[i + 2] == 0xA8 || t[i + 2] == 0xA9)) return false;
        if (c == 0xEF && i + 2 < len && ((t[i + 1] == 0xBB && t[i + 2] == 0xBF) || (t[i + 1] == 0xBF && t[i + 2] >= 0xBE)))
            return false;
    }
    return true;
}

static bool at_break(const scanner *s, size_t i) { return i >= s->len || s->t[i] == '\n' || s->t[i] == '\r'; }
static bool at_blankz(const scanner *s, size_t i) { return at_break(s, i) || s->t[i] == ' '; }

static bool document_marker(const scanner *s, size_t q, char c)
{
    return q + 3 <= s->len && s->t[q] == c && s->t[q + 1] == c && s->t[q + 2] == c && at_blankz(s, q + 3);
}

static size_t skip_spaces(const scanner *s, size_t i)
{
    while (i < s->len && s->t[i] == ' ') i++;
    return i;
}

/* The '\r' or '\n' ending the line i is in, or the end of the text. */
static size_t line_end(const scanner *s, size_t i)
{
    const char *nl = i < s->len ? memchr(s->t + i, '\n', s->len - i) : NULL;
    if (!nl) return s->len;
    size_t e = (size_t)(nl - s->t);
    return e > i && s->t[e - 1] == '\r' ? e - 1 : e;
}

/* The start of the next line, from a line's end. */
static size_t past_break(const scanner *s, size_t i)
{
    if (i < s->len && s->t[i] == '\r') i++;
    if (i < s->len && s->t[i] == '\n') i++;
    return i;
}

/* After a node's last token at i: spaces, then a comment or the line's end. Moves to the next line. */
static bool rest_of_line(scanner *s, size_t i)
{
    size_t j = skip_spaces(s, i);
    if (j < s->len && s->t[j] == '#' && j > i) j = line_end(s, j);
    if (!at_break(s, j)) return DECLINE(s, "text after a value");
    s->pos = past_break(s, j);
    return true;
}

/* A plain scalar may start here in block context (libyaml's check_plain, less the rarely used '?' and ':' starts). */
static bool plain_starts(const scanner *s, size_t i)
{
    if (at_blankz(s, i)) return false;
    switch (s->t[i]) {
    case '-': return !at_blankz(s, i + 1);
    case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*':
    case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`': return false;
    default: return true;
    }
}

/* MARK: - Scalars */

static void put_breaks(oasv_buf *b, size_t n)
{
    while (n--) oasv_buf_putc(b, '\n');
}

/* Append the UTF-8 encoding of code point v. */
static void put_utf8(oasv_buf *b, uint32_t v)
{
    char u[4];
    size_t n = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
    static const uint8_t lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
    for (size_t k = n - 1; k > 0; k--, v >>= 6) u[k] = (char)(0x80 | (v & 0x3F));
    u[0] = (char)(lead[n] | v);
    oasv_buf_append(b, u, n);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* One escape of a double-quoted scalar at i (the backslash), as libyaml reads it; 0 when declined. */
static size_t escape(scanner *s, size_t i)
{
    static const char simple_from[] = "0abtnvfre \"/\\"; /* libyaml takes no \' */
    static const char simple_to[] = { 0, 7, 8, 9, 10, 11, 12, 13, 27, ' ', '"', '/', '\\' };
    if (at_break(s, i + 1)) return 0; /* an escaped line break: a multi-line scalar */
    char c = s->t[i + 1];
    const char *simple = strchr(simple_from, c);
    if (simple && c) {
        oasv_buf_putc(&s->scratch, simple_to[simple - simple_from]);
        return 2;
    }
    switch (c) {
    case 'N': put_utf8(&s->scratch, 0x85); return 2;
    case '_': put_utf8(&s->scratch, 0xA0); return 2;
    case 'L': put_utf8(&s->scratch, 0x2028); return 2;
    case 'P': put_utf8(&s->scratch, 0x2029); return 2;
    default: break;
    }
    size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (!digits || i + 2 + digits > s->len) return 0;
    uint32_t v = 0;
    for (size_t k = 0; k < digits; k++) {
        int d = hex_digit(s->t[i + 2 + k]);
        if (d < 0) return 0;
        v = v * 16 + (uint32_t)d;
    }
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) return 0;
    put_utf8(&s->scratch, v);
    return 2 + digits;
}

/* From the line break at i: past the empty lines that follow and the next line's indentation. Sets *empty to how
 * many empty lines there were and *col to the column reached; returns the position reached. */
static size_t next_text(const scanner *s, size_t i, size_t *empty, size_t *col)
{
    *empty = 0;
    for (i = past_break(s, i);; i = past_break(s, i)) {
        size_t line = i;
        i = skip_spaces(s, i);
        *col = i - line;
        if (i >= s->len || (s->t[i] != '\n' && s->t[i] != '\r')) return i;
        (*empty)++;
    }
}

/* Line folding as libyaml does it: one break joins with a space, more keep one '\n' per empty line. */
static void fold(scanner *s, size_t empty)
{
    if (!empty) oasv_buf_putc(&s->scratch, ' ');
    else put_breaks(&s->scratch, empty);
}

/* A quoted scalar at q (it may run over several lines). Sets tk's text, span and end; false when declined. */
static bool quoted(scanner *s, size_t q, token *tk)
{
    char quote = s->t[q];
    size_t i = q + 1, seg = i;
    bool copied = false; /* the value is in scratch, not a slice of the text */
    s->scratch.len = 0;
    tk->multiline = false;
    static const uint8_t stop[256] = { ['\0'] = 1, ['\n'] = 1, ['\r'] = 1, ['\''] = 1, ['"'] = 1, ['\\'] = 1 };
    for (;;) {
        while (!stop[(uint8_t)s->t[i]]) i++; /* the NUL after the text stops it too */
        if (i >= s->len) return DECLINE(s, "a quoted scalar without its closing quote");
        char c = s->t[i];
        bool escaped_break = c == '\\' && quote == '"' && i + 1 < s->len && (s->t[i + 1] == '\n' || s->t[i + 1] == '\r');
        if (c == '\n' || c == '\r' || escaped_break) {
            size_t e = i;
            if (!escaped_break) /* blanks before a line break go; an escaped break keeps them */
                while (e > seg && s->t[e - 1] == ' ') e--;
            oasv_buf_append(&s->scratch, s->t + seg, e - seg);
            size_t empty, col;
            i = next_text(s, escaped_break ? i + 1 : i, &empty, &col);
            if (i >= s->len) return DECLINE(s, "a quoted scalar without its closing quote");
            if (col == 0 && (document_marker(s, i, '-') || document_marker(s, i, '.')))
                return DECLINE(s, "a document marker in quotes");
            if (escaped_break) put_breaks(&s->scratch, empty);
            else fold(s, empty);
            copied = tk->multiline = true;
            seg = i;
            continue;
        }
        if (c == quote) {
            if (quote == '\'' && i + 1 < s->len && s->t[i + 1] == '\'') {
                oasv_buf_append(&s->scratch, s->t + seg, i + 1 - seg);
                copied = true;
                i += 2;
                seg = i;
                continue;
            }
            break;
        }
        if (c == '\\' && quote == '"') {
            oasv_buf_append(&s->scratch, s->t + seg, i - seg);
            size_t n = escape(s, i);
            if (!n) return DECLINE(s, "an escape outside the subset");
            copied = true;
            i += n;
            seg = i;
            continue;
        }
        i++;
    }
    if (copied) {
        oasv_buf_append(&s->scratch, s->t + seg, i - seg);
        if (s->scratch.oom) return DECLINE(s, "out of memory");
        tk->text = s->scratch.data ? s->scratch.data : "";
        tk->len = s->scratch.len;
    } else {
        tk->text = s->t + q + 1;
        tk->len = i - (q + 1);
    }
    tk->start = (uint32_t)q;
    tk->end = (uint32_t)(i + 1);
    tk->plain = false;
    return true;
}

typedef enum plain_end { PLAIN_LINE_END, PLAIN_COMMENT, PLAIN_KEY } plain_end;

/* Where a plain scalar's text on one line (block context) stops, from q: the line's end, " #" or ": ". *e: the end of
 * its last non-blank character. Relies on the NUL after the text. */
static plain_end plain_line(const scanner *s, size_t q, size_t *e, size_t *at)
{
    static const uint8_t stop[256] = { ['\0'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1, [':'] = 1 };
    size_t i = q;
    *e = q;
    for (;;) {
        size_t run = i;
        while (!stop[(uint8_t)s->t[i]]) i++;
        if (i > run) *e = i;
        char c = s->t[i];
        *at = i;
        if (c == ' ') {
            if (s->t[i + 1] == '#') return PLAIN_COMMENT;
            i++;
        } else if (c == ':') {
            if (at_blankz(s, i + 1)) return PLAIN_KEY;
            *e = ++i;
        } else {
            return PLAIN_LINE_END;
        }
    }
}

/* A key or a value on one line in block context: a plain or quoted scalar at q, and whether ': ' follows. */
static bool block_scalar_token(scanner *s, size_t q, token *tk)
{
    tk->colon = SIZE_MAX;
    if (s->t[q] == '"' || s->t[q] == '\'') {
        if (!quoted(s, q, tk)) return false;
        size_t j = skip_spaces(s, tk->end);
        if (j < s->len && s->t[j] == ':' && at_blankz(s, j + 1)) {
            if (tk->multiline) return DECLINE(s, "a key over several lines");
            tk->colon = j;
        }
        else if (j < s->len && s->t[j] == '#' && j == tk->end) return DECLINE(s, "a comment right after a quote");
    } else {
        if (!plain_starts(s, q)) return DECLINE(s, "an indicator");
        size_t e, at;
        if (plain_line(s, q, &e, &at) == PLAIN_KEY) tk->colon = at;
        tk->text = s->t + q;
        tk->len = e - q;
        tk->start = (uint32_t)q;
        tk->end = (uint32_t)e;
        tk->plain = true;
    }
    /* libyaml forgets a possible key 1024 characters on (and then cannot find its ':'). */
    if (tk->colon != SIZE_MAX && tk->colon - q >= 1000) return DECLINE(s, "a long key");
    return true;
}

/* A plain value whose first line is in tk: the more indented lines after it go on with it (libyaml's
 * scan_plain_scalar). Moves to the line after its last. */
static bool plain_lines(scanner *s, token *tk)
{
    size_t i = line_end(s, tk->end);
    bool copied = false;
    size_t after = skip_spaces(s, tk->end);
    if (after < s->len && s->t[after] == '#') { /* a comment ends it */
        s->pos = past_break(s, i);
        return true;
    }
    size_t indent = top(s)->column + 1;
    for (;;) {
        size_t empty, col, k = next_text(s, i, &empty, &col);
        if (k >= s->len || col < indent || s->t[k] == '#') break;
        if (!copied) {
            s->scratch.len = 0;
            oasv_buf_append(&s->scratch, tk->text, tk->len);
            copied = true;
        }
        fold(s, empty);
        size_t e, at;
        plain_end end = plain_line(s, k, &e, &at);
        if (end == PLAIN_KEY) return DECLINE(s, "': ' in a plain scalar's next line");
        oasv_buf_append(&s->scratch, s->t + k, e - k);
        tk->end = (uint32_t)e;
        i = line_end(s, at);
        if (end == PLAIN_COMMENT) break;
    }
    if (copied) {
        if (s->scratch.oom) return DECLINE(s, "out of memory");
        tk->text = s->scratch.data;
        tk->len = s->scratch.len;
    }
    s->pos = past_break(s, i);
    return true;
}

/* MARK: - The builder's side */

static bool scalar(scanner *s, const token *tk)
{
    oasv_yaml_build_scalar(&s->b, tk->text, tk->len, tk->plain, NULL, NULL, tk->start, tk->end);
    return !s->b.failed;
}

static bool empty_value(scanner *s, uint32_t at)
{
    oasv_yaml_build_scalar(&s->b, "", 0, true, NULL, NULL, at, at);
    return !s->b.failed;
}

static bool open_level(scanner *s, bool is_map, size_t start, bool indentless)
{
    oasv_yaml_build_start(&s->b, is_map, NULL, NULL, (uint32_t)start);
    if (s->b.failed) return false;
    if (s->depth == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 32;
        level *grown = oasv_realloc(s->levels, (size_t)cap * sizeof *grown);
        if (!grown) return DECLINE(s, "out of memory");
        s->levels = grown;
        s->cap = cap;
    }
    s->levels[s->depth++] = (level){ (uint32_t)(start - s->line_start), is_map, indentless, false, 0 };
    s->root_done = true;
    return true;
}

static bool close_level(scanner *s, size_t at)
{
    level *l = &s->levels[s->depth - 1];
    if (l->pending && !empty_value(s, l->pending_at)) return false;
    oasv_yaml_build_end(&s->b, (uint32_t)at);
    s->depth--;
    return !s->b.failed;
}


/* MARK: - Block scalars */

/* libyaml's yaml_parser_scan_block_scalar_breaks: eat indentation and empty lines; fix the indentation if unknown. */
static void block_breaks(scanner *s, size_t *i, size_t *col, int *indent, int parent_indent, size_t *breaks, size_t *end)
{
    size_t max_indent = 0;
    *end = *i;
    for (;;) {
        while ((!*indent || *col < (size_t)*indent) && *i < s->len && s->t[*i] == ' ') (*i)++, (*col)++;
        if (*col > max_indent) max_indent = *col;
        if (*i >= s->len || (s->t[*i] != '\n' && s->t[*i] != '\r')) break;
        *i = past_break(s, *i);
        *col = 0;
        (*breaks)++;
        *end = *i;
    }
    if (!*indent) {
        *indent = (int)max_indent;
        if (*indent < parent_indent + 1) *indent = parent_indent + 1;
        if (*indent < 1) *indent = 1;
    }
}

/* A literal (|) or folded (>) scalar whose indicator is at q; libyaml's yaml_parser_scan_block_scalar. */
static bool block_scalar(scanner *s, size_t q)
{
    bool literal = s->t[q] == '|';
    int chomping = 0, increment = 0;
    size_t i = q + 1;
    bool digit = false;
    if (i < s->len && (s->t[i] == '+' || s->t[i] == '-')) {
        chomping = s->t[i++] == '+' ? 1 : -1;
        if (i < s->len && s->t[i] >= '0' && s->t[i] <= '9') increment = s->t[i++] - '0', digit = true;
    } else if (i < s->len && s->t[i] >= '0' && s->t[i] <= '9') {
        increment = s->t[i++] - '0', digit = true;
        if (i < s->len && (s->t[i] == '+' || s->t[i] == '-')) chomping = s->t[i++] == '+' ? 1 : -1;
    }
    if (digit && increment == 0) return DECLINE(s, "an indentation indicator of 0");
    size_t j = skip_spaces(s, i);
    if (j < s->len && s->t[j] == '#') {
        if (j == i) return DECLINE(s, "a comment right after a block scalar indicator");
        j = line_end(s, j);
    }
    if (!at_break(s, j)) return DECLINE(s, "text after a block scalar indicator");

    int parent_indent = (int)top(s)->column;
    size_t col = j - s->line_start; /* only matters at the end of the text, where it stops the scalar anyway */
    i = j;
    if (i < s->len) i = past_break(s, i), col = 0;
    int indent = increment ? parent_indent + increment : 0;
    size_t trailing = 0, end;
    bool leading_break = false, leading_blank = false;
    oasv_buf *out = &s->scratch;
    out->len = 0;
    oasv_buf_append(out, "", 0);
    block_breaks(s, &i, &col, &indent, parent_indent, &trailing, &end);
    while (col == (size_t)indent && i < s->len) {
        bool trailing_blank = s->t[i] == ' ';
        if (!literal && leading_break && !leading_blank && !trailing_blank) {
            if (trailing == 0) oasv_buf_putc(out, ' ');
        } else if (leading_break) {
            oasv_buf_putc(out, '\n');
        }
        leading_break = false;
        put_breaks(out, trailing);
        trailing = 0;
        leading_blank = s->t[i] == ' ';
        size_t e = line_end(s, i);
        oasv_buf_append(out, s->t + i, e - i);
        i = e;
        if (i < s->len) {
            leading_break = true;
            i = past_break(s, i);
        }
        col = 0;
        block_breaks(s, &i, &col, &indent, parent_indent, &trailing, &end);
    }
    if (chomping != -1 && leading_break) oasv_buf_putc(out, '\n');
    if (chomping == 1) put_breaks(out, trailing);
    if (out->oom) return DECLINE(s, "out of memory");
    token tk = { out->data ? out->data : "", out->len, (uint32_t)q, (uint32_t)end, false, false, SIZE_MAX };
    if (!scalar(s, &tk)) return false;
    s->pos = i < s->len ? i - col : s->len; /* the start of the line that ended it */
    return true;
}

/* MARK: - Flow collections */

static bool word_char(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '.'; }

/* From i inside a flow collection: past spaces and line breaks to its next token; SIZE_MAX (declined) at a comment,
 * a document marker or the end of the text. */
static size_t flow_space(const scanner *s, size_t i)
{
    for (;;) {
        i = skip_spaces(s, i);
        if (i >= s->len || s->t[i] == '#') return SIZE_MAX;
        if (s->t[i] != '\n' && s->t[i] != '\r') return i;
        i = past_break(s, i);
        if (document_marker(s, i, '-') || document_marker(s, i, '.')) return SIZE_MAX;
    }
}

/* A scalar in a flow collection: quoted, or plain up to ',' ']' '}', ": " or the line's end (where the next token must
 * end it: libyaml would go on with a plain scalar over lines). ':' and '#' inside a plain one make the reader decline. */
static bool flow_scalar(scanner *s, size_t i, token *tk)
{
    tk->colon = SIZE_MAX;
    if (s->t[i] == '"' || s->t[i] == '\'') return quoted(s, i, tk);
    char c = s->t[i];
    if (strchr("?:,[]{}#&*!|>'\"%@`", c)) return DECLINE(s, "an indicator in a flow collection");
    if (c == '-' && !(i + 1 < s->len && word_char(s->t[i + 1]))) return DECLINE(s, "a '-' in a flow collection");
    size_t e = i, k = i;
    for (; !at_break(s, k); k++) {
        c = s->t[k];
        if (c == ',' || c == ']' || c == '}') break;
        if (c == ':') {
            if (at_blankz(s, k + 1)) { tk->colon = k; break; }
            return DECLINE(s, "a ':' in a flow scalar");
        }
        if (c == '#' || c == '[' || c == '{') return DECLINE(s, "an indicator in a flow scalar");
        if (c != ' ') e = k + 1;
    }
    if (at_break(s, k)) {
        size_t next = flow_space(s, k);
        if (next == SIZE_MAX || !strchr(",]}", s->t[next])) return DECLINE(s, "a plain scalar over lines in a flow collection");
    }
    tk->text = s->t + i;
    tk->len = e - i;
    tk->start = (uint32_t)i;
    tk->end = (uint32_t)e;
    tk->plain = true;
    tk->multiline = false;
    return true;
}

/* What the innermost open flow collection expects next. */
typedef enum flow_expect { FLOW_FIRST, FLOW_ENTRY, FLOW_VALUE, FLOW_SEPARATOR } flow_expect;

/* A flow collection at q: JSON-like, nested and over lines if need be, scalars as in flow_scalar(), keys on one line
 * with their ':'. A loop with a stack of its own, not recursion. Returns the position after it, or 0 when declined. */
static size_t flow(scanner *s, size_t q)
{
    uint32_t depth = 0;
    flow_expect expect = FLOW_FIRST;
    size_t i = q;
    for (;;) {
        if (depth > 0 && (i = flow_space(s, i)) == SIZE_MAX) { (void)DECLINE(s, "a flow collection outside the subset"); return 0; }
        char c = s->t[i];
        bool in_map = depth > 0 && s->flow[depth - 1];
        if (c == '[' || c == '{') {
            if (expect == FLOW_SEPARATOR || (in_map && expect != FLOW_VALUE)) { (void)DECLINE(s, "a collection as a flow key"); return 0; }
            oasv_yaml_build_start(&s->b, c == '{', NULL, NULL, (uint32_t)i);
            if (s->b.failed) return 0;
            if (depth == s->flow_cap) {
                uint32_t cap = s->flow_cap ? s->flow_cap * 2 : 16;
                bool *grown = oasv_realloc(s->flow, cap * sizeof *grown);
                if (!grown) { (void)DECLINE(s, "out of memory"); return 0; }
                s->flow = grown;
                s->flow_cap = cap;
            }
            s->flow[depth++] = c == '{';
            expect = FLOW_FIRST;
            i++;
            continue;
        }
        if (c == ']' || c == '}') {
            if ((c == '}') != in_map || (expect != FLOW_FIRST && expect != FLOW_SEPARATOR)) {
                (void)DECLINE(s, "a flow collection outside the subset");
                return 0;
            }
            oasv_yaml_build_end(&s->b, (uint32_t)(i + 1));
            if (s->b.failed) return 0;
            i++;
            if (--depth == 0) return i;
            expect = FLOW_SEPARATOR;
            continue;
        }
        if (c == ',') {
            if (expect != FLOW_SEPARATOR) { (void)DECLINE(s, "an empty flow entry"); return 0; }
            expect = FLOW_ENTRY;
            i++;
            continue;
        }
        token tk;
        if (expect == FLOW_SEPARATOR || !flow_scalar(s, i, &tk)) { (void)DECLINE(s, "a flow collection outside the subset"); return 0; }
        if (in_map && expect != FLOW_VALUE) {
            size_t colon = tk.colon;
            if (colon == SIZE_MAX && !tk.plain && !tk.multiline) { /* "key": and "key":value */
                colon = skip_spaces(s, tk.end);
                if (!(colon < s->len && s->t[colon] == ':')) colon = SIZE_MAX;
            }
            if (colon == SIZE_MAX || tk.multiline || colon - tk.start >= 1000) { (void)DECLINE(s, "a flow key outside the subset"); return 0; }
            if (!scalar(s, &tk)) return 0;
            expect = FLOW_VALUE;
            i = colon + 1;
            continue;
        }
        if (tk.colon != SIZE_MAX) { (void)DECLINE(s, "a key in a flow sequence"); return 0; }
        if (!scalar(s, &tk)) return 0;
        expect = FLOW_SEPARATOR;
        i = tk.end;
    }
}

/* MARK: - Block structure */

/* After a key's ':' or an entry's '-' at `mark`: where its value starts on this line, or SIZE_MAX when the value
 * waits for the next lines (then empty unless they give it). */
static size_t value_on_line(scanner *s, size_t mark)
{
    size_t v = skip_spaces(s, mark + 1);
    if (at_break(s, v) || s->t[v] == '#') {
        level *l = top(s);
        l->pending = true;
        l->pending_at = (uint32_t)(mark + 1);
        s->pos = past_break(s, line_end(s, v));
        return SIZE_MAX;
    }
    return v;
}

static bool is_entry(const scanner *s, size_t q) { return s->t[q] == '-' && at_blankz(s, q + 1); }

/* A node starting at q: the value the top collection waits for (or the root). `compact`: it begins its line or
 * follows a '-', so it may be a block collection. A loop, not recursion, over "- - key: value" on one line. */
static bool node(scanner *s, size_t q, bool compact)
{
    for (;;) {
        char c = s->t[q];
        size_t v;
        if (is_entry(s, q)) {
            if (!compact) return DECLINE(s, "a '-' after a key");
            if (!open_level(s, false, q, false)) return false;
            v = value_on_line(s, q);
        } else {
            if (s->depth == 0 && !(c == '"' || c == '\'' || plain_starts(s, q)))
                return DECLINE(s, "a root that is not a block collection");
            if (c == '|' || c == '>') return block_scalar(s, q);
            if (c == '[' || c == '{') {
                size_t e = flow(s, q);
                return e && rest_of_line(s, e);
            }
            token tk;
            if (!block_scalar_token(s, q, &tk)) return false;
            if (tk.colon == SIZE_MAX) {
                if (s->depth == 0) return DECLINE(s, "a scalar root");
                if (tk.plain) /* it stopped at the line's end or a comment; it may go on over the next lines */
                    return plain_lines(s, &tk) && scalar(s, &tk);
                return scalar(s, &tk) && rest_of_line(s, tk.end);
            }
            if (!compact) return DECLINE(s, "a key after a key");
            if (!open_level(s, true, q, false) || !scalar(s, &tk)) return false;
            v = value_on_line(s, tk.colon);
            compact = false;
        }
        if (v == SIZE_MAX) return true;
        q = v;
    }
}

/* The value after the ':' or '-' at `mark` of the top collection. */
static bool value_after(scanner *s, size_t mark, bool compact)
{
    size_t v = value_on_line(s, mark);
    return v == SIZE_MAX || node(s, v, compact);
}

/* The key of the top mapping at q, then its value. */
static bool member(scanner *s, size_t q)
{
    token tk;
    if (!block_scalar_token(s, q, &tk)) return false;
    if (tk.colon == SIZE_MAX) return DECLINE(s, "a scalar where a key was expected");
    return scalar(s, &tk) && value_after(s, tk.colon, false);
}

/* A line whose first character (column col) is at q. */
static bool line(scanner *s, size_t q, size_t col)
{
    while (s->depth > 0 && top(s)->column > col)
        if (!close_level(s, q)) return false;
    if (s->depth == 0) {
        if (s->root_done) return DECLINE(s, "text after the root collection");
        return node(s, q, true);
    }
    level *l = top(s);
    if (l->column < col) {
        if (!l->pending) return DECLINE(s, "a deeper line with nothing waiting for it");
        l->pending = false;
        return node(s, q, true);
    }
    if (!l->is_map) {
        if (is_entry(s, q)) {
            if (l->pending) {
                l->pending = false;
                if (!empty_value(s, l->pending_at)) return false;
            }
            return value_after(s, q, true);
        }
        if (!l->indentless) return DECLINE(s, "a sequence line without '-'");
        if (!close_level(s, q)) return false;
        l = top(s);
    }
    if (is_entry(s, q)) {
        if (!l->pending) return DECLINE(s, "a '-' in a mapping");
        l->pending = false;
        return open_level(s, false, q, true) && value_after(s, q, true);
    }
    if (l->pending) {
        l->pending = false;
        if (!empty_value(s, l->pending_at)) return false;
    }
    return member(s, q);
}

/* Only blank and comment lines from i on. */
static bool only_comments(scanner *s, size_t i)
{
    while (i < s->len) {
        size_t j = skip_spaces(s, i);
        if (j < s->len && s->t[j] == '#') j = line_end(s, j);
        if (!at_break(s, j)) return DECLINE(s, "text after '...'");
        i = past_break(s, j);
        if (i == j) break;
    }
    return true;
}

static bool read_document(scanner *s)
{
    bool started = false; /* a '---' was seen */
    while (s->pos < s->len) {
        s->line_start = s->pos;
        size_t q = skip_spaces(s, s->pos);
        if (at_break(s, q)) { s->pos = past_break(s, q); continue; }
        if (s->t[q] == '#') { s->pos = past_break(s, line_end(s, q)); continue; }
        size_t col = q - s->line_start;
        if (col == 0 && document_marker(s, q, '-')) {
            if (started || s->root_done) return DECLINE(s, "a second document");
            started = true;
            size_t j = skip_spaces(s, q + 3);
            if (j < s->len && s->t[j] == '#') j = line_end(s, j);
            if (!at_break(s, j)) return DECLINE(s, "content after '---'");
            s->pos = past_break(s, j);
            continue;
        }
        if (col == 0 && document_marker(s, q, '.')) {
            if (!s->root_done) return DECLINE(s, "'...' before any content");
            while (s->depth > 0)
                if (!close_level(s, q)) return false;
            return only_comments(s, q + 3);
        }
        if (!line(s, q, col)) return false;
        if (s->pos <= s->line_start) return DECLINE(s, "no progress (a bug)"); /* never loop */
    }
    if (!s->root_done) return DECLINE(s, "an empty document");
    while (s->depth > 0)
        if (!close_level(s, s->len)) return false;
    return true;
}

bool oasv_load_yaml_fast(oasv_doc *doc, size_t start)
{
    if (doc->text[doc->len] != '\0' || !text_in_subset(doc->text, start, doc->len)) return false;
    /* What to put back when declining: the loader is the first stage, but a BOM warning may precede it. */
    size_t diag_count = doc->diag_count, dropped = doc->dropped, dropped_errors = doc->dropped_errors;
    bool oom = doc->oom, in_arena = doc->tree.in_arena;
    uint32_t count = doc->tree.count;

    scanner s;
    memset(&s, 0, sizeof s);
    s.t = (const char *)doc->text;
    s.len = doc->len;
    s.pos = start;
    bool ok = false;
    if (oasv_yaml_build_begin(&s.b, doc)) {
        ok = read_document(&s) && !s.b.failed;
        s.b.failed = !ok; /* the builder drops the tree of a declined text */
        oasv_yaml_build_finish(&s.b);
    }
    oasv_free(s.levels);
    oasv_free(s.flow);
    oasv_buf_free(&s.scratch);
    if (ok) return true;

    for (size_t i = diag_count; i < doc->diag_count; i++) {
        oasv_free((void *)doc->diags[i].message);
        oasv_free((void *)doc->diags[i].pointer);
        oasv_free((void *)doc->diags[i].schema_pointer);
    }
    doc->diag_count = diag_count;
    doc->dropped = dropped;
    doc->dropped_errors = dropped_errors;
    doc->oom = oom;
    doc->tree.root = NULL;
    doc->tree.count = count;
    doc->tree.in_arena = in_arena;
    return false;
}
