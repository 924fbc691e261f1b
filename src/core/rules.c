/* rules.c - rule ids, default severities, and configured overrides. */
#include "core/rules.h"

#include "util/distance.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/format.h"

#include <cJSON.h>
#include <string.h>

typedef struct rule_info {
    const char *id;
    oasv_severity severity;
} rule_info;

#define E OASV_SEVERITY_ERROR
#define W OASV_SEVERITY_WARNING
#define I OASV_SEVERITY_INFO
#define H OASV_SEVERITY_HINT

/* X(id, default severity, description), read twice below: the descriptions are an array of their own
 * that only oasv_rule_id() reads, so a link that never lists the rules (the docs viewer's wasm) leaves
 * their text out. */
#define RULES(X) \
    /* Loading (src/load/) */ \
    X("input-too-large", E, "The input is larger than limits.max_input_bytes.") \
    X("empty-document", E, "The input has no content.") \
    X("not-utf8", E, "The input is not UTF-8.") \
    X("invalid-utf8", E, "The input has malformed UTF-8.") \
    X("nul-byte", E, "The input contains a NUL byte.") \
    X("nul-in-string", E, "A string contains a NUL character.") \
    X("byte-order-mark", W, "The input starts with a byte order mark.") \
    X("json-syntax", E, "The JSON text is malformed.") \
    X("yaml-syntax", E, "The YAML text is malformed.") \
    X("yaml-alias", E, "A YAML alias is undefined or exceeds what is allowed.") \
    X("yaml-key", E, "A YAML key is not a string.") \
    X("yaml-tag", W, "A YAML tag is not part of the core schema.") \
    X("yaml-merge-key", W, "A YAML merge key (<<) is not part of YAML 1.2.") \
    X("yaml-version", W, "The %YAML directive names a version other than 1.2.") \
    X("yaml-multiple-documents", E, "The YAML stream holds more than one document.") \
    X("alias-budget-exceeded", E, "YAML aliases expand to more nodes than limits.max_alias_nodes.") \
    X("nesting-too-deep", E, "Nesting is deeper than limits.max_depth.") \
    X("number-out-of-range", W, "A number cannot be represented exactly.") \
    X("duplicate-key", E, "An object has the same key twice.") \
    X("root-not-object", E, "The document is not an object.") \
    X("missing-openapi", E, "The document has no `openapi` field.") \
    X("openapi-version", E, "The `openapi` version is malformed, or not 3.1.") \
    X("openapi-version-type", E, "The `openapi` version is not a string.") \
    X("unsupported-version", E, "The OpenAPI version is not supported.") \
    X("internal-error", E, "oasview failed internally.") \
    /* References (src/resolve/, reported by src/validate/oas/) */ \
    X("ref-not-found", E, "A `$ref` points at nothing.") \
    X("ref-invalid", E, "A `$ref` is not a valid URI reference.") \
    X("ref-cycle", E, "A chain of `$ref`s comes back to itself.") \
    X("ref-chain-too-long", E, "A chain of `$ref`s is longer than limits.max_ref_hops.") \
    X("ref-external", W, "A `$ref` points into another document, which was not loaded (no resolver, or it did not provide the document).") \
    X("ref-external-unreadable", E, "A `$ref` points into another document that could not be read.") \
    X("ref-sibling-ignored", W, "A Reference Object has fields besides $ref, summary and description; they are ignored.") \
    /* Structure (src/validate/oas/structure.c) */ \
    X("unknown-field", E, "A field that the object does not define.") \
    X("invalid-type", E, "A field has the wrong type.") \
    X("missing-field", E, "A required field is missing.") \
    X("mutually-exclusive", E, "Two fields that must not appear together.") \
    X("invalid-value", E, "A field has a value the specification does not allow.") \
    X("path-key", E, "A key of `paths` does not start with `/`.") \
    X("response-code", E, "A key of `responses` is not an HTTP status code, a range like 2XX, or `default`.") \
    X("responses-empty", E, "`responses` has no response.") \
    X("component-name", E, "A component name has characters outside [a-zA-Z0-9._-].") \
    X("schema-keyword-type", E, "A JSON Schema keyword has a value of the wrong type.") \
    X("oas30-nullable", W, "`nullable` is an OpenAPI 3.0 keyword; 3.1 writes type: [T, \"null\"].") \
    X("oas30-exclusive-bound", E, "Boolean exclusiveMinimum/exclusiveMaximum are OpenAPI 3.0; 3.1 takes the bound as a number.") \
    X("oas30-x-webhooks", W, "`x-webhooks` is the 3.0 extension; 3.1 has a top-level `webhooks`.") \
    /* Schema Objects and values through the JSON Schema engine (src/validate/oas/engine.c) */ \
    X("schema-dialect", E, "A Schema Object is not valid in its JSON Schema dialect (the meta-schema of JSON Schema 2020-12).") \
    X("schema-dialect-unknown", I, "`jsonSchemaDialect` or `$schema` names a dialect oasview does not know; those Schema Objects are not checked.") \
    X("schema-pattern-invalid", W, "A `pattern` or `patternProperties` key is not an ECMA-262 regular expression the engine can use.") \
    X("example-invalid", W, "An example (`example`, `examples`, an Example Object's `value`) does not match its schema.") \
    X("default-invalid", W, "A Schema Object's `default` does not match the schema.") \
    /* Semantics (src/validate/oas/rules_*.c) */ \
    X("path-param-undeclared", W, "A path template variable has no path parameter.") \
    X("path-param-not-in-path", W, "A path parameter is not in the path template.") \
    X("path-param-required", E, "A path parameter is not `required: true`.") \
    X("operation-id-unique", E, "Two operations (paths, webhooks or callbacks) share an operationId.") \
    X("path-equivalent", E, "Two templated paths differ only in variable names.") \
    X("parameter-unique", E, "A parameter list has the same name and location twice.") \
    X("security-scheme-undefined", W, "A security requirement names a scheme that components.securitySchemes does not declare.") \
    X("security-scope-undefined", W, "An OAuth2 security requirement lists a scope that no flow of the scheme declares.") \
    X("server-variable-default-enum", E, "A server variable's default is not in its enum.") \
    X("server-variable-undefined", W, "A server URL uses a variable that `variables` does not define.") \
    X("server-variable-unused", W, "A server variable is not used in the URL.") \
    X("discriminator-mapping", E, "A discriminator mapping value does not resolve to a schema.") \
    X("discriminator-property", W, "The discriminator's propertyName is not a property of the schema.") \
    X("tag-undeclared", I, "An operation uses a tag that the top-level `tags` does not declare.") \
    X("tag-duplicate", E, "The top-level `tags` declares a name twice.") \
    X("component-unused", H, "A component is never referenced.") \
    /* end of RULES */

