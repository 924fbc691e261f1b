/*
 * test_schema.c - the JSON Schema engine: API and output, numbers, patterns,
 * references and base URIs, limits (hostile schemas and instances), and the
 * OpenAPI schemas of the corpus with the verdicts its README states.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <stdlib.h>

static oasv_schema *compile_with(const char *text, const oasv_schema_options *opts)
{
    oasv_schema *s = NULL;
    if (oasv_schema_compile(text, strlen(text), opts, &s) != OASV_OK) { fprintf(stderr, "compile: out of memory\n"); abort(); }
    if (!oasv_schema_ok(s)) {
        const oasv_schema_error *e = oasv_schema_error_at(s, 0);
        if (e) fprintf(stderr, "    schema error: %s at %s\n", e->message, e->keyword_location);
    }
    return s;
}

static oasv_schema *compile(const char *text) { return compile_with(text, NULL); }

static oasv_schema_result *check(const oasv_schema *s, const char *instance)
{
    oasv_schema_result *r = NULL;
    if (oasv_schema_validate(s, instance, strlen(instance), &r) != OASV_OK) { fprintf(stderr, "validate failed\n"); abort(); }
    return r;
}

/* Valid (1), invalid (0), or -1 when the schema does not compile. */
static int verdict(const char *schema, const char *instance)
{
    oasv_schema *s = compile(schema);
    if (!oasv_schema_ok(s)) { oasv_schema_free(s); return -1; }
    oasv_schema_result *r = check(s, instance);
    int v = oasv_schema_result_valid(r);
    oasv_schema_result_free(r);
    oasv_schema_free(s);
    return v;
}

/* The code of the last error of a validation. */
static char *last_code(const char *schema, const char *instance, const oasv_schema_options *opts)
{
    oasv_schema *s = compile_with(schema, opts);
    char *code = NULL;
    if (oasv_schema_ok(s)) {
        oasv_schema_result *r = check(s, instance);
        size_t n = oasv_schema_result_error_count(r);
        if (n) code = strdup(oasv_schema_result_error(r, n - 1)->code);
        oasv_schema_result_free(r);
    } else {
        code = strdup(oasv_schema_error_at(s, 0)->code);
    }
    oasv_schema_free(s);
    return code;
}

TEST(output_has_locations_and_messages)
{
    oasv_schema *s = compile("{\"$id\": \"https://example.com/root\", \"$defs\": {\"n\": {\"type\": \"integer\"}},"
                             " \"properties\": {\"a/b\": {\"$ref\": \"#/$defs/n\"}}}");
    CHECK(oasv_schema_ok(s));
    oasv_schema_result *r = check(s, "{\"a/b\": \"x\"}");
    CHECK(!oasv_schema_result_valid(r));
    CHECK_EQ(oasv_schema_result_error_count(r), 1);
    const oasv_schema_error *e = oasv_schema_result_error(r, 0);
    CHECK_STR(e->instance_location, "/a~1b");
    CHECK_STR(e->keyword_location, "/properties/a~1b/$ref/type");
    CHECK_STR(e->absolute_keyword_location, "https://example.com/root#/$defs/n/type");
    CHECK_STR(e->code, "type");
    CHECK_STR(e->message, "must be integer, not a string");
    CHECK_STR(oasv_schema_result_json(r, NULL),
              "{\"valid\":false,\"errors\":[{\"instanceLocation\":\"/a~1b\",\"keywordLocation\":\"/properties/a~1b/$ref/type\","
              "\"absoluteKeywordLocation\":\"https://example.com/root#/$defs/n/type\",\"code\":\"type\",\"message\":\"must be integer, not a string\"}]}");
    oasv_schema_result_free(r);
    r = check(s, "{\"a/b\": 3}");
    CHECK(oasv_schema_result_valid(r));
    CHECK_STR(oasv_schema_result_json(r, NULL), "{\"valid\":true,\"errors\":[]}");
    oasv_schema_result_free(r);
    oasv_schema_free(s);
}

