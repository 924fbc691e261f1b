/*
 * entry.c - one entry, built on demand: an operation, a webhook (framed as
 * an event the API sends), or a schema. Only the item's own objects and
 * what they reference are read.
 */
#include "model/model.h"

#include "util/json_text.h"
#include "util/mem.h"

#include <string.h>

#define MAX_PARAMS 256

/* Where a payload goes: what hides readOnly/writeOnly, and how the viewer frames it. */
typedef struct op_frame {
    const char *kind;   /* "operation", "webhook", "callback" */
    bool sent_by_api;   /* webhooks and callbacks: the API sends the request */
} op_frame;

static void write_operation(model_ctx *c, const char *id, op_frame f, const char *method, const char *key, const cJSON *pi,
                            const cJSON *op);

/* MARK: - Examples */

static void example_obj(model_ctx *c, const char *name, const char *summary, const char *desc, const char *value,
                        size_t value_len, bool generated, const char *external)
{
    jw *w = c->w;
    jw_obj(w);
    jw_kstr(w, "name", name);
    jw_kstr(w, "summary", summary);
    model_khtml(w, "descriptionHtml", desc);
    jw_key(w, "value");
    jw_strn(w, value ? value : "", value ? value_len : 0);
    jw_kbool(w, "generated", generated);
    jw_kstr(w, "externalValue", external);
    jw_obj_end(w);
}

/* Given examples of a Media Type, Parameter or Header (example / examples); returns how many. */
static size_t given_examples(model_ctx *c, const cJSON *holder)
{
    size_t n = 0;
    oasv_buf v = { 0 };
    const cJSON *ex = model_get(holder, "example");
    if (ex) {
        model_pretty(&c->doc->tree, ex, &v);
        example_obj(c, "example", NULL, NULL, v.data, v.len, false, NULL);
        n++;
    }
    const cJSON *exs = model_get(holder, "examples");
    for (const cJSON *e = cJSON_IsObject(exs) ? exs->child : NULL; e; e = e->next) {
        const cJSON *obj = model_deref(c->doc, e);
        if (!cJSON_IsObject(obj)) continue;
        v.len = 0;
        const cJSON *value = model_get(obj, "value");
        if (!value) value = model_get(obj, "dataValue"); /* 3.2 */
        if (value) model_pretty(&c->doc->tree, value, &v);
        const char *summary = model_str(e, "summary"), *desc = model_str(e, "description"); /* a Reference Object's own win */
        example_obj(c, e->string, summary ? summary : model_str(obj, "summary"), desc ? desc : model_str(obj, "description"),
                    v.data, v.len, false, model_str(obj, "externalValue"));
        n++;
    }
    if (v.oom) c->w->b.oom = true;
    oasv_buf_free(&v);
    return n;
}

static void generated_example(model_ctx *c, const cJSON *schema, model_dir dir)
{
    oasv_buf v = { 0 };
    model_generate_example(c->doc, c->m, schema, dir, &v);
    example_obj(c, "Example", NULL, NULL, v.data, v.len, true, NULL);
    if (v.oom) c->w->b.oom = true;
    oasv_buf_free(&v);
}

/* The first example of a holder (given, else generated) as pretty JSON text. */
static void first_example_text(model_ctx *c, const cJSON *holder, const cJSON *schema, model_dir dir, oasv_buf *out)
{
    const cJSON *ex = model_get(holder, "example");
    if (!ex) {
        const cJSON *exs = model_get(holder, "examples");
        for (const cJSON *e = cJSON_IsObject(exs) ? exs->child : NULL; e && !ex; e = e->next) {
            const cJSON *obj = model_deref(c->doc, e);
            ex = model_get(obj, "value");
        }
    }
    if (ex) model_pretty(&c->doc->tree, ex, out);
    else if (schema) model_generate_example(c->doc, c->m, schema, dir, out);
}

/* MARK: - Media types, parameters, headers */

static bool is_json_media(const char *mt)
{
    size_t n = strcspn(mt, ";");
    return (n >= 16 && strncmp(mt, "application/json", 16) == 0) || (n >= 5 && memcmp(mt + n - 5, "+json", 5) == 0) ||
           strncmp(mt, "*/*", 3) == 0;
}

