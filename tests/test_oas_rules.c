/* test_oas_rules.c - OpenAPI structure and semantic rules: each one broken (with its position) and kept. */
#include "harness.h"

#include "util/buf.h"

#include <stdlib.h>

#define HEAD "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"

/* A diagnostic with `code` at line:col, else a failure that lists what was found. */
static void expect_at(int src_line, const char *text, const char *code, uint32_t line, uint32_t col)
{
    oasv_doc *doc = load_text(text);
    bool found = false;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (strcmp(d->code, code) == 0 && d->span.line == line && d->span.column == col) found = true;
    }
    test_checks++;
    if (!found) {
        char m[256];
        snprintf(m, sizeof m, "expected %s at %u:%u", code, line, col);
        test_fail(__FILE__, src_line, m);
        print_diags(doc);
    }
    oasv_doc_free(doc);
}

static void expect_none(int src_line, const char *text, const char *code)
{
    oasv_doc *doc = load_text(text);
    test_checks++;
    if (find_diag(doc, code)) {
        char m[256];
        snprintf(m, sizeof m, "unexpected %s", code);
        test_fail(__FILE__, src_line, m);
        print_diags(doc);
    }
    oasv_doc_free(doc);
}

#define EXPECT(text, code, line, col) expect_at(__LINE__, text, code, line, col)
#define NONE(text, code) expect_none(__LINE__, text, code)

static const char *ok_path =
    HEAD "paths:\n"
    "  /pets/{id}:\n"
    "    parameters:\n"
    "      - {name: id, in: path, required: true, schema: {type: string}}\n"
    "    get:\n"
    "      operationId: getPet\n"
    "      responses:\n"
    "        '200': {description: ok}\n";

TEST(valid_documents_have_no_errors)
{
    oasv_doc *doc = load_text(ok_path);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 0);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_WARNING), 0);
    if (oasv_doc_diag_count(doc)) print_diags(doc);
    oasv_doc_free(doc);
    /* Boolean schemas are Schema Objects. */
    NONE(HEAD "components:\n  schemas:\n    Any: true\n    Never: false\n", "invalid-type");
}

TEST(unknown_fields_with_suggestions)
{
    const char *t = HEAD "paths:\n  /a:\n    get:\n      requestbody: {}\n";
    EXPECT(t, "unknown-field", 6, 7);
    oasv_doc *doc = load_text(t);
    CHECK_STR(find_diag(doc, "unknown-field")->message, "unknown field `requestbody`: did you mean `requestBody`?");
    CHECK_STR(find_diag(doc, "unknown-field")->pointer, "/paths/~1a/get/requestbody");
    oasv_doc_free(doc);
    NONE(HEAD "paths:\n  /a:\n    get:\n      x-requestbody: {}\n", "unknown-field");
    EXPECT(HEAD "components: {}\noverlays: {}\n", "unknown-field", 4, 1);
}

TEST(types_and_required_fields)
{
    EXPECT(HEAD "paths: {}\nservers:\n  url: /v1\n", "invalid-type", 5, 3);
    EXPECT("openapi: 3.1.0\ninfo:\n  title: t\ncomponents: {}\n", "missing-field", 2, 1);
    NONE(HEAD "components: {}\n", "missing-field");
    EXPECT(HEAD, "missing-field", 1, 1); /* no paths, components or webhooks */
    EXPECT(HEAD "components:\n  schemas:\n    bad: 0\n", "invalid-type", 5, 10);
    EXPECT(HEAD "components:\n  responses:\n    R: {}\n", "missing-field", 5, 5);
}

TEST(mutually_exclusive_fields)
{
    EXPECT(HEAD "components: {}\n" "x: 1\n", "unknown-field", 4, 1);
    const char *license = "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\n  license:\n    name: Apache 2.0\n    identifier: Apache-2.0\n    url: https://x\ncomponents: {}\n";
    EXPECT(license, "mutually-exclusive", 5, 3);
    oasv_doc *doc = load_text(license);
    CHECK_STR(find_diag(doc, "mutually-exclusive")->pointer, "/info/license");
    oasv_doc_free(doc);
    NONE("openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\n  license: {name: MIT, identifier: MIT}\ncomponents: {}\n", "mutually-exclusive");
    EXPECT(HEAD "components:\n  parameters:\n    p: {name: p, in: query, schema: {}, example: 1, examples: {}}\n", "mutually-exclusive", 5, 5);
    EXPECT(HEAD "components:\n  parameters:\n    p: {name: p, in: query, schema: {}, content: {a/b: {}}}\n", "mutually-exclusive", 5, 5);
    EXPECT(HEAD "components:\n  parameters:\n    p: {name: p, in: query}\n", "missing-field", 5, 5);
    EXPECT(HEAD "components:\n  examples:\n    e: {value: 1, externalValue: x}\n", "mutually-exclusive", 5, 5);
    EXPECT(HEAD "components:\n  links:\n    l: {operationId: a, operationRef: b}\n", "mutually-exclusive", 5, 5);
    NONE(HEAD "components:\n  links:\n    l: {operationId: a}\n", "mutually-exclusive");
}

