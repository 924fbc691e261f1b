/*
 * regex_pcre2.c - `pattern` natively: ECMA-262 (`u` flag) on PCRE2.
 *
 * PCRE2 is close to ECMA-262 but not equal, so the pattern is translated
 * first, keeping the ECMA meaning:
 *   - \d \w \b stay ASCII (PCRE2 without UCP is ASCII too, as ECMA is with `u`);
 *   - \s and \S become ECMA's set of white space and line terminators;
 *   - `.` excludes exactly ECMA's line terminators (\n \r U+2028 U+2029);
 *   - \uXXXX (surrogate pairs joined), \u{X…} and \0 become \x{…};
 *   - \v is U+000B (PCRE2 reads it as "vertical space");
 *   - an identity escape of anything but a syntax character is an error,
 *     as with the `u` flag (\a, \e, \z, \Q … are not ECMA).
 * Options: UTF, ALLOW_EMPTY_CLASS (`[]`, `[^]`), DOLLAR_ENDONLY, MATCH_UNSET_BACKREF.
 * A match limit makes catastrophic backtracking end in OASV_REGEX_LIMIT.
 */
#ifndef __EMSCRIPTEN__
#define PCRE2_CODE_UNIT_WIDTH 8
#include "validate/schema/regex.h"

#include "util/buf.h"
#include "util/mem.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Backtracking budget per test: a hostile pattern gives up instead of hanging. */
#define OASV_REGEX_MATCH_LIMIT 2000000u
#define OASV_REGEX_DEPTH_LIMIT 20000u
#define OASV_REGEX_HEAP_LIMIT_KB 65536u

struct oasv_regex {
    pcre2_code *code;
    pcre2_match_context *mctx;
    pcre2_general_context *gctx;
};

static void *pc_malloc(size_t size, void *data) { (void)data; return oasv_malloc(size); }
static void pc_free(void *ptr, void *data) { (void)data; oasv_free(ptr); }

/* ECMA-262 WhiteSpace and LineTerminator, as members of a character class. */
static const char ecma_space[] =
    "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Read exactly 4 hex digits at p[i]; -1 when they are not there. */
