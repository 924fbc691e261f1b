/*
 * payload.c - validate a payload against the schema that the document gives
 * for an operation's or webhook's request body or for one of its responses.
 *
 * The operation is found through the render model's index (ids as in
 * web/model.d.ts: "operations/<operationId>", "webhooks/<name>/<method>"),
 * the media type by the Content-Type, the response by its status code
 * ("200", then "2XX", then "default"). The schema is compiled once, with the
 * document as its root resource so that "#/components/..." references
 * resolve, and kept on the document, keyed by the schema node: later calls
 * for the same id, part, status and media type only validate.
 */
#include "model/payload.h"

#include "model/model.h"
#include "util/mem.h"
#include "validate/schema/schema.h"

#include <ctype.h>
#include <string.h>

typedef struct oasv_payload_cache {
    oasv_map by_node;      /* const cJSON *schema -> oasv_schema* */
    oasv_schema **all;
    size_t count, cap;
} oasv_payload_cache;

void oasv_payload_cache_free(oasv_doc *doc)
{
    oasv_payload_cache *c = doc->payloads;
    if (!c) return;
    for (size_t i = 0; i < c->count; i++) oasv_schema_free(c->all[i]);
    oasv_free(c->all);
    oasv_map_free(&c->by_node);
    oasv_free(c);
    doc->payloads = NULL;
}

/* MARK: - Finding the schema */

/* The media type without parameters or blanks, lower-cased, into `out` (NUL-terminated). */
static void media_type_of(const char *content_type, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = content_type; *p && *p != ';' && n + 1 < size; p++)
        if (!isspace((unsigned char)*p)) out[n++] = (char)tolower((unsigned char)*p);
    out[n] = '\0';
}

static bool same_media_type(const char *key, const char *want)
{
    char k[256];
    media_type_of(key, k, sizeof k);
    return strcmp(k, want) == 0;
}

static bool json_like(const char *key)
{
    char k[256];
    media_type_of(key, k, sizeof k);
    size_t n = strlen(k);
    return strcmp(k, "application/json") == 0 || (n > 5 && strcmp(k + n - 5, "+json") == 0);
}

/*
 * The Media Type Object for `content_type` in a `content` map: an exact match,
 * then its range ("text/" and a star), then the any-type range; with no Content-Type given,
 * application/json or else the only JSON media type. NULL when none fits.
 */
static const cJSON *find_media(const cJSON *content, const char *content_type, const char **matched)
{
    if (!cJSON_IsObject(content)) return NULL;
    char want[256];
    media_type_of(content_type ? content_type : "application/json", want, sizeof want);
    for (const cJSON *m = content->child; m; m = m->next)
        if (same_media_type(m->string, want)) return *matched = m->string, m;
    char range[256];
    const char *slash = strchr(want, '/');
    if (slash) {
        size_t n = (size_t)(slash - want) + 1;
        memcpy(range, want, n);
        memcpy(range + n, "*", 2);
        for (const cJSON *m = content->child; m; m = m->next)
            if (same_media_type(m->string, range)) return *matched = m->string, m;
    }
    for (const cJSON *m = content->child; m; m = m->next)
        if (same_media_type(m->string, "*/*")) return *matched = m->string, m;
    if (!content_type) {
        const cJSON *only = NULL;
        size_t count = 0;
        for (const cJSON *m = content->child; m; m = m->next)
            if (json_like(m->string)) { only = m; count++; }
        if (count == 1) return *matched = only->string, only;
    }
    return NULL;
}

/* The Response Object for `status`: exact ("404"), then its range ("4XX"), then "default". */
static const cJSON *find_response(oasv_doc *doc, const cJSON *responses, const char *status)
{
    if (!cJSON_IsObject(responses)) return NULL;
    const cJSON *r = model_get(responses, status);
    if (!r && strlen(status) == 3) {
        char range[4] = { status[0], 'X', 'X', '\0' };
        r = model_get(responses, range);
        if (!r) { range[1] = range[2] = 'x'; r = model_get(responses, range); }
    }
    if (!r) r = model_get(responses, "default");
    return r ? model_deref(doc, r) : NULL;
}

/* MARK: - Results made here */

