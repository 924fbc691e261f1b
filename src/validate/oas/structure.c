/*
 * structure.c - the walk over an OpenAPI 3.1 document: every object checked
 * against its table (model.c), the rules a table cannot say (exactly one of
 * `schema`/`content`, exclusive fields, fields that depend on `in` or `type`),
 * every `$ref` resolved, and the facts the semantic rules need collected.
 */
#include "validate/oas/check.h"

#include "util/distance.h"
#include "util/mem.h"

#include <ctype.h>
#include <string.h>

#define E OASV_SEVERITY_ERROR
#define W OASV_SEVERITY_WARNING

/* Stop repeating one pathological finding (a 10,000-long chain) after this many. */
#define MAX_CHAIN_REPORTS 100

static bool is_ext(const char *k) { return strncmp(k, "x-", 2) == 0; }

static const cJSON *get(const cJSON *object, const char *key)
{
    return oas_get(object, key);
}

bool oas_vec_push_in(oas_check *c, oas_vec *v, const cJSON *node, const oasv_doc *in)
{
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        const cJSON **items = oasv_realloc((void *)v->items, cap * sizeof *items);
        if (items) v->items = items;
        const oasv_doc **docs = items ? oasv_realloc((void *)v->docs, cap * sizeof *docs) : NULL;
        if (!docs) { c->doc->oom = true; return false; }
        v->docs = docs;
        v->cap = cap;
    }
    v->items[v->count] = node;
    v->docs[v->count++] = in;
    return true;
}

bool oas_vec_push(oas_check *c, oas_vec *v, const cJSON *node) { return oas_vec_push_in(c, v, node, c->in); }

const char *oas_json_type(const cJSON *node)
{
    if (cJSON_IsString(node)) return "a string";
    if (cJSON_IsNumber(node)) return "a number";
    if (cJSON_IsBool(node)) return "a boolean";
    if (cJSON_IsNull(node)) return "null";
    if (cJSON_IsArray(node)) return "an array";
    return "an object";
}

const char *oas_suggest(const char *name, const char *const *candidates, size_t count)
{
    const char *best = NULL;
    size_t best_d = strlen(name) <= 3 ? 2 : 3;
    for (size_t i = 0; i < count; i++) {
        size_t d = oasv_edit_distance(name, candidates[i], true);
        if (d < best_d) { best_d = d; best = candidates[i]; }
    }
    return best;
}

static void unknown_field(oas_check *c, oas_kind kind, const cJSON *member, const char *hint)
{
    const oas_object *o = oas_object_of(kind);
    const char *names[32];
    size_t n = 0;
    for (size_t i = 0; i < o->count && n < 32; i++) names[n++] = o->fields[i].name;
    const char *best = oas_suggest(member->string, names, n);
    if (best)
        REPORT(c, E, "unknown-field", member, true, "unknown field `%s`: did you mean `%s`?", member->string, best);
    else
        REPORT(c, E, "unknown-field", member, true, "unknown field `%s`: the %s has no such field%s", member->string, o->name,
               hint ? hint : " (extensions start with `x-`)");
}

static const char *kind_plural(oas_kind kind)
{
    switch (kind) {
    case K_SERVER: return "Server Objects";
    case K_TAG: return "Tag Objects";
    case K_PARAMETER: return "Parameter Objects";
    case K_SECURITY_REQUIREMENT: return "Security Requirement Objects";
    default: return "objects";
    }
}

/* MARK: - References */

/* A reference target in the document `in`, to walk as `kind` after the main walk. */
static void queue_target(oas_check *c, const cJSON *target, oas_kind kind, const oasv_doc *in)
{
    if (in == c->in && oas_marked(c, target, MARK_VISITED)) return;
    if (oas_vec_push_in(c, &c->queue, target, in)) oas_vec_push_in(c, &c->queue, (const cJSON *)(uintptr_t)kind, in);
}

/* Remember that `target`, a node of the main document, is used, and so is the component it lies in. */
static void mark_referenced(oas_check *c, const cJSON *target)
{
    const oasv_doc *was = oas_enter(c, c->doc); /* a reference from another document counts too */
    for (const cJSON *n = target; n; n = oasv_tree_info(&c->doc->tree, n)->parent) {
        oas_mark(c, n, MARK_REFERENCED);
        const cJSON *p = oasv_tree_info(&c->doc->tree, n)->parent;
        const cJSON *pp = p ? oasv_tree_info(&c->doc->tree, p)->parent : NULL;
        if (pp && pp == c->doc->tree.root && p->string && strcmp(p->string, "components") == 0) break;
        if (p && oas_marked(c, p, MARK_REFERENCED)) break;
    }
    oas_enter(c, was);
}

