/*
 * engine.c - the JSON Schema 2020-12 engine (src/validate/schema/) inside
 * OpenAPI validation:
 *
 *   1. every Schema Object against the meta-schema of its dialect. The OAS
 *      dialect is JSON Schema 2020-12 plus the OAS base vocabulary
 *      (discriminator, xml, externalDocs, example): its 2020-12 part is checked
 *      here with the built-in 2020-12 meta-schema, its OAS part by the
 *      structure walk (schema.c, with messages in OpenAPI terms). The dialect
 *      is the Schema Object's `$schema`, else the document's
 *      `jsonSchemaDialect`, else the OAS dialect; a dialect oasview does not
 *      know is said once (info) and its Schema Objects are not checked.
 *      Only the outermost Schema Objects are validated: the meta-schema walks
 *      their subschemas itself. A finding the structure walk already made at
 *      the same place (or below it) is not repeated.
 *   2. `example`, `examples` and `default` values against their schemas
 *      (Schema Objects at any depth, Parameters, Headers, JSON Media Types,
 *      Example Objects they use): warnings `example-invalid`, `default-invalid`.
 *      All schemas of a document are compiled once, together, the document
 *      being the root resource so that "#/components/..." references resolve
 *      and the other documents read being resources; so in each document read.
 */
#include "validate/oas/check.h"

#include "core/rules.h"
#include "util/buf.h"
#include "util/mem.h"
#include "validate/schema/schema.h"

#include <stdlib.h>
#include <string.h>

#define E OASV_SEVERITY_ERROR
#define W OASV_SEVERITY_WARNING

/* Diagnostics per value or Schema Object, at most (a broken example could yield hundreds). */
#define MAX_PER_VALUE 5
#define MAX_PER_SCHEMA 20

#define DIALECT_PREFIX_OAS "https://spec.openapis.org/oas/3.1/dialect/"
#define DIALECT_2020 "https://json-schema.org/draft/2020-12/schema"

oas_dialect oas_dialect_of(const char *uri)
{
    size_t len = strlen(uri);
    if (len && uri[len - 1] == '#') len--; /* "…/schema#" names the same */
    if (len == strlen(DIALECT_2020) && memcmp(uri, DIALECT_2020, len) == 0) return DIALECT_JSON_SCHEMA;
    if (strncmp(uri, DIALECT_PREFIX_OAS, strlen(DIALECT_PREFIX_OAS)) == 0) return DIALECT_OAS;
    return DIALECT_UNKNOWN;
}

/* MARK: - Collecting */

/* A value of the document `value_in` for a schema of the document being walked (c->in). */
static bool push_value(oas_check *c, const cJSON *value, const oasv_doc *value_in, const cJSON *schema, oas_value_kind kind,
                       const cJSON *site)
{
    if (c->nvalues == c->cap_values) {
        size_t cap = c->cap_values ? c->cap_values * 2 : 32;
        oas_value *v = oasv_realloc(c->values, cap * sizeof *v);
        if (!v) { c->doc->oom = true; return false; }
        c->values = v;
        c->cap_values = cap;
    }
    c->values[c->nvalues++] = (oas_value){ value, schema, site, value_in, c->in, kind };
    return true;
}

bool oas_push_value(oas_check *c, const cJSON *value, const cJSON *schema, oas_value_kind kind, const cJSON *site)
{
    return push_value(c, value, c->in, schema, kind, site);
}

static const cJSON *get(const cJSON *object, const char *key)
{
    return oas_get(object, key);
}

/* application/json, application/problem+json, text/json; parameters (";charset=…") ignored. */
static bool json_media_type(const char *type)
{
    const char *slash = strchr(type, '/');
    if (!slash) return false;
    const char *sub = slash + 1;
    size_t len = strcspn(sub, "; \t");
    if (len == 4 && strncmp(sub, "json", 4) == 0) return true;
    return len > 5 && strncmp(sub + len - 5, "+json", 5) == 0;
}