TEST(numbers_are_exact_decimals)
{
    CHECK_EQ(verdict("{\"type\": \"integer\"}", "1.0"), 1);
    CHECK_EQ(verdict("{\"type\": \"integer\"}", "1e3"), 1);
    CHECK_EQ(verdict("{\"type\": \"integer\"}", "1.5"), 0);
    CHECK_EQ(verdict("{\"multipleOf\": 0.01}", "19.99"), 1);
    CHECK_EQ(verdict("{\"multipleOf\": 0.01}", "19.991"), 0);
    CHECK_EQ(verdict("{\"multipleOf\": 0.1}", "0.3"), 1);
    /* remainders of 10^k: a divisor below 2^32 and one above it (each its own mulmod path) */
    CHECK_EQ(verdict("{\"multipleOf\": 0.123456789}", "1e308"), 0);
    CHECK_EQ(verdict("{\"multipleOf\": 0.125}", "1e308"), 1);
    CHECK_EQ(verdict("{\"multipleOf\": 0.123456789012}", "1.23456789012e300"), 1);
    CHECK_EQ(verdict("{\"multipleOf\": 0.123456789012}", "1e300"), 0);
    CHECK_EQ(verdict("{\"maximum\": 9223372036854775807}", "9223372036854775808"), 0);
    CHECK_EQ(verdict("{\"maximum\": 9223372036854775807}", "9223372036854775807"), 1);
    CHECK_EQ(verdict("{\"minimum\": -9223372036854775808}", "-9223372036854775809"), 0);
    CHECK_EQ(verdict("{\"const\": 18446744073709551616}", "18446744073709551617"), 0);
    CHECK_EQ(verdict("{\"const\": 1}", "1.000"), 1);
    CHECK_EQ(verdict("{\"enum\": [[1, {\"a\": 2.0}]]}", "[1.0, {\"a\": 2}]"), 1);
}

TEST(patterns_are_ecma_262_with_u)
{
    CHECK_EQ(verdict("{\"pattern\": \"^\\\\d+$\"}", "\"\\u0967\""), 0);     /* \d is ASCII */
    CHECK_EQ(verdict("{\"pattern\": \"^\\\\w$\"}", "\"\\u00e9\""), 0);      /* \w is ASCII */
    CHECK_EQ(verdict("{\"pattern\": \"^\\\\s$\"}", "\"\\u00a0\""), 1);      /* \s is Unicode */
    CHECK_EQ(verdict("{\"pattern\": \"^\\\\p{Letter}+$\"}", "\"\\u00e9t\\u00e9\""), 1);
    CHECK_EQ(verdict("{\"pattern\": \"^\\\\u{1F600}$\"}", "\"\\ud83d\\ude00\""), 1);
    CHECK_EQ(verdict("{\"pattern\": \"^.$\"}", "\"\\ud83d\\ude00\""), 1);   /* one code point */
    CHECK_EQ(verdict("{\"pattern\": \"^a.b$\"}", "\"a\\nb\""), 0);
    CHECK_EQ(verdict("{\"pattern\": \"a$\"}", "\"a\\n\""), 0);              /* $ is the end */
    /* an invalid pattern is a schema error, not a crash */
    char *code = last_code("{\"pattern\": \"(\"}", "1", NULL);
    CHECK_STR(code, "invalid-pattern");
    free(code);
    code = last_code("{\"patternProperties\": {\"\\\\a\": true}}", "1", NULL);
    CHECK_STR(code, "invalid-pattern");
    free(code);
    CHECK_EQ(verdict("{\"pattern\": \"(?i)a\"}", "\"A\""), -1);
}

