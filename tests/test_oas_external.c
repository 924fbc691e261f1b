/*
 * test_oas_external.c - objects in other documents (read through the host's
 * resolver) are validated as if they were written inline: the same rules, the
 * object type the referring place gives, diagnostics in that document (its
 * URI, pointer, line and column), and semantic rules across documents.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* MARK: - Documents by URI */

typedef struct file {
    const char *uri, *text;
} file;

static const char *serve(void *ctx, const char *uri, size_t *len, const char **error)
{
    (void)error;
    for (const file *f = ctx; f->uri; f++)
        if (strcmp(f->uri, uri) == 0) { *len = strlen(f->text); return f->text; }
    return NULL;
}

static oasv_doc *load_files(const file *files)
{
    oasv_resolver resolver = { serve, (void *)(files + 1) }; /* files[0] is the main document */
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.filename = files[0].uri;
    o.resolver = &resolver; /* only read while loading: validation runs inside oasv_load() */
    return load_with(files[0].text, strlen(files[0].text), &o);
}

/* The first diagnostic with this code about the document `uri` (NULL: the main one). */
static const oasv_diag *diag_in(const oasv_doc *doc, const char *code, const char *uri)
{
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (strcmp(d->code, code) != 0) continue;
        if (uri ? d->uri && strcmp(d->uri, uri) == 0 : !d->uri) return d;
    }
    return NULL;
}

static const char main_doc[] =
    "openapi: 3.1.0\n"
    "info: {title: Pets, version: '1'}\n"
    "paths:\n"
    "  /pets:\n"
    "    $ref: 'paths/pets.yaml'\n"
    "  /pets/{id}:\n"
    "    $ref: 'paths/pet.yaml'\n"
    "components:\n"
    "  schemas:\n"
    "    Owner:\n"
    "      type: object\n"
    "      properties:\n"
    "        pets: {type: array, items: {$ref: 'schemas.yaml#/Pet'}}\n"
    "  securitySchemes:\n"
    "    key: {type: apiKey, name: X-Key, in: header}\n";

static const char pets_ok[] =
    "get:\n"
    "  operationId: listPets\n"
    "  security: [{key: []}]\n"
    "  responses:\n"
    "    '200':\n"
    "      description: the pets\n"
    "      content:\n"
    "        application/json:\n"
    "          schema: {type: array, items: {$ref: '../schemas.yaml#/Pet'}}\n";

static const char pet_ok[] =
    "parameters:\n"
    "  - {name: id, in: path, required: true, schema: {type: string}}\n"
    "get:\n"
    "  operationId: getPet\n"
    "  responses:\n"
    "    '200':\n"
    "      description: a pet\n"
    "      content:\n"
    "        application/json:\n"
    "          schema: {$ref: '../schemas.yaml#/Pet'}\n";

/* Recursive across documents: Pet -> Owner (main document) -> Pet. */
static const char schemas_ok[] =
    "Pet:\n"
    "  type: object\n"
    "  required: [name]\n"
    "  properties:\n"
    "    name: {type: string}\n"
    "    owner: {$ref: 'openapi.yaml#/components/schemas/Owner'}\n"
    "    parent: {$ref: '#/Pet'}\n";

TEST(a_valid_spec_in_several_files_has_no_findings)
{
    const file files[] = { { "api/openapi.yaml", main_doc }, { "api/paths/pets.yaml", pets_ok }, { "api/paths/pet.yaml", pet_ok },
                           { "api/schemas.yaml", schemas_ok }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    if (oasv_doc_diag_count(doc)) print_diags(doc);
    CHECK(oasv_doc_valid(doc));
    /* Not even a hint: `key` is used by an operation in another document, `Owner` by a schema there. */
    CHECK_EQ(oasv_doc_diag_count(doc), 0);
    oasv_doc_free(doc);
}

TEST(an_error_in_another_document_is_reported_there)
{
    /* Objects of each type the referring place gives: a Path Item (and its Parameter, Operation, Response), a Schema. */
    const char *pet =
        "parameters:\n"
        "  - {name: id, in: path, schema: {type: string}}\n"
        "get:\n"
        "  operationId: getPet\n"
        "  responses:\n"
        "    '200':\n"
        "      descripton: a pet\n";
    const char *schemas =
        "Pet:\n"
        "  type: object\n"
        "  properties:\n"
        "    name: {type: strin}\n";
    const file files[] = { { "api/openapi.yaml", main_doc }, { "api/paths/pets.yaml", pets_ok }, { "api/paths/pet.yaml", pet },
                           { "api/schemas.yaml", schemas }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    CHECK(!oasv_doc_valid(doc));

    const oasv_diag *d = diag_in(doc, "unknown-field", "api/paths/pet.yaml");
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->pointer, "/get/responses/200/descripton");
        CHECK_EQ(d->span.line, 7);
        CHECK_EQ(d->span.column, 7);
        CHECK_EQ(d->span.end_column, 17);
        CHECK(strstr(d->message, "did you mean `description`?"));
    }
    d = diag_in(doc, "missing-field", "api/paths/pet.yaml"); /* a Response Object needs `description` */
    CHECK(d && strcmp(d->pointer, "/get/responses/200") == 0 && d->span.line == 6 && d->span.column == 5);
    d = diag_in(doc, "path-param-required", "api/paths/pet.yaml");
    CHECK(d && strcmp(d->pointer, "/parameters/0") == 0 && d->span.line == 2 && d->span.column == 5);
    d = diag_in(doc, "schema-keyword-type", "api/schemas.yaml");
    CHECK(d && strcmp(d->pointer, "/Pet/properties/name/type") == 0 && d->span.line == 4 && d->span.column == 18);
    /* Nothing of it is said about the main document, and nothing twice. */
    CHECK(diag_in(doc, "unknown-field", NULL) == NULL);
    CHECK(diag_in(doc, "schema-keyword-type", NULL) == NULL);
    CHECK(diag_in(doc, "schema-dialect", "api/schemas.yaml") == NULL); /* the structure walk said it already */
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 4);
    oasv_doc_free(doc);
}