TEST(parameter_and_header_rules)
{
    EXPECT(HEAD "components:\n  parameters:\n    p: {name: p, in: body, schema: {}}\n", "invalid-value", 5, 22);
    EXPECT(HEAD "components:\n  parameters:\n    p: {name: p, in: header, allowReserved: true, schema: {}}\n", "invalid-value", 5, 30);
    NONE(HEAD "components:\n  parameters:\n    p: {name: p, in: query, allowReserved: true, schema: {}}\n", "invalid-value");
    EXPECT(HEAD "components:\n  headers:\n    h: {schema: {}, allowReserved: true}\n", "unknown-field", 5, 21);
    EXPECT(HEAD "components:\n  parameters:\n    p: {name: p, in: path, schema: {}}\n", "path-param-required", 5, 5);
    NONE(HEAD "components:\n  parameters:\n    p: {name: p, in: path, required: true, schema: {}}\n", "path-param-required");
    EXPECT(HEAD "components:\n  parameters:\n    p: {name: p, in: cookie, style: cookie, schema: {}}\n", "invalid-value", 5, 37);
}

TEST(responses_and_paths)
{
    EXPECT(HEAD "paths:\n  /a:\n    get:\n      responses: {}\n", "responses-empty", 6, 7);
    EXPECT(HEAD "paths:\n  /a:\n    get:\n      responses: {x-a: 1}\n", "responses-empty", 6, 7);
    EXPECT(HEAD "paths:\n  /a:\n    get:\n      responses:\n        2xx: {description: d}\n", "response-code", 7, 9);
    EXPECT(HEAD "paths:\n  /a:\n    get:\n      responses:\n        '600': {description: d}\n", "response-code", 7, 9);
    NONE(HEAD "paths:\n  /a:\n    get:\n      responses:\n        '200': {description: d}\n        2XX: {description: d}\n        default: {description: d}\n", "response-code");
    EXPECT(HEAD "paths:\n  a: {}\n", "path-key", 4, 3);
    EXPECT(HEAD "components:\n  schemas:\n    'a b': {}\n", "component-name", 5, 5);
    NONE(HEAD "components:\n  schemas:\n    a.b_c-D: {}\n", "component-name");
}

TEST(path_template_parameters)
{
    NONE(ok_path, "path-param-undeclared");
    NONE(ok_path, "path-param-not-in-path");
    /* Declared in neither the Path Item nor the operation. */
    EXPECT(HEAD "paths:\n  /pets/{id}:\n    get: {}\n", "path-param-undeclared", 5, 5);
    /* Declared on one operation only: the other one reports. */
    const char *half = HEAD "paths:\n  /pets/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {}}]\n    put: {}\n";
    EXPECT(half, "path-param-undeclared", 7, 5);
    /* A path parameter the template lacks. */
    EXPECT(HEAD "paths:\n  /pets:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, schema: {}}\n", "path-param-not-in-path", 7, 11);
    /* Empty Path Items need no parameters (OAS 3.1.1 4.8.8.2). */
    NONE(HEAD "paths:\n  /{var}: {}\n", "path-param-undeclared");
    /* Through a Path Item $ref. */
    EXPECT(HEAD "paths:\n  /a/{x}: {$ref: '#/components/pathItems/P'}\ncomponents:\n  pathItems:\n    P: {get: {}}\n", "path-param-undeclared", 7, 9);
}

TEST(parameters_unique)
{
    const char *dup = HEAD "paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {}}\n        - {name: q, in: query, schema: {}}\n";
    EXPECT(dup, "parameter-unique", 8, 11);
    NONE(HEAD "paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {}}\n        - {name: q, in: header, schema: {}}\n", "parameter-unique");
}

TEST(operation_ids_unique_across_paths_webhooks_callbacks)
{
    const char *t = HEAD "paths:\n  /a:\n    get: {operationId: same}\nwebhooks:\n  hook:\n    post: {operationId: same}\n";
    EXPECT(t, "operation-id-unique", 8, 25);
    const char *cb = HEAD "paths:\n  /a:\n    get:\n      operationId: x\n      callbacks:\n        c:\n          '{$request.body#/u}':\n            post: {operationId: x}\n";
    EXPECT(cb, "operation-id-unique", 10, 33);
    NONE(HEAD "paths:\n  /a:\n    get: {operationId: one}\nwebhooks:\n  hook:\n    post: {operationId: two}\n", "operation-id-unique");
}