static void write_content(model_ctx *c, const cJSON *content, model_dir dir)
{
    jw *w = c->w;
    jw_key(w, "content");
    jw_arr(w);
    for (const cJSON *mt = cJSON_IsObject(content) ? content->child : NULL; mt; mt = mt->next) {
        const cJSON *media = model_deref(c->doc, mt); /* 3.2 allows $ref to components/mediaTypes */
        if (!cJSON_IsObject(media)) continue;
        jw_obj(w);
        jw_kstr(w, "mediaType", mt->string);
        const cJSON *schema = model_get(media, "schema");
        if (!schema) schema = model_get(media, "itemSchema"); /* 3.2 sequential media types */
        if (schema) { jw_key(w, "schema"); model_schema_node(c, schema, dir); }
        jw_key(w, "examples");
        jw_arr(w);
        if (!given_examples(c, media) && schema) generated_example(c, schema, dir);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* The schema of a Parameter or Header: `schema`, or the schema of its one `content` media type. */
static const cJSON *param_schema(const cJSON *p)
{
    const cJSON *s = model_get(p, "schema");
    if (s) return s;
    const cJSON *content = model_get(p, "content");
    return cJSON_IsObject(content) && content->child ? model_get(content->child, "schema") : NULL;
}

static void write_parameter(model_ctx *c, const cJSON *p, model_dir dir)
{
    jw *w = c->w;
    const char *in = model_str(p, "in");
    jw_obj(w);
    jw_kstr(w, "name", model_str(p, "name"));
    jw_kstr(w, "in", in);
    jw_kbool(w, "required", model_true(p, "required") || (in && strcmp(in, "path") == 0));
    jw_kbool(w, "deprecated", model_true(p, "deprecated"));
    model_khtml(w, "descriptionHtml", model_str(p, "description"));
    const cJSON *schema = param_schema(p);
    if (schema) { jw_key(w, "schema"); model_schema_node(c, schema, dir); }
    jw_key(w, "examples");
    jw_arr(w);
    size_t n = given_examples(c, p);
    const cJSON *content = model_get(p, "content");
    if (!n && cJSON_IsObject(content) && content->child) n = given_examples(c, content->child);
    if (!n && schema) generated_example(c, schema, dir);
    jw_arr_end(w);
    jw_obj_end(w);
}

/* Path Item parameters merged with the operation's (an operation's name+in replaces the Path Item's). */
static size_t collect_params(model_ctx *c, const cJSON *pi, const cJSON *op, const cJSON **out)
{
    size_t n = 0;
    const cJSON *lists[2] = { model_get(pi, "parameters"), model_get(op, "parameters") };
    for (int l = 0; l < 2; l++) {
        for (const cJSON *x = cJSON_IsArray(lists[l]) ? lists[l]->child : NULL; x; x = x->next) {
            const cJSON *p = model_deref(c->doc, x);
            const char *name = model_str(p, "name"), *in = model_str(p, "in");
            if (!name || !in) continue;
            size_t i = 0;
            for (; i < n; i++)
                if (strcmp(model_str(out[i], "name"), name) == 0 && strcmp(model_str(out[i], "in"), in) == 0) break;
            if (i < n) out[i] = p;
            else if (n < MAX_PARAMS) out[n++] = p;
        }
    }
    return n;
}

static void write_parameters(model_ctx *c, const cJSON **params, size_t n, model_dir dir)
{
    static const char *const where[] = { "path", "query", "header", "cookie" };
    jw_key(c->w, "parameters");
    jw_obj(c->w);
    for (int k = 0; k < 4; k++) {
        jw_key(c->w, where[k]);
        jw_arr(c->w);
        for (size_t i = 0; i < n; i++)
            if (strcmp(model_str(params[i], "in"), where[k]) == 0) write_parameter(c, params[i], dir);
        jw_arr_end(c->w);
    }
    jw_obj_end(c->w);
}

static void write_responses(model_ctx *c, const cJSON *op, model_dir dir)
{
    jw *w = c->w;
    jw_key(w, "responses");
    jw_arr(w);
    const cJSON *responses = model_get(op, "responses");
    for (const cJSON *r = cJSON_IsObject(responses) ? responses->child : NULL; r; r = r->next) {
        if (strncmp(r->string, "x-", 2) == 0) continue;
        const cJSON *resp = model_deref(c->doc, r);
        jw_obj(w);
        jw_kstr(w, "status", r->string);
        const char *desc = model_str(r, "description");
        model_khtml(w, "descriptionHtml", desc ? desc : model_str(resp, "description"));
        jw_key(w, "headers");
        jw_arr(w);
        const cJSON *headers = model_get(resp, "headers");
        for (const cJSON *h = cJSON_IsObject(headers) ? headers->child : NULL; h; h = h->next) {
            const cJSON *hd = model_deref(c->doc, h);
            if (!cJSON_IsObject(hd)) continue;
            jw_obj(w);
            jw_kstr(w, "name", h->string);
            jw_kbool(w, "required", model_true(hd, "required"));
            model_khtml(w, "descriptionHtml", model_str(hd, "description"));
            const cJSON *schema = param_schema(hd);
            if (schema) { jw_key(w, "schema"); model_schema_node(c, schema, dir); }
            jw_obj_end(w);
        }
        jw_arr_end(w);
        write_content(c, model_get(resp, "content"), dir);
        jw_key(w, "links");
        jw_arr(w);
        const cJSON *links = model_get(resp, "links");
        for (const cJSON *l = cJSON_IsObject(links) ? links->child : NULL; l; l = l->next) {
            const cJSON *link = model_deref(c->doc, l);
            if (!cJSON_IsObject(link)) continue;
            jw_obj(w);
            jw_kstr(w, "name", l->string);
            jw_kstr(w, "operationId", model_str(link, "operationId"));
            jw_kstr(w, "operationRef", model_str(link, "operationRef"));
            model_khtml(w, "descriptionHtml", model_str(link, "description"));
            jw_obj_end(w);
        }
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* MARK: - Security */

static const cJSON *security_in_effect(model_ctx *c, const cJSON *op, op_frame f)
{
    const cJSON *sec = model_get(op, "security");
    if (sec || f.sent_by_api) return sec; /* the document's default is how clients call the API, not how it calls them */
    return model_get(c->doc->tree.root, "security");
}

static const cJSON *scheme_named(model_ctx *c, const char *name)
{
    const cJSON *schemes = model_get(model_get(c->doc->tree.root, "components"), "securitySchemes");
    const cJSON *s = model_get(schemes, name);
    return s ? model_deref(c->doc, s) : NULL;
}

static void write_security(model_ctx *c, const cJSON *sec)
{
    jw *w = c->w;
    jw_key(w, "security");
    jw_arr(w);
    for (const cJSON *req = cJSON_IsArray(sec) ? sec->child : NULL; req; req = req->next) {
        if (!cJSON_IsObject(req)) continue;
        jw_obj(w);
        jw_key(w, "schemes");
        jw_arr(w);
        for (const cJSON *r = req->child; r; r = r->next) {
            const cJSON *s = scheme_named(c, r->string);
            const char *type = model_str(s, "type");
            if (!type) continue; /* an undeclared scheme: the validator reports it */
            jw_obj(w);
            jw_kstr(w, "name", r->string);
            jw_kstr(w, "type", type);
            jw_key(w, "scopes");
            jw_arr(w);
            for (const cJSON *x = cJSON_IsArray(r) ? r->child : NULL; x; x = x->next)
                if (cJSON_IsString(x)) jw_str(w, x->valuestring);
            jw_arr_end(w);
            model_khtml(w, "descriptionHtml", model_str(s, "description"));
            jw_kstr(w, "in", model_str(s, "in"));
            jw_kstr(w, "paramName", model_str(s, "name"));
            jw_kstr(w, "scheme", model_str(s, "scheme"));
            jw_kstr(w, "bearerFormat", model_str(s, "bearerFormat"));
            const cJSON *flows = model_get(s, "flows");
            if (cJSON_IsObject(flows) && flows->child) {
                jw_key(w, "flows");
                jw_obj(w);
                for (const cJSON *fl = flows->child; fl; fl = fl->next) {
                    if (!cJSON_IsObject(fl)) continue;
                    jw_key(w, fl->string);
                    jw_obj(w);
                    jw_kstr(w, "authorizationUrl", model_str(fl, "authorizationUrl"));
                    jw_kstr(w, "tokenUrl", model_str(fl, "tokenUrl"));
                    jw_kstr(w, "refreshUrl", model_str(fl, "refreshUrl"));
                    jw_kstr(w, "deviceAuthorizationUrl", model_str(fl, "deviceAuthorizationUrl"));
                    jw_key(w, "scopes");
                    jw_obj(w);
                    const cJSON *scopes = model_get(fl, "scopes");
                    for (const cJSON *sc = cJSON_IsObject(scopes) ? scopes->child : NULL; sc; sc = sc->next)
                        jw_kstr(w, sc->string, cJSON_IsString(sc) ? sc->valuestring : "");
                    jw_obj_end(w);
                    jw_obj_end(w);
                }
                jw_obj_end(w);
            }
            jw_kstr(w, "openIdConnectUrl", model_str(s, "openIdConnectUrl"));
            jw_obj_end(w);
        }
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* MARK: - Code samples */

/* Append s in single quotes, each ' written as '\'' (POSIX shells). */
static void shell_quote(oasv_buf *b, const char *s, size_t len)
{
    oasv_buf_putc(b, '\'');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\'') oasv_buf_puts(b, "'\\''");
        else oasv_buf_putc(b, s[i]);
    }
    oasv_buf_putc(b, '\'');
}

static void shell_quotes(oasv_buf *b, const char *s) { shell_quote(b, s, strlen(s)); }

/* Percent-encode for a path segment or query component (RFC 3986 unreserved kept). */
static void url_encode(oasv_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || (ch && strchr("-._~", ch)))
            oasv_buf_putc(b, (char)ch);
        else {
            char esc[3] = { '%', hex[ch >> 4], hex[ch & 15] };
            oasv_buf_append(b, esc, 3);
        }
    }
}

/* A parameter's example as the plain text that goes in a URL or header (strings without quotes). */
static void param_value(model_ctx *c, const cJSON *p, model_dir dir, oasv_buf *out)
{
    oasv_buf t = { 0 };
    const cJSON *content = model_get(p, "content");
    first_example_text(c, p, param_schema(p), dir, &t);
    if (!t.len && cJSON_IsObject(content) && content->child) first_example_text(c, content->child, NULL, dir, &t);
    /* a string goes in as its text, anything else compact */
    if (!t.len) oasv_buf_puts(out, "value");
    else if (!oasv_json_string_value(out, t.data, t.len)) oasv_json_compact(out, t.data, t.len);
    if (t.oom) out->oom = true;
    oasv_buf_free(&t);
}

/* The server URL with variables at their defaults; relative ones are put on http://localhost. */
static void server_url(model_ctx *c, const cJSON *pi, const cJSON *op, oasv_buf *out)
{
    const cJSON *lists[3] = { model_get(op, "servers"), model_get(pi, "servers"), model_get(c->doc->tree.root, "servers") };
    const cJSON *server = NULL;
    for (int i = 0; i < 3 && !server; i++)
        if (cJSON_IsArray(lists[i]) && lists[i]->child) server = lists[i]->child;
    const char *url = model_str(server, "url");
    if (!url) url = "/";
    if (url[0] == '/') oasv_buf_puts(out, "http://localhost");
    const cJSON *vars = model_get(server, "variables");
    for (const char *p = url; *p; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) { oasv_buf_putc(out, *p); continue; }
        char name[128];
        size_t n = (size_t)(close - p - 1);
        const char *def = NULL;
        if (n < sizeof name) {
            memcpy(name, p + 1, n);
            name[n] = '\0';
            def = model_str(model_get(vars, name), "default");
        }
        if (def) oasv_buf_puts(out, def);
        else oasv_buf_append(out, p, (size_t)(close - p + 1));
        p = close;
    }
    while (out->len && out->data[out->len - 1] == '/') out->data[--out->len] = '\0';
}

static void sample_body(model_ctx *c, const cJSON *body, model_dir dir, oasv_buf *cmd)
{
    const cJSON *content = model_get(body, "content");
    const cJSON *mt = cJSON_IsObject(content) ? content->child : NULL;
    for (const cJSON *x = mt; x; x = x->next)
        if (is_json_media(x->string)) { mt = x; break; }
    if (!mt) return;
    const cJSON *media = model_deref(c->doc, mt);
    oasv_buf ex = { 0 };
    first_example_text(c, media, model_get(media, "schema"), dir, &ex);
    bool form = strncmp(mt->string, "application/x-www-form-urlencoded", 33) == 0;
    bool multipart = strncmp(mt->string, "multipart/", 10) == 0;
    /* a form's example object (as model_pretty or model_generate_example wrote it): one field per member */
    if ((form || multipart) && ex.len && ex.data[0] == '{') {
        const char *key, *value;
        size_t at = 0, key_len, value_len;
        while (oasv_json_member(ex.data, ex.len, &at, &key, &key_len, &value, &value_len)) {
            oasv_buf kv = { 0 };
            oasv_json_string_value(&kv, key, key_len);
            oasv_buf_putc(&kv, '=');
            if (!oasv_json_string_value(&kv, value, value_len)) oasv_json_compact(&kv, value, value_len);
            oasv_buf_puts(cmd, form ? " \\\n  --data-urlencode " : " \\\n  -F ");
            shell_quote(cmd, kv.data ? kv.data : "", kv.len);
            if (kv.oom) cmd->oom = true;
            oasv_buf_free(&kv);
        }
    } else {
        oasv_buf_puts(cmd, " \\\n  -H ");
        oasv_buf h = { 0 };
        oasv_buf_printf(&h, "Content-Type: %s", mt->string);
        shell_quote(cmd, h.data ? h.data : "", h.len);
        if (h.oom) cmd->oom = true;
        oasv_buf_free(&h);
        if (ex.len) {
            oasv_buf_puts(cmd, " \\\n  -d ");
            shell_quote(cmd, ex.data, ex.len);
        }
    }
    if (ex.oom) cmd->oom = true;
    oasv_buf_free(&ex);
}

static bool ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a | 0x20) != (*b | 0x20)) return false;
    return *a == *b;
}

