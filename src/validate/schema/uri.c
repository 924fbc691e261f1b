/* uri.c - RFC 3986 reference resolution, for schema identifiers. */
#include "validate/schema/uri.h"

#include <string.h>

typedef struct uri_parts {
    const char *scheme, *authority, *path, *query, *fragment;
    size_t scheme_len, authority_len, path_len, query_len, fragment_len;
    bool has_scheme, has_authority, has_query, has_fragment;
} uri_parts;

/* Split per RFC 3986 appendix B: ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))? */
static void split(const char *s, size_t len, uri_parts *u)
{
    memset(u, 0, sizeof *u);
    size_t i = 0;
    while (i < len && s[i] != ':' && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;
    if (i > 0 && i < len && s[i] == ':') {
        u->has_scheme = true;
        u->scheme = s;
        u->scheme_len = i;
        i++;
    } else {
        i = 0;
    }
    if (i + 1 < len && s[i] == '/' && s[i + 1] == '/') {
        size_t start = i + 2, k = start;
        while (k < len && s[k] != '/' && s[k] != '?' && s[k] != '#') k++;
        u->has_authority = true;
        u->authority = s + start;
        u->authority_len = k - start;
        i = k;
    }
    size_t start = i;
    while (i < len && s[i] != '?' && s[i] != '#') i++;
    u->path = s + start;
    u->path_len = i - start;
    if (i < len && s[i] == '?') {
        start = ++i;
        while (i < len && s[i] != '#') i++;
        u->has_query = true;
        u->query = s + start;
        u->query_len = i - start;
    }
    if (i < len && s[i] == '#') {
        u->has_fragment = true;
        u->fragment = s + i + 1;
        u->fragment_len = len - i - 1;
    }
}

/* RFC 3986 5.2.4, appending the result to out. */
static void remove_dots(const char *in, size_t len, oasv_buf *out)
{
    size_t base = out->len;
    size_t i = 0;
    while (i < len) {
        const char *p = in + i;
        size_t rest = len - i;
        if (rest >= 3 && memcmp(p, "../", 3) == 0) { i += 3; continue; }
        if (rest >= 2 && memcmp(p, "./", 2) == 0) { i += 2; continue; }
        if (rest >= 3 && memcmp(p, "/./", 3) == 0) { i += 2; continue; }
        if (rest == 2 && memcmp(p, "/.", 2) == 0) { oasv_buf_putc(out, '/'); i += 2; continue; }
        if ((rest >= 4 && memcmp(p, "/../", 4) == 0) || (rest == 3 && memcmp(p, "/..", 3) == 0)) {
            /* drop the last segment written */
            size_t k = out->len;
            while (k > base && out->data[k - 1] != '/') k--;
            if (k > base) k--;
            out->len = k;
            if (out->data) out->data[k] = '\0';
            if (rest == 3) { oasv_buf_putc(out, '/'); i += 3; } else i += 3;
            continue;
        }
        if ((rest == 1 && p[0] == '.') || (rest == 2 && memcmp(p, "..", 2) == 0)) break;
        /* move the first segment (with its leading '/') */
        size_t k = p[0] == '/' ? 1 : 0;
        while (k < rest && p[k] != '/') k++;
        oasv_buf_append(out, p, k);
        i += k;
    }
}

static void put_authority(oasv_buf *out, const uri_parts *u)
{
    if (!u->has_authority) return;
    oasv_buf_append(out, "//", 2);
    oasv_buf_append(out, u->authority, u->authority_len);
}

void sch_uri_resolve(const char *base, const char *ref, size_t ref_len, oasv_buf *out)
{
    uri_parts b, r;
    split(base, strlen(base), &b);
    split(ref, ref_len, &r);
    oasv_buf_append(out, "", 0);
    if (r.has_scheme || !base[0]) {
        if (r.has_scheme) { oasv_buf_append(out, r.scheme, r.scheme_len); oasv_buf_putc(out, ':'); }
        put_authority(out, &r);
        remove_dots(r.path, r.path_len, out);
        if (r.has_query) { oasv_buf_putc(out, '?'); oasv_buf_append(out, r.query, r.query_len); }
    } else {
        if (b.has_scheme) { oasv_buf_append(out, b.scheme, b.scheme_len); oasv_buf_putc(out, ':'); }
        if (r.has_authority) {
            put_authority(out, &r);
            remove_dots(r.path, r.path_len, out);
            if (r.has_query) { oasv_buf_putc(out, '?'); oasv_buf_append(out, r.query, r.query_len); }
        } else {
            put_authority(out, &b);
            if (r.path_len == 0) {
                oasv_buf_append(out, b.path, b.path_len);
                if (r.has_query) { oasv_buf_putc(out, '?'); oasv_buf_append(out, r.query, r.query_len); }
                else if (b.has_query) { oasv_buf_putc(out, '?'); oasv_buf_append(out, b.query, b.query_len); }
            } else {
                if (r.path[0] == '/') {
                    remove_dots(r.path, r.path_len, out);
                } else {
                    /* merge: the base path up to its last '/', then the reference */
                    oasv_buf merged = { 0 };
                    if (b.has_authority && b.path_len == 0) oasv_buf_putc(&merged, '/');
                    else {
                        size_t k = b.path_len;
                        while (k > 0 && b.path[k - 1] != '/') k--;
                        oasv_buf_append(&merged, b.path, k);
                    }
                    oasv_buf_append(&merged, r.path, r.path_len);
                    if (merged.oom) out->oom = true;
                    else remove_dots(merged.data, merged.len, out);
                    oasv_buf_free(&merged);
                }
                if (r.has_query) { oasv_buf_putc(out, '?'); oasv_buf_append(out, r.query, r.query_len); }
            }
        }
    }
    if (r.has_fragment) { oasv_buf_putc(out, '#'); oasv_buf_append(out, r.fragment, r.fragment_len); }
}

size_t sch_uri_strip_fragment(const char *uri, size_t len)
{
    const char *hash = memchr(uri, '#', len);
    return hash ? (size_t)(hash - uri) : len;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool sch_uri_percent_decode(const char *s, size_t len, oasv_buf *out)
{
    oasv_buf_append(out, "", 0);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            if (i + 2 >= len) return false;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0) return false;
            oasv_buf_putc(out, (char)(h * 16 + l));
            i += 2;
        } else {
            oasv_buf_putc(out, s[i]);
        }
    }
    return true;
}