static long hex4(const char *p, size_t len, size_t i)
{
    if (i + 4 > len) return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hexval(p[i + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* ECMA-262 General_Category names and aliases, and PCRE2's short names for them. */
static const char *const categories[][3] = {
    { "L", "Letter", NULL }, { "LC", "Cased_Letter", NULL }, { "Lu", "Uppercase_Letter", NULL },
    { "Ll", "Lowercase_Letter", NULL }, { "Lt", "Titlecase_Letter", NULL }, { "Lm", "Modifier_Letter", NULL },
    { "Lo", "Other_Letter", NULL }, { "M", "Mark", "Combining_Mark" }, { "Mn", "Nonspacing_Mark", NULL },
    { "Mc", "Spacing_Mark", NULL }, { "Me", "Enclosing_Mark", NULL }, { "N", "Number", NULL },
    { "Nd", "Decimal_Number", "digit" }, { "Nl", "Letter_Number", NULL }, { "No", "Other_Number", NULL },
    { "P", "Punctuation", "punct" }, { "Pc", "Connector_Punctuation", NULL }, { "Pd", "Dash_Punctuation", NULL },
    { "Ps", "Open_Punctuation", NULL }, { "Pe", "Close_Punctuation", NULL }, { "Pi", "Initial_Punctuation", NULL },
    { "Pf", "Final_Punctuation", NULL }, { "Po", "Other_Punctuation", NULL }, { "S", "Symbol", NULL },
    { "Sm", "Math_Symbol", NULL }, { "Sc", "Currency_Symbol", NULL }, { "Sk", "Modifier_Symbol", NULL },
    { "So", "Other_Symbol", NULL }, { "Z", "Separator", NULL }, { "Zs", "Space_Separator", NULL },
    { "Zl", "Line_Separator", NULL }, { "Zp", "Paragraph_Separator", NULL }, { "C", "Other", NULL },
    { "Cc", "Control", "cntrl" }, { "Cf", "Format", NULL }, { "Cs", "Surrogate", NULL },
    { "Co", "Private_Use", NULL }, { "Cn", "Unassigned", NULL },
};

static const char *category(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
        for (size_t k = 0; k < 3 && categories[i][k]; k++)
            if (strlen(categories[i][k]) == len && memcmp(categories[i][k], name, len) == 0) return categories[i][0];
    return NULL;
}

static bool is_name(const char *s, size_t len, const char *name)
{
    return strlen(name) == len && memcmp(s, name, len) == 0;
}

/* \p{…} / \P{…}: ECMA names (gc=, sc=, scx=, long category names) to PCRE2's. */
static bool property(oasv_buf *out, char e, const char *s, size_t len, char *err, size_t err_size)
{
    const char *eq = memchr(s, '=', len);
    if (!len) { snprintf(err, err_size, "\\%c{} names no property", e); return false; }
    if (eq) {
        size_t kl = (size_t)(eq - s), vl = len - kl - 1;
        const char *v = eq + 1;
        if (is_name(s, kl, "General_Category") || is_name(s, kl, "gc")) {
            const char *c = category(v, vl);
            if (!c) { snprintf(err, err_size, "%.*s is not a General_Category value", (int)vl, v); return false; }
            oasv_buf_printf(out, "\\%c{%s}", e, c);
        } else if (is_name(s, kl, "Script") || is_name(s, kl, "sc")) {
            oasv_buf_printf(out, "\\%c{%.*s}", e, (int)vl, v);
        } else if (is_name(s, kl, "Script_Extensions") || is_name(s, kl, "scx")) {
            oasv_buf_printf(out, "\\%c{scx:%.*s}", e, (int)vl, v);
        } else {
            snprintf(err, err_size, "%.*s is not a property ECMA-262 knows", (int)kl, s);
            return false;
        }
        return true;
    }
    const char *c = category(s, len);
    if (c) oasv_buf_printf(out, "\\%c{%s}", e, c);
    else oasv_buf_printf(out, "\\%c{%.*s}", e, (int)len, s);
    return true;
}

/* Translate ECMA-262 syntax to PCRE2 syntax; false with `err` on a syntax error. */
static bool translate(const char *p, size_t len, oasv_buf *out, char *err, size_t err_size)
{
    bool in_class = false;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '\\') {
            if (i + 1 >= len) { snprintf(err, err_size, "the pattern ends with a lone backslash"); return false; }
            char e = p[++i];
            switch (e) {
            case 'd': case 'D': case 'w': case 'W': case 'b': case 'B':
            case 'f': case 'n': case 'r': case 't':
            case '^': case '$': case '\\': case '.': case '*': case '+': case '?':
            case '(': case ')': case '[': case ']': case '{': case '}': case '|':
                oasv_buf_putc(out, '\\');
                oasv_buf_putc(out, e);
                break;
            case '/':
                oasv_buf_putc(out, '/');
                break;
            case '-':
                if (!in_class) { snprintf(err, err_size, "\\- is only allowed inside a character class"); return false; }
                oasv_buf_puts(out, "\\-");
                break;
            case 's':
                if (in_class) oasv_buf_puts(out, ecma_space);
                else oasv_buf_printf(out, "[%s]", ecma_space);
                break;
            case 'S':
                if (in_class) oasv_buf_puts(out, "\\S"); /* approximation inside a class */
                else oasv_buf_printf(out, "[^%s]", ecma_space);
                break;
            case 'v':
                oasv_buf_puts(out, "\\x{0B}");
                break;
            case 'c':
                if (i + 1 < len && ((p[i + 1] >= 'a' && p[i + 1] <= 'z') || (p[i + 1] >= 'A' && p[i + 1] <= 'Z'))) {
                    oasv_buf_printf(out, "\\x{%X}", (unsigned)(p[++i] % 32));
                } else {
                    snprintf(err, err_size, "\\c must be followed by a letter");
                    return false;
                }
                break;
            case '0':
                if (i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '9') {
                    snprintf(err, err_size, "octal escapes are not allowed");
                    return false;
                }
                oasv_buf_puts(out, "\\x{0}");
                break;
            case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                if (in_class) { snprintf(err, err_size, "a back reference cannot be in a character class"); return false; }
                oasv_buf_putc(out, '\\');
                oasv_buf_putc(out, e);
                while (i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '9') oasv_buf_putc(out, p[++i]);
                break;
            case 'x':
                if (i + 2 < len && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
                    oasv_buf_printf(out, "\\x{%c%c}", p[i + 1], p[i + 2]);
                    i += 2;
                } else {
                    snprintf(err, err_size, "\\x must be followed by two hex digits");
                    return false;
                }
                break;
            case 'u': {
                long cp;
                if (i + 1 < len && p[i + 1] == '{') {
                    size_t k = i + 2;
                    cp = 0;
                    while (k < len && hexval(p[k]) >= 0 && cp <= 0x10FFFF) cp = cp * 16 + hexval(p[k++]);
                    if (k == i + 2 || k >= len || p[k] != '}' || cp > 0x10FFFF) {
                        snprintf(err, err_size, "\\u{…} must hold a code point in hex");
                        return false;
                    }
                    i = k;
                } else {
                    cp = hex4(p, len, i + 1);
                    if (cp < 0) { snprintf(err, err_size, "\\u must be followed by four hex digits"); return false; }
                    i += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < len && p[i + 1] == '\\' && p[i + 2] == 'u') {
                        long lo = hex4(p, len, i + 3);
                        if (lo >= 0xDC00 && lo <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            i += 6;
                        }
                    }
                    if (cp >= 0xD800 && cp <= 0xDFFF) {
                        snprintf(err, err_size, "a lone surrogate \\u%04lX cannot be matched in UTF-8 text", cp);
                        return false;
                    }
                }
                oasv_buf_printf(out, "\\x{%lX}", cp);
                break;
            }
            case 'p': case 'P': {
                const char *close = i + 1 < len && p[i + 1] == '{' ? memchr(p + i + 2, '}', len - i - 2) : NULL;
                if (!close) { snprintf(err, err_size, "\\%c must be followed by {property}", e); return false; }
                if (!property(out, e, p + i + 2, (size_t)(close - (p + i + 2)), err, err_size)) return false;
                i = (size_t)(close - p);
                break;
            }
            case 'k':
                oasv_buf_putc(out, '\\');
                oasv_buf_putc(out, e);
                break;
            default:
                snprintf(err, err_size, "\\%c is not an escape ECMA-262 allows with the u flag", e);
                return false;
            }
            continue;
        }
        if (in_class) {
            if (c == ']') in_class = false;
            if (c == '[' ) { oasv_buf_puts(out, "\\["); continue; } /* [[:alpha:]] is not ECMA */
            oasv_buf_putc(out, c);
            continue;
        }
        if (c == '[') {
            in_class = true;
            oasv_buf_putc(out, c);
            if (i + 1 < len && p[i + 1] == '^') oasv_buf_putc(out, p[++i]);
            continue;
        }
        if (c == '.') { oasv_buf_puts(out, "[^\\n\\r\\x{2028}\\x{2029}]"); continue; }
        if (c == '(' && i + 1 < len && p[i + 1] == '?') {
            /* ECMA groups: (?: (?= (?! (?<= (?<! (?<name> — not (?i) (?P<…> (?# … */
            char g = i + 2 < len ? p[i + 2] : '\0';
            char h = i + 3 < len ? p[i + 3] : '\0';
            bool ok = g == ':' || g == '=' || g == '!' || (g == '<' && (h == '=' || h == '!' || h == '_' || h == '$' ||
                                                                          (h >= 'a' && h <= 'z') || (h >= 'A' && h <= 'Z')));
            if (!ok) { snprintf(err, err_size, "(?%c is not a group ECMA-262 allows", g ? g : ' '); return false; }
        }
        oasv_buf_putc(out, c);
    }
    if (in_class) { snprintf(err, err_size, "a character class is not closed"); return false; }
    return true;
}