/* Placeholder credentials for the first security requirement. */
static void sample_auth(model_ctx *c, const cJSON *sec, oasv_buf *cmd, oasv_buf *query)
{
    const cJSON *req = cJSON_IsArray(sec) ? sec->child : NULL;
    for (const cJSON *r = cJSON_IsObject(req) ? req->child : NULL; r; r = r->next) {
        const cJSON *s = scheme_named(c, r->string);
        const char *type = model_str(s, "type"), *scheme = model_str(s, "scheme"), *name = model_str(s, "name");
        const char *in = model_str(s, "in");
        if (!type) continue;
        oasv_buf h = { 0 };
        if (strcmp(type, "http") == 0 && scheme && ieq(scheme, "basic")) {
            oasv_buf_puts(cmd, " \\\n  -u ");
            shell_quotes(cmd, "$USERNAME:$PASSWORD");
        } else if (strcmp(type, "http") == 0 && scheme && !ieq(scheme, "bearer")) {
            oasv_buf_printf(&h, "Authorization: %c%s $TOKEN", scheme[0] >= 'a' && scheme[0] <= 'z' ? scheme[0] - 32 : scheme[0], scheme + 1);
        } else if (strcmp(type, "http") == 0 || strcmp(type, "oauth2") == 0 || strcmp(type, "openIdConnect") == 0) {
            oasv_buf_puts(&h, "Authorization: Bearer $TOKEN");
        } else if (strcmp(type, "apiKey") == 0 && name && in) {
            if (strcmp(in, "header") == 0) oasv_buf_printf(&h, "%s: $API_KEY", name);
            else if (strcmp(in, "query") == 0) {
                oasv_buf_putc(query, query->len ? '&' : '?');
                url_encode(query, name, strlen(name));
                oasv_buf_puts(query, "=$API_KEY");
            } else if (strcmp(in, "cookie") == 0) {
                oasv_buf_puts(cmd, " \\\n  -b ");
                oasv_buf k = { 0 };
                oasv_buf_printf(&k, "%s=$API_KEY", name);
                shell_quote(cmd, k.data ? k.data : "", k.len);
                oasv_buf_free(&k);
            }
        } else if (strcmp(type, "mutualTLS") == 0) {
            oasv_buf_puts(cmd, " \\\n  --cert client.crt --key client.key");
        }
        if (h.len) {
            oasv_buf_puts(cmd, " \\\n  -H ");
            shell_quote(cmd, h.data, h.len);
        }
        if (h.oom) cmd->oom = true;
        oasv_buf_free(&h);
    }
}