/*
 * Say what is wrong with the `$ref` member `own` of the document `in`, at it: once per broken link, where it
 * is written (a chain through it reports there; one that breaks in another document names the place there).
 */
static void say_broken(oas_check *c, const oasv_doc *in, const cJSON *own, oasv_ref_status s, const oasv_ref *r)
{
#define SAY(sev, code, ...) oasv_diag_node_in(c->doc, in, (sev), (code), own, false, __VA_ARGS__)
    const char *ref = own->valuestring;
    /* A chain that breaks in another document names it, and where there ("`common.yaml` (line 3, column 8)"). */
    oasv_buf at = { 0 };
    bool elsewhere = oasv_ref_failed_elsewhere(r, in, &at);
    const char *where = at.data ? at.data : "another document";
    switch (s) {
    case OASV_REF_NOT_FOUND:
        if (elsewhere)
            SAY(E, "ref-not-found", "`$ref` \"%s\" leads to a `$ref` in %s that points at nothing", ref, where);
        else if (r->uri)
            SAY(E, "ref-not-found", "`$ref` \"%s\" points at nothing: `%s` has no such place", ref, r->uri);
        else
            SAY(E, "ref-not-found", "`$ref` \"%s\" points at nothing: no such place in the document", ref);
        break;
    case OASV_REF_INVALID:
        if (elsewhere)
            SAY(E, "ref-invalid", "`$ref` \"%s\" leads to a `$ref` in %s that is not a valid reference", ref, where);
        else
            SAY(E, "ref-invalid",
                "`$ref` \"%s\" is not a valid reference: after `#` comes a JSON pointer (\"#/components/...\", with %%XX escapes) or an anchor name", ref);
        break;
    case OASV_REF_EXTERNAL:
        SAY(W, "ref-external", "`$ref` \"%s\" %s%s%s into another document, `%s`, which was not loaded (%s)", ref,
            elsewhere ? "leads to a `$ref` in " : "points", elsewhere ? where : "", elsewhere ? " that points" : "", r->uri ? r->uri : "?",
            c->doc->resolver ? "the resolver did not provide it" : "no resolver was given");
        break;
    case OASV_REF_EXTERNAL_BAD:
        SAY(E, "ref-external-unreadable", "`$ref` \"%s\" %s%s%s into `%s`, which could not be read: %s", ref,
            elsewhere ? "leads to a `$ref` in " : "points", elsewhere ? where : "", elsewhere ? " that points" : "", r->uri ? r->uri : "?",
            r->reason ? r->reason : "out of memory");
        break;
    case OASV_REF_CYCLE:
        SAY(E, "ref-cycle", "`$ref` \"%s\" starts a cycle: following the references comes back here, so it stands for nothing", ref);
        break;
    case OASV_REF_TOO_LONG:
        if (c->chain_reports++ < MAX_CHAIN_REPORTS)
            SAY(E, "ref-chain-too-long", "`$ref` \"%s\" starts a chain of more than %u references (limits.max_ref_hops)", ref,
                c->doc->limits.max_ref_hops);
        break;
    default: break;
    }
    if (at.oom) c->doc->oom = true;
    oasv_buf_free(&at);
#undef SAY
}

/* A `$ref` written in another document that breaks right there: said there (the walk leaves those to this). */
static void report_external(void *ctx, const oasv_doc *in, const cJSON *node, const oasv_ref *r)
{
    oas_check *c = ctx;
    const cJSON *own = get(node, "$ref");
    if (cJSON_IsString(own)) say_broken(c, in, own, r->status, r);
}