TEST(limits_end_hostile_input_in_errors)
{
    /* a $ref cycle that never reaches an instance */
    char *code = last_code("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}", "1", NULL);
    CHECK_STR(code, "max-depth-exceeded");
    free(code);
    code = last_code("{\"anyOf\": [{\"$ref\": \"#\"}]}", "1", NULL);
    CHECK_STR(code, "max-depth-exceeded");
    free(code);

    /* a 10,000-deep nested schema: refused when read, with a clear error */
    size_t depth = 10000;
    char *deep = malloc(depth * 8 + 16), *p = deep;
    for (size_t i = 0; i < depth; i++) { memcpy(p, "{\"not\":", 7); p += 7; }
    *p++ = '{';
    memset(p, '}', depth + 1);
    p[depth + 1] = '\0';
    oasv_schema *s = compile(deep);
    CHECK(!oasv_schema_ok(s));
    CHECK_STR(oasv_schema_error_at(s, 0)->code, "nesting-too-deep");
    oasv_schema_free(s);
    free(deep);

    /* a catastrophic regex on a long string */
    char instance[200];
    memset(instance, 'a', sizeof instance);
    instance[0] = '"';
    memcpy(instance + sizeof instance - 3, "!\"", 3);
    code = last_code("{\"pattern\": \"^(a+)+$\"}", instance, NULL);
    CHECK_STR(code, "regex-limit-exceeded");
    free(code);

    /* a step budget */
    oasv_schema_options opts = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = 200 };
    code = last_code("{\"items\": {\"anyOf\": [{\"type\": \"string\"}, {\"minimum\": 0}]}}",
                     "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", &opts);
    CHECK_STR(code, "max-steps-exceeded");
    free(code);
}

TEST(references_resolve_against_the_right_base)
{
    /* unknown remote references are errors: nothing is fetched */
    char *code = last_code("{\"$ref\": \"https://example.com/nowhere.json\"}", "1", NULL);
    CHECK_STR(code, "unresolved-ref");
    free(code);
    /* resources given by URI; relative refs against embedded $ids; pointer escapes and percent-decoding */
    static const char remote[] = "{\"$id\": \"https://x.test/a/b.json\", \"$defs\": {\"c d%\": {\"$ref\": \"../n.json\"}}}";
    static const char n[] = "{\"type\": \"number\"}";
    oasv_schema_resource res[] = { { "https://x.test/a/b.json", remote, sizeof remote - 1 }, { "https://x.test/n.json", n, sizeof n - 1 } };
    oasv_schema_options opts = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .resources = res, .resource_count = 2 };
    oasv_schema *s = compile_with("{\"$ref\": \"https://x.test/a/b.json#/$defs/c%20d%25\"}", &opts);
    CHECK(oasv_schema_ok(s));
    oasv_schema_result *r = check(s, "\"no\"");
    CHECK(!oasv_schema_result_valid(r));
    if (oasv_schema_result_error_count(r)) CHECK_STR(oasv_schema_result_error(r, 0)->absolute_keyword_location, "https://x.test/n.json#/type");
    oasv_schema_result_free(r);
    oasv_schema_free(s);
}

/* MARK: - The OpenAPI schemas of the corpus */

typedef struct files { char *text[8]; oasv_schema_resource res[8]; size_t n; } files;

static bool add_file(files *f, const char *uri, const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), rel);
    size_t len;
    char *text = read_file(path, &len);
    if (!text) { fprintf(stderr, "  the corpus file %s is missing: set OASVIEW_CORPUS\n", path); return false; }
    f->text[f->n] = text;
    f->res[f->n] = (oasv_schema_resource){ uri, text, len };
    f->n++;
    return true;
}

static void free_files(files *f) { for (size_t i = 0; i < f->n; i++) free(f->text[i]); }

static int validate_file(const oasv_schema *s, const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), rel);
    size_t len;
    char *text = read_file(path, &len);
    if (!text) { fprintf(stderr, "  missing %s\n", path); return -1; }
    oasv_schema_result *r = NULL;
    if (oasv_schema_validate(s, text, len, &r) != OASV_OK) abort();
    int v = oasv_schema_result_valid(r);
    if (getenv("OASV_SUITE_VERBOSE") && !v)
        for (size_t i = 0; i < oasv_schema_result_error_count(r) && i < 3; i++)
            fprintf(stderr, "    %s: %s at %s (%s)\n", rel, oasv_schema_result_error(r, i)->message,
                    oasv_schema_result_error(r, i)->instance_location, oasv_schema_result_error(r, i)->keyword_location);
    oasv_schema_result_free(r);
    free(text);
    return v;
}

