/* json_text.c - the compact form of JSON text and the value of a string literal, for the samples in
 * the render model (src/model/entry.c): cJSON's parser and printer stay out of the docs viewer's wasm. */
#include "util/json_text.h"

#include <string.h>

static bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

void oasv_json_compact(oasv_buf *out, const char *json, size_t len)
{
    size_t from = 0; /* the start of the run not yet copied */
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (in_string) {
            if (c == '\\') i++;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (is_space(c)) {
            oasv_buf_append(out, json + from, i - from);
            from = i + 1;
        }
    }
    if (from < len) oasv_buf_append(out, json + from, len - from);
}

/* The value of the four hex digits at s, or -1. */
static long hex4(const char *s)
{
    long u = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
        if (d < 0) return -1;
        u = u * 16 + d;
    }
    return u;
}

static void put_utf8(oasv_buf *out, unsigned long u)
{
    char b[4];
    int n = u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
    static const unsigned char lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
    for (int k = n - 1; k > 0; k--, u >>= 6) b[k] = (char)(0x80 | (u & 0x3F));
    b[0] = (char)(lead[n] | u);
    oasv_buf_append(out, b, (size_t)n);
}

bool oasv_json_string_value(oasv_buf *out, const char *json, size_t len)
{
    size_t a = 0, b = len, mark = out->len;
    while (a < b && is_space(json[a])) a++;
    while (b > a && is_space(json[b - 1])) b--;
    if (b - a < 2 || json[a] != '"' || json[b - 1] != '"') return false;
    static const char simple[] = "b\bf\fn\nr\rt\t";
    for (size_t i = a + 1; i < b - 1; i++) {
        char c = json[i];
        if (c == '"' || (c == '\\' && i + 1 == b - 1)) { /* more than one literal (or an unclosed one): take nothing back */
            if (out->data) out->data[out->len = mark] = '\0';
            return false;
        }
        if (c != '\\') { oasv_buf_putc(out, c); continue; }
        char e = json[++i];
        const char *m = e ? memchr(simple, e, sizeof simple - 1) : NULL;
        long u = e == 'u' && b - 1 - i > 4 ? hex4(json + i + 1) : -1;
        if (m) oasv_buf_putc(out, m[1]);
        else if (u < 0) oasv_buf_putc(out, e); /* " \ / (and, in text that is not JSON, any other) */
        else {
            i += 4;
            long lo = u >= 0xD800 && u <= 0xDBFF && b - 1 - i > 6 && json[i + 1] == '\\' && json[i + 2] == 'u' ? hex4(json + i + 3) : -1;
            if (lo >= 0xDC00 && lo <= 0xDFFF) { u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00); i += 6; }
            put_utf8(out, (unsigned long)u);
        }
    }
    return true;
}

/* The end of the string literal that starts at json[i] (its closing quote + 1). */
static size_t string_end(const char *json, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (json[i] == '\\') i++;
        else if (json[i] == '"') return i + 1;
    }
    return len;
}

bool oasv_json_member(const char *json, size_t len, size_t *at, const char **key, size_t *key_len, const char **value,
                      size_t *value_len)
{
    size_t i = *at;
    while (i < len && is_space(json[i])) i++;
    if (*at == 0) {
        if (i >= len || json[i] != '{') return false;
        i++;
    } else if (i < len && json[i] == ',') {
        i++;
    }
    while (i < len && is_space(json[i])) i++;
    if (i >= len || json[i] != '"') return false;
    size_t k = i;
    i = string_end(json, len, i);
    *key = json + k;
    *key_len = i - k;
    while (i < len && is_space(json[i])) i++;
    if (i >= len || json[i] != ':') return false;
    i++;
    while (i < len && is_space(json[i])) i++;
    size_t v = i, depth = 0;
    while (i < len) {
        char c = json[i];
        if (c == '"') { i = string_end(json, len, i); continue; }
        if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') { if (depth == 0) break; depth--; }
        else if (c == ',' && depth == 0) break;
        i++;
    }
    size_t end = i;
    while (end > v && is_space(json[end - 1])) end--;
    if (end == v) return false;
    *value = json + v;
    *value_len = end - v;
    *at = i;
    return true;
}