static const cJSON *check_ref_here(oas_check *c, const cJSON *node, unsigned flags, oas_kind kind)
{
    const cJSON *own = get(node, "$ref");
    if (!cJSON_IsString(own)) {
        REPORT(c, E, "invalid-type", own, false, "`$ref` must be a string (a URI reference such as \"#/components/schemas/Pet\"), not %s",
               oas_json_type(own));
        return NULL;
    }
    oasv_ref r;
    oasv_ref_status s = oasv_resolve_ref(c->doc, c->in, node, flags, &r);
    if (s == OASV_REF_OK) {
        if (r.target_doc == c->doc) mark_referenced(c, r.target);
        /* A target in another document is validated as if it were written here, and reported there. */
        if (kind != K_NONE) queue_target(c, r.target, kind, r.target_doc);
        return r.target_doc == c->doc ? r.target : NULL;
    }
    /* The broken references written in other documents are said by report_external(), each once. */
    if (c->in != c->doc) return NULL;
    /* Each broken link is reported once, where it is written (a chain through it reports there). */
    bool here = r.failed == own || r.failed_doc != c->doc || !r.failed || s == OASV_REF_TOO_LONG;
    if (here) say_broken(c, c->doc, own, s, &r);
    return NULL;
}

const cJSON *oas_check_ref(oas_check *c, const cJSON *node, unsigned flags, oas_kind kind)
{
    const cJSON *ref = check_ref_here(c, node, flags, kind);
    /* Documents this reference loaded have references of their own: check them (once each). */
    if (c->doc->resolver) oasv_resolve_check_external(c->doc, report_external, c);
    return ref;
}

static void check_reference_object(oas_check *c, const cJSON *node, oas_kind kind)
{
    for (const cJSON *m = node->child; m; m = m->next) {
        if (strcmp(m->string, "$ref") == 0) continue;
        if (strcmp(m->string, "summary") == 0 || strcmp(m->string, "description") == 0) {
            if (!cJSON_IsString(m))
                REPORT(c, E, "invalid-type", m, false, "`%s` must be a string, not %s", m->string, oas_json_type(m));
            continue;
        }
        if (is_ext(m->string)) continue;
        REPORT(c, W, "ref-sibling-ignored", m, true,
               "`%s` next to `$ref` is ignored: a Reference Object has only `$ref`, `summary` and `description`", m->string);
    }
    oas_check_ref(c, node, 0, kind);
}

/* MARK: - Fields */

static void walk_value(oas_check *c, const cJSON *node, oas_kind kind, bool ref_ok)
{
    if (kind == K_SCHEMA) { oas_walk_schema(c, node, 0); return; }
    if (ref_ok && get(node, "$ref")) { check_reference_object(c, node, kind); return; }
    if (kind != K_NONE) oas_walk_kind(c, node, kind);
}

static void walk_field(oas_check *c, const oas_field *f, const cJSON *v)
{
    const char *kname = oas_object_of((oas_kind)f->kind)->name;
    bool ref = f->flags & FIELD_REF;
    switch ((oas_shape)f->shape) {
    case F_STRING:
        if (!cJSON_IsString(v)) REPORT(c, E, "invalid-type", v, false, "`%s` must be a string, not %s", f->name, oas_json_type(v));
        break;
    case F_BOOL:
        if (!cJSON_IsBool(v)) REPORT(c, E, "invalid-type", v, false, "`%s` must be true or false, not %s", f->name, oas_json_type(v));
        break;
    case F_ANY: break;
    case F_OBJECT:
        if (f->kind == K_NONE || f->kind == K_SCHEMA || !cJSON_IsObject(v)) {
            if (f->kind != K_SCHEMA && !cJSON_IsObject(v)) {
                REPORT(c, E, "invalid-type", v, false, "`%s` must be an object%s%s, not %s", f->name, f->kind ? " (a " : "",
                       f->kind ? kname : "", oas_json_type(v));
                break;
            }
        }
        walk_value(c, v, (oas_kind)f->kind, ref);
        break;
    case F_MAP:
        if (!cJSON_IsObject(v)) {
            REPORT(c, E, "invalid-type", v, false, "`%s` must be an object whose values are %s%ss, not %s", f->name,
                   f->kind == K_SCHEMA ? "" : "", kname, oas_json_type(v));
            break;
        }
        if ((f->flags & FIELD_NONEMPTY) && !v->child) REPORT(c, E, "invalid-value", v, false, "`%s` must not be empty", f->name);
        for (const cJSON *m = v->child; m; m = m->next) walk_value(c, m, (oas_kind)f->kind, ref);
        break;
    case F_ARRAY:
        if (!cJSON_IsArray(v)) {
            REPORT(c, E, "invalid-type", v, false, "`%s` must be an array of %s, not %s", f->name, kind_plural((oas_kind)f->kind), oas_json_type(v));
            break;
        }
        for (const cJSON *m = v->child; m; m = m->next) walk_value(c, m, (oas_kind)f->kind, ref);
        break;
    case F_STRINGS:
        if (!cJSON_IsArray(v)) {
            REPORT(c, E, "invalid-type", v, false, "`%s` must be an array of strings, not %s", f->name, oas_json_type(v));
            break;
        }
        if ((f->flags & FIELD_NONEMPTY) && !v->child) REPORT(c, E, "invalid-value", v, false, "`%s` must not be empty", f->name);
        for (const cJSON *m = v->child; m; m = m->next)
            if (!cJSON_IsString(m)) REPORT(c, E, "invalid-type", m, false, "the items of `%s` must be strings, not %s", f->name, oas_json_type(m));
        break;
    case F_STRMAP:
        if (!cJSON_IsObject(v)) {
            REPORT(c, E, "invalid-type", v, false, "`%s` must be an object whose values are strings, not %s", f->name, oas_json_type(v));
            break;
        }
        for (const cJSON *m = v->child; m; m = m->next)
            if (!cJSON_IsString(m)) REPORT(c, E, "invalid-type", m, false, "the values of `%s` must be strings, not %s", f->name, oas_json_type(m));
        break;
    }
}

