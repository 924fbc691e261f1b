/* api.c - the public JSON Schema entry points (oasv.h, "JSON Schema"). */
#include "oasv.h"

#include "core/doc.h"
#include "util/buf.h"
#include "util/mem.h"
#include "validate/schema/schema.h"

#include <string.h>

static oasv_options load_options(const oasv_schema *s, const oasv_limits *limits)
{
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.alloc = s->alloc;
    o.flags = OASV_LOAD_NO_VALIDATE; /* schemas and instances are not OpenAPI documents */
    if (limits) o.limits = *limits;
    return o;
}

/*
 * Read JSON or YAML text. The loader's detection takes only `{` and `[` for
 * JSON; a JSON scalar instance ("\uD83D\uDCA9", 12, true) is JSON too, so
 * text that can start a JSON value is tried as JSON first, then as YAML.
 */
static oasv_status load_value(const char *src, size_t len, oasv_options *o, oasv_doc **doc)
{
    size_t i = 0;
    while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r')) i++;
    if (o->format == OASV_FORMAT_AUTO && i < len && strchr("{[\"-0123456789tfn", src[i])) {
        o->format = OASV_FORMAT_JSON;
        oasv_status st = oasv_load(src, len, o, doc);
        o->format = OASV_FORMAT_AUTO;
        if (st != OASV_OK || (*doc)->tree.root) return st;
        oasv_doc_free(*doc);
        *doc = NULL;
    }
    return oasv_load(src, len, o, doc);
}

static void schema_release(oasv_schema *s)
{
    for (sch_regex_list *l = s->regexes; l; l = l->next) oasv_regex_free(l->re);
    for (size_t i = 0; i < s->ndocs; i++) oasv_doc_free(s->docs[i]);
    oasv_free(s->docs);
    sch_errors_free(&s->errors);
    oasv_free(s->errors_json);
    sch_arena_free(&s->arena);
    sch_arena_free(&s->cold);
    oasv_free(s);
}

oasv_status oasv_schema_compile(const char *src, size_t len, const oasv_schema_options *opts, oasv_schema **out)
{
    if (!out || (!src && len)) return OASV_ERR_ARGS;
    *out = NULL;
    if (opts && opts->abi_version != OASV_SCHEMA_OPTIONS_VERSION) return OASV_ERR_ARGS;
    const oasv_alloc *previous = oasv_mem_enter(opts ? opts->alloc : NULL);
    oasv_schema *s = oasv_calloc(1, sizeof *s);
    if (!s) { oasv_mem_leave(previous); return OASV_ERR_NOMEM; }
    s->alloc = opts ? opts->alloc : NULL;
    s->format_assertion = opts && opts->format_assertion;
    s->max_depth = opts && opts->max_depth ? opts->max_depth : OASV_DEFAULT_MAX_DEPTH;
    if (s->max_depth > OASV_MAX_DEPTH_CEILING) s->max_depth = OASV_MAX_DEPTH_CEILING;
    s->max_steps = opts && opts->max_steps ? opts->max_steps : OASV_DEFAULT_MAX_STEPS;
    if (opts) s->limits = opts->limits;
    oasv_options o = load_options(s, opts ? &opts->limits : NULL);
    o.filename = opts ? opts->base_uri : NULL;
    oasv_doc *doc = NULL;
    oasv_status st = load_value(src, len, &o, &doc);
    if (st != OASV_OK) { schema_release(s); oasv_mem_leave(previous); return st; }
    if (!doc->tree.root) {
        const oasv_diag *d = NULL;
        for (size_t i = 0; i < oasv_doc_diag_count(doc) && !d; i++)
            if (oasv_doc_diag(doc, i)->severity == OASV_SEVERITY_ERROR) d = oasv_doc_diag(doc, i);
        oasv_buf m = { 0 };
        oasv_buf_printf(&m, "the schema cannot be read: %s", d ? d->message : "it is empty");
        if (!m.oom) sch_errors_add(&s->errors, d ? d->code : "schema-unreadable", m.data, "", d ? d->pointer : "", NULL);
        else s->errors.oom = true;
        oasv_buf_free(&m);
        oasv_doc_free(doc);
    } else {
        sch_compile(s, doc, opts);
    }
    if (s->arena.oom || s->errors.oom) {
        schema_release(s);
        oasv_mem_leave(previous);
        return OASV_ERR_NOMEM;
    }
    oasv_mem_leave(previous);
    *out = s;
    return OASV_OK;
}