TEST(equivalent_paths)
{
    EXPECT(HEAD "paths:\n  /a/{x}: {}\n  /a/{y}: {}\n", "path-equivalent", 5, 3);
    NONE(HEAD "paths:\n  /a/{x}: {}\n  /a/b: {}\n", "path-equivalent");
}

TEST(security_requirements)
{
    const char *t = HEAD "paths: {}\nsecurity:\n  - nope: []\n  - key: [admin]\n  - oauth: [read, write]\n"
                    "components:\n  securitySchemes:\n    key: {type: apiKey, name: k, in: header}\n"
                    "    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: /t, scopes: {read: r}}}}\n";
    EXPECT(t, "security-scheme-undefined", 5, 5);
    EXPECT(t, "security-scope-undefined", 7, 19);
    NONE(t, "invalid-value"); /* role names for non-OAuth schemes are allowed in 3.1 */
    EXPECT(HEAD "components:\n  securitySchemes:\n    s: {type: apiKey, name: k, in: header, flows: {}}\n", "invalid-value", 5, 44);
    EXPECT(HEAD "components:\n  securitySchemes:\n    s: {type: http}\n", "missing-field", 5, 5);
}

TEST(server_variables)
{
    const char *t = HEAD "components: {}\nservers:\n  - url: https://{host}/{base}\n    variables:\n"
                    "      host: {default: a, enum: [b, c]}\n      other: {default: x}\n";
    EXPECT(t, "server-variable-default-enum", 7, 23);
    EXPECT(t, "server-variable-unused", 8, 7);
    EXPECT(t, "server-variable-undefined", 5, 10);
    NONE(HEAD "components: {}\nservers:\n  - url: https://{host}\n    variables:\n      host: {default: a, enum: [a]}\n", "server-variable-default-enum");
    EXPECT(HEAD "components: {}\nservers:\n  - url: /\n    variables:\n      v: {default: a, enum: []}\n", "invalid-value", 7, 29);
}

TEST(discriminators)
{
    const char *t = HEAD "components:\n  schemas:\n    Pet:\n      properties: {kind: {type: string}}\n"
                    "      discriminator:\n        propertyName: kind\n        mapping: {cat: Cat, dog: '#/components/schemas/Dog', fish: Fish}\n"
                    "    Cat: {}\n    Dog: {}\n";
    EXPECT(t, "discriminator-mapping", 9, 68);
    NONE(HEAD "components:\n  schemas:\n    Pet:\n      properties: {kind: {}}\n      discriminator: {propertyName: kind, mapping: {c: Cat}}\n    Cat: {}\n",
         "discriminator-mapping");
    EXPECT(HEAD "components:\n  schemas:\n    Pet:\n      discriminator: {propertyName: kind}\n", "discriminator-property", 6, 37);
    NONE(HEAD "components:\n  schemas:\n    Pet:\n      oneOf: [{properties: {kind: {}}}]\n      discriminator: {propertyName: kind}\n", "discriminator-property");
}

TEST(openapi_30_habits)
{
    EXPECT(HEAD "components:\n  schemas:\n    A: {type: string, nullable: true}\n", "oas30-nullable", 5, 23);
    EXPECT(HEAD "components:\n  schemas:\n    A: {type: number, minimum: 0, exclusiveMinimum: true}\n", "oas30-exclusive-bound", 5, 53);
    NONE(HEAD "components:\n  schemas:\n    A: {type: number, exclusiveMinimum: 0}\n", "oas30-exclusive-bound");
    EXPECT(HEAD "components: {}\nx-webhooks: {}\n", "oas30-x-webhooks", 4, 1);
    EXPECT(HEAD "components:\n  schemas:\n    A: {properties: {a: {required: true}}}\n", "schema-keyword-type", 5, 36);
    EXPECT(HEAD "components:\n  schemas:\n    A: {type: strng}\n", "schema-keyword-type", 5, 15);
    NONE(HEAD "components:\n  schemas:\n    A: {type: [string, 'null'], myKeyword: 1}\n", "schema-keyword-type");
}

TEST(tags)
{
    const char *t = HEAD "tags: [{name: a}, {name: a}]\npaths:\n  /x:\n    get: {tags: [a, b]}\n";
    EXPECT(t, "tag-duplicate", 3, 26);
    EXPECT(t, "tag-undeclared", 6, 21);
    oasv_doc *doc = load_text(t);
    CHECK_EQ(find_diag(doc, "tag-undeclared")->severity, OASV_SEVERITY_INFO);
    oasv_doc_free(doc);
    NONE(HEAD "tags: [{name: a}]\npaths:\n  /x:\n    get: {tags: [a]}\n", "tag-undeclared");
}