/* MARK: - Patterned fields */

static bool response_code(const char *k)
{
    return strlen(k) == 3 && k[0] >= '1' && k[0] <= '5' &&
           ((isdigit((unsigned char)k[1]) && isdigit((unsigned char)k[2])) || (k[1] == 'X' && k[2] == 'X'));
}

/* Keys that are not fixed fields. True when handled. */
static bool patterned(oas_check *c, oas_kind kind, const cJSON *m)
{
    const char *k = m->string;
    switch (kind) {
    case K_PATHS:
        if (is_ext(k)) return true;
        if (k[0] != '/') {
            REPORT(c, E, "path-key", m, true, "the path `%s` must start with `/`", k);
            return true;
        }
        oas_vec_push(c, &c->path_items, m);
        walk_value(c, m, K_PATH_ITEM, false);
        return true;
    case K_CALLBACK:
        if (is_ext(k)) return true;
        walk_value(c, m, K_PATH_ITEM, false);
        return true;
    case K_RESPONSES:
        if (is_ext(k) || strcmp(k, "default") == 0) return false;
        if (response_code(k)) {
            walk_value(c, m, K_RESPONSE, true);
        } else if (strlen(k) == 3 && k[0] >= '1' && k[0] <= '5' && (k[1] == 'x' || k[1] == 'X') && (k[2] == 'x' || k[2] == 'X')) {
            REPORT(c, E, "response-code", m, true, "response code `%s` must be written `%cXX` (upper case)", k, k[0]);
        } else {
            REPORT(c, E, "response-code", m, true,
                   "`%s` is not a response code: use an HTTP status code (100-599), a range such as `2XX`, or `default`", k);
        }
        return true;
    case K_SECURITY_REQUIREMENT:
        if (!cJSON_IsArray(m)) {
            REPORT(c, E, "invalid-type", m, false, "the value of `%s` must be an array of scope names (or [] when none), not %s", k,
                   oas_json_type(m));
            return true;
        }
        for (const cJSON *s = m->child; s; s = s->next)
            if (!cJSON_IsString(s)) REPORT(c, E, "invalid-type", s, false, "scope names must be strings, not %s", oas_json_type(s));
        return true;
    default: return false;
    }
}

/* MARK: - Rules a table cannot say */

static void exclusive(oas_check *c, const cJSON *node, const char *a, const char *b, const char *what, const char *advice)
{
    if (get(node, a) && get(node, b))
        REPORT(c, E, "mutually-exclusive", node, true, "`%s` and `%s` are mutually exclusive in %s: %s", a, b, what, advice);
}

static bool one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0) return true;
    return false;
}

static void not_allowed(oas_check *c, const cJSON *node, const char *field, const char *why)
{
    const cJSON *f = get(node, field);
    if (f) REPORT(c, E, "invalid-value", f, true, "`%s` %s", field, why);
}

