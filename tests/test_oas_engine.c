/* test_oas_engine.c - the JSON Schema engine inside OpenAPI validation: Schema Objects against their
 * dialect, examples and defaults against their schemas (src/validate/oas/engine.c). */
#include "harness.h"

#define HEAD "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"

static size_t count_code(const oasv_doc *doc, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) n += strcmp(oasv_doc_diag(doc, i)->code, code) == 0;
    return n;
}

/* The only diagnostic with `code`: its pointer, line and column; fails (listing all) otherwise. */
static const oasv_diag *only(int src_line, oasv_doc *doc, const char *code, const char *pointer, uint32_t line, uint32_t col)
{
    const oasv_diag *d = find_diag(doc, code);
    test_checks++;
    if (!d || count_code(doc, code) != 1 || strcmp(d->pointer, pointer) != 0 || d->span.line != line || d->span.column != col) {
        char m[512];
        snprintf(m, sizeof m, "expected exactly one %s at %s (%u:%u)", code, pointer, line, col);
        test_fail(__FILE__, src_line, m);
        print_diags(doc);
        return NULL;
    }
    return d;
}
#define ONLY(doc, code, pointer, line, col) only(__LINE__, doc, code, pointer, line, col)

TEST(schema_object_checked_against_2020_12_meta_schema)
{
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    A:\n"
                                   "      type: object\n"
                                   "      properties:\n"
                                   "        b: {$anchor: 1bad}\n");
    const oasv_diag *d = ONLY(doc, "schema-dialect", "/components/schemas/A/properties/b/$anchor", 8, 22);
    if (d) {
        CHECK_EQ(d->severity, OASV_SEVERITY_ERROR);
        CHECK(d->schema_pointer && strstr(d->schema_pointer, "$anchor") != NULL);
        CHECK(strstr(d->message, "`$anchor`") != NULL);
    }
    CHECK(!oasv_doc_valid(doc));
    oasv_doc_free(doc);
}

TEST(structure_findings_are_not_repeated_by_the_meta_schema)
{
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    A: {type: integer, minimum: 0, exclusiveMinimum: true, minLength: -1, type2: x}\n"
                                   "    B: {type: strin}\n"
                                   "    C: {allOf: []}\n");
    CHECK_EQ(count_code(doc, "oas30-exclusive-bound"), 1);
    CHECK_EQ(count_code(doc, "schema-keyword-type"), 3);
    CHECK_EQ(count_code(doc, "schema-dialect"), 0);
    if (count_code(doc, "schema-dialect")) print_diags(doc);
    oasv_doc_free(doc);
}

TEST(boolean_schemas_are_schema_objects)
{
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    T: true\n"
                                   "    F: false\n"
                                   "    N: {not: true, items: false, properties: {a: true}}\n");
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 0);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_WARNING), 0);
    oasv_doc_free(doc);
}

TEST(json_schema_dialect_2020_12_makes_oas_keywords_annotations)
{
    const char *body = "components:\n"
                       "  schemas:\n"
                       "    A: {type: object, discriminator: 5, xml: [1], externalDocs: nope}\n";
    char text[512];
    snprintf(text, sizeof text, "%s%s", HEAD, body);
    oasv_doc *doc = load_text(text);
    CHECK(count_severity(doc, OASV_SEVERITY_ERROR) >= 3); /* the OAS dialect: all three are wrong */
    oasv_doc_free(doc);
    snprintf(text, sizeof text, "%sjsonSchemaDialect: https://json-schema.org/draft/2020-12/schema\n%s", HEAD, body);
    doc = load_text(text);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 0);
    oasv_doc_free(doc);
    /* the same through the Schema Object's own $schema */
    doc = load_text(HEAD "components:\n"
                         "  schemas:\n"
                         "    A: {$schema: 'https://json-schema.org/draft/2020-12/schema', discriminator: 5}\n");
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 0);
    oasv_doc_free(doc);
}

