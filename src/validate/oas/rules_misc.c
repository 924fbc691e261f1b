/*
 * rules_misc.c - semantic rules over the facts the walk collected:
 * operationId uniqueness (paths, webhooks and callbacks together), tags,
 * security requirements, server variables, discriminators, unused components.
 */
#include "validate/oas/check.h"
#include "util/format.h"

#include <string.h>

#define E OASV_SEVERITY_ERROR
#define W OASV_SEVERITY_WARNING
#define I OASV_SEVERITY_INFO
#define H OASV_SEVERITY_HINT

static const cJSON *get(const cJSON *o, const char *k) { return oas_get(o, k); }

/* The line of a node of the document `in` (whose line index is filled on first use). */
static uint32_t line_of(const oasv_doc *in, const cJSON *node)
{
    uint32_t line = 0, col = 0;
    oasv_lines_locate((oasv_lines *)&in->lines, oasv_tree_info(&in->tree, node)->start, &line, &col);
    return line;
}

/* MARK: - Operations and tags */

/* Whether `url` has `{name}`: a loop over its braces, not strstr(), whose code the viewer's wasm would carry for this alone. */
static bool uses_variable(const char *url, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = url; (p = strchr(p, '{')) != NULL; p++)
        if (strncmp(p + 1, name, n) == 0 && p[n + 1] == '}') return true;
    return false;
}

static bool in_callback(const oasv_doc *in, const cJSON *node)
{
    for (const cJSON *n = node; n; n = oasv_tree_info(&in->tree, n)->parent)
        if (n->string && strcmp(n->string, "callbacks") == 0) return true;
    return false;
}

void oas_rules_operations(oas_check *c)
{
    oasv_map ids = { 0 }; /* operationId -> the first operation with it (in any document) */
    for (size_t i = 0; i < c->nops && !c->doc->oom; i++) {
        const oas_operation *op = &c->ops[i];
        const cJSON *id = get(op->node, "operationId");
        if (!cJSON_IsString(id)) continue;
        const oas_operation *first = oasv_map_get(&ids, NULL, id->valuestring, strlen(id->valuestring));
        /* A callback repeated verbatim under several operations (FastAPI does this) describes one operation. */
        if (first && in_callback(op->in, id) && in_callback(first->in, first->node) && cJSON_Compare(first->node, op->node, true))
            continue;
        if (!first) {
            if (!oasv_map_put(&ids, NULL, id->valuestring, strlen(id->valuestring), (void *)op)) c->doc->oom = true;
            continue;
        }
        oas_enter(c, op->in);
        if (c->in != op->in) break;
        const cJSON *first_id = get(first->node, "operationId");
        if (first->in == op->in)
            REPORT(c, E, "operation-id-unique", id, false,
                   "operationId `%s` is already used by the operation at line %u: operationIds must be unique across paths, webhooks and callbacks",
                   id->valuestring, line_of(first->in, first_id));
        else /* documents read through the resolver count as part of this one */
            REPORT(c, E, "operation-id-unique", id, false,
                   "operationId `%s` is already used by the operation in `%s` at line %u: operationIds must be unique across paths, webhooks and callbacks, in every document",
                   id->valuestring, first->in != c->doc && first->in->filename ? first->in->filename : c->doc->filename ? c->doc->filename : "the main document",
                   line_of(first->in, first_id));
    }
    oas_enter(c, c->doc);
    oasv_map_free(&ids);

    oasv_map declared = { 0 };
    const cJSON *tags = get(c->doc->tree.root, "tags");
    for (const cJSON *t = cJSON_IsArray(tags) ? tags->child : NULL; t; t = t->next) {
        const cJSON *name = get(t, "name");
        if (!cJSON_IsString(name)) continue;
        const cJSON *first = oasv_map_get(&declared, NULL, name->valuestring, strlen(name->valuestring));
        if (first)
            REPORT(c, E, "tag-duplicate", name, false, "the tag `%s` is already declared at line %u: tag names must be unique", name->valuestring,
                   line_of(c->doc, first));
        else if (!oasv_map_put(&declared, NULL, name->valuestring, strlen(name->valuestring), (void *)name))
            c->doc->oom = true;
    }
    oasv_map undeclared = { 0 };
    for (size_t i = 0; i < c->op_tags.count && !c->doc->oom; i++) {
        oas_enter(c, c->op_tags.docs[i]); /* tags used in other documents are said there */
        for (const cJSON *t = c->in == c->op_tags.docs[i] ? c->op_tags.items[i]->child : NULL; t; t = t->next) {
            if (!cJSON_IsString(t)) continue;
            const char *s = t->valuestring;
            if (oasv_map_get(&declared, NULL, s, strlen(s)) || oasv_map_get(&undeclared, NULL, s, strlen(s))) continue;
            if (!oasv_map_put(&undeclared, NULL, s, strlen(s), (void *)t)) c->doc->oom = true;
            REPORT(c, I, "tag-undeclared", t, false,
                   "the tag `%s` is not declared in the top-level `tags` (declaring it gives it a description and an order)", s);
        }
    }
    oas_enter(c, c->doc);
    oasv_map_free(&undeclared);
    oasv_map_free(&declared);
}