void oas_collect_examples(oas_check *c, const cJSON *node, oas_kind kind)
{
    const cJSON *schema = get(node, "schema");
    if (!schema || (kind == K_MEDIA_TYPE && !(node->string && json_media_type(node->string)))) return;
    if (c->dialect == DIALECT_UNKNOWN) return;
    if (cJSON_IsObject(schema)) {
        const cJSON *sc = get(schema, "$schema");
        if (cJSON_IsString(sc) && oas_dialect_of(sc->valuestring) == DIALECT_UNKNOWN) return;
    }
    const cJSON *example = get(node, "example");
    if (example) oas_push_value(c, example, schema, VALUE_EXAMPLE, NULL);
    const cJSON *examples = get(node, "examples");
    if (!cJSON_IsObject(examples)) return;
    for (const cJSON *m = examples->child; m; m = m->next) {
        const cJSON *target = m;
        const oasv_doc *target_in = c->in;
        if (get(m, "$ref")) { /* an Example Object used by reference, maybe from another document */
            oasv_ref ref;
            if (oasv_resolve_ref(c->doc, c->in, m, 0, &ref) != OASV_REF_OK || !ref.target) continue;
            target = ref.target;
            target_in = ref.target_doc ? ref.target_doc : c->doc;
        }
        const cJSON *value = get(target, "value");
        if (value && !get(target, "externalValue")) push_value(c, value, target_in, schema, VALUE_EXAMPLE_OBJECT, target == m ? NULL : m);
    }
}

/* MARK: - Reporting */

/* The node at a JSON pointer below `from` (RFC 6901 escapes), or the deepest node reached. */
static const cJSON *descend(const cJSON *from, const char *pointer)
{
    const cJSON *n = from;
    char tok[256];
    while (*pointer == '/' && n) {
        pointer++;
        size_t len = 0;
        while (*pointer && *pointer != '/') {
            char ch = *pointer++;
            if (ch == '~' && (*pointer == '0' || *pointer == '1')) ch = *pointer++ == '0' ? '~' : '/';
            if (len + 1 < sizeof tok) tok[len++] = ch;
        }
        tok[len] = '\0';
        const cJSON *next = NULL;
        if (cJSON_IsObject(n)) {
            next = cJSON_GetObjectItemCaseSensitive(n, tok);
        } else if (cJSON_IsArray(n)) {
            char *end = NULL;
            long i = strtol(tok, &end, 10);
            next = len && *end == '\0' && i >= 0 ? cJSON_GetArrayItem(n, (int)i) : NULL;
        }
        if (!next) return n;
        n = next;
    }
    return n;
}

static void set_schema_pointer(oas_check *c, size_t before, const char *keyword_location)
{
    if (c->doc->diag_count <= before) return; /* switched off by the configuration */
    oasv_diag *d = &c->doc->diags[c->doc->diag_count - 1];
    d->schema_pointer = oasv_strndup(keyword_location, strlen(keyword_location));
    if (!d->schema_pointer) c->doc->oom = true;
}

static bool limit_code(const char *code)
{
    return strcmp(code, "max-steps-exceeded") == 0 || strcmp(code, "max-depth-exceeded") == 0 || strcmp(code, "regex-limit-exceeded") == 0;
}

/* True when an earlier error of the result is at the same instance location. */
static bool same_place_before(const oasv_schema_result *res, size_t i)
{
    for (size_t k = 0; k < i && k < 64; k++)
        if (strcmp(res->errors.items[k].instance_location, res->errors.items[i].instance_location) == 0) return true;
    return false;
}

/* MARK: - Findings already made (so that the meta-schema does not repeat them) */

/* Keys are (the diagnostic's uri, a pointer): a pointer of another document is another place. */
typedef struct seen {
    oasv_map exact; /* pointers with an error */
    oasv_map below; /* those and all their ancestors */
    size_t upto;    /* diagnostics looked at so far */
} seen;

