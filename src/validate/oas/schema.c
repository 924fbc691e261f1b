/*
 * schema.c - structural checks of Schema Objects: a schema is an object or a
 * boolean; JSON Schema 2020-12 keywords have values of the right type; the
 * OAS keywords (discriminator, xml, externalDocs) are well formed; OpenAPI 3.0
 * habits are explained in 3.1 terms. Unknown keywords are allowed (2020-12
 * treats them as annotations).
 *
 * The walk also notes, for engine.c, the outermost Schema Objects (checked
 * against the meta-schema of their dialect) and every `example`, `examples`
 * and `default` (checked against their schema). The dialect is
 * `jsonSchemaDialect`, then `$schema`: in plain 2020-12 the OAS keywords are
 * annotations; in an unknown dialect nothing is checked.
 */
#include "validate/oas/check.h"

#include <math.h>
#include <string.h>

#define E OASV_SEVERITY_ERROR
#define W OASV_SEVERITY_WARNING

typedef enum how {
    S_SUB,     /* a schema */
    S_MAP,     /* an object of schemas */
    S_LIST,    /* a non-empty array of schemas */
    S_STRING,  /* a string */
    S_BOOL,    /* a boolean */
    S_NUMBER,  /* a number */
    S_POSITIVE,/* a number > 0 */
    S_COUNT,   /* a non-negative integer */
    S_ARRAY,   /* any array */
    S_NAMES,   /* an array of unique strings */
    S_TYPE,    /* a type name or array of them */
    S_DEPREQ,  /* an object of string arrays */
    S_DEPS,    /* draft 7 `dependencies`: schemas or string arrays */
    S_OBJECT,  /* an object ($vocabulary) */
    S_BOUND,   /* exclusiveMinimum/Maximum: a number; true/false is 3.0 */
    S_NULLABLE,/* 3.0 `nullable` */
    S_DISCRIMINATOR, S_XML, S_EXTERNAL_DOCS
} how;

#define KW(name, how) { name, sizeof name - 1, how }
static const struct { const char *name; size_t len; how how; } keywords[] = {
    KW("$id", S_STRING), KW("$schema", S_STRING), KW("$ref", S_STRING), KW("$anchor", S_STRING), KW("$dynamicRef", S_STRING),
    KW("$dynamicAnchor", S_STRING), KW("$comment", S_STRING), KW("$vocabulary", S_OBJECT), KW("$defs", S_MAP),
    KW("definitions", S_MAP), KW("allOf", S_LIST), KW("anyOf", S_LIST), KW("oneOf", S_LIST), KW("prefixItems", S_LIST),
    KW("not", S_SUB), KW("if", S_SUB), KW("then", S_SUB), KW("else", S_SUB), KW("dependentSchemas", S_MAP),
    KW("items", S_SUB), KW("contains", S_SUB), KW("properties", S_MAP), KW("patternProperties", S_MAP),
    KW("additionalProperties", S_SUB), KW("propertyNames", S_SUB), KW("unevaluatedItems", S_SUB),
    KW("unevaluatedProperties", S_SUB), KW("contentSchema", S_SUB), KW("type", S_TYPE), KW("enum", S_ARRAY),
    KW("multipleOf", S_POSITIVE), KW("maximum", S_NUMBER), KW("exclusiveMaximum", S_BOUND), KW("minimum", S_NUMBER),
    KW("exclusiveMinimum", S_BOUND), KW("maxLength", S_COUNT), KW("minLength", S_COUNT), KW("pattern", S_STRING),
    KW("maxItems", S_COUNT), KW("minItems", S_COUNT), KW("uniqueItems", S_BOOL), KW("maxContains", S_COUNT),
    KW("minContains", S_COUNT), KW("maxProperties", S_COUNT), KW("minProperties", S_COUNT), KW("required", S_NAMES),
    KW("dependentRequired", S_DEPREQ), KW("dependencies", S_DEPS), KW("title", S_STRING), KW("description", S_STRING),
    KW("deprecated", S_BOOL), KW("readOnly", S_BOOL), KW("writeOnly", S_BOOL), KW("examples", S_ARRAY),
    KW("format", S_STRING), KW("contentEncoding", S_STRING), KW("contentMediaType", S_STRING),
    KW("discriminator", S_DISCRIMINATOR), KW("xml", S_XML), KW("externalDocs", S_EXTERNAL_DOCS), KW("nullable", S_NULLABLE),
};
#undef KW

static const char *const type_names[] = { "array", "boolean", "integer", "null", "number", "object", "string" };

static bool type_name(const char *s)
{
    for (size_t i = 0; i < sizeof type_names / sizeof *type_names; i++)
        if (strcmp(s, type_names[i]) == 0) return true;
    return false;
}

static void bad(oas_check *c, const cJSON *v, const char *what)
{
    REPORT(c, E, "schema-keyword-type", v, false, "`%s` must be %s, not %s", v->string, what, oas_json_type(v));
}

static void walk_sub(oas_check *c, const cJSON *v, uint32_t depth)
{
    oas_walk_schema(c, v, depth + 1);
}