TEST(the_referring_place_gives_the_object_type)
{
    /* A Parameter used as a Response: checked as what the place that refers to it says it is. */
    const char *root =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      parameters: [{$ref: 'common.yaml#/Limit'}]\n"
        "      responses:\n"
        "        '200': {$ref: 'common.yaml#/Page'}\n";
    const char *common =
        "Limit: {name: limit, in: query, schema: {type: integer}}\n"
        "Page: {name: page, in: query, schema: {type: integer}}\n";
    const file files[] = { { "openapi.yaml", root }, { "common.yaml", common }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    /* As a Response it lacks `description` and has fields a Response has not; the Parameter is fine. */
    const oasv_diag *d = diag_in(doc, "missing-field", "common.yaml");
    CHECK(d && strstr(d->message, "Response Object") && strcmp(d->pointer, "/Page") == 0 && d->span.line == 2 && d->span.column == 1);
    d = diag_in(doc, "unknown-field", "common.yaml");
    CHECK(d && strcmp(d->pointer, "/Page/name") == 0 && d->span.line == 2 && d->span.column == 8);
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) CHECK(strncmp(oasv_doc_diag(doc, i)->pointer, "/Page", 5) == 0);
    oasv_doc_free(doc);
}

TEST(operation_ids_are_unique_across_documents)
{
    const char *pet =
        "get:\n"
        "  operationId: listPets\n"
        "  parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n"
        "  responses: {'200': {description: a pet}}\n";
    const file files[] = { { "api/openapi.yaml", main_doc }, { "api/paths/pets.yaml", pets_ok }, { "api/paths/pet.yaml", pet },
                           { "api/schemas.yaml", schemas_ok }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    const oasv_diag *d = diag_in(doc, "operation-id-unique", "api/paths/pet.yaml");
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->pointer, "/get/operationId");
        CHECK_EQ(d->span.line, 2);
        CHECK_EQ(d->span.column, 16);
        CHECK(strstr(d->message, "in `api/paths/pets.yaml` at line 2"));
    }
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 1);
    oasv_doc_free(doc);

    /* The same with the first one in the main document. */
    const char *root =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    get: {operationId: same, responses: {'200': {description: ok}}}\n"
        "webhooks:\n"
        "  hook: {$ref: 'hooks.yaml#/hook'}\n";
    const char *hooks = "hook:\n  post: {operationId: same, responses: {'200': {description: ok}}}\n";
    const file files2[] = { { "openapi.yaml", root }, { "hooks.yaml", hooks }, { NULL, NULL } };
    doc = load_files(files2);
    d = diag_in(doc, "operation-id-unique", "hooks.yaml");
    CHECK(d && d->span.line == 2 && d->span.column == 23 && strstr(d->message, "in `openapi.yaml` at line 5"));
    oasv_doc_free(doc);
}