static void seen_update(oas_check *c, seen *s)
{
    for (; s->upto < c->doc->diag_count; s->upto++) {
        const oasv_diag *d = &c->doc->diags[s->upto];
        if (d->severity != OASV_SEVERITY_ERROR || !d->pointer) continue;
        size_t len = strlen(d->pointer);
        if (!oasv_map_put(&s->exact, d->uri, d->pointer, len, (void *)d->pointer)) { c->doc->oom = true; return; }
        for (size_t i = len + 1; i-- > 0;) {
            if (i < len && d->pointer[i] != '/') continue;
            if (oasv_map_get(&s->below, d->uri, d->pointer, i)) break; /* its ancestors are in too */
            if (!oasv_map_put(&s->below, d->uri, d->pointer, i, (void *)d->pointer)) { c->doc->oom = true; return; }
        }
    }
}

/* True when an error was reported at `p` of the document named `uri` (NULL: the main one), below it, or at one of its ancestors. */
static bool seen_covers(const seen *s, const char *uri, const char *p, size_t len)
{
    if (oasv_map_get(&s->below, uri, p, len)) return true;
    for (size_t i = len; i-- > 0;)
        if (p[i] == '/' && oasv_map_get(&s->exact, uri, p, i)) return true;
    return false;
}

/* MARK: - The run */

typedef struct run {
    oas_check *c;
    oasv_schema *s;
    seen seen;
} run;

static oasv_schema *new_schema(oasv_doc *doc)
{
    oasv_schema *s = oasv_calloc(1, sizeof *s);
    if (!s) return NULL;
    s->alloc = doc->alloc;
    s->max_depth = doc->limits.max_depth ? doc->limits.max_depth : OASV_DEFAULT_MAX_DEPTH;
    if (s->max_depth > OASV_MAX_DEPTH_CEILING) s->max_depth = OASV_MAX_DEPTH_CEILING;
    s->max_steps = OASV_DEFAULT_MAX_STEPS;
    s->limits = doc->limits;
    return s;
}

/* The unknown-dialect subtrees: no finding inside them (`n` is a node of the document being reported on, c->in). */
static bool in_foreign(const oas_check *c, const cJSON *n)
{
    if (!c->foreign.count) return false;
    for (; n; n = oasv_tree_info(&c->in->tree, n)->parent)
        for (size_t i = 0; i < c->foreign.count; i++)
            if (c->foreign.items[i] == n) return true;
    return false;
}

/* True when `instance` is valid against `node`, by the verdict-only walk (no error or annotation collected):
 * nearly every Schema Object and example is, and only the others need the walk that explains. */
static bool passes(oas_check *c, const oasv_schema *s, const sch_node *node, const oasv_tree *tree, const cJSON *instance)
{
    bool oom = false;
    bool valid = sch_check_node(s, node, tree, instance, &oom);
    if (oom) c->doc->oom = true;
    return valid || oom;
}

/* 1. A Schema Object against the 2020-12 meta-schema. */
static void check_schema_object(run *r, const oasv_schema *meta, const sch_node *meta_root, const cJSON *schema, bool known_invalid)
{
    oas_check *c = r->c;
    if (!known_invalid && passes(c, meta, meta_root, &c->in->tree, schema)) return;
    oasv_schema_result res;
    memset(&res, 0, sizeof res);
    sch_validate_node(meta, meta_root, &c->in->tree, schema, &res);
    if (res.errors.oom) { c->doc->oom = true; sch_errors_free(&res.errors); return; }
    if (res.valid || !res.errors.count) { sch_errors_free(&res.errors); return; }
    seen_update(c, &r->seen);
    const char *uri = c->in != c->doc ? c->in->filename : NULL; /* as oasv_diag.uri */
    oasv_buf base = { 0 };
    oasv_tree_pointer(&c->in->tree, schema, &base);
    size_t reported = 0;
    for (size_t i = 0; i < res.errors.count && reported < MAX_PER_SCHEMA && !c->doc->oom; i++) {
        const oasv_schema_error *e = &res.errors.items[i];
        if (same_place_before(&res, i)) continue;
        oasv_buf p = { 0 };
        oasv_buf_append(&p, base.data ? base.data : "", base.len);
        oasv_buf_puts(&p, e->instance_location);
        oasv_buf_append(&p, "", 0);
        if (p.oom) { c->doc->oom = true; oasv_buf_free(&p); break; }
        const cJSON *at = descend(schema, e->instance_location);
        if (seen_covers(&r->seen, uri, p.data, p.len) || in_foreign(c, at)) { oasv_buf_free(&p); continue; }
        oasv_buf_free(&p);
        size_t before = c->doc->diag_count;
        /* `minLength`, or `/required/0` for an item, or "this Schema Object" */
        const char *key = at == schema ? NULL : at->string ? at->string : e->instance_location;
        bool limit = limit_code(e->code);
        if (limit)
            REPORT(c, W, "schema-dialect", schema, false, "this Schema Object could not be checked against JSON Schema 2020-12: %s", e->message);
        else if (strcmp(e->code, "anyOf") == 0 || strcmp(e->code, "oneOf") == 0 || strcmp(e->code, "false") == 0)
            REPORT(c, E, "schema-dialect", at, false, "%s%s%shas a value that JSON Schema 2020-12 does not allow here", key ? "`" : "",
                   key ? key : "this Schema Object", key ? "` " : " ");
        else
            REPORT(c, E, "schema-dialect", at, false, "%s%s%s%s (JSON Schema 2020-12)", key ? "`" : "", key ? key : "this Schema Object",
                   key ? "` " : " ", e->message);
        set_schema_pointer(c, before, e->keyword_location);
        reported++;
        if (limit) break;
    }
    oasv_buf_free(&base);
    sch_errors_free(&res.errors);
}