static void schema_or_content(oas_check *c, const cJSON *node, const char *what)
{
    const cJSON *schema = get(node, "schema"), *content = get(node, "content");
    if (!schema && !content)
        REPORT(c, E, "missing-field", node, true, "%s needs `schema` or `content`", what);
    else if (schema && content)
        REPORT(c, E, "mutually-exclusive", node, true, "`schema` and `content` are mutually exclusive in %s: keep one", what);
    if (cJSON_IsObject(content) && cJSON_GetArraySize(content) != 1)
        REPORT(c, E, "invalid-value", content, false, "`content` of %s must have exactly one media type, not %d", what, cJSON_GetArraySize(content));
    if (!schema) {
        static const char *const with_schema[] = { "style", "explode", "allowReserved", "example", "examples" };
        for (size_t i = 0; i < sizeof with_schema / sizeof *with_schema; i++)
            if (get(node, with_schema[i]))
                REPORT(c, E, "invalid-value", get(node, with_schema[i]), true,
                       "`%s` applies only with `schema`; with `content`, put it in the Media Type Object", with_schema[i]);
    }
    exclusive(c, node, "example", "examples", what, "give one `example` or a map of `examples`");
}

static void check_parameter(oas_check *c, const cJSON *node)
{
    static const char *const ins[] = { "query", "header", "path", "cookie", NULL };
    const cJSON *in = get(node, "in");
    const char *where = cJSON_IsString(in) ? in->valuestring : NULL;
    if (where && !one_of(where, ins)) {
        REPORT(c, E, "invalid-value", in, false, "`in` must be \"query\", \"header\", \"path\" or \"cookie\", not \"%s\"%s", where,
               strcmp(where, "body") == 0 || strcmp(where, "formData") == 0 ? " (OpenAPI 2.0 `body`/`formData` parameters are a `requestBody` in 3.x)" : "");
        where = NULL;
    }
    schema_or_content(c, node, "a Parameter Object");
    if (where && strcmp(where, "query") != 0) not_allowed(c, node, "allowEmptyValue", "applies only to query parameters");
    if (!where || !get(node, "schema")) return;
    if (strcmp(where, "query") != 0) not_allowed(c, node, "allowReserved", "applies only to query parameters");
    const cJSON *style = get(node, "style");
    static const char *const path_styles[] = { "matrix", "label", "simple", NULL };
    static const char *const query_styles[] = { "form", "spaceDelimited", "pipeDelimited", "deepObject", NULL };
    static const char *const header_styles[] = { "simple", NULL };
    static const char *const cookie_styles[] = { "form", NULL };
    const char *const *styles = strcmp(where, "path") == 0 ? path_styles : strcmp(where, "query") == 0 ? query_styles
                              : strcmp(where, "header") == 0 ? header_styles : cookie_styles;
    if (cJSON_IsString(style) && !one_of(style->valuestring, styles)) {
        char list[128] = "";
        for (const char *const *s = styles; *s; s++) {
            strcat(list, s == styles ? "" : ", ");
            strcat(list, *s);
        }
        REPORT(c, E, "invalid-value", style, false, "style `%s` is not allowed for %s parameters (allowed: %s)", style->valuestring, where, list);
    }
    if (strcmp(where, "path") == 0) {
        const cJSON *required = get(node, "required");
        if (!cJSON_IsTrue(required))
            REPORT(c, E, "path-param-required", required ? required : node, required == NULL,
                   "a path parameter must have `required: true` (a path has no optional segments)");
        const cJSON *name = get(node, "name");
        if (cJSON_IsString(name) && strpbrk(name->valuestring, "{}"))
            REPORT(c, E, "invalid-value", name, false, "the name of a path parameter is the template variable without braces: `%s`", name->valuestring);
    }
}

static bool same_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return false;
    return *a == *b;
}