TEST(unknown_dialects_are_said_and_not_checked)
{
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    A:\n"
                                   "      $schema: 'http://json-schema.org/draft-07/schema#'\n"
                                   "      items: [{type: string}]\n"
                                   "      default: 5\n"
                                   "      exclusiveMinimum: true\n");
    const oasv_diag *d = ONLY(doc, "schema-dialect-unknown", "/components/schemas/A/$schema", 6, 16);
    if (d) CHECK_EQ(d->severity, OASV_SEVERITY_INFO);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 0);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_WARNING), 0);
    oasv_doc_free(doc);

    doc = load_text(HEAD "jsonSchemaDialect: 'https://example.com/my-dialect'\n"
                         "components:\n"
                         "  schemas:\n"
                         "    A: {items: [{type: string}]}\n");
    ONLY(doc, "schema-dialect-unknown", "/jsonSchemaDialect", 3, 20);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 0);
    oasv_doc_free(doc);
}

TEST(oas_dialect_uris_are_known)
{
    static const char *const uris[] = {
        "https://spec.openapis.org/oas/3.1/dialect/base", "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
        "https://spec.openapis.org/oas/3.1/dialect/WORK-IN-PROGRESS",
    };
    for (size_t i = 0; i < 3; i++) {
        char text[512];
        snprintf(text, sizeof text, "%sjsonSchemaDialect: '%s'\ncomponents:\n  schemas:\n    A: {$schema: '%s', xml: {name: 5}}\n", HEAD, uris[i], uris[i]);
        oasv_doc *doc = load_text(text);
        CHECK_EQ(count_code(doc, "schema-dialect-unknown"), 0);
        CHECK_EQ(count_code(doc, "invalid-type"), 1); /* xml.name is checked: the OAS dialect */
        oasv_doc_free(doc);
    }
}

static const char *examples_doc =
    HEAD "paths:\n"
    "  /pets:\n"
    "    get:\n"
    "      parameters:\n"
    "        - name: limit\n"
    "          in: query\n"
    "          schema: {type: integer, maximum: 100}\n"
    "          example: 500\n"
    "      responses:\n"
    "        '200':\n"
    "          description: ok\n"
    "          headers:\n"
    "            X-Rate: {schema: {type: integer}, examples: {a: {value: fast}}}\n"
    "          content:\n"
    "            application/json:\n"
    "              schema: {$ref: '#/components/schemas/Pet'}\n"
    "              examples:\n"
    "                good: {value: {name: Rex}}\n"
    "                bad: {$ref: '#/components/examples/NoName'}\n"
    "            application/xml:\n"
    "              schema: {$ref: '#/components/schemas/Pet'}\n"
    "              example: '<pet/>'\n"
    "components:\n"
    "  examples:\n"
    "    NoName: {value: {age: 2}}\n"
    "  schemas:\n"
    "    Pet:\n"
    "      type: object\n"
    "      required: [name]\n"
    "      properties:\n"
    "        name: {type: string, example: 7}\n"
    "        age: {type: integer, default: old, examples: [1, two]}\n"
    "        kind: {$ref: '#/components/schemas/Kind', default: cat}\n"
    "    Kind: {enum: [cat, dog]}\n";

