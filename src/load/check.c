/* check.c - what the loader checks once a tree exists: keys, root, version. */
#include "load/load.h"

#include "core/diag.h"
#include "util/mem.h"

#include <string.h>

static void on_duplicate(void *ctx, const cJSON *first, const cJSON *again)
{
    oasv_doc *doc = ctx;
    uint32_t line = 0, column = 0;
    const oasv_node_info *info = oasv_tree_info(&doc->tree, first);
    if (!oasv_lines_locate(&doc->lines, info->key_start, &line, &column)) doc->oom = true;
    oasv_diag_node(doc, OASV_SEVERITY_ERROR, "duplicate-key", again, true,
                   "duplicate key \"%s\": it is already defined at line %u, column %u; tools disagree on which one wins",
                   again->string, line, column);
}

/* Digits at *p as an int (saturating), p moved past them; false when there are none. */
static bool parse_digits(const char **p, int *out)
{
    const char *s = *p;
    long v = 0;
    while (*s >= '0' && *s <= '9') {
        if (v < 100000000) v = v * 10 + (*s - '0');
        s++;
    }
    if (s == *p) return false;
    *out = (int)v;
    *p = s;
    return true;
}

/* "3.1.0" -> major 3, minor 1; false when the text is not MAJOR.MINOR[.PATCH...] (digits only:
 * no sign or leading space, which sscanf's %d used to let through). */
static bool parse_version(const char *v, int *major, int *minor)
{
    if (!parse_digits(&v, major) || *v++ != '.' || !parse_digits(&v, minor)) return false;
    return *v == '\0' || *v == '.' || *v == '-';
}

static void check_version(oasv_doc *doc)
{
    const cJSON *root = doc->tree.root;
    const cJSON *openapi = cJSON_GetObjectItemCaseSensitive(root, "openapi");
    const cJSON *swagger = cJSON_GetObjectItemCaseSensitive(root, "swagger");
    if (!openapi && swagger) {
        if (cJSON_IsString(swagger)) doc->version = oasv_strndup(swagger->valuestring, strlen(swagger->valuestring));
        oasv_diag_node(doc, OASV_SEVERITY_ERROR, "unsupported-version", swagger, true,
                       "this is a Swagger 2.0 document; oasview reads OpenAPI 3.x (convert it, e.g. with swagger2openapi)");
        return;
    }
    if (!openapi) {
        oasv_diag_node(doc, OASV_SEVERITY_ERROR, "missing-openapi", root, false,
                       "the document has no `openapi` field; an OpenAPI 3.1 document starts with openapi: 3.1.0");
        return;
    }
    if (!cJSON_IsString(openapi)) {
        size_t len;
        const char *raw = oasv_tree_raw(&doc->tree, openapi, &len);
        oasv_diag_node(doc, OASV_SEVERITY_ERROR, "openapi-version-type", openapi, false,
                       "`openapi` must be a string such as \"3.1.0\"; write it in quotes (found %.*s)", (int)(len > 40 ? 40 : len), raw);
        return;
    }
    const char *v = openapi->valuestring;
    doc->version = oasv_strndup(v, strlen(v));
    if (!doc->version) { doc->oom = true; return; }
    int major, minor;
    if (!parse_version(v, &major, &minor)) {
        oasv_diag_node(doc, OASV_SEVERITY_ERROR, "openapi-version", openapi, false,
                       "`openapi` must be a version number such as \"3.1.0\", not \"%s\"", v);
    } else if (major == 3 && minor == 1) {
        /* the version oasview targets */
    } else if (major == 3 && (minor == 0 || minor == 2)) {
        oasv_diag_node(doc, OASV_SEVERITY_INFO, "openapi-version", openapi, false,
                       "OpenAPI %s detected; oasview targets 3.1 and reads this document as far as 3.1 and %s agree", v, v);
    } else {
        oasv_diag_node(doc, OASV_SEVERITY_ERROR, "unsupported-version", openapi, false,
                       "OpenAPI %s is not supported; oasview reads 3.1 (and 3.0 and 3.2 as far as they agree with it)", v);
    }
}

void oasv_load_check_tree(oasv_doc *doc)
{
    if (!oasv_tree_each_duplicate(&doc->tree, on_duplicate, doc)) doc->oom = true;
    const cJSON *root = doc->tree.root;
    if (!cJSON_IsObject(root)) {
        const char *kind = cJSON_IsArray(root) ? "an array" : cJSON_IsString(root) ? "a string" : cJSON_IsNumber(root) ? "a number"
                         : cJSON_IsBool(root) ? "a boolean" : "null";
        oasv_diag_node(doc, OASV_SEVERITY_ERROR, "root-not-object", root, false,
                       "an OpenAPI document must be an object at the top level, not %s", kind);
        return;
    }
    check_version(doc);
}