static void upper(oasv_buf *b, const char *s)
{
    for (; *s; s++) oasv_buf_putc(b, (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s));
}

/* Header and cookie parameters with their example values (required ones, and any with an example). */
static void sample_headers(model_ctx *c, const cJSON **params, size_t n, model_dir dir, oasv_buf *cmd)
{
    oasv_buf v = { 0 }, h = { 0 };
    for (size_t i = 0; i < n; i++) {
        const char *in = model_str(params[i], "in"), *name = model_str(params[i], "name");
        bool header = strcmp(in, "header") == 0, cookie = strcmp(in, "cookie") == 0;
        if (!header && !cookie) continue;
        if (!model_true(params[i], "required") && !model_get(params[i], "example") && !model_get(params[i], "examples")) continue;
        if (header && (ieq(name, "Accept") || ieq(name, "Content-Type") || ieq(name, "Authorization"))) continue;
        v.len = 0;
        h.len = 0;
        param_value(c, params[i], dir, &v);
        oasv_buf_printf(&h, header ? "%s: %s" : "%s=%s", name, v.data ? v.data : "");
        oasv_buf_puts(cmd, header ? " \\\n  -H " : " \\\n  -b ");
        shell_quote(cmd, h.data ? h.data : "", h.len);
    }
    if (v.oom || h.oom) cmd->oom = true;
    oasv_buf_free(&v);
    oasv_buf_free(&h);
}