TEST(unused_components)
{
    const char *t = HEAD "paths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Used'}\n"
                    "components:\n  responses:\n    Used: {description: d}\n    Unused: {description: d}\n";
    EXPECT(t, "component-unused", 11, 5);
    oasv_doc *doc = load_text(t);
    CHECK_EQ(find_diag(doc, "component-unused")->severity, OASV_SEVERITY_HINT);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_HINT), 1);
    oasv_doc_free(doc);
}

TEST(references)
{
    EXPECT(HEAD "components:\n  schemas:\n    A: {$ref: '#/components/schemas/Nope'}\n", "ref-not-found", 5, 15);
    NONE(HEAD "components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {}\n", "ref-not-found");
    EXPECT(HEAD "components:\n  schemas:\n    A: {$ref: 'other.yaml#/X'}\n", "ref-external", 5, 15);
    EXPECT(HEAD "paths:\n  /a: {$ref: '#/paths/~1b'}\n  /b: {$ref: '#/paths/~1a'}\n", "ref-cycle", 4, 14);
    EXPECT(HEAD "components:\n  parameters:\n    p: {$ref: '#/components/parameters/q', name: x}\n    q: {name: q, in: query, schema: {}}\n",
           "ref-sibling-ignored", 5, 44);
    EXPECT(HEAD "paths:\n  /a/{b}: {get: {}}\n  /c: {$ref: '#/paths/~1a~1%zz'}\n", "ref-invalid", 5, 14);
    NONE(HEAD "paths:\n  /a/{b}: {}\n  /c: {$ref: '#/paths/~1a~1{b}'}\n  /d: {$ref: '#/paths/~1a~1%7Bb%7D'}\n", "ref-not-found");
}

TEST(long_reference_chains_end_in_a_diagnostic)
{
    oasv_buf b = { 0 };
    oasv_buf_puts(&b, "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"components\":{\"schemas\":{");
    for (int i = 0; i < 10000; i++) oasv_buf_printf(&b, "\"S%d\":{\"$ref\":\"#/components/schemas/S%d\"},", i, i + 1);
    oasv_buf_puts(&b, "\"S10000\":{}}}}");
    oasv_doc *doc = load_text(b.data);
    CHECK(find_diag(doc, "ref-chain-too-long") != NULL);
    CHECK(!oasv_doc_valid(doc));
    CHECK(oasv_doc_diag_count(doc) <= 200); /* one pathological chain, not 10,000 lines */
    oasv_doc_free(doc);
    oasv_buf_free(&b);
}

TEST(rule_configuration)
{
    char err[256];
    oasv_rules *rules = oasv_rules_new("{\"rules\": {\"tag-undeclared\": \"error\", \"component-unused\": \"off\"}}", 66, NULL, err, sizeof err);
    CHECK(rules != NULL);
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.rules = rules;
    const char *t = HEAD "paths:\n  /x:\n    get: {tags: [b]}\ncomponents:\n  schemas:\n    Unused: {}\n";
    oasv_doc *doc = load_with(t, strlen(t), &o);
    CHECK_EQ(find_diag(doc, "tag-undeclared")->severity, OASV_SEVERITY_ERROR);
    CHECK(find_diag(doc, "component-unused") == NULL);
    CHECK(!oasv_doc_valid(doc));
    oasv_doc_free(doc);
    oasv_rules_free(rules);

    CHECK(oasv_rules_new("{\"rules\": {\"tag-undeclard\": \"off\"}}", 35, NULL, err, sizeof err) == NULL);
    CHECK_STR(err, "unknown rule id \"tag-undeclard\": did you mean \"tag-undeclared\"?");
    CHECK(oasv_rules_new("{\"rules\": {\"tag-undeclared\": \"loud\"}}", 37, NULL, err, sizeof err) == NULL);
    CHECK(oasv_rules_new("not json", 8, NULL, err, sizeof err) == NULL);

    /* OASV_LOAD_NO_VALIDATE: the loader only. */
    o.rules = NULL;
    o.flags = OASV_LOAD_NO_VALIDATE;
    const char *bad = HEAD "paths:\n  /a:\n    get:\n      requestbody: {}\n";
    doc = load_with(bad, strlen(bad), &o);
    CHECK_EQ(oasv_doc_diag_count(doc), 0);
    oasv_doc_free(doc);
}