static void check_security_scheme(oas_check *c, const cJSON *node)
{
    static const char *const types[] = { "apiKey", "http", "mutualTLS", "oauth2", "openIdConnect", NULL };
    const cJSON *type = get(node, "type");
    if (!cJSON_IsString(type)) return;
    const char *t = type->valuestring;
    if (!one_of(t, types)) {
        REPORT(c, E, "invalid-value", type, false, "`type` must be apiKey, http, mutualTLS, oauth2 or openIdConnect, not \"%s\"%s", t,
               strcmp(t, "basic") == 0 ? " (OpenAPI 2.0 `basic` is `type: http` with `scheme: basic`)" : "");
        return;
    }
    struct { const char *field, *type; } owners[] = {
        { "name", "apiKey" }, { "in", "apiKey" }, { "scheme", "http" }, { "bearerFormat", "http" },
        { "flows", "oauth2" }, { "openIdConnectUrl", "openIdConnect" },
    };
    for (size_t i = 0; i < sizeof owners / sizeof *owners; i++) {
        const cJSON *f = get(node, owners[i].field);
        bool mine = strcmp(owners[i].type, t) == 0;
        if (mine && !f && strcmp(owners[i].field, "bearerFormat") != 0)
            REPORT(c, E, "missing-field", node, true, "a `%s` security scheme needs `%s`", t, owners[i].field);
        if (!mine && f)
            REPORT(c, E, "invalid-value", f, true, "`%s` applies only to `%s` security schemes, not `%s`", owners[i].field, owners[i].type, t);
    }
    static const char *const ins[] = { "query", "header", "cookie", NULL };
    const cJSON *in = get(node, "in");
    if (strcmp(t, "apiKey") == 0 && cJSON_IsString(in) && !one_of(in->valuestring, ins))
        REPORT(c, E, "invalid-value", in, false, "`in` of an apiKey security scheme must be query, header or cookie, not \"%s\"", in->valuestring);
    const cJSON *scheme = get(node, "scheme"), *bearer = get(node, "bearerFormat");
    if (strcmp(t, "http") == 0 && bearer && cJSON_IsString(scheme) && !same_ci(scheme->valuestring, "bearer"))
        REPORT(c, E, "invalid-value", bearer, true, "`bearerFormat` applies only to `scheme: bearer`, not `%s`", scheme->valuestring);
}

static bool component_name_ok(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '.' || *s == '_' || *s == '-')) return false;
    return true;
}

static void check_kind(oas_check *c, const cJSON *node, oas_kind kind)
{
    switch (kind) {
    case K_OPENAPI: {
        if (!get(node, "paths") && !get(node, "components") && !get(node, "webhooks"))
            REPORT(c, E, "missing-field", node, false, "an OpenAPI document needs at least one of `paths`, `components` or `webhooks`");
        const cJSON *xw = get(node, "x-webhooks");
        if (xw)
            REPORT(c, W, "oas30-x-webhooks", xw, true,
                   "`x-webhooks` is the OpenAPI 3.0 extension (Redoc); in 3.1 webhooks are a top-level `webhooks` map of Path Items");
        break;
    }
    case K_LICENSE:
        exclusive(c, node, "identifier", "url", "the License Object",
                  "give the SPDX `identifier` (such as \"Apache-2.0\") or the license `url`, not both");
        break;
    case K_PARAMETER: check_parameter(c, node); oas_collect_examples(c, node, kind); break;
    case K_HEADER: {
        schema_or_content(c, node, "a Header Object");
        const cJSON *style = get(node, "style");
        if (get(node, "schema") && cJSON_IsString(style) && strcmp(style->valuestring, "simple") != 0)
            REPORT(c, E, "invalid-value", style, false, "the style of a header must be `simple`, not `%s`", style->valuestring);
        oas_collect_examples(c, node, kind);
        break;
    }
    case K_MEDIA_TYPE:
        exclusive(c, node, "example", "examples", "a Media Type Object", "give one `example` or a map of `examples`");
        oas_collect_examples(c, node, kind);
        break;
    case K_ENCODING: {
        static const char *const styles[] = { "form", "spaceDelimited", "pipeDelimited", "deepObject", NULL };
        const cJSON *style = get(node, "style");
        if (cJSON_IsString(style) && !one_of(style->valuestring, styles))
            REPORT(c, E, "invalid-value", style, false, "the style of an encoding must be form, spaceDelimited, pipeDelimited or deepObject, not `%s`",
                   style->valuestring);
        break;
    }
    case K_EXAMPLE:
        exclusive(c, node, "value", "externalValue", "an Example Object", "give the `value` inline or its `externalValue` URL, not both");
        break;
    case K_LINK:
        if (!get(node, "operationRef") && !get(node, "operationId"))
            REPORT(c, E, "missing-field", node, true, "a Link Object needs `operationRef` or `operationId`");
        exclusive(c, node, "operationRef", "operationId", "a Link Object", "keep one");
        break;
    case K_RESPONSES: {
        bool any = false;
        for (const cJSON *m = node->child; m; m = m->next) any = any || strcmp(m->string, "default") == 0 || response_code(m->string);
        if (!any) REPORT(c, E, "responses-empty", node, true, "`responses` must have at least one response code");
        break;
    }
    case K_SECURITY_SCHEME: check_security_scheme(c, node); break;
    case K_COMPONENTS:
        for (const cJSON *map = node->child; map; map = map->next) {
            if (is_ext(map->string) || !cJSON_IsObject(map)) continue;
            for (const cJSON *m = map->child; m; m = m->next)
                if (!component_name_ok(m->string))
                    REPORT(c, E, "component-name", m, true, "the component name `%s` may use only letters, digits, `.`, `_` and `-`", m->string);
        }
        break;
    default: break;
    }
}