static void write_samples(model_ctx *c, op_frame f, const char *method, const char *key, const cJSON *pi, const cJSON *op,
                          const cJSON **params, size_t n, const cJSON *sec, model_dir body_dir)
{
    jw *w = c->w;
    oasv_buf cmd = { 0 }, url = { 0 }, query = { 0 }, v = { 0 };
    const cJSON *body = model_deref(c->doc, model_get(op, "requestBody"));
    if (strcmp(f.kind, "webhook") == 0) {
        oasv_buf_puts(&url, "http://localhost:8000/webhooks/");
        url_encode(&url, key, strlen(key));
        jw_key(w, "receiverUrl");
        jw_strn(w, url.data ? url.data : "", url.len);
    } else if (strcmp(f.kind, "operation") == 0) {
        server_url(c, pi, op, &url);
        /* The path with path parameters filled in. */
        for (const char *p = key; *p; p++) {
            const char *close = *p == '{' ? strchr(p, '}') : NULL;
            if (!close) { oasv_buf_putc(&url, *p); continue; }
            const cJSON *param = NULL;
            for (size_t i = 0; i < n && !param; i++) {
                const char *name = model_str(params[i], "name");
                if (strcmp(model_str(params[i], "in"), "path") == 0 && strlen(name) == (size_t)(close - p - 1) &&
                    strncmp(name, p + 1, (size_t)(close - p - 1)) == 0)
                    param = params[i];
            }
            if (param) {
                v.len = 0;
                param_value(c, param, DIR_REQUEST, &v);
                url_encode(&url, v.data ? v.data : "", v.len);
            } else {
                oasv_buf_append(&url, p, (size_t)(close - p + 1));
            }
            p = close;
        }
        for (size_t i = 0; i < n; i++) {
            if (strcmp(model_str(params[i], "in"), "query") != 0) continue;
            if (!model_true(params[i], "required") && !model_get(params[i], "example") && !model_get(params[i], "examples")) continue;
            const char *name = model_str(params[i], "name");
            v.len = 0;
            param_value(c, params[i], DIR_REQUEST, &v);
            oasv_buf_putc(&query, query.len ? '&' : '?');
            url_encode(&query, name, strlen(name));
            oasv_buf_putc(&query, '=');
            url_encode(&query, v.data ? v.data : "", v.len);
        }
    } else {
        /* callbacks: the URL is a runtime expression; no sample */
        jw_key(w, "samples");
        jw_arr(w);
        jw_arr_end(w);
        goto done;
    }
    oasv_buf_puts(&cmd, "curl -X ");
    upper(&cmd, method);
    oasv_buf_putc(&cmd, ' ');
    oasv_buf auth = { 0 };
    if (!f.sent_by_api) sample_auth(c, sec, &auth, &query);
    oasv_buf_append(&url, query.data ? query.data : "", query.len);
    shell_quote(&cmd, url.data ? url.data : "", url.len);
    oasv_buf_append(&cmd, auth.data ? auth.data : "", auth.len);
    if (auth.oom) cmd.oom = true;
    oasv_buf_free(&auth);
    sample_headers(c, params, n, body_dir, &cmd);
    if (body) sample_body(c, body, body_dir, &cmd);
    jw_key(w, "samples");
    jw_arr(w);
    jw_obj(w);
    jw_kstr(w, "label", f.sent_by_api ? "Sample delivery (curl)" : "curl");
    jw_kstr(w, "lang", "shell");
    jw_key(w, "code");
    jw_strn(w, cmd.data ? cmd.data : "", cmd.len);
    jw_obj_end(w);
    jw_arr_end(w);
done:
    if (cmd.oom || url.oom || query.oom || v.oom) w->b.oom = true;
    oasv_buf_free(&cmd);
    oasv_buf_free(&url);
    oasv_buf_free(&query);
    oasv_buf_free(&v);
}

