/* validate.c - OpenAPI 3.1 validation: the structure walk, then the semantic rules. */
#include "validate/oas/validate.h"

#include "validate/oas/check.h"

#include "util/mem.h"

#include <string.h>

/*
 * HOOK(json-schema): once the JSON Schema 2020-12 engine is in oasv.h, check
 * here (a) every Schema Object against the dialect named by
 * `jsonSchemaDialect` / `$schema` (default: the OAS 3.1 dialect), reporting
 * with schema_pointer set, and (b) every `example`/`examples` value against
 * its schema (rule "example-schema", warning). The structure walk already
 * finds the Schema Objects and examples; collect them in oas_check.
 */
static void validate_with_engine(oas_check *c) { (void)c; }

static bool is_31(const char *v) { return v && strncmp(v, "3.1.", 4) == 0; }

void oasv_validate_oas(oasv_doc *doc)
{
    if (!cJSON_IsObject(doc->tree.root) || !is_31(doc->version)) return;
    oas_check c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    oas_walk(&c);
    if (!doc->oom) oas_rules_paths(&c);
    if (!doc->oom) oas_rules_operations(&c);
    if (!doc->oom) oas_rules_security(&c);
    if (!doc->oom) oas_rules_servers(&c);
    if (!doc->oom) oas_rules_schemas(&c);
    if (!doc->oom) oas_rules_components(&c);
    if (!doc->oom) validate_with_engine(&c);
    oasv_map_free(&c.visited);
    oasv_map_free(&c.referenced);
    oasv_free((void *)c.queue.items);
    oasv_free(c.ops);
    oasv_free((void *)c.security.items);
    oasv_free((void *)c.servers.items);
    oasv_free((void *)c.op_tags.items);
    oasv_free((void *)c.discriminators.items);
    oasv_free((void *)c.path_items.items);
}
