/*
 * entities.c - the HTML named character references that descriptions use.
 *
 * md4c's full table (2,231 names) would add ~40 KB of gzipped wasm to every
 * page. Descriptions use a handful of names, so this table holds the ASCII
 * punctuation names (which matter for URL safety: `javascript&colon;`) and
 * the common typographic ones. An unknown name in text is passed through as
 * `&name;` for the browser to decode (safe: a name is letters and digits);
 * in a URL it stays undecoded, so it can never form a scheme.
 */
#include "model/entities.h"

#include <string.h>

typedef struct named { const char *name; unsigned codepoint; } named;

/* Sorted by name (strcmp order) for binary search. */
static const named table[] = {
    { "AMP", '&' }, { "Hat", '^' }, { "LT", '<' }, { "NewLine", '\n' }, { "QUOT", '"' }, { "Tab", '\t' },
    { "amp", '&' }, { "apos", '\'' }, { "ast", '*' }, { "bsol", '\\' }, { "bull", 0x2022 }, { "cent", 0xA2 },
    { "check", 0x2713 }, { "colon", ':' }, { "comma", ',' }, { "commat", '@' }, { "copy", 0xA9 }, { "darr", 0x2193 },
    { "deg", 0xB0 }, { "divide", 0xF7 }, { "dollar", '$' }, { "equals", '=' }, { "euro", 0x20AC }, { "excl", '!' },
    { "frac12", 0xBD }, { "frac14", 0xBC }, { "frac34", 0xBE }, { "ge", 0x2265 }, { "grave", '`' }, { "gt", '>' },
    { "harr", 0x2194 }, { "hellip", 0x2026 }, { "infin", 0x221E }, { "lArr", 0x21D0 }, { "laquo", 0xAB }, { "larr", 0x2190 },
    { "lcub", '{' }, { "ldquo", 0x201C }, { "le", 0x2264 }, { "lowbar", '_' }, { "lpar", '(' }, { "lsqb", '[' },
    { "lsquo", 0x2018 }, { "lt", '<' }, { "mdash", 0x2014 }, { "micro", 0xB5 }, { "middot", 0xB7 }, { "nbsp", 0xA0 },
    { "ndash", 0x2013 }, { "ne", 0x2260 }, { "num", '#' }, { "para", 0xB6 }, { "percnt", '%' }, { "period", '.' },
    { "plus", '+' }, { "plusmn", 0xB1 }, { "pound", 0xA3 }, { "quest", '?' }, { "quot", '"' }, { "rArr", 0x21D2 },
    { "raquo", 0xBB }, { "rarr", 0x2192 }, { "rcub", '}' }, { "rdquo", 0x201D }, { "reg", 0xAE }, { "rpar", ')' },
    { "rsqb", ']' }, { "rsquo", 0x2019 }, { "sect", 0xA7 }, { "semi", ';' }, { "sol", '/' }, { "times", 0xD7 },
    { "trade", 0x2122 }, { "uarr", 0x2191 }, { "verbar", '|' }, { "yen", 0xA5 },
};

unsigned oasv_entity_codepoint(const char *name, size_t len)
{
    size_t lo = 0, hi = sizeof table / sizeof *table;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(table[mid].name, name, len);
        if (c == 0) c = table[mid].name[len] ? 1 : 0;
        if (c == 0) return table[mid].codepoint;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}