/* MARK: - Operations and webhooks */

static void write_callbacks(model_ctx *c, const char *id, const cJSON *op)
{
    jw *w = c->w;
    jw_key(w, "callbacks");
    jw_arr(w);
    const cJSON *cbs = model_get(op, "callbacks");
    if (c->callback_depth < MODEL_MAX_CALLBACK_DEPTH) {
        c->callback_depth++;
        oasv_buf cid = { 0 };
        for (const cJSON *cb = cJSON_IsObject(cbs) ? cbs->child : NULL; cb; cb = cb->next) {
            if (strncmp(cb->string, "x-", 2) == 0) continue;
            const cJSON *obj = model_deref(c->doc, cb);
            if (!cJSON_IsObject(obj)) continue;
            jw_obj(w);
            jw_kstr(w, "name", cb->string);
            jw_key(w, "operations");
            jw_arr(w);
            for (const cJSON *expr = obj->child; expr; expr = expr->next) {
                if (strncmp(expr->string, "x-", 2) == 0) continue;
                const cJSON *pi = model_deref(c->doc, expr);
                if (!cJSON_IsObject(pi)) continue;
                for (size_t k = 0; k < model_method_count; k++) {
                    const cJSON *cop = model_get(pi, model_methods[k]);
                    if (!cJSON_IsObject(cop)) continue;
                    cid.len = 0;
                    oasv_buf_printf(&cid, "%s/callbacks/", id);
                    model_id_append(&cid, cb->string, strlen(cb->string));
                    oasv_buf_printf(&cid, "/%s-", model_methods[k]);
                    model_id_append(&cid, expr->string, strlen(expr->string));
                    write_operation(c, cid.data ? cid.data : "", (op_frame){ "callback", true }, model_methods[k], expr->string,
                                    pi, cop);
                }
            }
            jw_arr_end(w);
            jw_obj_end(w);
        }
        if (cid.oom) w->b.oom = true;
        oasv_buf_free(&cid);
        c->callback_depth--;
    }
    jw_arr_end(w);
}