static oasv_schema_result *new_result(oasv_doc *doc)
{
    oasv_schema_result *r = oasv_calloc(1, sizeof *r);
    if (r) r->alloc = doc->alloc;
    return r;
}

/* A result with one error, saying why the payload cannot be checked. */
static oasv_status fail(oasv_doc *doc, const char *code, const char *message, oasv_schema_result **out)
{
    oasv_schema_result *r = new_result(doc);
    if (!r) return OASV_ERR_NOMEM;
    sch_errors_add(&r->errors, code, message, "", "", NULL);
    if (r->errors.oom) { oasv_schema_result_free(r); return OASV_ERR_NOMEM; }
    *out = r;
    return OASV_OK;
}

static oasv_status failf(oasv_doc *doc, const char *code, oasv_schema_result **out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static oasv_status failf(oasv_doc *doc, const char *code, oasv_schema_result **out, const char *fmt, ...)
{
    oasv_buf m = { 0 };
    va_list ap;
    va_start(ap, fmt);
    oasv_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    oasv_status st = m.oom ? OASV_ERR_NOMEM : fail(doc, code, m.data, out);
    oasv_buf_free(&m);
    return st;
}

/* The media types a `content` map lists, for messages: "application/json, text/plain". */
static void list_media(const cJSON *content, oasv_buf *b)
{
    for (const cJSON *m = cJSON_IsObject(content) ? content->child : NULL; m; m = m->next) {
        if (b->len) oasv_buf_puts(b, ", ");
        oasv_buf_puts(b, m->string);
    }
    if (!b->len) oasv_buf_puts(b, "none");
    oasv_buf_append(b, "", 0);
}

/* MARK: - Compiled schemas */

static oasv_schema *compiled(oasv_doc *doc, const cJSON *schema, oasv_status *st)
{
    *st = OASV_OK;
    if (!doc->payloads) {
        doc->payloads = oasv_calloc(1, sizeof *doc->payloads);
        if (!doc->payloads) { *st = OASV_ERR_NOMEM; return NULL; }
    }
    oasv_payload_cache *c = doc->payloads;
    oasv_schema *s = oasv_map_get(&c->by_node, schema, NULL, 0);
    if (s) return s;
    oasv_buf ptr = { 0 };
    oasv_tree_pointer(&doc->tree, schema, &ptr);
    oasv_buf_append(&ptr, "", 0);
    if (ptr.oom) { *st = OASV_ERR_NOMEM; return NULL; }
    oasv_schema_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_SCHEMA_OPTIONS_VERSION;
    o.alloc = doc->alloc;
    o.limits = doc->limits;
    *st = oasv_schema_compile_at(doc, ptr.data, &o, &s);
    oasv_buf_free(&ptr);
    if (*st != OASV_OK) return NULL;
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        oasv_schema **all = oasv_realloc(c->all, cap * sizeof *all);
        if (!all) { oasv_schema_free(s); *st = OASV_ERR_NOMEM; return NULL; }
        c->all = all;
        c->cap = cap;
    }
    if (!oasv_map_put(&c->by_node, schema, NULL, 0, s)) { oasv_schema_free(s); *st = OASV_ERR_NOMEM; return NULL; }
    c->all[c->count++] = s;
    return s;
}

/* A copy of the schema's compile errors as the payload's result. */
static oasv_status compile_errors(oasv_doc *doc, const oasv_schema *s, oasv_schema_result **out)
{
    oasv_schema_result *r = new_result(doc);
    if (!r) return OASV_ERR_NOMEM;
    for (size_t i = 0; i < oasv_schema_error_count(s); i++) {
        const oasv_schema_error *e = oasv_schema_error_at(s, i);
        oasv_buf m = { 0 };
        oasv_buf_printf(&m, "the documented schema cannot be used: %s", e->message);
        if (m.oom) r->errors.oom = true;
        else sch_errors_add(&r->errors, e->code, m.data, "", e->keyword_location, e->absolute_keyword_location);
        oasv_buf_free(&m);
    }
    if (r->errors.oom) { oasv_schema_result_free(r); return OASV_ERR_NOMEM; }
    *out = r;
    return OASV_OK;
}