oasv_status oasv_schema_compile_at(const oasv_doc *doc, const char *pointer, const oasv_schema_options *opts,
                                   oasv_schema **out)
{
    if (!out || !doc || !pointer) return OASV_ERR_ARGS;
    *out = NULL;
    if (opts && opts->abi_version != OASV_SCHEMA_OPTIONS_VERSION) return OASV_ERR_ARGS;
    const cJSON *at = doc->tree.root ? oasv_tree_resolve_pointer(&doc->tree, pointer, strlen(pointer)) : NULL;
    if (!at) return OASV_ERR_ARGS;
    const oasv_alloc *previous = oasv_mem_enter(opts ? opts->alloc : NULL);
    oasv_schema *s = oasv_calloc(1, sizeof *s);
    if (!s) { oasv_mem_leave(previous); return OASV_ERR_NOMEM; }
    s->alloc = opts ? opts->alloc : NULL;
    s->format_assertion = opts && opts->format_assertion;
    s->max_depth = opts && opts->max_depth ? opts->max_depth : OASV_DEFAULT_MAX_DEPTH;
    if (s->max_depth > OASV_MAX_DEPTH_CEILING) s->max_depth = OASV_MAX_DEPTH_CEILING;
    s->max_steps = opts && opts->max_steps ? opts->max_steps : OASV_DEFAULT_MAX_STEPS;
    if (opts) s->limits = opts->limits;
    sch_compile_at(s, doc, at, pointer, opts);
    if (s->arena.oom || s->errors.oom) {
        schema_release(s);
        oasv_mem_leave(previous);
        return OASV_ERR_NOMEM;
    }
    oasv_mem_leave(previous);
    *out = s;
    return OASV_OK;
}

bool oasv_schema_ok(const oasv_schema *schema) { return sch_ok(schema); }

size_t oasv_schema_error_count(const oasv_schema *schema) { return schema ? schema->errors.count : 0; }

const oasv_schema_error *oasv_schema_error_at(const oasv_schema *schema, size_t i)
{
    return schema && i < schema->errors.count ? &schema->errors.items[i] : NULL;
}

const char *oasv_schema_errors_json(oasv_schema *schema, size_t *len)
{
    if (!schema) return NULL;
    if (!schema->errors_json) {
        const oasv_alloc *previous = oasv_mem_enter(schema->alloc);
        oasv_buf b = { 0 };
        sch_errors_json(&schema->errors, oasv_schema_ok(schema), &b);
        schema->errors_json_len = b.len;
        schema->errors_json = oasv_buf_take(&b);
        oasv_mem_leave(previous);
        if (!schema->errors_json) return NULL;
    }
    if (len) *len = schema->errors_json_len;
    return schema->errors_json;
}

void oasv_schema_free(oasv_schema *schema)
{
    if (!schema) return;
    const oasv_alloc *previous = oasv_mem_enter(schema->alloc);
    schema_release(schema);
    oasv_mem_leave(previous);
}

/* The limits the loader would apply to an instance (core/api.c's defaults). */
static inline size_t instance_max_bytes(const oasv_schema *s)
{
    return s->limits.max_input_bytes ? s->limits.max_input_bytes : OASV_DEFAULT_MAX_INPUT_BYTES;
}

static inline uint32_t instance_max_depth(const oasv_schema *s)
{
    uint32_t d = s->limits.max_depth ? s->limits.max_depth : OASV_DEFAULT_MAX_DEPTH;
    return d > OASV_MAX_DEPTH_CEILING ? OASV_MAX_DEPTH_CEILING : d;
}

/* Validate a bare tree (load/bare.h) in detail into a new result. */
static oasv_status run_bare(const oasv_schema *s, const cJSON *root, oasv_schema_result **out)
{
    oasv_schema_result *r = oasv_calloc(1, sizeof *r);
    if (!r) return OASV_ERR_NOMEM;
    r->alloc = s->alloc;
    sch_validate(s, NULL, root, r);
    if (r->errors.oom) { oasv_schema_result_free(r); return OASV_ERR_NOMEM; }
    *out = r;
    return OASV_OK;
}