static void write_operation(model_ctx *c, const char *id, op_frame f, const char *method, const char *key, const cJSON *pi,
                            const cJSON *op)
{
    jw *w = c->w;
    model_dir body_dir = f.sent_by_api ? DIR_RESPONSE : DIR_REQUEST;
    model_dir resp_dir = f.sent_by_api ? DIR_REQUEST : DIR_RESPONSE;
    char *id_copy = oasv_strndup(id, strlen(id)); /* `id` may live in a buffer a nested callback reuses */
    if (!id_copy) { w->b.oom = true; return; }
    jw_obj(w);
    jw_kstr(w, "id", id_copy);
    jw_kstr(w, "kind", f.kind);
    jw_kstr(w, "method", method);
    jw_kstr(w, strcmp(f.kind, "webhook") == 0 ? "name" : "path", key);
    const char *summary = model_str(op, "summary"), *desc = model_str(op, "description");
    jw_kstr(w, "summary", summary ? summary : model_str(pi, "summary"));
    model_khtml(w, "descriptionHtml", desc ? desc : model_str(pi, "description"));
    jw_kstr(w, "operationId", model_str(op, "operationId"));
    jw_kbool(w, "deprecated", model_true(op, "deprecated"));
    jw_key(w, "tags");
    jw_arr(w);
    const cJSON *tags = model_get(op, "tags");
    for (const cJSON *t = cJSON_IsArray(tags) ? tags->child : NULL; t; t = t->next)
        if (cJSON_IsString(t)) jw_str(w, t->valuestring);
    jw_arr_end(w);
    oasv_buf ptr = { 0 };
    oasv_tree_pointer(&c->doc->tree, op, &ptr);
    jw_key(w, "pointer");
    jw_strn(w, ptr.data ? ptr.data : "", ptr.len);
    if (ptr.oom) w->b.oom = true;
    oasv_buf_free(&ptr);

    jw_key(w, "servers");
    if (f.sent_by_api) { jw_arr(w); jw_arr_end(w); }
    else {
        const cJSON *servers = model_get(op, "servers");
        if (!cJSON_IsArray(servers) || !servers->child) servers = model_get(pi, "servers");
        if (!cJSON_IsArray(servers) || !servers->child) servers = model_get(c->doc->tree.root, "servers");
        model_write_servers(w, servers, true);
    }

    const cJSON **params = oasv_malloc(MAX_PARAMS * sizeof *params);
    if (!params) { w->b.oom = true; oasv_free(id_copy); return; }
    size_t n = collect_params(c, pi, op, params);
    write_parameters(c, params, n, body_dir);

    const cJSON *body = model_deref(c->doc, model_get(op, "requestBody"));
    if (cJSON_IsObject(body)) {
        jw_key(w, "requestBody");
        jw_obj(w);
        jw_kbool(w, "required", model_true(body, "required"));
        const char *bdesc = model_str(model_get(op, "requestBody"), "description");
        model_khtml(w, "descriptionHtml", bdesc ? bdesc : model_str(body, "description"));
        write_content(c, model_get(body, "content"), body_dir);
        jw_obj_end(w);
    }
    write_responses(c, op, resp_dir);
    write_callbacks(c, id_copy, op);
    const cJSON *sec = security_in_effect(c, op, f);
    write_security(c, sec);
    model_write_external_docs(w, model_get(op, "externalDocs"));
    write_samples(c, f, method, key, pi, op, params, n, sec, body_dir);
    jw_obj_end(w);
    oasv_free(params);
    oasv_free(id_copy);
}

