/*
 * test_oas_agreement.c - our structural verdict agrees with the official OAS 3.1
 * JSON Schema, `schema-base` (which also checks every Schema Object against the
 * OAS dialect through `$dynamicRef: "#meta"`), run through our own JSON Schema
 * engine, on every 3.1 document of the corpus.
 *
 * The official schemas are third-party files: they are read from the corpus at
 * test time, never committed. The OAI pass/fail suite is checked with the
 * `src-v3.1-dev` schemas (the WORK-IN-PROGRESS ids its documents use, as
 * upstream runs it); every other document with the published
 * schema-base/2025-11-23 (dialect and meta 2024-11-10).
 *
 * What is compared, per document:
 *   official = the document is valid against schema-base;
 *   ours     = oasv_load() reports no error whose code is schema-level, that
 *              is, every error code except those for what the schema cannot
 *              say: `$ref` resolution (ref-*), the semantic rules
 *              (path-param-undeclared, path-param-not-in-path,
 *              operation-id-unique, path-equivalent, parameter-unique,
 *              security-*, server-variable-*, discriminator-*, tag-*,
 *              component-unused) and the value checks (example-invalid,
 *              default-invalid); loader errors make both invalid anyway.
 * and official == ours must hold for every document. Known differences in
 * principle (no corpus document has them): schema-base demands that
 * `jsonSchemaDialect` and a Schema Object's `$schema` be the OAS dialect,
 * where we accept JSON Schema 2020-12 and say "not checked" (info) for other
 * dialects; and some of our invalid-value checks go beyond the schema (a path
 * parameter named with braces).
 */
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>

typedef struct official {
    oasv_schema *schema;
    char *texts[4];
} official;

static char *corpus_file(const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), rel);
    char *text = read_file(path, len);
    if (!text) {
        char m[4200];
        snprintf(m, sizeof m, "the corpus is missing %s: set OASVIEW_CORPUS to the shared/corpus folder", path);
        test_fail(__FILE__, __LINE__, m);
    }
    return text;
}

/* schema-base compiled with schema, dialect and meta as resources. */
static bool official_load(official *o, const char *dir, const char *const names[4], const char *const uris[3])
{
    memset(o, 0, sizeof *o);
    size_t lens[4];
    for (int i = 0; i < 4; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "%s/%s", dir, names[i]);
        o->texts[i] = corpus_file(rel, &lens[i]);
        if (!o->texts[i]) return false;
    }
    oasv_schema_resource res[3];
    for (int i = 0; i < 3; i++) res[i] = (oasv_schema_resource){ uris[i], o->texts[i + 1], lens[i + 1] };
    oasv_schema_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_SCHEMA_OPTIONS_VERSION;
    opts.resources = res;
    opts.resource_count = 3;
    CHECK_EQ(oasv_schema_compile(o->texts[0], lens[0], &opts, &o->schema), OASV_OK);
    CHECK(oasv_schema_ok(o->schema));
    if (o->schema && !oasv_schema_ok(o->schema)) {
        const char *json = oasv_schema_errors_json(o->schema, NULL);
        fprintf(stderr, "    %s\n", json ? json : "?");
    }
    return oasv_schema_ok(o->schema);
}

static void official_free(official *o)
{
    oasv_schema_free(o->schema);
    for (int i = 0; i < 4; i++) free(o->texts[i]);
}

static bool beyond_schema(const char *code)
{
    static const char *const prefixes[] = { "ref-", "security-", "server-variable-", "discriminator-", "tag-" };
    static const char *const codes[] = { "path-param-undeclared", "path-param-not-in-path", "operation-id-unique", "path-equivalent",
                                         "parameter-unique", "component-unused", "example-invalid", "default-invalid" };
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (strncmp(code, prefixes[i], strlen(prefixes[i])) == 0) return true;
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (strcmp(code, codes[i]) == 0) return true;
    return false;
}

static bool ours_valid(const oasv_doc *doc)
{
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (d->severity == OASV_SEVERITY_ERROR && !beyond_schema(d->code)) return false;
    }
    return true;
}

typedef struct tally {
    int documents, official_valid, ours_valid, disagreements;
} tally;

/* Every 3.1 .yaml/.json/.yml in corpus/<dir>; `expect`: -1 = no expectation, else the verdict both must give. */
static void compare_dir(const official *o, const char *dir, int expect, tally *t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), dir);
    DIR *d = opendir(path);
    test_checks++;
    if (!d) {
        test_fail(__FILE__, __LINE__, "the corpus is missing: set OASVIEW_CORPUS to the shared/corpus folder");
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        size_t len = strlen(name);
        if (len < 5 || !(strcmp(name + len - 5, ".yaml") == 0 || strcmp(name + len - 4, ".yml") == 0 || strcmp(name + len - 5, ".json") == 0)) continue;
        char file[8192];
        snprintf(file, sizeof file, "%s/%s", path, name);
        size_t n = 0;
        char *text = read_file(file, &n);
        if (!text) continue;
        oasv_options opts;
        memset(&opts, 0, sizeof opts);
        opts.abi_version = OASV_OPTIONS_VERSION;
        opts.filename = file;
        oasv_doc *doc = load_with(text, n, &opts);
        free(text);
        const char *v = oasv_doc_version(doc);
        if (!v || strncmp(v, "3.1", 3) != 0) { oasv_doc_free(doc); continue; }
        oasv_schema_result *r = NULL;
        CHECK_EQ(oasv_schema_validate_node(o->schema, doc, "", &r), OASV_OK);
        bool theirs = oasv_schema_result_valid(r), ours = ours_valid(doc);
        t->documents++;
        t->official_valid += theirs;
        t->ours_valid += ours;
        test_checks++;
        if (theirs != ours) {
            t->disagreements++;
            char m[8400];
            snprintf(m, sizeof m, "%s: schema-base says %s, oasview says %s", file, theirs ? "valid" : "invalid", ours ? "valid" : "invalid");
            test_fail(__FILE__, __LINE__, m);
            const char *json = oasv_schema_result_json(r, NULL);
            fprintf(stderr, "    schema-base: %.2000s\n", json ? json : "?");
            print_diags(doc);
        }
        if (expect >= 0) CHECK_EQ(theirs, expect);
        oasv_schema_result_free(r);
        oasv_doc_free(doc);
    }
    closedir(d);
}