/* MARK: - The walk */

void oas_walk_kind(oas_check *c, const cJSON *node, oas_kind kind)
{
    if (kind == K_SCHEMA) { oas_walk_schema(c, node, 0); return; }
    if (!cJSON_IsObject(node)) {
        REPORT(c, E, "invalid-type", node, false, "%s%s must be an object (a %s), not %s", node->string ? "`" : "this value",
               node->string ? node->string : "", oas_object_of(kind)->name, oas_json_type(node));
        return;
    }
    if (oas_marked(c, node, MARK_VISITED)) return;
    oas_mark(c, node, MARK_VISITED);
    const cJSON *saved_path_item = c->current_path_item;
    if (kind == K_PATH_ITEM) {
        c->current_path_item = node;
        if (get(node, "$ref")) oas_check_ref(c, node, 0, K_PATH_ITEM);
    }
    if (kind == K_OPERATION && c->nops < SIZE_MAX / 2) {
        if (c->nops == c->cap_ops) {
            size_t cap = c->cap_ops ? c->cap_ops * 2 : 32;
            oas_operation *ops = oasv_realloc(c->ops, cap * sizeof *ops);
            if (!ops) { c->doc->oom = true; return; }
            c->ops = ops;
            c->cap_ops = cap;
        }
        c->ops[c->nops++] = (oas_operation){ node, c->current_path_item, node->string ? node->string : "", c->in };
        const cJSON *tags = get(node, "tags");
        if (cJSON_IsArray(tags)) oas_vec_push(c, &c->op_tags, tags);
    }
    if (kind == K_SERVER) oas_vec_push(c, &c->servers, node);
    if (kind == K_SECURITY_REQUIREMENT) oas_vec_push(c, &c->security, node);

    for (const cJSON *m = node->child; m; m = m->next) {
        if (patterned(c, kind, m)) continue;
        const oas_field *f = oas_field_of(kind, m->string);
        if (f) { walk_field(c, f, m); continue; }
        if (is_ext(m->string)) continue;
        unknown_field(c, kind, m, kind == K_OPENAPI ? " (OpenAPI 3.1 documents have openapi, info, jsonSchemaDialect, servers, paths, webhooks, components, security, tags and externalDocs)" : NULL);
    }
    const oas_object *o = oas_object_of(kind);
    for (size_t i = 0; i < o->count; i++) {
        if (!(o->fields[i].flags & FIELD_REQUIRED) || get(node, o->fields[i].name)) continue;
        if (kind == K_OPENAPI && strcmp(o->fields[i].name, "openapi") == 0) continue; /* the loader reports it */
        REPORT(c, E, "missing-field", node, true, "the %s is missing the required field `%s`", o->name, o->fields[i].name);
    }
    check_kind(c, node, kind);
    c->current_path_item = saved_path_item;
}

void oas_walk(oas_check *c)
{
    oas_walk_kind(c, c->doc->tree.root, K_OPENAPI);
    /* Reference targets outside the places walked above (e.g. under an x- key), and in other documents:
     * each node at most once per document, so references that cycle through documents end. */
    for (size_t i = 0; i + 1 < c->queue.count && !c->doc->oom; i += 2) {
        const cJSON *target = c->queue.items[i];
        oas_kind kind = (oas_kind)(uintptr_t)c->queue.items[i + 1];
        oas_enter(c, c->queue.docs[i]);
        if (c->doc->oom) break;
        c->current_path_item = NULL;
        if (kind == K_SCHEMA) {
            if (!oas_marked(c, target, MARK_VISITED)) oas_walk_schema(c, target, 0);
        } else {
            oas_walk_kind(c, target, kind);
        }
    }
    oas_enter(c, c->doc); /* the rules report where their facts are, each naming its document */
}