/* 2. A value against its schema. */
static void check_value(run *r, const oas_value *v, const sch_node *node, bool known_invalid)
{
    oas_check *c = r->c;
    if (!known_invalid && passes(c, r->s, node, &v->value_in->tree, v->value)) return;
    oasv_schema_result res;
    memset(&res, 0, sizeof res);
    sch_validate_node(r->s, node, &v->value_in->tree, v->value, &res);
    if (res.errors.oom) { c->doc->oom = true; sch_errors_free(&res.errors); return; }
    const char *code = v->kind == VALUE_DEFAULT ? "default-invalid" : "example-invalid";
    oasv_buf what = { 0 };
    switch (v->kind) {
    case VALUE_DEFAULT: oasv_buf_puts(&what, "the default value"); break;
    case VALUE_EXAMPLE: oasv_buf_puts(&what, "the example"); break;
    case VALUE_EXAMPLES_ITEM: oasv_buf_puts(&what, "this item of `examples`"); break;
    case VALUE_EXAMPLE_OBJECT: {
        const cJSON *owner = oasv_tree_info(&v->value_in->tree, v->value)->parent;
        const char *name = v->site && v->site->string ? v->site->string : owner ? owner->string : NULL;
        if (name) oasv_buf_printf(&what, "the example `%s`", name);
        else oasv_buf_puts(&what, "the example");
        break;
    }
    }
    oasv_buf site = { 0 };
    if (v->site) {
        oasv_tree_pointer(&v->schema_in->tree, v->site, &site);
        oasv_buf_append(&site, "", 0);
    }
    size_t shown = 0;
    for (size_t i = 0; i < res.errors.count && shown < MAX_PER_VALUE && !c->doc->oom && !what.oom && !site.oom; i++) {
        const oasv_schema_error *e = &res.errors.items[i];
        if (same_place_before(&res, i)) continue; /* one finding per place (branches of if/then/else, allOf...) */
        size_t before = c->doc->diag_count;
        const char *more = ++shown == MAX_PER_VALUE && i + 1 < res.errors.count ? " (and more)" : "";
        if (limit_code(e->code)) {
            REPORT(c, W, code, v->value, false, "%s could not be checked against its schema: %s", what.data, e->message);
        } else if (e->instance_location[0]) {
            const cJSON *at = descend(v->value, e->instance_location);
            REPORT(c, W, code, at, false, "%s%s%s%s does not match its schema: `%s` %s%s", what.data, site.len ? " (used at " : "",
                   site.len ? site.data : "", site.len ? ")" : "", e->instance_location, e->message, more);
        } else {
            REPORT(c, W, code, v->value, false, "%s%s%s%s does not match its schema: it %s%s", what.data, site.len ? " (used at " : "",
                   site.len ? site.data : "", site.len ? ")" : "", e->message, more);
        }
        set_schema_pointer(c, before, e->keyword_location);
    }
    if (what.oom || site.oom) c->doc->oom = true;
    oasv_buf_free(&what);
    oasv_buf_free(&site);
    sch_errors_free(&res.errors);
}