static void check_type(oas_check *c, const cJSON *v)
{
    if (cJSON_IsString(v)) {
        if (!type_name(v->valuestring)) {
            const char *best = oas_suggest(v->valuestring, type_names, sizeof type_names / sizeof *type_names);
            if (best) REPORT(c, E, "schema-keyword-type", v, false, "`%s` is not a JSON Schema type: did you mean `%s`?", v->valuestring, best);
            else REPORT(c, E, "schema-keyword-type", v, false, "`%s` is not a JSON Schema type (array, boolean, integer, null, number, object, string)", v->valuestring);
        }
        return;
    }
    if (!cJSON_IsArray(v) || !v->child) { bad(c, v, "a type name or a non-empty array of type names"); return; }
    for (const cJSON *t = v->child; t; t = t->next) {
        if (!cJSON_IsString(t) || !type_name(t->valuestring)) {
            REPORT(c, E, "schema-keyword-type", t, false, "the items of `type` must be type names (array, boolean, integer, null, number, object, string)");
            continue;
        }
        for (const cJSON *u = v->child; u != t; u = u->next)
            if (cJSON_IsString(u) && strcmp(u->valuestring, t->valuestring) == 0)
                REPORT(c, E, "schema-keyword-type", t, false, "`type` lists `%s` twice", t->valuestring);
    }
}

static void check_nullable(oas_check *c, const cJSON *schema, const cJSON *v)
{
    const cJSON *type = oas_get(schema, "type");
    if (cJSON_IsTrue(v) && cJSON_IsString(type))
        REPORT(c, W, "oas30-nullable", v, true,
               "`nullable` is OpenAPI 3.0 and has no effect in 3.1: write `type: [\"%s\", \"null\"]` instead", type->valuestring);
    else
        REPORT(c, W, "oas30-nullable", v, true,
               "`nullable` is OpenAPI 3.0 and has no effect in 3.1: add \"null\" to `type` (e.g. `type: [\"string\", \"null\"]`) or use `oneOf` with `type: \"null\"`");
}

static void check_bound(oas_check *c, const cJSON *schema, const cJSON *v)
{
    if (cJSON_IsNumber(v)) return;
    if (cJSON_IsBool(v)) {
        const char *plain = strcmp(v->string, "exclusiveMinimum") == 0 ? "minimum" : "maximum";
        const cJSON *bound = oas_get(schema, plain);
        if (cJSON_IsTrue(v) && cJSON_IsNumber(bound))
            REPORT(c, E, "oas30-exclusive-bound", v, false,
                   "boolean `%s` is OpenAPI 3.0; in 3.1 it is the bound itself: write `%s: %g` and remove `%s`", v->string, v->string,
                   bound->valuedouble, plain);
        else
            REPORT(c, E, "oas30-exclusive-bound", v, false,
                   "boolean `%s` is OpenAPI 3.0; in 3.1 `%s` is a number (the exclusive bound)%s", v->string, v->string,
                   cJSON_IsFalse(v) ? ": remove it" : "");
        return;
    }
    bad(c, v, "a number");
}

static void check_keyword(oas_check *c, const cJSON *schema, const cJSON *v, how h, uint32_t depth)
{
    switch (h) {
    case S_SUB: walk_sub(c, v, depth); break;
    case S_MAP:
        if (!cJSON_IsObject(v)) { bad(c, v, "an object whose values are schemas"); break; }
        for (const cJSON *m = v->child; m; m = m->next) walk_sub(c, m, depth);
        break;
    case S_LIST:
        if (!cJSON_IsArray(v) || !v->child) { bad(c, v, "a non-empty array of schemas"); break; }
        for (const cJSON *m = v->child; m; m = m->next) walk_sub(c, m, depth);
        break;
    case S_STRING: if (!cJSON_IsString(v)) bad(c, v, "a string"); break;
    case S_BOOL: if (!cJSON_IsBool(v)) bad(c, v, "true or false"); break;
    case S_NUMBER: if (!cJSON_IsNumber(v)) bad(c, v, "a number"); break;
    case S_POSITIVE: if (!cJSON_IsNumber(v) || !(v->valuedouble > 0)) bad(c, v, "a number greater than 0"); break;
    case S_COUNT:
        if (!cJSON_IsNumber(v) || v->valuedouble < 0 || floor(v->valuedouble) != v->valuedouble) bad(c, v, "a non-negative integer");
        break;
    case S_ARRAY: if (!cJSON_IsArray(v)) bad(c, v, "an array"); break;
    case S_NAMES:
        if (cJSON_IsBool(v)) {
            REPORT(c, E, "schema-keyword-type", v, false,
                   "`required` of a Schema Object lists property names (`required: [id, name]` on the object schema); `required: %s` on a property is OpenAPI 2.0/3.0 parameter style",
                   cJSON_IsTrue(v) ? "true" : "false");
            break;
        }
        if (!cJSON_IsArray(v)) { bad(c, v, "an array of property names"); break; }
        for (const cJSON *m = v->child; m; m = m->next) {
            if (!cJSON_IsString(m)) { REPORT(c, E, "schema-keyword-type", m, false, "the items of `required` must be strings, not %s", oas_json_type(m)); continue; }
            for (const cJSON *u = v->child; u != m; u = u->next)
                if (cJSON_IsString(u) && strcmp(u->valuestring, m->valuestring) == 0)
                    REPORT(c, E, "schema-keyword-type", m, false, "`required` lists `%s` twice", m->valuestring);
        }
        break;
    case S_TYPE: check_type(c, v); break;
    case S_DEPREQ:
        if (!cJSON_IsObject(v)) { bad(c, v, "an object whose values are arrays of property names"); break; }
        for (const cJSON *m = v->child; m; m = m->next) {
            bool ok = cJSON_IsArray(m);
            for (const cJSON *s = ok ? m->child : NULL; s; s = s->next) ok = ok && cJSON_IsString(s);
            if (!ok) REPORT(c, E, "schema-keyword-type", m, false, "the values of `dependentRequired` must be arrays of property names");
        }
        break;
    case S_DEPS:
        if (!cJSON_IsObject(v)) { bad(c, v, "an object"); break; }
        for (const cJSON *m = v->child; m; m = m->next)
            if (!cJSON_IsArray(m)) walk_sub(c, m, depth);
        break;
    case S_OBJECT: if (!cJSON_IsObject(v)) bad(c, v, "an object"); break;
    case S_BOUND: check_bound(c, schema, v); break;
    case S_NULLABLE: check_nullable(c, schema, v); break;
    case S_DISCRIMINATOR:
        if (c->dialect != DIALECT_OAS) break; /* in plain 2020-12 an annotation like any other */
        oas_walk_kind(c, v, K_DISCRIMINATOR);
        if (cJSON_IsObject(v)) oas_vec_push(c, &c->discriminators, schema);
        break;
    case S_XML: if (c->dialect == DIALECT_OAS) oas_walk_kind(c, v, K_XML); break;
    case S_EXTERNAL_DOCS: if (c->dialect == DIALECT_OAS) oas_walk_kind(c, v, K_EXTERNAL_DOCS); break;
    }
}