TEST(schema_base_agrees_with_our_structural_verdict)
{
    static const char *const wip_names[4] = { "schema-base.yaml", "schema.yaml", "dialect.yaml", "meta.yaml" };
    static const char *const wip_uris[3] = { "https://spec.openapis.org/oas/3.1/schema/WORK-IN-PROGRESS",
                                             "https://spec.openapis.org/oas/3.1/dialect/WORK-IN-PROGRESS",
                                             "https://spec.openapis.org/oas/3.1/meta/WORK-IN-PROGRESS" };
    static const char *const pub_names[4] = { "schema-base-2025-11-23.json", "schema-2025-11-23.json", "dialect-2024-11-10.json",
                                              "meta-2024-11-10.json" };
    static const char *const pub_uris[3] = { "https://spec.openapis.org/oas/3.1/schema/2025-11-23",
                                             "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
                                             "https://spec.openapis.org/oas/3.1/meta/2024-11-10" };
    tally suite = { 0 }, rest = { 0 };
    official wip, pub;
    if (official_load(&wip, "oas-schemas/src-v3.1-dev", wip_names, wip_uris)) {
        compare_dir(&wip, "oas-schema-tests/pass", 1, &suite);
        compare_dir(&wip, "oas-schema-tests/fail", 0, &suite);
        CHECK_EQ(suite.documents, 46);
        CHECK_EQ(suite.official_valid, 35);
    }
    official_free(&wip);
    if (official_load(&pub, "oas-schemas/published", pub_names, pub_uris)) {
        compare_dir(&pub, "examples/v3.1", 1, &rest);
        compare_dir(&pub, "fastapi", 1, &rest);
        compare_dir(&pub, "real-world", -1, &rest);
        CHECK(rest.documents >= 20);
        CHECK_EQ(rest.official_valid, rest.documents - 1); /* the Redoc 3.1 demo: license url + identifier */
    }
    official_free(&pub);
    printf("agreement: OAI suite %d documents (schema-base: %d valid; oasview: %d valid), other 3.1 documents %d "
           "(schema-base: %d valid; oasview: %d valid), disagreements %d\n",
           suite.documents, suite.official_valid, suite.ours_valid, rest.documents, rest.official_valid, rest.ours_valid,
           suite.disagreements + rest.disagreements);
}

TEST(schema_base_and_oasview_reject_the_same_schema_object_mistakes)
{
    /* Schema Object mistakes that only the dialect check (schema-base's $dynamicRef "#meta") can see. */
    static const char *const bodies[] = {
        "    A: {$anchor: 1bad}\n",
        "    A: {properties: {a: {$dynamicAnchor: 'no spaces'}}}\n",
        "    A: {discriminator: {mapping: {a: b}}}\n",
        "    A: {xml: {attribute: yes}}\n",
        "    A: {externalDocs: {description: x}}\n",
        "    A: {$vocabulary: {'https://example.com/v': 1}}\n",
        "    A: {type: [string, string]}\n",
        "    A: 5\n",
    };
    static const char *const pub_names[4] = { "schema-base-2025-11-23.json", "schema-2025-11-23.json", "dialect-2024-11-10.json",
                                              "meta-2024-11-10.json" };
    static const char *const pub_uris[3] = { "https://spec.openapis.org/oas/3.1/schema/2025-11-23",
                                             "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
                                             "https://spec.openapis.org/oas/3.1/meta/2024-11-10" };
    official pub;
    if (official_load(&pub, "oas-schemas/published", pub_names, pub_uris)) {
        for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
            char text[512];
            snprintf(text, sizeof text, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n%s", bodies[i]);
            oasv_doc *doc = load_text(text);
            oasv_schema_result *r = NULL;
            CHECK_EQ(oasv_schema_validate_node(pub.schema, doc, "", &r), OASV_OK);
            CHECK(!oasv_schema_result_valid(r));
            CHECK(!ours_valid(doc));
            if (ours_valid(doc) || oasv_schema_result_valid(r)) fprintf(stderr, "    case: %s", bodies[i]);
            oasv_schema_result_free(r);
            oasv_doc_free(doc);
        }
    }
    official_free(&pub);
}