/* Compile errors of the document's schemas worth saying: patterns the engine cannot use. */
static void report_compile_errors(run *r)
{
    oas_check *c = r->c;
    for (size_t i = 0; i < r->s->errors.count && !c->doc->oom; i++) {
        const oasv_schema_error *e = &r->s->errors.items[i];
        if (strcmp(e->code, "invalid-pattern") != 0) continue;
        const cJSON *at = oasv_tree_resolve_pointer(&c->in->tree, e->keyword_location, strlen(e->keyword_location));
        if (!at || in_foreign(c, at)) continue;
        REPORT(c, W, "schema-pattern-invalid", at, false, "%s; examples are not checked against it", e->message);
    }
}

/*
 * The compiled 2020-12 meta-schema. Compiling it costs more than checking a
 * small document, so under the default allocator it is compiled on first use
 * and kept for the thread's later documents (validation only reads it). Under
 * a host's allocator, given per call, it is compiled per document and freed.
 */
static _Thread_local oasv_schema *kept_meta;

static oasv_schema *meta_schema(oas_check *c, bool *kept)
{
    *kept = !c->doc->alloc;
    if (*kept && kept_meta) return kept_meta;
    static const char meta_text[] = "{\"$ref\":\"" DIALECT_2020 "\"}";
    oasv_schema_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_SCHEMA_OPTIONS_VERSION;
    o.alloc = c->doc->alloc;
    oasv_schema *meta = NULL;
    oasv_status st = oasv_schema_compile(meta_text, sizeof meta_text - 1, &o, &meta);
    if (st != OASV_OK) {
        c->doc->oom = c->doc->oom || st == OASV_ERR_NOMEM;
        *kept = false;
        return NULL;
    }
    if (*kept) {
        if (oasv_schema_ok(meta)) kept_meta = meta;
        else *kept = false;
    }
    return meta;
}

/* The documents read other than `self` as schema resources (those with a URI), into `res`; returns how many. */
static size_t other_documents(oas_check *c, const oasv_doc *self, oasv_schema_resource *res, size_t ndocs)
{
    size_t n = 0;
    for (size_t i = 0; i < ndocs; i++) {
        const oasv_doc *d = i ? oasv_resolve_document_at(c->doc, i - 1) : c->doc;
        if (!d || d == self || !d->filename) continue;
        res[n++] = (oasv_schema_resource){ d->filename, (const char *)d->text, d->len };
    }
    return n;
}

/*
 * 2. The values whose schemas are in one document, those schemas compiled together: prepared by prepare_values(),
 * which only reads the walk's facts and the trees (so it may run on the second thread, ahead.c), then checked and
 * reported by check_prepared() on the caller's thread.
 */
typedef struct values_of {
    const oasv_doc *in;
    oasv_schema *s;               /* NULL: no value has its schema in `in` */
    const cJSON **list;           /* the Schema Objects compiled: outermost ones (when $ids or anchors), then the values' */
    const sch_node **compiled;    /* the compiled node of each */
    const oas_value **values;
    size_t nroots, nvals;
    uint8_t *verdicts;            /* per value, OAS_AHEAD_*, when computed ahead; else NULL */
    bool oom;
} values_of;

struct oas_engine {
    oasv_schema *meta;            /* the compiled 2020-12 meta-schema */
    bool meta_kept;               /* kept for the thread's later documents: not freed with this check */
    oas_ahead *ahead;             /* Schema Objects (and the main document's values) checked on a second thread */
    oasv_schema_resource *res;    /* the other documents, as resources of the main one's schemas */
    size_t nres;
    values_of main_values;        /* the main document's values, prepared on the second thread */
    bool main_prepared;
};

static void values_free(values_of *v)
{
    oasv_free((void *)v->list);
    oasv_free((void *)v->compiled);
    oasv_free((void *)v->values);
    oasv_free(v->verdicts);
    oasv_schema_free(v->s); /* a schema like any other, only with s->root unset */
    memset(v, 0, sizeof *v);
}