int sch_run_in_place(const oasv_schema *s, oasv_bare *arena, char *text, size_t len, bool detail, oasv_schema_result **out)
{
    if (out) *out = NULL;
    if (!sch_ok(s) || len > instance_max_bytes(s)) return -2;
    const oasv_alloc *previous = oasv_mem_enter_bare(s->alloc); /* the bare reader and the walk call no cJSON allocator */
    int verdict;
    const cJSON *root = oasv_bare_parse(arena, text, len, instance_max_depth(s));
    if (!root) {
        verdict = arena->oom ? -1 : -2;
    } else {
        bool oom = false;
        verdict = sch_check_node(s, s->root, NULL, root, &oom) ? 1 : 0;
        if (oom) verdict = -1;
        else if (verdict == 0 && detail && out) {
            if (run_bare(s, root, out) != OASV_OK) verdict = -1;
            else verdict = (*out)->valid ? 1 : 0;
        }
    }
    oasv_bare_reset(arena, OASV_BARE_FIRST_CHUNK); /* bigger trees give their memory back */
    oasv_mem_leave(previous);
    return verdict;
}

/*
 * Read `src` as a bare tree (a copy parsed in place): the instance's usual
 * path. NULL when the text is not plain JSON (the loader then reads it: YAML,
 * or JSON with a mistake to explain) or memory ran out (arena->oom).
 */
static const cJSON *read_bare(const oasv_schema *s, oasv_bare *arena, const char *src, size_t len)
{
    if (len > instance_max_bytes(s)) return NULL;
    char *copy = oasv_bare_alloc(arena, len + 1);
    if (!copy) return NULL;
    if (len) memcpy(copy, src, len);
    copy[len] = '\0';
    return oasv_bare_parse(arena, copy, len, instance_max_depth(s));
}

static oasv_status run(const oasv_schema *s, const oasv_doc *doc, const cJSON *node, oasv_doc *owned, oasv_schema_result **out)
{
    oasv_schema_result *r = oasv_calloc(1, sizeof *r);
    if (!r) { oasv_doc_free(owned); return OASV_ERR_NOMEM; }
    r->alloc = s->alloc;
    r->instance = owned;
    if (!node) {
        /* the instance could not be read: its load diagnostics are the errors */
        for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
            const oasv_diag *d = oasv_doc_diag(doc, i);
            if (d->severity != OASV_SEVERITY_ERROR) continue;
            oasv_buf m = { 0 };
            oasv_buf_printf(&m, "the instance cannot be read: %s", d->message);
            if (m.oom) r->errors.oom = true;
            else sch_errors_add(&r->errors, d->code, m.data, d->pointer, "", NULL);
            oasv_buf_free(&m);
        }
        if (!r->errors.count) sch_errors_add(&r->errors, "instance-empty", "the instance is empty", "", "", NULL);
        r->valid = false;
    } else {
        sch_validate(s, &doc->tree, node, r);
    }
    /* the instance text is not needed once the errors are strings */
    oasv_doc_free(r->instance);
    r->instance = NULL;
    if (r->errors.oom) { oasv_schema_result_free(r); return OASV_ERR_NOMEM; }
    *out = r;
    return OASV_OK;
}

oasv_status oasv_schema_validate(const oasv_schema *schema, const char *src, size_t len, oasv_schema_result **out)
{
    if (!out || !schema || (!src && len)) return OASV_ERR_ARGS;
    *out = NULL;
    if (!oasv_schema_ok(schema)) return OASV_ERR_ARGS;
    const oasv_alloc *previous = oasv_mem_enter(schema->alloc);
    oasv_bare arena = { 0 };
    const cJSON *bare = read_bare(schema, &arena, src, len);
    oasv_status st;
    if (bare) {
        st = run_bare(schema, bare, out);
    } else if (arena.oom) {
        st = OASV_ERR_NOMEM;
    } else {
        oasv_options o = load_options(schema, &schema->limits);
        oasv_doc *doc = NULL;
        st = load_value(src, len, &o, &doc);
        if (st == OASV_OK) {
            const cJSON *root = doc->tree.root; /* diagnostics about OpenAPI do not concern an instance */
            st = run(schema, doc, root, doc, out);
        }
    }
    oasv_bare_free(&arena);
    oasv_mem_leave(previous);
    return st;
}