/* Mark a node of the main document while another one may be walked. */
static void mark_main(oas_check *c, const cJSON *node)
{
    const oasv_doc *was = oas_enter(c, c->doc);
    oas_mark(c, node, MARK_REFERENCED);
    oas_enter(c, was);
}

/* MARK: - Security */

static bool scope_declared(oasv_doc *doc, const cJSON *scheme, const char *scope)
{
    const cJSON *flows = oasv_resolve(doc, get(scheme, "flows"));
    for (const cJSON *f = cJSON_IsObject(flows) ? flows->child : NULL; f; f = f->next)
        if (get(get(f, "scopes"), scope)) return true;
    return false;
}

void oas_rules_security(oas_check *c)
{
    /* Scheme names are those of the main document's components, wherever the requirement is written. */
    const cJSON *schemes = get(get(c->doc->tree.root, "components"), "securitySchemes");
    for (size_t i = 0; i < c->security.count && !c->doc->oom; i++) {
        oas_enter(c, c->security.docs[i]);
        for (const cJSON *m = c->in == c->security.docs[i] ? c->security.items[i]->child : NULL; m; m = m->next) {
            const cJSON *entry = get(schemes, m->string);
            if (!entry) {
                REPORT(c, W, "security-scheme-undefined", m, true,
                       "the security scheme `%s` is not declared in components.securitySchemes", m->string);
                continue;
            }
            mark_main(c, entry);
            const cJSON *scheme = oasv_resolve(c->doc, entry);
            const cJSON *type = get(scheme, "type");
            if (!cJSON_IsString(type) || strcmp(type->valuestring, "oauth2") != 0 || !cJSON_IsArray(m)) continue;
            for (const cJSON *s = m->child; s; s = s->next)
                if (cJSON_IsString(s) && !scope_declared(c->doc, scheme, s->valuestring))
                    REPORT(c, W, "security-scope-undefined", s, false, "the scope `%s` is not declared by any flow of the OAuth2 scheme `%s`",
                           s->valuestring, m->string);
        }
    }
    oas_enter(c, c->doc);
}

/* MARK: - Servers */

void oas_rules_servers(oas_check *c)
{
    for (size_t i = 0; i < c->servers.count && !c->doc->oom; i++) {
        oas_enter(c, c->servers.docs[i]);
        if (c->in != c->servers.docs[i]) break;
        const cJSON *server = c->servers.items[i];
        const cJSON *url = get(server, "url"), *vars = get(server, "variables");
        if (!cJSON_IsString(url)) continue;
        const char *u = url->valuestring;
        for (const char *p = u; (p = strchr(p, '{')) != NULL;) {
            const char *end = strchr(p, '}');
            if (!end) break;
            bool found = false;
            for (const cJSON *v = cJSON_IsObject(vars) ? vars->child : NULL; v && !found; v = v->next)
                found = strlen(v->string) == (size_t)(end - p - 1) && memcmp(v->string, p + 1, (size_t)(end - p - 1)) == 0;
            if (!found)
                REPORT(c, W, "server-variable-undefined", url, false, "the server URL uses `{%.*s}`, which `variables` does not define",
                       (int)(end - p - 1), p + 1);
            p = end + 1;
        }
        for (const cJSON *v = cJSON_IsObject(vars) ? vars->child : NULL; v; v = v->next) {
            if (!uses_variable(u, v->string))
                REPORT(c, W, "server-variable-unused", v, true, "the server variable `%s` is not used in the URL `%s`", v->string, u);
            const cJSON *def = get(v, "default"), *en = get(v, "enum");
            if (!cJSON_IsString(def) || !cJSON_IsArray(en) || !en->child) continue;
            bool in = false;
            for (const cJSON *e = en->child; e && !in; e = e->next) in = cJSON_IsString(e) && strcmp(e->valuestring, def->valuestring) == 0;
            if (!in)
                REPORT(c, E, "server-variable-default-enum", def, false, "the default `%s` of server variable `%s` is not in its `enum`",
                       def->valuestring, v->string);
        }
    }
    oas_enter(c, c->doc);
}

/* MARK: - Discriminators */