static const char *const pass_files[] = {
    "callback-object-examples", "comp_pathitems", "components-object-example", "example-object-examples",
    "header-object-examples", "info-object-example", "info_summary", "json_schema_dialect", "license_identifier",
    "link-object-examples", "media-type-examples", "mega", "minimal_comp", "minimal_hooks", "minimal_paths",
    "non-oauth-scopes", "operation-object-example", "parameter-object-examples", "parameter-object-query-allowReserved",
    "path-item-object-example", "path_item_servers_parameters", "path_no_response", "path_var_empty_pathitem",
    "paths-object-example", "request-body-examples", "response-object-examples", "schema-object-deprecated-example-keyword",
    "schema", "security-scheme-object-examples", "servers", "specification-extensions", "style-defaults",
    "tag-object-example", "valid_schema_types", "webhook-example",
};
static const char *const fail_files[] = {
    "example-examples", "header-object-allowReserved", "invalid_schema_types", "link-object-no-body", "no_containers",
    "parameter-object-cookie-form-allowReserved", "parameter-object-header-allowReserved",
    "parameter-object-path-allowReserved", "server_enum_empty", "servers", "unknown_container",
};

TEST(oas_schema_tests_against_the_wip_schema_base)
{
    files f = { 0 };
    const char *wip = "https://spec.openapis.org/oas/3.1/";
    char uris[4][128];
    static const char *const names[] = { "schema", "dialect", "meta", "schema-base" };
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        snprintf(uris[i], sizeof uris[i], "%s%s/WORK-IN-PROGRESS", wip, names[i]);
        char rel[256];
        snprintf(rel, sizeof rel, "oas-schemas/src-v3.1-dev/%s.yaml", names[i]);
        ok = ok && add_file(&f, uris[i], rel);
    }
    CHECK(ok);
    if (!ok) { free_files(&f); return; }
    oasv_schema_options opts = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .resources = f.res, .resource_count = f.n };
    oasv_schema *s = compile_with("{\"$ref\": \"https://spec.openapis.org/oas/3.1/schema-base/WORK-IN-PROGRESS\"}", &opts);
    CHECK(oasv_schema_ok(s));
    int good = 0, bad = 0;
    for (size_t i = 0; i < sizeof pass_files / sizeof *pass_files; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "oas-schema-tests/pass/%s.yaml", pass_files[i]);
        int v = validate_file(s, rel);
        if (v == 1) good++;
        else fprintf(stderr, "  %s should be valid\n", rel);
    }
    for (size_t i = 0; i < sizeof fail_files / sizeof *fail_files; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "oas-schema-tests/fail/%s.yaml", fail_files[i]);
        int v = validate_file(s, rel);
        if (v == 0) bad++;
        else fprintf(stderr, "  %s should be invalid\n", rel);
    }
    CHECK_EQ(good, 35);
    CHECK_EQ(bad, 11);
    oasv_schema_free(s);
    free_files(&f);
}

