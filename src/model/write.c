/* write.c - the model's JSON writer and small tree helpers. */
#include "model/model.h"

#include "resolve/resolve.h"

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

void jw_key(jw *w, const char *key)
{
    sep(w);
    oasv_buf_json_string(&w->b, key, strlen(key));
    oasv_buf_putc(&w->b, ':');
    w->after_key = true;
}

void jw_strn(jw *w, const char *s, size_t len)
{
    sep(w);
    if (!s) { s = ""; len = 0; } /* a text that could not be built: its buffer's oom reaches w->b */
    oasv_buf_json_string(&w->b, s, len);
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