/* `schema` is a node of the document `in` (references may lead into others). */
static bool has_property(oasv_doc *doc, const oasv_doc *in, const cJSON *schema, const char *name, int depth)
{
    if (cJSON_IsBool(schema) || depth > 8) return false;
    oasv_ref r;
    oasv_ref_status st = oasv_resolve_ref(doc, in, schema, OASV_RESOLVE_SCHEMA, &r);
    if (st != OASV_REF_OK && st != OASV_REF_NONE) return false;
    schema = r.target;
    in = r.target_doc;
    if (!cJSON_IsObject(schema)) return false;
    if (get(get(schema, "properties"), name)) return true;
    static const char *const lists[] = { "allOf", "oneOf", "anyOf" };
    for (int l = 0; l < 3; l++) {
        const cJSON *list = get(schema, lists[l]);
        for (const cJSON *s = cJSON_IsArray(list) ? list->child : NULL; s; s = s->next)
            if (has_property(doc, in, s, name, depth + 1)) return true;
    }
    return false;
}

void oas_rules_schemas(oas_check *c)
{
    const cJSON *schemas = get(get(c->doc->tree.root, "components"), "schemas");
    /* mapping values name schemas: index the names once (a linear search each is quadratic on large documents) */
    oasv_map names = { 0 };
    for (const cJSON *m = c->discriminators.count && cJSON_IsObject(schemas) ? schemas->child : NULL; m; m = m->next) {
        size_t len = strlen(m->string);
        if (oasv_map_get(&names, NULL, m->string, len)) continue; /* the first of duplicate keys, as get() finds */
        if (!oasv_map_put(&names, NULL, m->string, len, (void *)m)) { c->doc->oom = true; break; }
    }
    for (size_t i = 0; i < c->discriminators.count && !c->doc->oom; i++) {
        oas_enter(c, c->discriminators.docs[i]); /* a discriminator in another document is said there */
        if (c->in != c->discriminators.docs[i]) break;
        const cJSON *schema = c->discriminators.items[i];
        const cJSON *d = get(schema, "discriminator");
        const cJSON *prop = get(d, "propertyName");
        if (cJSON_IsString(prop) && !has_property(c->doc, c->in, schema, prop->valuestring, 0))
            REPORT(c, W, "discriminator-property", prop, false,
                   "the discriminator property `%s` is not a property of this schema or of its allOf/oneOf/anyOf schemas", prop->valuestring);
        const cJSON *mapping = get(d, "mapping");
        for (const cJSON *m = cJSON_IsObject(mapping) ? mapping->child : NULL; m; m = m->next) {
            if (!cJSON_IsString(m)) continue;
            const cJSON *named = oasv_map_get(&names, NULL, m->valuestring, strlen(m->valuestring));
            if (named) { /* a schema name (OAS 3.1.1 4.8.25.2.1) */
                mark_main(c, named);
                continue;
            }
            if (!strpbrk(m->valuestring, "#/.:")) { /* a bare name: a schema name that components.schemas lacks */
                REPORT(c, E, "discriminator-mapping", m, false, "the mapping `%s: %s` names no schema: components.schemas has no `%s`",
                       m->string, m->valuestring, m->valuestring);
                continue;
            }
            oasv_ref r;
            oasv_ref_status s = oasv_resolve_uri(c->doc, c->in, m, m->valuestring, OASV_RESOLVE_SCHEMA, &r);
            if (s == OASV_REF_OK) {
                for (const cJSON *n = r.target_doc == c->doc ? r.target : NULL; n; n = oasv_tree_info(&c->doc->tree, n)->parent)
                    mark_main(c, n);
            } else if (s == OASV_REF_EXTERNAL) {
                REPORT(c, W, "ref-external", m, false, "the mapping `%s` points into another document, `%s`, which was not loaded (%s)",
                       m->valuestring, r.uri ? r.uri : "?", c->doc->resolver ? "the resolver did not provide it" : "no resolver was given");
            } else {
                REPORT(c, E, "discriminator-mapping", m, false,
                       "the mapping `%s: %s` names no schema: use a name from components.schemas or a reference such as \"#/components/schemas/%s\"",
                       m->string, m->valuestring, m->valuestring);
            }
        }
    }
    oas_enter(c, c->doc);
    oasv_map_free(&names);
}

/* MARK: - Components */

void oas_rules_components(oas_check *c)
{
    const cJSON *components = get(c->doc->tree.root, "components");
    /* A document with neither paths nor webhooks is a library of components: nothing in it is "unused". */
    if (!get(c->doc->tree.root, "paths") && !get(c->doc->tree.root, "webhooks")) return;
    static const char *const maps[] = { "schemas", "responses", "parameters", "examples", "requestBodies", "headers",
                                        "securitySchemes", "links", "callbacks", "pathItems" };
    for (size_t k = 0; k < sizeof maps / sizeof *maps; k++) {
        const cJSON *map = get(components, maps[k]);
        for (const cJSON *m = cJSON_IsObject(map) ? map->child : NULL; m; m = m->next)
            if (!oas_marked(c, m, MARK_REFERENCED))
                REPORT(c, H, "component-unused", m, true, "the component `%s` in components.%s is never referenced", m->string, maps[k]);
    }
}
