/* validate.c - OpenAPI 3.1 validation: the structure walk, then the semantic rules. */
#include "validate/oas/validate.h"

#include "validate/oas/check.h"

#include "util/mem.h"

#include <string.h>

static bool is_31(const char *v) { return v && strncmp(v, "3.1.", 4) == 0; }

void oasv_validate_oas(oasv_doc *doc)
{
    if (!cJSON_IsObject(doc->tree.root) || !is_31(doc->version)) return;
    oas_check c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.marks = oasv_calloc(doc->tree.count ? doc->tree.count : 1, 1);
    if (!c.marks) { doc->oom = true; return; }
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
    if (!doc->oom) oas_rules_paths(&c);
    if (!doc->oom) oas_rules_operations(&c);
    if (!doc->oom) oas_rules_security(&c);
    if (!doc->oom) oas_rules_servers(&c);
    if (!doc->oom) oas_rules_schemas(&c);
    if (!doc->oom) oas_rules_components(&c);
    if (!doc->oom) oas_validate_with_engine(&c); /* Schema Objects against their dialect; examples and defaults */
    oasv_free(c.marks);
    oasv_free((void *)c.queue.items);
    oasv_free(c.ops);
    oasv_free((void *)c.security.items);
    oasv_free((void *)c.servers.items);
    oasv_free((void *)c.op_tags.items);
    oasv_free((void *)c.discriminators.items);
    oasv_free((void *)c.path_items.items);
    oasv_free((void *)c.roots.items);
    oasv_free((void *)c.foreign.items);
    oasv_free(c.values);
}