#define RULE_INFO(id, severity, description) { id, severity },
#define RULE_DESCRIPTION(id, severity, description) description,
static const rule_info registry[] = { RULES(RULE_INFO) };
static const char *const descriptions[] = { RULES(RULE_DESCRIPTION) };
#undef RULE_INFO
#undef RULE_DESCRIPTION

#undef E
#undef W
#undef I
#undef H

#define NRULES (sizeof registry / sizeof *registry)

struct oasv_rules {
    const oasv_alloc *alloc;
    signed char setting[NRULES];
};

size_t oasv_rule_count(void) { return NRULES; }

const char *oasv_rule_id(size_t i, oasv_severity *severity, const char **description)
{
    if (i >= NRULES) return NULL;
    if (severity) *severity = registry[i].severity;
    if (description) *description = descriptions[i];
    return registry[i].id;
}

static long find_rule(const char *id)
{
    for (size_t i = 0; i < NRULES; i++)
        if (strcmp(registry[i].id, id) == 0) return (long)i;
    return -1;
}

int oasv_rules_setting(const oasv_rules *rules, const char *code)
{
    if (!rules || !code) return OASV_RULE_DEFAULT;
    long i = find_rule(code);
    return i < 0 ? OASV_RULE_DEFAULT : rules->setting[i];
}

bool oasv_rule_off(const oasv_rules *rules, const char *code) { return oasv_rules_setting(rules, code) == OASV_RULE_OFF; }

static void fail(char *error, size_t size, const char *fmt, const char *arg, const char *arg2)
{
    if (error && size) oasv_snprintf(error, size, fmt, arg, arg2);
}

oasv_rules *oasv_rules_new(const char *json, size_t len, const oasv_alloc *alloc, char *error, size_t error_size)
{
    if (error && error_size) error[0] = '\0';
    if (!json) { fail(error, error_size, "no configuration text%s%s", "", ""); return NULL; }
    const oasv_alloc *previous = oasv_mem_enter(alloc);
    oasv_rules *rules = NULL;
    cJSON *root = cJSON_ParseWithLength(json, len);
    const cJSON *map = cJSON_GetObjectItemCaseSensitive(root, "rules");
    if (!root) {
        fail(error, error_size, "the configuration is not valid JSON%s%s", "", "");
    } else if (!cJSON_IsObject(root) || (map && !cJSON_IsObject(map))) {
        fail(error, error_size, "the configuration must be an object like {\"rules\": {\"rule-id\": \"warning\"}}%s%s", "", "");
    } else if ((rules = oasv_calloc(1, sizeof *rules)) != NULL) {
        rules->alloc = alloc;
        memset(rules->setting, OASV_RULE_DEFAULT, sizeof rules->setting);
        for (const cJSON *m = map ? map->child : NULL; m; m = m->next) {
            long i = find_rule(m->string);
            if (i < 0) {
                const char *best = NULL;
                size_t best_d = 3;
                for (size_t k = 0; k < NRULES; k++) {
                    size_t d = oasv_edit_distance(m->string, registry[k].id, false);
                    if (d < best_d) { best_d = d; best = registry[k].id; }
                }
                if (best) fail(error, error_size, "unknown rule id \"%s\": did you mean \"%s\"?", m->string, best);
                else fail(error, error_size, "unknown rule id \"%s\"%s", m->string, "");
                oasv_free(rules);
                rules = NULL;
                break;
            }
            static const char *const names[] = { "error", "warning", "info", "hint", "off" };
            int setting = -1;
            for (int k = 0; k < 5 && cJSON_IsString(m); k++)
                if (strcmp(m->valuestring, names[k]) == 0) setting = k;
            if (setting < 0) {
                fail(error, error_size, "rule \"%s\": the severity must be \"error\", \"warning\", \"info\", \"hint\" or \"off\"%s", m->string, "");
                oasv_free(rules);
                rules = NULL;
                break;
            }
            rules->setting[i] = (signed char)setting;
        }
    } else {
        fail(error, error_size, "out of memory%s%s", "", "");
    }
    cJSON_Delete(root);
    oasv_mem_leave(previous);
    return rules;
}

void oasv_rules_free(oasv_rules *rules)
{
    if (!rules) return;
    const oasv_alloc *previous = oasv_mem_enter(rules->alloc);
    oasv_free(rules);
    oasv_mem_leave(previous);
}