/* When Schema Objects have $ids or $anchors (which references may name), every outermost one is compiled too,
 * first; else only the schemas of the values, and what they reference. With `verdicts`, each value's verdict too. */
static void prepare_values(const oas_check *c, const oasv_doc *in, const oasv_schema_resource *res, size_t nres, bool verdicts,
                           values_of *v)
{
    memset(v, 0, sizeof *v);
    v->in = in;
    size_t nroots = 0, nvals = 0;
    for (size_t i = 0; c->schema_ids && i < c->roots.count; i++) nroots += c->roots.docs[i] == in;
    for (size_t i = 0; i < c->nvalues; i++) nvals += c->values[i].schema_in == in;
    if (!nvals) return;
    size_t count = nroots + nvals;
    v->nroots = nroots;
    v->nvals = nvals;
    v->s = new_schema(c->doc);
    v->list = oasv_malloc(count * sizeof *v->list);
    v->compiled = oasv_malloc(count * sizeof *v->compiled);
    v->values = oasv_malloc(nvals * sizeof *v->values);
    v->verdicts = verdicts ? oasv_malloc(nvals) : NULL;
    if (!v->s || !v->list || !v->compiled || !v->values || (verdicts && !v->verdicts)) { v->oom = true; return; }
    for (size_t i = 0, k = 0; k < nroots; i++)
        if (c->roots.docs[i] == in) v->list[k++] = c->roots.items[i];
    for (size_t i = 0, k = 0; k < nvals; i++)
        if (c->values[i].schema_in == in) v->values[k] = &c->values[i], v->list[nroots + k++] = c->values[i].schema;
    oasv_buf base = { 0 };
    if (in->filename) oasv_buf_puts(&base, in->filename);
    oasv_buf_append(&base, "", 0);
    if (base.oom) v->oom = true;
    else sch_compile_nodes(v->s, in, base.data, v->list, count, res, nres, v->compiled);
    oasv_buf_free(&base);
    if (v->s->arena.oom || v->s->errors.oom) v->oom = true;
    for (size_t i = 0; verdicts && !v->oom && i < nvals; i++) {
        const sch_node *node = v->compiled[nroots + i];
        bool oom = false;
        bool valid = !node || sch_check_node(v->s, node, &v->values[i]->value_in->tree, v->values[i]->value, &oom);
        v->verdicts[i] = oom ? OAS_AHEAD_OOM : valid ? OAS_AHEAD_VALID : OAS_AHEAD_EXPLAIN;
    }
}

static void check_prepared(run *r, values_of *v)
{
    oas_check *c = r->c;
    if (v->oom) c->doc->oom = true;
    if (!v->s || c->doc->oom) { values_free(v); return; }
    r->s = v->s;
    oas_enter(c, v->in);
    if (!c->doc->oom) report_compile_errors(r);
    oasv_map done = { 0 };
    for (size_t i = 0; i < v->nvals && !c->doc->oom; i++) {
        const oas_value *val = v->values[i];
        const sch_node *node = v->compiled[v->nroots + i];
        if (!node) continue;
        /* an Example Object used twice with the same schema is checked once */
        const void *key = val->schema;
        if (oasv_map_get(&done, val->value, (const char *)&key, sizeof key)) continue;
        if (!oasv_map_put(&done, val->value, (const char *)&val->schema, sizeof val->schema, (void *)val)) { c->doc->oom = true; break; }
        if (v->verdicts && v->verdicts[i] == OAS_AHEAD_VALID) continue;
        if (v->verdicts && v->verdicts[i] == OAS_AHEAD_OOM) { c->doc->oom = true; break; }
        oas_enter(c, val->value_in); /* reported where the value is written */
        if (!c->doc->oom) check_value(r, val, node, v->verdicts != NULL);
    }
    oasv_map_free(&done);
    r->s = NULL;
    values_free(v);
}

/* The second thread's first job: the main document's values (their schemas compiled, their verdicts). */
static void prepare_main_values(void *ctx, const oas_check *c)
{
    struct oas_engine *e = ctx;
    prepare_values(c, c->doc, e->res, e->nres, true, &e->main_values);
}