oasv_regex *oasv_regex_compile(const char *pattern, size_t len, char *err, size_t err_size)
{
    if (err_size) err[0] = '\0';
    oasv_buf src = { 0 };
    oasv_buf_append(&src, "", 0);
    if (!translate(pattern, len, &src, err, err_size)) { oasv_buf_free(&src); return NULL; }
    if (src.oom) { oasv_buf_free(&src); return NULL; }
    oasv_regex *re = oasv_calloc(1, sizeof *re);
    if (!re) { oasv_buf_free(&src); return NULL; }
    re->gctx = pcre2_general_context_create(pc_malloc, pc_free, NULL);
    pcre2_compile_context *cctx = re->gctx ? pcre2_compile_context_create(re->gctx) : NULL;
    if (!cctx) { oasv_buf_free(&src); oasv_regex_free(re); return NULL; }
    int code = 0;
    PCRE2_SIZE offset = 0;
    re->code = pcre2_compile((PCRE2_SPTR)src.data, src.len,
                             PCRE2_UTF | PCRE2_ALLOW_EMPTY_CLASS | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_UNSET_BACKREF,
                             &code, &offset, cctx);
    pcre2_compile_context_free(cctx);
    oasv_buf_free(&src);
    if (!re->code) {
        if (code != PCRE2_ERROR_NOMEMORY) {
            PCRE2_UCHAR message[160];
            if (pcre2_get_error_message(code, message, sizeof message) < 0) strcpy((char *)message, "syntax error");
            snprintf(err, err_size, "%s", (const char *)message);
        }
        oasv_regex_free(re);
        return NULL;
    }
    re->mctx = pcre2_match_context_create(re->gctx);
    if (!re->mctx) { oasv_regex_free(re); return NULL; }
    pcre2_set_match_limit(re->mctx, OASV_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, OASV_REGEX_DEPTH_LIMIT);
    pcre2_set_heap_limit(re->mctx, OASV_REGEX_HEAP_LIMIT_KB);
    return re;
}

oasv_regex_result oasv_regex_test(const oasv_regex *re, const char *subject, size_t len)
{
    /* One pair of offsets is enough to know whether it matched. */
    pcre2_match_data *md = pcre2_match_data_create(1, re->gctx);
    if (!md) return OASV_REGEX_LIMIT;
    int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, PCRE2_NO_UTF_CHECK, md, re->mctx);
    pcre2_match_data_free(md);
    if (rc >= 0) return OASV_REGEX_MATCH;
    return rc == PCRE2_ERROR_NOMATCH ? OASV_REGEX_NO_MATCH : OASV_REGEX_LIMIT;
}

void oasv_regex_free(oasv_regex *re)
{
    if (!re) return;
    pcre2_code_free(re->code);
    pcre2_match_context_free(re->mctx);
    pcre2_general_context_free(re->gctx);
    oasv_free(re);
}
#else
typedef int oasv_regex_pcre2_unused; /* wasm builds use regex_host.c */
#endif
