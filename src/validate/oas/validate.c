/* validate.c - OpenAPI 3.1 validation: the structure walk, then the semantic rules. */
#include "validate/oas/validate.h"

#include "validate/oas/check.h"

#include "util/mem.h"

#include <string.h>

static bool is_31(const char *v) { return v && strncmp(v, "3.1.", 4) == 0; }

/* What the loader says about a whole OpenAPI document (`openapi: 3.1.0` at its root): another document a
 * reference reaches is a fragment (a schema, a Path Item, a map of them), to which this does not apply. */
static bool about_openapi_root(const char *code)
{
    static const char *const codes[] = { "missing-openapi", "openapi-version", "openapi-version-type", "unsupported-version", "root-not-object" };
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (strcmp(code, codes[i]) == 0) return true;
    return false;
}

const oasv_doc *oas_enter(oas_check *c, const oasv_doc *in)
{
    const oasv_doc *before = c->in;
    if (!in) in = c->doc;
    if (in == c->in) return before;
    size_t i = 0;
    while (i < c->nmarks && c->all_marks[i].doc != in) i++;
    if (i == c->nmarks) { /* a document walked for the first time (at most OASV_MAX_EXTERNAL_DOCS + 1 of them) */
        oas_marks *grown = oasv_realloc(c->all_marks, (c->nmarks + 1) * sizeof *grown);
        uint8_t *marks = grown ? oasv_calloc(in->tree.count ? in->tree.count : 1, 1) : NULL;
        if (grown) c->all_marks = grown;
        if (!marks) { c->doc->oom = true; return before; }
        c->all_marks[c->nmarks++] = (oas_marks){ in, marks };
        /* What its loader found (a duplicate key, a YAML warning) is said too, in that document, when it is first walked. */
        for (size_t k = 0; in != c->doc && k < oasv_doc_diag_count(in); k++)
            if (!about_openapi_root(oasv_doc_diag(in, k)->code)) oasv_diag_copy_in(c->doc, in, oasv_doc_diag(in, k));
    }
    c->in = in;
    c->marks = c->all_marks[i].marks;
    return before;
}

static void free_vec(oas_vec *v)
{
    oasv_free((void *)v->items);
    oasv_free((void *)v->docs);
}

void oasv_validate_oas(oasv_doc *doc)
{
    if (!cJSON_IsObject(doc->tree.root) || !is_31(doc->version)) return;
    oas_check c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    oas_enter(&c, doc);
    if (!c.marks) { oasv_free(c.all_marks); return; }
    /* The dialect of Schema Objects without `$schema` (engine.c); the OAS dialect by default. */
    const cJSON *dialect = cJSON_GetObjectItemCaseSensitive(doc->tree.root, "jsonSchemaDialect");
    if (cJSON_IsString(dialect)) {
        c.dialect = oas_dialect_of(dialect->valuestring);
        if (c.dialect == DIALECT_UNKNOWN)
            REPORT(&c, OASV_SEVERITY_INFO, "schema-dialect-unknown", dialect, false,
                   "oasview does not know the JSON Schema dialect \"%s\", so Schema Objects are not checked (known: the OAS 3.1 dialect and JSON Schema 2020-12)",
                   dialect->valuestring);
    }
    oas_walk(&c);
    oas_engine_begin(&c); /* Schema Objects maybe checked on a second thread while the rules run */
    if (!doc->oom) oas_rules_paths(&c);
    if (!doc->oom) oas_rules_operations(&c);
    if (!doc->oom) oas_rules_security(&c);
    if (!doc->oom) oas_rules_servers(&c);
    if (!doc->oom) oas_rules_schemas(&c);
    if (!doc->oom) oas_rules_components(&c);
    if (!doc->oom) oas_validate_with_engine(&c); /* Schema Objects against their dialect; examples and defaults */
    oas_engine_end(&c);
    for (size_t i = 0; i < c.nmarks; i++) oasv_free(c.all_marks[i].marks);
    oasv_free(c.all_marks);
    free_vec(&c.queue);
    oasv_free(c.ops);
    free_vec(&c.security);
    free_vec(&c.servers);
    free_vec(&c.op_tags);
    free_vec(&c.discriminators);
    free_vec(&c.path_items);
    free_vec(&c.roots);
    free_vec(&c.foreign);
    oasv_free(c.values);
}