TEST(published_schemas_compile_and_give_the_readme_verdicts)
{
    files f = { 0 };
    bool ok = add_file(&f, "https://spec.openapis.org/oas/3.1/schema/2025-11-23", "oas-schemas/published/schema-2025-11-23.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/dialect/2024-11-10", "oas-schemas/published/dialect-2024-11-10.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/meta/2024-11-10", "oas-schemas/published/meta-2024-11-10.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/schema-base/2025-11-23", "oas-schemas/published/schema-base-2025-11-23.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/schema/2022-10-07", "oas-schemas/published/schema-2022-10-07.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/schema-base/2022-10-07", "oas-schemas/published/schema-base-2022-10-07.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/dialect/base", "oas-schemas/published/dialect-base.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/meta/base", "oas-schemas/published/meta-base.json");
    CHECK(ok);
    if (!ok) { free_files(&f); return; }
    oasv_schema_options opts = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .resources = f.res, .resource_count = f.n };
    /* every published schema compiles */
    for (size_t i = 0; i < f.n; i++) {
        oasv_schema *s = NULL;
        CHECK_EQ(oasv_schema_compile(f.res[i].text, f.res[i].len, &opts, &s), OASV_OK);
        CHECK(oasv_schema_ok(s));
        oasv_schema_free(s);
    }
    oasv_schema *plain = compile_with("{\"$ref\": \"https://spec.openapis.org/oas/3.1/schema/2025-11-23\"}", &opts);
    oasv_schema *base = compile_with("{\"$ref\": \"https://spec.openapis.org/oas/3.1/schema-base/2025-11-23\"}", &opts);
    CHECK(oasv_schema_ok(plain) && oasv_schema_ok(base));
    static const char *const valid_docs[] = {
        "examples/v3.1/non-oauth-scopes.yaml", "examples/v3.1/tictactoe.yaml", "examples/v3.1/webhook-example.yaml",
        "examples/v3.1/tictactoe.json", "examples/v3.1/webhook-example.json",
        "real-world/adyen--BalancePlatformConfigurationNotification-v2.json", "real-world/adyen--ManagementNotificationService-v3.yaml",
        "real-world/discord--openapi.json", "real-world/redocly-museum--openapi.yaml", "real-world/resend--resend.json",
        "real-world/sendgrid--tsg_webhooks_v3.yaml", "fastapi/openapi_webhooks_tutorial001.json",
    };
    for (size_t i = 0; i < sizeof valid_docs / sizeof *valid_docs; i++) {
        int a = validate_file(plain, valid_docs[i]), b = validate_file(base, valid_docs[i]);
        if (a != 1 || b != 1) fprintf(stderr, "  %s should be valid (schema %d, schema-base %d)\n", valid_docs[i], a, b);
        CHECK(a == 1 && b == 1);
    }
    /* known invalid: license has both url and identifier */
    CHECK_EQ(validate_file(plain, "real-world/redoc-demo--openapi-3-1.yaml"), 0);
    CHECK_EQ(validate_file(base, "real-world/redoc-demo--openapi-3-1.yaml"), 0);
    /* the README's nuance: jsonSchemaDialect names the WIP dialect, which the dated schema-base refuses */
    CHECK_EQ(validate_file(plain, "oas-schema-tests/pass/json_schema_dialect.yaml"), 1);
    CHECK_EQ(validate_file(base, "oas-schema-tests/pass/json_schema_dialect.yaml"), 0);
    oasv_schema_free(plain);
    oasv_schema_free(base);
    free_files(&f);
}

TEST(regression_dynamic_ref_jump_keeps_the_base_of_schema_base)
{
    /*
     * schema-base sends every Schema Object through $dynamicRef "#meta" into
     * schema-base#/$defs/schema, whose "$ref": "#/$defs/dialect" must resolve
     * against schema-base, not against the schema the jump came from
     * (python-jsonschema 4.26 raises PointerToNowhere here). A Schema Object
     * carrying $schema reaches exactly that $ref.
     */
    files f = { 0 };
    bool ok = add_file(&f, "https://spec.openapis.org/oas/3.1/schema/2025-11-23", "oas-schemas/published/schema-2025-11-23.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/dialect/2024-11-10", "oas-schemas/published/dialect-2024-11-10.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/meta/2024-11-10", "oas-schemas/published/meta-2024-11-10.json") &&
              add_file(&f, "https://spec.openapis.org/oas/3.1/schema-base/2025-11-23", "oas-schemas/published/schema-base-2025-11-23.json");
    CHECK(ok);
    if (!ok) { free_files(&f); return; }
    oasv_schema_options opts = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .resources = f.res, .resource_count = f.n };
    oasv_schema *base = compile_with("{\"$ref\": \"https://spec.openapis.org/oas/3.1/schema-base/2025-11-23\"}", &opts);
    CHECK(oasv_schema_ok(base));
    static const char doc[] =
        "{\"openapi\": \"3.1.1\", \"info\": {\"title\": \"t\", \"version\": \"1\"},"
        " \"components\": {\"schemas\": {\"S\": {\"$schema\": \"%s\", \"type\": \"string\"}}}}";
    char text[512];
    snprintf(text, sizeof text, doc, "https://spec.openapis.org/oas/3.1/dialect/2024-11-10");
    oasv_schema_result *r = check(base, text);
    CHECK(oasv_schema_result_valid(r));
    oasv_schema_result_free(r);
    snprintf(text, sizeof text, doc, "https://spec.openapis.org/oas/3.1/dialect/WORK-IN-PROGRESS");
    r = check(base, text);
    CHECK(!oasv_schema_result_valid(r));
    bool at_dialect = false;
    for (size_t i = 0; i < oasv_schema_result_error_count(r); i++) {
        const oasv_schema_error *e = oasv_schema_result_error(r, i);
        if (e->absolute_keyword_location && strcmp(e->absolute_keyword_location, "https://spec.openapis.org/oas/3.1/schema-base/2025-11-23#/$defs/dialect/const") == 0 &&
            strcmp(e->instance_location, "/components/schemas/S/$schema") == 0)
            at_dialect = true;
    }
    CHECK(at_dialect);
    oasv_schema_result_free(r);
    oasv_schema_free(base);
    free_files(&f);
}