static bool examples_checked(const oas_check *c)
{
    return !oasv_rule_off(c->doc->rules, "example-invalid") || !oasv_rule_off(c->doc->rules, "default-invalid");
}

void oas_engine_begin(oas_check *c)
{
    if (!c->roots.count || oasv_rule_off(c->doc->rules, "schema-dialect") || c->doc->oom) return;
    struct oas_engine *e = oasv_calloc(1, sizeof *e);
    if (!e) { c->doc->oom = true; return; }
    c->engine = e;
    e->meta = meta_schema(c, &e->meta_kept);
    if (!e->meta || !oasv_schema_ok(e->meta)) return;
    /* With a second thread, the main document's values are its first job (when they are checked at all). */
    void (*first)(void *, const oas_check *) = NULL;
    if (c->nvalues && examples_checked(c)) {
        size_t ndocs = 1;
        while (oasv_resolve_document_at(c->doc, ndocs - 1)) ndocs++;
        e->res = oasv_calloc(ndocs, sizeof *e->res);
        if (e->res) {
            e->nres = other_documents(c, c->doc, e->res, ndocs);
            first = prepare_main_values;
        }
    }
    e->ahead = oas_ahead_start(c, e->meta, first, e);
    e->main_prepared = e->ahead && first;
}

void oas_engine_end(oas_check *c)
{
    struct oas_engine *e = c->engine;
    if (!e) return;
    oas_ahead_free(e->ahead); /* joins the thread first */
    values_free(&e->main_values);
    oasv_free(e->res);
    if (!e->meta_kept) oasv_schema_free(e->meta);
    oasv_free(e);
    c->engine = NULL;
}

void oas_validate_with_engine(oas_check *c)
{
    if (!c->roots.count && !c->nvalues) return;
    run r;
    memset(&r, 0, sizeof r);
    r.c = c;

    /* 1. Schema Objects against the 2020-12 meta-schema (their verdicts maybe computed already, on another thread). */
    struct oas_engine *e = c->engine;
    oasv_schema *meta = e ? e->meta : NULL;
    const uint8_t *ahead = e && e->ahead ? oas_ahead_finish(e->ahead) : NULL; /* the thread has done all its work */
    if (meta && oasv_schema_ok(meta)) {
        for (size_t i = 0; i < c->roots.count && !c->doc->oom; i++) { /* each reported in its own document */
            if (ahead && ahead[i] == OAS_AHEAD_VALID) continue;
            if (ahead && ahead[i] == OAS_AHEAD_OOM) { c->doc->oom = true; break; }
            oas_enter(c, c->roots.docs[i]);
            if (!c->doc->oom) check_schema_object(&r, meta, meta->root, c->roots.items[i], ahead != NULL);
        }
        oas_enter(c, c->doc);
    }

    /* 2. Values against their schemas: the schemas of each document compiled together, the document as the root
     * resource and the other documents as resources (a `$ref` to "common.yaml#/Pet" resolves). */
    if (c->nvalues && examples_checked(c) && !c->doc->oom) {
        size_t ndocs = 1;
        while (oasv_resolve_document_at(c->doc, ndocs - 1)) ndocs++;
        oasv_schema_resource *res = oasv_calloc(ndocs, sizeof *res);
        if (!res) c->doc->oom = true;
        for (size_t i = 0; res && i < ndocs && !c->doc->oom; i++) {
            const oasv_doc *in = i ? oasv_resolve_document_at(c->doc, i - 1) : c->doc;
            values_of v;
            if (i == 0 && e && e->main_prepared) {
                v = e->main_values; /* taken: freed by check_prepared */
                memset(&e->main_values, 0, sizeof e->main_values);
            } else {
                prepare_values(c, in, res, other_documents(c, in, res, ndocs), false, &v);
            }
            check_prepared(&r, &v);
        }
        oasv_free(res);
        oas_enter(c, c->doc);
    }
    oasv_map_free(&r.seen.exact);
    oasv_map_free(&r.seen.below);
}