TEST(path_parameters_are_checked_across_documents)
{
    /* The template is in the main document, the operation in another: the missing parameter is said at the operation. */
    const char *pet = "get:\n  responses: {'200': {description: a pet}}\n";
    const file files[] = { { "api/openapi.yaml", main_doc }, { "api/paths/pets.yaml", pets_ok }, { "api/paths/pet.yaml", pet },
                           { "api/schemas.yaml", schemas_ok }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    const oasv_diag *d = diag_in(doc, "path-param-undeclared", "api/paths/pet.yaml");
    CHECK(d && strcmp(d->pointer, "/get") == 0 && d->span.line == 1 && d->span.column == 1 && strstr(d->message, "`{id}`"));
    oasv_doc_free(doc);
}

TEST(security_requirements_in_other_documents_name_the_main_schemes)
{
    const char *pets =
        "get:\n"
        "  security: [{nokey: []}]\n"
        "  responses: {'200': {description: ok}}\n";
    const file files[] = { { "api/openapi.yaml", main_doc }, { "api/paths/pets.yaml", pets }, { "api/paths/pet.yaml", pet_ok },
                           { "api/schemas.yaml", schemas_ok }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    const oasv_diag *d = diag_in(doc, "security-scheme-undefined", "api/paths/pets.yaml");
    CHECK(d && d->span.line == 2 && d->span.column == 15);
    CHECK(diag_in(doc, "component-unused", NULL) != NULL); /* `key` is used nowhere now */
    oasv_doc_free(doc);
}

TEST(cycles_across_documents_end)
{
    /* Path Items that refer to each other across two documents; schemas recursive across them (fine). */
    const char *root =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /loop: {$ref: 'other.yaml#/loop'}\n"
        "  /tree:\n"
        "    get:\n"
        "      responses:\n"
        "        '200':\n"
        "          description: a tree\n"
        "          content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}\n"
        "components:\n"
        "  schemas:\n"
        "    Node: {type: object, properties: {children: {type: array, items: {$ref: 'other.yaml#/Branch'}}}}\n";
    const char *other =
        "loop: {$ref: 'openapi.yaml#/paths/~1loop'}\n"
        "Branch: {type: object, properties: {node: {$ref: 'openapi.yaml#/components/schemas/Node'}, self: {$ref: '#/Branch'}}}\n";
    const file files[] = { { "openapi.yaml", root }, { "other.yaml", other }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    const oasv_diag *d = diag_in(doc, "ref-cycle", NULL);
    CHECK(d && strcmp(d->pointer, "/paths/~1loop/$ref") == 0 && d->span.line == 4);
    d = diag_in(doc, "ref-cycle", "other.yaml"); /* the other half of the cycle, said where it is written */
    CHECK(d && strcmp(d->pointer, "/loop/$ref") == 0 && d->span.line == 1 && d->span.column == 14);
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) CHECK(strcmp(oasv_doc_diag(doc, i)->code, "ref-cycle") == 0);
    oasv_doc_free(doc);

    /* Objects (not only references) that lead back and forth: each is walked once per document. */
    const char *a =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      responses: {'200': {$ref: 'b.yaml#/ok'}}\n"
        "      callbacks: {cb: {$ref: 'b.yaml#/cb'}}\n";
    const char *b =
        "ok: {description: ok, links: {self: {operationRef: 'a.yaml#/paths/~1a/get'}}}\n"
        "cb:\n"
        "  '{$request.body#/url}':\n"
        "    post: {responses: {'200': {$ref: '#/ok'}}, callbacks: {again: {$ref: '#/cb'}}}\n";
    const file files2[] = { { "a.yaml", a }, { "b.yaml", b }, { NULL, NULL } };
    doc = load_files(files2);
    if (oasv_doc_diag_count(doc)) print_diags(doc);
    CHECK_EQ(oasv_doc_diag_count(doc), 0);
    oasv_doc_free(doc);
}

/* d0.yaml -> d1.yaml -> ... each a schema whose property is the next document: more than OASV_MAX_EXTERNAL_DOCS. */
static const char *chain(void *ctx, const char *uri, size_t *len, const char **error)
{
    (void)ctx;
    (void)error;
    static char text[128];
    int n = atoi(uri + 1);
    snprintf(text, sizeof text, "type: object\nproperties:\n  next: {$ref: 'd%d.yaml'}\n  bad: {type: 7}\n", n + 1);
    *len = strlen(text);
    return text;
}

TEST(documents_stay_bounded_when_validated)
{
    const char *root =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "components:\n"
        "  schemas:\n"
        "    Start: {$ref: 'd1.yaml'}\n";
    oasv_resolver resolver = { chain, NULL };
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.filename = "d0.yaml";
    o.resolver = &resolver;
    oasv_doc *doc = load_with(root, strlen(root), &o);
    /* Each document read is validated (one `bad` type each), and the one past the limit is an error. */
    size_t bad = 0, unreadable = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (strcmp(d->code, "schema-keyword-type") == 0 && d->uri && d->span.line == 4) bad++;
        if (strcmp(d->code, "ref-external-unreadable") == 0) unreadable++;
    }
    CHECK_EQ(bad, 64);
    CHECK(unreadable >= 1);
    oasv_doc_free(doc);
}

TEST(what_the_loader_finds_in_another_document_is_said_there)
{
    const char *schemas =
        "Pet:\n"
        "  type: object\n"
        "  type: object\n"
        "  properties:\n"
        "    name: {type: string}\n";
    const file files[] = { { "api/openapi.yaml", main_doc }, { "api/paths/pets.yaml", pets_ok }, { "api/paths/pet.yaml", pet_ok },
                           { "api/schemas.yaml", schemas }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    const oasv_diag *d = diag_in(doc, "duplicate-key", "api/schemas.yaml");
    CHECK(d && strcmp(d->pointer, "/Pet/type") == 0 && d->span.line == 3 && d->span.column == 3);
    /* A fragment is not an OpenAPI document: no `missing-openapi` for it. */
    CHECK(find_diag(doc, "missing-openapi") == NULL);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 1);
    oasv_doc_free(doc);
}

TEST(examples_and_defaults_are_checked_in_every_document)
{
    /* A main-document example against a schema of another document; an example, an `examples` entry used by
     * reference from a third document, and a default, all written in other documents. */
    const char *root =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /pets:\n"
        "    get:\n"
        "      responses:\n"
        "        '200':\n"
        "          description: ok\n"
        "          content:\n"
        "            application/json:\n"
        "              schema: {$ref: 'schemas.yaml#/Pet'}\n"
        "              example: {name: 12}\n"
        "        '201': {$ref: 'schemas.yaml#/Created'}\n";
    const char *schemas =
        "Pet:\n"
        "  type: object\n"
        "  properties:\n"
        "    name: {type: string}\n"
        "    tag: {$ref: '#/Tag'}\n"
        "Tag:\n"
        "  type: string\n"
        "  default: 5\n"
        "Created:\n"
        "  description: created\n"
        "  content:\n"
        "    application/json:\n"
        "      schema: {$ref: '#/Pet'}\n"
        "      example: {name: false}\n"
        "    application/vnd.pet+json:\n"
        "      schema: {$ref: '#/Pet'}\n"
        "      examples:\n"
        "        good: {value: {name: rex}}\n"
        "        shared: {$ref: 'examples.yaml#/Bad'}\n";
    const char *examples =
        "Bad:\n"
        "  summary: a pet with a numeric tag\n"
        "  value: {name: rex, tag: 7}\n";
    const file files[] = { { "openapi.yaml", root }, { "schemas.yaml", schemas }, { "examples.yaml", examples }, { NULL, NULL } };
    oasv_doc *doc = load_files(files);
    if (!oasv_doc_valid(doc)) print_diags(doc);
    CHECK(oasv_doc_valid(doc)); /* warnings only */
    const oasv_diag *d = diag_in(doc, "example-invalid", NULL);
    CHECK(d && strcmp(d->pointer, "/paths/~1pets/get/responses/200/content/application~1json/example/name") == 0 &&
          d->span.line == 12 && d->span.column == 31);
    d = diag_in(doc, "default-invalid", "schemas.yaml");
    CHECK(d && strcmp(d->pointer, "/Tag/default") == 0 && d->span.line == 8 && d->span.column == 12);
    size_t in_schemas = 0, in_examples = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        d = oasv_doc_diag(doc, i);
        if (strcmp(d->code, "example-invalid") != 0 || !d->uri) continue;
        if (strcmp(d->uri, "schemas.yaml") == 0) {
            in_schemas++;
            CHECK_STR(d->pointer, "/Created/content/application~1json/example/name");
            CHECK(d->span.line == 14 && d->span.column == 23);
        } else if (strcmp(d->uri, "examples.yaml") == 0) {
            in_examples++;
            CHECK_STR(d->pointer, "/Bad/value/tag");
            CHECK(d->span.line == 3 && d->span.column == 27);
            CHECK(strstr(d->message, "the example `shared` (used at /Created/content/application~1vnd.pet+json/examples/shared)") != NULL);
        }
    }
    CHECK_EQ(in_schemas, 1);
    CHECK_EQ(in_examples, 1);
    CHECK_EQ(oasv_doc_diag_count(doc), 4);
    oasv_doc_free(doc);

    /* Valid values everywhere: nothing said. */
    const char *examples_ok = "Bad:\n  value: {name: rex, tag: seven}\n";
    const char *root_ok = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n"
                          "        '201': {$ref: 'schemas.yaml#/Created'}\n";
    char schemas_ok[1024];
    CHECK(strlen(schemas) < sizeof schemas_ok);
    memcpy(schemas_ok, schemas, strlen(schemas) + 1);
    memcpy(strstr(schemas_ok, "default: 5"), "default: x", 10);
    memcpy(strstr(schemas_ok, "name: false"), "name: 'nay'", 11);
    const file fine[] = { { "openapi.yaml", root_ok }, { "schemas.yaml", schemas_ok }, { "examples.yaml", examples_ok }, { NULL, NULL } };
    doc = load_files(fine);
    if (oasv_doc_diag_count(doc)) print_diags(doc);
    CHECK_EQ(oasv_doc_diag_count(doc), 0);
    oasv_doc_free(doc);
}