oasv_status oasv_schema_check(const oasv_schema *schema, const char *src, size_t len, bool *valid)
{
    if (!valid || !schema || (!src && len)) return OASV_ERR_ARGS;
    *valid = false;
    if (!oasv_schema_ok(schema)) return OASV_ERR_ARGS;
    const oasv_alloc *previous = oasv_mem_enter(schema->alloc);
    oasv_bare arena = { 0 };
    const cJSON *bare = read_bare(schema, &arena, src, len);
    oasv_status st = OASV_OK;
    if (bare) {
        bool oom = false;
        *valid = sch_check_node(schema, schema->root, NULL, bare, &oom);
        if (oom) st = OASV_ERR_NOMEM;
    } else if (arena.oom) {
        st = OASV_ERR_NOMEM;
    }
    oasv_bare_free(&arena);
    oasv_mem_leave(previous);
    if (bare || st != OASV_OK) return st;
    /* not plain JSON: the loader reads it (YAML), or the instance is unreadable and so invalid */
    oasv_schema_result *r = NULL;
    st = oasv_schema_validate(schema, src, len, &r);
    if (st == OASV_OK) *valid = r->valid;
    oasv_schema_result_free(r);
    return st;
}

oasv_status oasv_schema_validate_node(const oasv_schema *schema, const oasv_doc *doc, const char *pointer,
                                      oasv_schema_result **out)
{
    if (!out || !schema || !doc || !pointer) return OASV_ERR_ARGS;
    *out = NULL;
    if (!oasv_schema_ok(schema) || !doc->tree.root) return OASV_ERR_ARGS;
    const oasv_alloc *previous = oasv_mem_enter(schema->alloc);
    const cJSON *node = oasv_tree_resolve_pointer(&doc->tree, pointer, strlen(pointer));
    oasv_status st = node ? run(schema, doc, node, NULL, out) : OASV_ERR_ARGS;
    oasv_mem_leave(previous);
    return st;
}

bool oasv_schema_result_valid(const oasv_schema_result *result) { return result && result->valid; }

size_t oasv_schema_result_error_count(const oasv_schema_result *result) { return result ? result->errors.count : 0; }

const oasv_schema_error *oasv_schema_result_error(const oasv_schema_result *result, size_t i)
{
    return result && i < result->errors.count ? &result->errors.items[i] : NULL;
}

/* A result's errors rendered once by `render` into *text (kept with the result until it is freed). */
static const char *result_text(oasv_schema_result *result, char **text, size_t *text_len,
                               void (*render)(const sch_errors *, bool, oasv_buf *), size_t *len)
{
    if (!result) return NULL;
    if (!*text) {
        const oasv_alloc *previous = oasv_mem_enter(result->alloc);
        oasv_buf b = { 0 };
        render(&result->errors, result->valid, &b);
        *text_len = b.len;
        *text = oasv_buf_take(&b);
        oasv_mem_leave(previous);
        if (!*text) return NULL;
    }
    if (len) *len = *text_len;
    return *text;
}

const char *oasv_schema_result_json(oasv_schema_result *result, size_t *len)
{
    return result ? result_text(result, &result->json, &result->json_len, sch_errors_json, len) : NULL;
}

const char *oasv_schema_result_json_detailed(oasv_schema_result *result, size_t *len)
{
    return result ? result_text(result, &result->detailed_json, &result->detailed_json_len, sch_errors_detailed_json, len) : NULL;
}

void oasv_schema_result_free(oasv_schema_result *result)
{
    if (!result) return;
    const oasv_alloc *previous = oasv_mem_enter(result->alloc);
    sch_errors_free(&result->errors);
    oasv_doc_free(result->instance);
    oasv_free(result->json);
    oasv_free(result->detailed_json);
    oasv_free(result);
    oasv_mem_leave(previous);
}