void oas_walk_schema(oas_check *c, const cJSON *schema, uint32_t depth)
{
    if (cJSON_IsBool(schema)) return; /* true and false are Schema Objects too */
    if (!cJSON_IsObject(schema)) {
        REPORT(c, E, "invalid-type", schema, false, "a Schema Object must be an object or a boolean, not %s", oas_json_type(schema));
        return;
    }
    if (depth > OASV_MAX_DEPTH_CEILING) return;
    if (oas_marked(c, schema, MARK_VISITED)) return;
    oas_mark(c, schema, MARK_VISITED);
    const cJSON *ref = oas_get(schema, "$ref");
    oas_dialect saved = c->dialect;
    const cJSON *dialect = oas_get(schema, "$schema");
    if (cJSON_IsString(dialect)) {
        c->dialect = oas_dialect_of(dialect->valuestring);
        if (c->dialect == DIALECT_UNKNOWN) {
            REPORT(c, OASV_SEVERITY_INFO, "schema-dialect-unknown", dialect, false,
                   "oasview does not know the JSON Schema dialect \"%s\", so this Schema Object is not checked (known: the OAS 3.1 dialect and JSON Schema 2020-12)",
                   dialect->valuestring);
            oas_vec_push(c, &c->foreign, schema);
        }
    }
    if (c->dialect == DIALECT_UNKNOWN) {
        if (cJSON_IsString(ref)) oas_check_ref(c, schema, OASV_RESOLVE_SCHEMA, K_SCHEMA);
        c->dialect = saved;
        return;
    }
    if (depth == 0) oas_vec_push(c, &c->roots, schema);
    for (const cJSON *m = schema->child; m; m = m->next) {
        const char *name = m->string;
        size_t len = strlen(name);
#define NAME_IS(lit) (len == sizeof lit - 1 && memcmp(name, lit, sizeof lit - 1) == 0) /* no call: a hot loop */
        if (name[0] == '$' && c->in == c->doc && (NAME_IS("$id") || NAME_IS("$anchor") || NAME_IS("$dynamicAnchor")))
            c->schema_ids = true;
        if (NAME_IS("example")) oas_push_value(c, m, schema, VALUE_EXAMPLE, NULL);
        else if (NAME_IS("default")) oas_push_value(c, m, schema, VALUE_DEFAULT, NULL);
        else if (NAME_IS("examples") && cJSON_IsArray(m))
            for (const cJSON *x = m->child; x; x = x->next) oas_push_value(c, x, schema, VALUE_EXAMPLES_ITEM, NULL);
#undef NAME_IS
        for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++) {
            /* length and first byte first: most members fail there, without a call (a hot loop on large documents) */
            if (keywords[i].len != len || name[0] != keywords[i].name[0] || memcmp(name, keywords[i].name, len) != 0)
                continue;
            check_keyword(c, schema, m, keywords[i].how, depth);
            break;
        }
    }
    if (cJSON_IsString(ref)) oas_check_ref(c, schema, OASV_RESOLVE_SCHEMA, K_SCHEMA);
    c->dialect = saved;
}
