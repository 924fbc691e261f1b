/* uri.c - RFC 3986 reference resolution and percent-decoding. */
#include "resolve/uri.h"

#include "util/mem.h"

#include <string.h>

typedef struct uri_parts {
    const char *scheme, *authority, *path, *query;
    size_t scheme_len, authority_len, path_len, query_len;
    bool has_scheme, has_authority, has_query;
} uri_parts;

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static uri_parts parse(const char *s, size_t len)
{
    uri_parts p;
    memset(&p, 0, sizeof p);
    size_t i = 0;
    /* Cut any fragment: callers pass none, but be safe. */
    const char *hash = len ? memchr(s, '#', len) : NULL;
    if (hash) len = (size_t)(hash - s);
    if (len && is_alpha(s[0])) {
        size_t k = 1;
        while (k < len && (is_alpha(s[k]) || is_digit(s[k]) || s[k] == '+' || s[k] == '-' || s[k] == '.')) k++;
        if (k < len && s[k] == ':') {
            p.has_scheme = true;
            p.scheme = s;
            p.scheme_len = k;
            i = k + 1;
        }
    }
    if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        size_t k = i + 2;
        while (k < len && s[k] != '/' && s[k] != '?') k++;
        p.has_authority = true;
        p.authority = s + i + 2;
        p.authority_len = k - i - 2;
        i = k;
    }
    size_t k = i;
    while (k < len && s[k] != '?') k++;
    p.path = s + i;
    p.path_len = k - i;
    if (k < len) {
        p.has_query = true;
        p.query = s + k + 1;
        p.query_len = len - k - 1;
    }
    return p;
}

/* RFC 3986 5.2.4: remove "." and ".." segments of path[0..len), appending to `out`. */
static void remove_dots(const char *path, size_t len, oasv_buf *out)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < len) {
        const char *s = path + i;
        size_t n = len - i;
        if (n >= 3 && memcmp(s, "../", 3) == 0) { i += 3; continue; }      /* A */
        if (n >= 2 && memcmp(s, "./", 2) == 0) { i += 2; continue; }
        if (n >= 3 && memcmp(s, "/./", 3) == 0) { i += 2; continue; }      /* B */
        if (n == 2 && memcmp(s, "/.", 2) == 0) { oasv_buf_putc(out, '/'); break; }
        bool up_end = n == 3 && memcmp(s, "/..", 3) == 0;                    /* C */
        if (up_end || (n >= 4 && memcmp(s, "/../", 4) == 0)) {
            while (out->len > start && out->data[out->len - 1] != '/') out->len--;
            if (out->len > start) out->len--;
            if (out->data) out->data[out->len] = '\0';
            if (up_end) { oasv_buf_putc(out, '/'); break; }
            i += 3;
            continue;
        }
        if ((n == 1 && s[0] == '.') || (n == 2 && memcmp(s, "..", 2) == 0)) break; /* D */
        size_t k = s[0] == '/' ? 1 : 0;                                      /* E */
        while (k < n && s[k] != '/') k++;
        oasv_buf_append(out, s, k);
        i += k;
    }
}

void oasv_uri_resolve(const char *base, size_t base_len, const char *ref, size_t ref_len, oasv_buf *out)
{
    uri_parts b = parse(base, base_len), r = parse(ref, ref_len);
    oasv_buf path = { 0 };
    const uri_parts *auth = &b, *scheme = &b, *query = &r;
    if (r.has_scheme) {
        scheme = auth = &r;
        remove_dots(r.path, r.path_len, &path);
    } else if (r.has_authority) {
        auth = &r;
        remove_dots(r.path, r.path_len, &path);
    } else if (r.path_len == 0) {
        oasv_buf_append(&path, b.path, b.path_len);
        if (!r.has_query) query = &b;
    } else if (r.path[0] == '/') {
        remove_dots(r.path, r.path_len, &path);
    } else {
        oasv_buf merged = { 0 };
        if (b.has_authority && b.path_len == 0) {
            oasv_buf_putc(&merged, '/');
        } else {
            size_t k = b.path_len;
            while (k > 0 && b.path[k - 1] != '/') k--;
            oasv_buf_append(&merged, b.path, k);
        }
        oasv_buf_append(&merged, r.path, r.path_len);
        bool relative = merged.len > 0 && merged.data[0] != '/';
        if (relative) {
            /* a relative base path (a plain filename): resolve as if rooted, then unroot */
            oasv_buf rooted = { 0 };
            oasv_buf_putc(&rooted, '/');
            oasv_buf_append(&rooted, merged.data, merged.len);
            remove_dots(rooted.data ? rooted.data : "", rooted.len, &path);
            oasv_buf_free(&rooted);
            if (path.len && path.data[0] == '/') { memmove(path.data, path.data + 1, path.len); path.len--; }
        } else {
            remove_dots(merged.data ? merged.data : "", merged.len, &path);
        }
        if (merged.oom) path.oom = true;
        oasv_buf_free(&merged);
    }
    if (scheme->has_scheme) { oasv_buf_append(out, scheme->scheme, scheme->scheme_len); oasv_buf_putc(out, ':'); }
    if (auth->has_authority) { oasv_buf_puts(out, "//"); oasv_buf_append(out, auth->authority, auth->authority_len); }
    if (path.len) oasv_buf_append(out, path.data, path.len);
    if (query->has_query) { oasv_buf_putc(out, '?'); oasv_buf_append(out, query->query, query->query_len); }
    if (path.oom) out->oom = true;
    oasv_buf_append(out, "", 0); /* NUL-terminate even when empty */
    oasv_buf_free(&path);
}

static int hex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool oasv_uri_decode(const char *s, size_t len, oasv_buf *out)
{
    oasv_buf_append(out, "", 0);
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '%') { /* a run without escapes at once */
            const char *pct = memchr(s + i, '%', len - i);
            size_t run = pct ? (size_t)(pct - (s + i)) : len - i;
            oasv_buf_append(out, s + i, run);
            i += run - 1;
            continue;
        }
        int hi = i + 1 < len ? hex(s[i + 1]) : -1, lo = i + 2 < len ? hex(s[i + 2]) : -1;
        if (hi < 0 || lo < 0) return false;
        oasv_buf_putc(out, (char)(hi * 16 + lo));
        i += 2;
    }
    return true;
}
