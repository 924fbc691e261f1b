/* write.c - the model's JSON writer and small tree helpers. */
#include "model/model.h"

#include "resolve/resolve.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* MARK: - JSON writer */

static void sep(jw *w)
{
    if (w->after_key) { w->after_key = false; return; }
    if (w->depth == 0) return;
    if (w->has[w->depth - 1]) oasv_buf_putc(&w->b, ',');
    w->has[w->depth - 1] = 1;
}

static void open(jw *w, char c)
{
    sep(w);
    if (w->depth >= JW_MAX_DEPTH) { w->b.oom = true; return; }
    oasv_buf_putc(&w->b, c);
    w->has[w->depth++] = 0;
}

static void close_(jw *w, char c)
{
    if (w->depth) w->depth--;
    oasv_buf_putc(&w->b, c);
}

void jw_obj(jw *w) { open(w, '{'); }
void jw_obj_end(jw *w) { close_(w, '}'); }
void jw_arr(jw *w) { open(w, '['); }
void jw_arr_end(jw *w) { close_(w, ']'); }

/* Bytes a character adds when escaped in a JSON string: \" \\ \n \r \t \b \f add 1, other controls \u00XX add 5. */
static const uint8_t escape_extra[256] = {
    5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 5, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    0, 0, 1, ['\\'] = 1,
};

/* Escape s[from..len) at o, where the room is reserved already; returns the end. */
static char *escape_rest(char *o, const char *s, size_t from, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = from; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!escape_extra[c]) { *o++ = (char)c; continue; }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        default: *o++ = 'u'; *o++ = '0'; *o++ = '0'; *o++ = hex[c >> 4]; *o++ = hex[c & 15];
        }
    }
    return o;
}

/* How many bytes from the start need no escape: eight at a time (a byte below 0x20, '"' or '\\' stops). */
static size_t plain_prefix(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        /* high bit set in a byte that is < 0x20, == '"' or == '\\' (bytes >= 0x80 are masked out by ~v) */
        uint64_t q = v ^ (ones * '"'), bs = v ^ (ones * '\\');
        uint64_t hit = ((v - ones * 0x20) | (q - ones) | (bs - ones)) & ~v & highs;
        if (hit) break;
    }
    while (i < len && !escape_extra[(unsigned char)s[i]]) i++;
    return i;
}

/* `s` as a JSON string literal then `tail` (0: none), escaped as oasv_buf_json_string does (JSON.stringify's).
 * Entries are mostly text, so this is the writer's hot path: the part before the first escape is found eight
 * bytes at a time and copied at once; only a string with escapes is measured, from there, for their room. */
static void put_string_then(oasv_buf *b, const char *s, size_t len, char tail)
{
    if (len > SIZE_MAX / 8 || !oasv_buf_reserve(b, len + 3)) { b->oom = true; return; }
    char *o = b->data + b->len;
    *o++ = '"';
    size_t i = plain_prefix(s, len);
    memcpy(o, s, i);
    o += i;
    if (i < len) {
        size_t extra = 0;
        for (size_t k = i; k < len; k++) extra += escape_extra[(unsigned char)s[k]];
        b->len = (size_t)(o - b->data);
        if (!oasv_buf_reserve(b, len - i + extra + 2)) return;
        o = escape_rest(b->data + b->len, s, i, len);
    }
    *o++ = '"';
    if (tail) *o++ = tail;
    *o = '\0';
    b->len = (size_t)(o - b->data);
}

void jw_put_string(oasv_buf *b, const char *s, size_t len) { put_string_then(b, s, len, 0); }

void jw_key(jw *w, const char *key)
{
    sep(w);
    put_string_then(&w->b, key, strlen(key), ':');
    w->after_key = true;
}

void jw_strn(jw *w, const char *s, size_t len)
{
    sep(w);
    if (!s) { s = ""; len = 0; } /* a text that could not be built: its buffer's oom reaches w->b */
    put_string_then(&w->b, s, len, 0);
}

void jw_str(jw *w, const char *s) { jw_strn(w, s, strlen(s)); }

void jw_bool(jw *w, bool v)
{
    sep(w);
    oasv_buf_puts(&w->b, v ? "true" : "false");
}

void jw_int(jw *w, long long v)
{
    sep(w);
    oasv_buf_printf(&w->b, "%lld", v);
}

void jw_null(jw *w)
{
    sep(w);
    oasv_buf_puts(&w->b, "null");
}

void jw_raw(jw *w, const char *json, size_t len)
{
    sep(w);
    oasv_buf_append(&w->b, json, len);
}

void jw_kstr(jw *w, const char *key, const char *s)
{
    if (!s) return;
    jw_key(w, key);
    jw_str(w, s);
}

void jw_kbool(jw *w, const char *key, bool v)
{
    jw_key(w, key);
    jw_bool(w, v);
}

/* MARK: - Tree helpers */

const cJSON *model_get(const cJSON *obj, const char *key)
{
    /* cJSON_GetObjectItemCaseSensitive's lookup (first match, stops at a nameless member), with the
     * first byte compared before strcmp: entries probe many absent keywords per schema node. */
    if (!cJSON_IsObject(obj) || !key) return NULL;
    for (const cJSON *c = obj->child; c && c->string; c = c->next)
        if (c->string[0] == key[0] && strcmp(c->string, key) == 0) return c;
    return NULL;
}

const char *model_str(const cJSON *obj, const char *key)
{
    const cJSON *v = model_get(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool model_true(const cJSON *obj, const char *key) { return cJSON_IsTrue(model_get(obj, key)); }

static const cJSON *deref(oasv_doc *doc, const cJSON *node, unsigned flags)
{
    if (!model_get(node, "$ref")) return node;
    oasv_ref r;
    oasv_resolve_ref(doc, NULL, node, flags, &r);
    if (r.status == OASV_REF_NONE) return node;
    /* Only nodes of the main document: pointers and spans are computed in its tree. */
    if (r.status != OASV_REF_OK || (r.target_doc && r.target_doc != doc)) return NULL;
    return r.target;
}

const cJSON *model_deref(oasv_doc *doc, const cJSON *node) { return deref(doc, node, 0); }

const cJSON *model_deref_schema(oasv_doc *doc, const cJSON *node) { return deref(doc, node, OASV_RESOLVE_SCHEMA); }

void model_id_append(oasv_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        /* Kept: what a URL fragment keeps as it is (RFC 3986 pchar minus '%', plus '/', '?' and braces). */
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    (c && strchr("-._~!$&'()*+,;=:@/?{}", c));
        if (keep) oasv_buf_putc(b, (char)c);
        else {
            char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
            oasv_buf_append(b, esc, 3);
        }
    }
}