/* MARK: - Entry point */

static oasv_status validate_payload(oasv_doc *doc, const char *id, oasv_payload_part part, const char *status,
                                    const char *content_type, const char *src, size_t len, oasv_schema_result **out)
{
    oasv_model *m = oasv_model_get(doc);
    if (!m) return OASV_ERR_NOMEM;
    const model_item *it = oasv_map_get(&m->by_id, NULL, id, strlen(id));
    if (!it || it->kind == MODEL_SCHEMA) return OASV_ERR_ARGS;
    const char *what = it->kind == MODEL_WEBHOOK ? "webhook" : "operation";
    const cJSON *content;
    if (part == OASV_PAYLOAD_REQUEST) {
        const cJSON *body = model_deref(doc, model_get(it->node, "requestBody"));
        if (!body) return failf(doc, "no-request-body", out, "the %s %s documents no request body", what, id);
        content = model_get(body, "content");
    } else {
        const char *code = status && *status ? status : "200";
        const cJSON *resp = find_response(doc, model_get(it->node, "responses"), code);
        if (!resp) return failf(doc, "no-response", out, "the %s %s documents no response %s (nor a range or default)", what, id, code);
        content = model_get(resp, "content");
    }
    const char *matched = NULL;
    const cJSON *media = find_media(content, content_type, &matched);
    if (!media) {
        oasv_buf have = { 0 };
        list_media(content, &have);
        oasv_status st = have.oom ? OASV_ERR_NOMEM
            : failf(doc, "media-type-not-documented", out, "the %s %s documents no %s payload for the media type %s (documented: %s)",
                    what, id, part == OASV_PAYLOAD_REQUEST ? "request" : "response",
                    content_type ? content_type : "application/json", have.data);
        oasv_buf_free(&have);
        return st;
    }
    (void)matched;
    const cJSON *schema = model_get(model_deref(doc, media), "schema");

    /* The payload: JSON text, read with the document's limits. */
    oasv_options lo;
    memset(&lo, 0, sizeof lo);
    lo.abi_version = OASV_OPTIONS_VERSION;
    lo.alloc = doc->alloc;
    lo.format = OASV_FORMAT_JSON;
    lo.flags = OASV_LOAD_NO_VALIDATE;
    lo.limits = doc->limits;
    oasv_doc *inst = NULL;
    oasv_status st = oasv_load(src, len, &lo, &inst);
    if (st != OASV_OK) return st;
    if (!inst->tree.root) {
        const oasv_diag *d = NULL;
        for (size_t i = 0; i < oasv_doc_diag_count(inst) && !d; i++)
            if (oasv_doc_diag(inst, i)->severity == OASV_SEVERITY_ERROR) d = oasv_doc_diag(inst, i);
        st = failf(doc, d ? d->code : "payload-empty", out, "the payload is not JSON: %s", d ? d->message : "it is empty");
        oasv_doc_free(inst);
        return st;
    }
    if (!schema) {
        /* No schema: any JSON value will do. */
        oasv_doc_free(inst);
        oasv_schema_result *r = new_result(doc);
        if (!r) return OASV_ERR_NOMEM;
        r->valid = true;
        *out = r;
        return OASV_OK;
    }
    oasv_schema *s = compiled(doc, schema, &st);
    if (s && !oasv_schema_ok(s)) st = compile_errors(doc, s, out);
    else if (s) st = oasv_schema_validate_node(s, inst, "", out);
    oasv_doc_free(inst);
    return st;
}

oasv_status oasv_doc_validate_payload(oasv_doc *doc, const char *id, oasv_payload_part part, const char *status,
                                      const char *content_type, const char *src, size_t len, oasv_schema_result **out)
{
    if (!out || !doc || !id || (!src && len) || (part != OASV_PAYLOAD_REQUEST && part != OASV_PAYLOAD_RESPONSE))
        return OASV_ERR_ARGS;
    *out = NULL;
    if (!doc->tree.root) return OASV_ERR_ARGS;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    oasv_status st = validate_payload(doc, id, part, status, content_type, src ? src : "", len, out);
    oasv_mem_leave(previous);
    return st;
}