/* MARK: - Schemas */

static void write_schema_entry(model_ctx *c, const model_item *it)
{
    jw *w = c->w;
    jw_obj(w);
    jw_kstr(w, "id", it->id);
    jw_kstr(w, "kind", "schema");
    jw_kstr(w, "name", it->key);
    oasv_buf ptr = { 0 };
    oasv_tree_pointer(&c->doc->tree, it->node, &ptr);
    jw_key(w, "pointer");
    jw_strn(w, ptr.data ? ptr.data : "", ptr.len);
    if (ptr.oom) w->b.oom = true;
    oasv_buf_free(&ptr);
    jw_key(w, "schema");
    model_schema_node(c, it->node, DIR_NONE);
    jw_key(w, "examples");
    jw_arr(w);
    const cJSON *s = model_deref_schema(c->doc, it->node);
    const cJSON *exs = model_get(s, "examples"), *ex = model_get(s, "example");
    oasv_buf v = { 0 }, name = { 0 };
    size_t k = 0;
    for (const cJSON *e = cJSON_IsArray(exs) ? exs->child : NULL; e; e = e->next) {
        v.len = 0;
        name.len = 0;
        model_pretty(&c->doc->tree, e, &v);
        oasv_buf_printf(&name, "Example %zu", ++k);
        example_obj(c, name.data ? name.data : "", NULL, NULL, v.data, v.len, false, NULL);
    }
    if (!k && ex) {
        v.len = 0;
        model_pretty(&c->doc->tree, ex, &v);
        example_obj(c, "Example", NULL, NULL, v.data, v.len, false, NULL);
        k++;
    }
    if (!k) generated_example(c, it->node, DIR_NONE);
    if (v.oom || name.oom) w->b.oom = true;
    oasv_buf_free(&v);
    oasv_buf_free(&name);
    jw_arr_end(w);
    jw_obj_end(w);
}

void oasv_model_write_entry(oasv_doc *doc, oasv_model *m, const model_item *item, jw *w)
{
    model_ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.m = m;
    c.w = w;
    if (item->kind == MODEL_SCHEMA) write_schema_entry(&c, item);
    else if (item->kind == MODEL_WEBHOOK)
        write_operation(&c, item->id, (op_frame){ "webhook", true }, item->method, item->key, item->path_item, item->node);
    else
        write_operation(&c, item->id, (op_frame){ "operation", false }, item->method, item->key, item->path_item, item->node);
}