TEST(schema_errors_and_arguments)
{
    CHECK_EQ(verdict("{\"type\": \"strng\"}", "1"), -1);
    CHECK_EQ(verdict("{\"minLength\": -1}", "1"), -1);
    CHECK_EQ(verdict("{\"properties\": 5}", "1"), -1);
    CHECK_EQ(verdict("{\"$schema\": \"https://example.com/unknown-meta\"}", "1"), -1);
    CHECK_EQ(verdict("true", "1"), 1);
    CHECK_EQ(verdict("false", "1"), 0);
    oasv_schema *s = NULL;
    CHECK_EQ(oasv_schema_compile(NULL, 1, NULL, &s), OASV_ERR_ARGS);
    oasv_schema_options bad = { .abi_version = 99 };
    CHECK_EQ(oasv_schema_compile("{}", 2, &bad, &s), OASV_ERR_ARGS);
    s = compile("{\"type\": \"strng\"}");
    oasv_schema_result *r = NULL;
    CHECK_EQ(oasv_schema_validate(s, "1", 1, &r), OASV_ERR_ARGS);
    CHECK(strstr(oasv_schema_errors_json(s, NULL), "\"keywordLocation\":\"/type\"") != NULL);
    oasv_schema_free(s);
    /* an instance that cannot be read gives an invalid result that says why */
    s = compile("{}");
    r = check(s, "{\"a\": ");
    CHECK(!oasv_schema_result_valid(r));
    CHECK(oasv_schema_result_error_count(r) >= 1);
    oasv_schema_result_free(r);
    oasv_schema_free(s);
}

TEST(formats_with_long_digit_runs)
{
    /* regression (fuzz_schema, UBSan): a duration's week count of 11 digits overflowed an int while checking digits */
    oasv_schema_options on = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .format_assertion = true };
    oasv_schema *s = compile_with("{\"format\": \"duration\"}", &on);
    const char *valid[] = { "\"P3W\"", "\"P99999999999999999999W\"", "\"P1Y2M3DT4H5M6S\"" };
    const char *invalid[] = { "\"P08888888888Y1W\"", "\"P1W2D\"", "\"PW\"", "\"P\"" };
    for (size_t i = 0; i < sizeof valid / sizeof *valid; i++) {
        oasv_schema_result *r = check(s, valid[i]);
        CHECK(oasv_schema_result_valid(r));
        oasv_schema_result_free(r);
    }
    for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++) {
        oasv_schema_result *r = check(s, invalid[i]);
        CHECK(!oasv_schema_result_valid(r));
        oasv_schema_result_free(r);
    }
    oasv_schema_free(s);
    s = compile_with("{\"format\": \"date\"}", &on);
    oasv_schema_result *r = check(s, "\"99999-01-01\"");
    CHECK(!oasv_schema_result_valid(r));
    oasv_schema_result_free(r);
    oasv_schema_free(s);
}

TEST(validate_node_of_a_loaded_document)
{
    oasv_doc *doc = load_text("{\"openapi\": \"3.1.0\", \"x-example\": {\"n\": \"one\"}}");
    oasv_schema *s = compile("{\"properties\": {\"n\": {\"type\": \"integer\"}}}");
    oasv_schema_result *r = NULL;
    CHECK_EQ(oasv_schema_validate_node(s, doc, "/x-example", &r), OASV_OK);
    CHECK(!oasv_schema_result_valid(r));
    CHECK_STR(oasv_schema_result_error(r, 0)->instance_location, "/n");
    oasv_schema_result_free(r);
    CHECK_EQ(oasv_schema_validate_node(s, doc, "/nowhere", &r), OASV_ERR_ARGS);
    oasv_schema_free(s);
    oasv_doc_free(doc);
}