TEST(examples_and_defaults_are_checked_against_their_schemas)
{
    oasv_doc *doc = load_text(examples_doc);
    CHECK(oasv_doc_valid(doc)); /* warnings only */
    CHECK_EQ(count_code(doc, "example-invalid"), 5);
    CHECK_EQ(count_code(doc, "default-invalid"), 1);
    bool param = false, header = false, component = false, nested = false, item = false, dflt = false;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (strcmp(d->code, "example-invalid") != 0 && strcmp(d->code, "default-invalid") != 0) continue;
        CHECK_EQ(d->severity, OASV_SEVERITY_WARNING);
        CHECK(d->schema_pointer != NULL);
        if (strcmp(d->pointer, "/paths/~1pets/get/parameters/0/example") == 0) {
            param = d->span.line == 10 && strstr(d->message, "at most 100") != NULL;
        } else if (strcmp(d->pointer, "/paths/~1pets/get/responses/200/headers/X-Rate/examples/a/value") == 0) {
            header = d->span.line == 15;
        } else if (strcmp(d->pointer, "/components/examples/NoName/value") == 0) {
            /* reported where the value is written, naming where it is used */
            component = d->span.line == 27 && strstr(d->message, "`NoName`") == NULL && strstr(d->message, "`bad`") != NULL &&
                        strstr(d->message, "/content/application~1json/examples/bad") != NULL && strstr(d->message, "\"name\"") != NULL;
        } else if (strcmp(d->pointer, "/components/schemas/Pet/properties/name/example") == 0) {
            nested = d->span.line == 33;
        } else if (strcmp(d->pointer, "/components/schemas/Pet/properties/age/examples/1") == 0) {
            item = d->span.line == 34;
        } else if (strcmp(d->pointer, "/components/schemas/Pet/properties/age/default") == 0) {
            dflt = strcmp(d->code, "default-invalid") == 0 && d->span.line == 34;
        } else {
            test_fail(__FILE__, __LINE__, d->pointer);
        }
    }
    CHECK(param);
    CHECK(header);
    CHECK(component);
    CHECK(nested);
    CHECK(item);
    CHECK(dflt);
    if (!(param && header && component && nested && item && dflt)) print_diags(doc);
    oasv_doc_free(doc);
}

TEST(example_rules_can_be_switched_off)
{
    const char *cfg = "{\"rules\": {\"example-invalid\": \"off\", \"default-invalid\": \"error\"}}";
    oasv_rules *rules = oasv_rules_new(cfg, strlen(cfg), NULL, NULL, 0);
    CHECK(rules != NULL);
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.rules = rules;
    oasv_doc *doc = load_with(examples_doc, strlen(examples_doc), &o);
    CHECK_EQ(count_code(doc, "example-invalid"), 0);
    CHECK_EQ(count_code(doc, "default-invalid"), 1);
    CHECK(!oasv_doc_valid(doc));
    oasv_doc_free(doc);
    oasv_rules_free(rules);
}

TEST(a_value_is_reported_once_per_place)
{
    /* the default fails `type` in both branches of if/then/else and `minItems`: one finding at the value */
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    A:\n"
                                   "      type: [string, 'null']\n"
                                   "      minItems: 1\n"
                                   "      default: []\n");
    ONLY(doc, "default-invalid", "/components/schemas/A/default", 8, 16);
    oasv_doc_free(doc);
}

TEST(broken_references_leave_examples_unconstrained)
{
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    A: {$ref: '#/components/schemas/Missing', example: 5}\n"
                                   "    B: {$ref: 'other.yaml#/Pet', example: 5}\n");
    CHECK_EQ(count_code(doc, "ref-not-found"), 1);
    CHECK_EQ(count_code(doc, "ref-external"), 1);
    CHECK_EQ(count_code(doc, "example-invalid"), 0);
    oasv_doc_free(doc);
}

TEST(patterns_the_engine_cannot_use_are_said)
{
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    A: {type: string, pattern: 'a(b', example: ab}\n");
    ONLY(doc, "schema-pattern-invalid", "/components/schemas/A/pattern", 5, 32);
    CHECK_EQ(count_code(doc, "example-invalid"), 0);
    oasv_doc_free(doc);
}

TEST(refs_into_the_document_resolve_for_examples)
{
    /* $anchor, $id-relative and recursive references inside the document */
    oasv_doc *doc = load_text(HEAD "components:\n"
                                   "  schemas:\n"
                                   "    Tree:\n"
                                   "      type: object\n"
                                   "      properties:\n"
                                   "        kids: {type: array, items: {$ref: '#/components/schemas/Tree'}}\n"
                                   "        leaf: {$ref: '#leaf'}\n"
                                   "      example: {kids: [{kids: [{leaf: 3}]}]}\n"
                                   "    Leaf: {$anchor: leaf, type: string}\n");
    const oasv_diag *d = ONLY(doc, "example-invalid", "/components/schemas/Tree/example/kids/0/kids/0/leaf", 10, 39);
    if (d) CHECK(strstr(d->schema_pointer, "/$ref/") != NULL);
    oasv_doc_free(doc);
}
