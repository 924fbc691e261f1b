/* test_resolve.c - $ref resolution: pointers, escapes, $id/$anchor, chains, cycles, other documents. */
#include "harness.h"

#include "core/doc.h"
#include "resolve/resolve.h"
#include "resolve/uri.h"
#include "util/buf.h"

#include <stdlib.h>

/* Load without validation: these tests look at the resolver alone. */
static oasv_doc *load_raw(const char *text, const char *filename, const oasv_resolver *resolver)
{
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.flags = OASV_LOAD_NO_VALIDATE;
    o.filename = filename;
    o.resolver = resolver;
    return load_with(text, strlen(text), &o);
}

static const cJSON *at(oasv_doc *doc, const char *pointer)
{
    return oasv_tree_resolve_pointer(&doc->tree, pointer, strlen(pointer));
}

static char *pointer_of(oasv_doc *doc, const cJSON *node)
{
    static char out[512];
    oasv_buf b = { 0 };
    oasv_tree_pointer(&doc->tree, node, &b);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    oasv_buf_free(&b);
    return out;
}

TEST(uri_resolution)
{
    struct { const char *base, *ref, *want; } cases[] = {
        { "", "other.yaml", "other.yaml" },
        { "api/openapi.yaml", "schemas.yaml", "api/schemas.yaml" },
        { "api/openapi.yaml", "../common/x.yaml", "common/x.yaml" },
        { "https://example.com/a/b/c.json", "d.json", "https://example.com/a/b/d.json" },
        { "https://example.com/a/b/c.json", "../d.json", "https://example.com/a/d.json" },
        { "https://example.com/a/b/c.json", "/d.json", "https://example.com/d.json" },
        { "https://example.com/a/b/c.json", "//other.org/x", "https://other.org/x" },
        { "https://example.com/a/b/c.json", "urn:x:y", "urn:x:y" },
        { "https://example.com", "pet", "https://example.com/pet" },
        { "https://example.com/a/./b/../c", "", "https://example.com/a/./b/../c" },
        { "http://a/b/c/d;p?q", "../../g", "http://a/g" },
        { "http://a/b/c/d;p?q", "g?y/./x", "http://a/b/c/g?y/./x" },
        { "http://a/b/c/d;p?q", "./g/.", "http://a/b/c/g/" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        oasv_buf b = { 0 };
        oasv_uri_resolve(cases[i].base, strlen(cases[i].base), cases[i].ref, strlen(cases[i].ref), &b);
        CHECK_STR(b.data, cases[i].want);
        oasv_buf_free(&b);
    }
    oasv_buf d = { 0 };
    CHECK(oasv_uri_decode("a%7Bb%7d", 8, &d));
    CHECK_STR(d.data, "a{b}");
    oasv_buf_free(&d);
    oasv_buf bad = { 0 };
    CHECK(!oasv_uri_decode("a%7", 3, &bad));
    oasv_buf_free(&bad);
}

static const char *components_doc =
    "openapi: 3.1.0\n"
    "info: {title: t, version: '1'}\n"
    "paths:\n"
    "  /a/{b}:\n"
    "    get:\n"
    "      parameters:\n"
    "        - $ref: '#/components/parameters/B'\n"
    "          description: overridden\n"
    "      responses:\n"
    "        '200': {$ref: '#/components/responses/Alias'}\n"
    "  /c: {$ref: '#/paths/~1a~1{b}'}\n"
    "  /d: {$ref: '#/paths/~1a~1%7Bb%7D'}\n"
    "  /e~f: {get: {}}\n"
    "  /g: {$ref: '#/paths/~1e~0f'}\n"
    "  /h: {$ref: '#/paths/~1nope'}\n"
    "  /i: {$ref: '#/paths/~1a~1%zz'}\n"
    "webhooks:\n"
    "  hook: {$ref: '#/components/pathItems/Hook'}\n"
    "components:\n"
    "  parameters:\n"
    "    B: {name: b, in: path, required: true, schema: {type: string}}\n"
    "  responses:\n"
    "    Alias: {$ref: '#/components/responses/Ok'}\n"
    "    Ok: {description: ok}\n"
    "  pathItems:\n"
    "    Hook: {post: {}}\n"
    "  schemas:\n"
    "    list: {type: array, items: {$ref: '#/components/schemas/list/items'}}\n"
    "    arr: {prefixItems: [{type: string}, {$ref: '#/components/schemas/arr/prefixItems/1'}]}\n";

TEST(reference_objects_and_path_items)
{
    oasv_doc *doc = load_raw(components_doc, "openapi.yaml", NULL);
    const cJSON *param = at(doc, "/paths/~1a~1{b}/get/parameters/0");
    const cJSON *target = oasv_resolve(doc, param);
    CHECK(target == at(doc, "/components/parameters/B"));
    /* The override stays on the Reference Object for the caller to read. */
    CHECK_STR(cJSON_GetObjectItemCaseSensitive(param, "description")->valuestring, "overridden");

    oasv_ref r;
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1a~1{b}/get/responses/200"), 0, &r), OASV_REF_OK);
    CHECK(r.target == at(doc, "/components/responses/Ok"));
    CHECK_EQ(r.hops, 2);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1a~1{b}/get/responses/200"), OASV_RESOLVE_ONE, &r), OASV_REF_OK);
    CHECK(r.target == at(doc, "/components/responses/Alias"));

    /* Path Item $ref, with the braces raw or percent-encoded, and ~0 ~1 escapes. */
    CHECK(oasv_resolve(doc, at(doc, "/paths/~1c")) == at(doc, "/paths/~1a~1{b}"));
    CHECK(oasv_resolve(doc, at(doc, "/paths/~1d")) == at(doc, "/paths/~1a~1{b}"));
    CHECK(oasv_resolve(doc, at(doc, "/paths/~1g")) == at(doc, "/paths/~1e~0f"));
    CHECK(oasv_resolve(doc, at(doc, "/webhooks/hook")) == at(doc, "/components/pathItems/Hook"));

    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1h"), 0, &r), OASV_REF_NOT_FOUND);
    CHECK(r.failed == at(doc, "/paths/~1h/$ref"));
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1i"), 0, &r), OASV_REF_INVALID);
    CHECK(oasv_resolve(doc, at(doc, "/paths/~1i")) == NULL);

    /* Not a reference: the node itself. */
    CHECK(oasv_resolve(doc, at(doc, "/components/responses/Ok")) == at(doc, "/components/responses/Ok"));
    /* A schema pointing at itself through a pointer is a cycle; array indexes work. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/list/items"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_CYCLE);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/arr/prefixItems/1"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_CYCLE);
    /* Cached answers are the same answers. */
    CHECK(oasv_resolve(doc, param) == target);
    oasv_doc_free(doc);
}

TEST(recursive_schemas_are_not_cycles)
{
    oasv_doc *doc = load_raw(
        "components:\n"
        "  schemas:\n"
        "    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}, kids: {type: array, items: {$ref: '#'}}}}\n",
        NULL, NULL);
    const cJSON *next = at(doc, "/components/schemas/Node/properties/next");
    CHECK(oasv_resolve_schema(doc, next) == at(doc, "/components/schemas/Node"));
    CHECK(oasv_resolve_schema(doc, at(doc, "/components/schemas/Node/properties/kids/items")) == doc->tree.root);
    oasv_doc_free(doc);
}

TEST(path_item_cycles)
{
    oasv_doc *doc = load_raw(
        "paths:\n"
        "  /a: {$ref: '#/paths/~1b'}\n"
        "  /b: {$ref: '#/paths/~1c'}\n"
        "  /c: {$ref: '#/paths/~1a'}\n"
        "  /self: {$ref: '#/paths/~1self'}\n"
        "  /into: {$ref: '#/paths/~1a'}\n",
        NULL, NULL);
    oasv_ref r;
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1a"), 0, &r), OASV_REF_CYCLE);
    CHECK(r.failed != NULL);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1self"), 0, &r), OASV_REF_CYCLE);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1into"), 0, &r), OASV_REF_CYCLE);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/paths/~1b"), 0, &r), OASV_REF_CYCLE);
    oasv_doc_free(doc);
}

/* components.schemas S0 -> S1 -> ... -> S{n-1} -> {type: string} */
static char *chain_doc(int n)
{
    oasv_buf b = { 0 };
    oasv_buf_puts(&b, "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"components\":{\"schemas\":{");
    for (int i = 0; i < n; i++) oasv_buf_printf(&b, "\"S%d\":{\"$ref\":\"#/components/schemas/S%d\"},", i, i + 1);
    oasv_buf_printf(&b, "\"S%d\":{\"type\":\"string\"}}}}", n);
    return oasv_buf_take(&b);
}

TEST(long_chains_are_bounded)
{
    char *text = chain_doc(10000);
    oasv_doc *doc = load_raw(text, NULL, NULL);
    oasv_ref r;
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/S0"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_TOO_LONG);
    CHECK_EQ(r.hops, 10000); /* the whole chain was measured once (and cached): it is 10,000 long */
    /* Near the end the chain is short enough. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/S9990"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_OK);
    CHECK(r.target == at(doc, "/components/schemas/S10000"));
    CHECK_EQ(r.hops, 10);
    /* Every link once, back to front, reuses the cache: still linear. */
    const cJSON **links = calloc(10001, sizeof *links);
    int n = 0;
    for (const cJSON *c = at(doc, "/components/schemas")->child; c && n < 10001; c = c->next) links[n++] = c;
    CHECK_EQ(n, 10001);
    for (int i = 10000; i-- > 0;) {
        oasv_ref_status want = i >= 10000 - (int)OASV_DEFAULT_MAX_REF_HOPS ? OASV_REF_OK : OASV_REF_TOO_LONG;
        oasv_resolve_ref(doc, NULL, links[i], OASV_RESOLVE_SCHEMA, &r);
        if (r.status != want) { CHECK_EQ(r.status, want); break; }
    }
    free(links);
    oasv_doc_free(doc);
    free(text);
}

TEST(ids_and_anchors)
{
    oasv_doc *doc = load_raw(
        "components:\n"
        "  schemas:\n"
        "    Pet:\n"
        "      $id: https://example.com/schemas/pet\n"
        "      $defs:\n"
        "        name: {$anchor: petName, type: string}\n"
        "      properties:\n"
        "        name: {$ref: '#/$defs/name'}\n"
        "        alias: {$ref: '#petName'}\n"
        "        owner: {$ref: 'owner'}\n"
        "        other: {$ref: 'https://example.com/schemas/owner#/properties/id'}\n"
        "        missing: {$ref: '#nope'}\n"
        "    Owner:\n"
        "      $id: https://example.com/schemas/owner\n"
        "      properties: {id: {type: integer}}\n"
        "    Plain:\n"
        "      properties: {p: {$ref: '#/components/schemas/Owner'}}\n",
        "openapi.yaml", NULL);
    const char *base = "/components/schemas/Pet/properties/";
    char p[128];
    snprintf(p, sizeof p, "%sname", base);
    /* `#/$defs/name` is relative to the schema resource that $id starts, not to the document. */
    CHECK(oasv_resolve_schema(doc, at(doc, p)) == at(doc, "/components/schemas/Pet/$defs/name"));
    snprintf(p, sizeof p, "%salias", base);
    CHECK(oasv_resolve_schema(doc, at(doc, p)) == at(doc, "/components/schemas/Pet/$defs/name"));
    snprintf(p, sizeof p, "%sowner", base);
    CHECK(oasv_resolve_schema(doc, at(doc, p)) == at(doc, "/components/schemas/Owner"));
    snprintf(p, sizeof p, "%sother", base);
    CHECK(oasv_resolve_schema(doc, at(doc, p)) == at(doc, "/components/schemas/Owner/properties/id"));
    snprintf(p, sizeof p, "%smissing", base);
    oasv_ref r;
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, p), OASV_RESOLVE_SCHEMA, &r), OASV_REF_NOT_FOUND);
    CHECK(oasv_resolve_schema(doc, at(doc, "/components/schemas/Plain/properties/p")) == at(doc, "/components/schemas/Owner"));
    /* Without the schema flag, $id plays no part (Reference Objects use the document's base). */
    snprintf(p, sizeof p, "%sname", base);
    CHECK(oasv_resolve(doc, at(doc, p)) == NULL);
    oasv_doc_free(doc);
}

static int resolver_calls;
static const char *fake_resolve(void *ctx, const char *uri, size_t *len, const char **error)
{
    (void)ctx;
    resolver_calls++;
    const char *text = NULL;
    if (strcmp(uri, "api/common.yaml") == 0)
        text = "Thing: {type: object}\n"
               "Alias: {$ref: '#/Thing'}\n"
               "Back: {$ref: 'openapi.yaml#/info'}\n"
               "Broken: {$ref: '#/Nowhere'}\n"
               "Deep: {$ref: 'sub/deep.yaml#/Up'}\n"
               "Loop: {$ref: 'openapi.yaml#/components/schemas/L2'}\n"
               "Gone: {$ref: 'gone.yaml'}\n";
    else if (strcmp(uri, "api/sub/deep.yaml") == 0) text = "Up: {$ref: '../common.yaml#/Thing'}\n";
    else if (strcmp(uri, "api/broken.yaml") == 0) text = "a: [\n";
    else if (strcmp(uri, "api/denied.yaml") == 0) *error = "Permission denied";
    if (text) *len = strlen(text);
    return text;
}

TEST(external_documents)
{
    const char *text =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "components:\n"
        "  schemas:\n"
        "    A: {$ref: 'common.yaml#/Alias'}\n"
        "    B: {$ref: 'missing.yaml#/X'}\n"
        "    C: {$ref: 'broken.yaml'}\n"
        "    D: {$ref: 'common.yaml#/Back'}\n"
        "    E: {$ref: 'common.yaml#/Nope'}\n";
    /* Without a resolver: status EXTERNAL with the URI, nothing fetched. */
    oasv_doc *doc = load_raw(text, "api/openapi.yaml", NULL);
    oasv_ref r;
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/A"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_EXTERNAL);
    CHECK_STR(r.uri, "api/common.yaml");
    oasv_doc_free(doc);

    oasv_resolver resolver = { fake_resolve, NULL };
    resolver_calls = 0;
    doc = load_raw(text, "api/openapi.yaml", &resolver);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/A"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_OK);
    CHECK(r.target_doc != doc);
    CHECK(cJSON_IsObject(r.target) && strcmp(cJSON_GetObjectItemCaseSensitive(r.target, "type")->valuestring, "object") == 0);
    CHECK_EQ(r.hops, 2);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/B"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_EXTERNAL);
    CHECK_STR(r.uri, "api/missing.yaml");
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/C"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_EXTERNAL_BAD);
    /* Back into the main document by its own name. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/D"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_OK);
    CHECK(r.target == at(doc, "/info"));
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/E"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_NOT_FOUND);
    CHECK(r.failed_doc == doc);
    CHECK_STR(r.uri, "api/common.yaml"); /* the document searched, for "`api/common.yaml` has no such place" */
    CHECK_EQ(resolver_calls, 3); /* each document asked for once */
    oasv_doc_free(doc);
}

TEST(external_documents_say_why)
{
    const char *text =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "components:\n"
        "  schemas:\n"
        "    Broken: {$ref: 'broken.yaml'}\n"
        "    Denied: {$ref: 'denied.yaml#/X'}\n"
        "    Inside: {$ref: 'common.yaml#/Broken'}\n"
        "    Deep: {$ref: 'common.yaml#/Deep'}\n"
        "    L1: {$ref: 'common.yaml#/Loop'}\n"
        "    L2: {$ref: 'common.yaml#/Loop'}\n"
        "    Gone: {$ref: 'common.yaml#/Gone'}\n";
    oasv_resolver resolver = { fake_resolve, NULL };
    oasv_doc *doc = load_raw(text, "api/openapi.yaml", &resolver);
    oasv_ref r;
    /* A text that does not parse: the reason names the document and the place in it. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/Broken"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_EXTERNAL_BAD);
    CHECK_STR(r.uri, "api/broken.yaml");
    CHECK(r.reason && strncmp(r.reason, "api/broken.yaml:2:1: ", 21) == 0);
    /* The resolver's own reason. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/Denied"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_EXTERNAL_BAD);
    CHECK_STR(r.reason, "Permission denied");
    /* A chain that breaks inside the other document: where, in that document. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/Inside"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_NOT_FOUND);
    CHECK(r.failed_doc != doc);
    oasv_buf where = { 0 };
    CHECK(oasv_ref_failed_elsewhere(&r, doc, &where));
    CHECK_STR(where.data, "`api/common.yaml` (line 4, column 16)");
    oasv_buf_free(&where);
    /* Nested: sub/deep.yaml is resolved against common.yaml's URI, and its ../common.yaml against its own. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/Deep"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_OK);
    CHECK(cJSON_IsObject(r.target) && cJSON_GetObjectItemCaseSensitive(r.target, "type"));
    CHECK_EQ(r.hops, 3);
    /* A cycle through two documents. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/L1"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_CYCLE);
    /* A document the external one names, which the resolver does not serve. */
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/components/schemas/Gone"), OASV_RESOLVE_SCHEMA, &r), OASV_REF_EXTERNAL);
    CHECK_STR(r.uri, "api/gone.yaml");
    CHECK(oasv_ref_failed_elsewhere(&r, doc, &where));
    oasv_buf_free(&where);
    oasv_doc_free(doc);
}

/* Serves "d<N>.json" as {"next": {"$ref": "d<N+1>.json#/next"}, "pad": "..."} for any N. */
static const char *chain_resolve(void *ctx, const char *uri, size_t *len, const char **error)
{
    (void)error;
    static char text[256];
    int n = atoi(uri + 1);
    snprintf(text, sizeof text, "{\"next\": {\"$ref\": \"d%d.json#/next\"}, \"pad\": \"%0*d\"}", n + 1, (int)(size_t)ctx, 0);
    *len = strlen(text);
    return text;
}

TEST(external_documents_are_bounded)
{
    /* Count: a chain through ever more documents stops at OASV_MAX_EXTERNAL_DOCS, with a reason. */
    oasv_resolver resolver = { chain_resolve, (void *)(size_t)1 };
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.flags = OASV_LOAD_NO_VALIDATE;
    o.filename = "d0.json";
    o.resolver = &resolver;
    o.limits.max_ref_hops = 1000;
    const char *text = "{\"start\": {\"$ref\": \"d1.json#/next\"}}";
    oasv_doc *doc = load_with(text, strlen(text), &o);
    oasv_ref r;
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/start"), 0, &r), OASV_REF_EXTERNAL_BAD);
    CHECK_STR(r.uri, "d65.json");
    CHECK(r.reason && strstr(r.reason, "more than the limit of 64"));
    oasv_doc_free(doc);
    /* Bytes: all the texts together count against max_input_bytes. */
    resolver.ctx = (void *)(size_t)100;
    o.limits.max_input_bytes = 400;
    doc = load_with(text, strlen(text), &o);
    CHECK_EQ(oasv_resolve_ref(doc, NULL, at(doc, "/start"), 0, &r), OASV_REF_EXTERNAL_BAD);
    CHECK_STR(r.uri, "d3.json"); /* two texts of 147 bytes fit in 400, the third does not */
    CHECK(r.reason && strstr(r.reason, "(max_input_bytes)"));
    oasv_doc_free(doc);
}

TEST(external_diagnostics_name_the_document)
{
    const char *text =
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths: {}\n"
        "components:\n"
        "  schemas:\n"
        "    Ok: {$ref: 'common.yaml#/Alias'}\n"
        "    Broken: {$ref: 'broken.yaml'}\n"
        "    Inside: {$ref: 'common.yaml#/Broken'}\n"
        "    Missing: {$ref: 'common.yaml#/Nope'}\n"
        "    Declined: {$ref: 'elsewhere.yaml'}\n";
    oasv_resolver resolver = { fake_resolve, NULL };
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.filename = "api/openapi.yaml";
    o.resolver = &resolver;
    oasv_doc *doc = load_with(text, strlen(text), &o);
    int unreadable = 0, not_found = 0, external = 0, inside = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (d->uri) {
            /* The references inside common.yaml (and sub/deep.yaml, which it brings in) are checked too, and said
             * where they are written, in that document. */
            CHECK_STR(d->uri, "api/common.yaml");
            inside++;
            if (strcmp(d->code, "ref-not-found") == 0 && d->span.line == 4 && d->span.column == 16 &&
                strcmp(d->message, "`$ref` \"#/Nowhere\" points at nothing: no such place in the document") == 0)
                inside += 10;
            if (strcmp(d->code, "ref-external") == 0 && d->span.line == 7 && d->span.column == 14 &&
                strcmp(d->message, "`$ref` \"gone.yaml\" points into another document, `api/gone.yaml`, which was not loaded "
                                   "(the resolver did not provide it)") == 0)
                inside += 100;
            if (strcmp(d->code, "ref-not-found") == 0 && d->span.line == 6 && strstr(d->message, "`api/openapi.yaml` has no such place"))
                inside += 1000;
            continue;
        }
        if (strcmp(d->code, "ref-external-unreadable") == 0) {
            unreadable++;
            CHECK_EQ(d->severity, OASV_SEVERITY_ERROR);
            CHECK_EQ(d->span.line, 7);
            CHECK(strstr(d->message, "`api/broken.yaml`, which could not be read: api/broken.yaml:2:1: "));
        } else if (strcmp(d->code, "ref-not-found") == 0) {
            not_found++;
            if (d->span.line == 8) CHECK(strstr(d->message, "leads to a `$ref` in `api/common.yaml` (line 4, column 16) that points at nothing"));
            else CHECK(d->span.line == 9 && strstr(d->message, "points at nothing: `api/common.yaml` has no such place"));
        } else if (strcmp(d->code, "ref-external") == 0) {
            external++;
            CHECK_EQ(d->severity, OASV_SEVERITY_WARNING);
            CHECK(strstr(d->message, "`api/elsewhere.yaml`, which was not loaded (the resolver did not provide it)"));
        }
    }
    CHECK_EQ(unreadable, 1);
    CHECK_EQ(not_found, 2);
    CHECK_EQ(external, 1);
    CHECK_EQ(inside, 3 + 10 + 100 + 1000); /* #/Nowhere, gone.yaml, the L2 common.yaml's Loop names */
    oasv_doc_free(doc);
    /* Without a resolver, each is a warning naming its URI. */
    o.resolver = NULL;
    doc = load_with(text, strlen(text), &o);
    external = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        CHECK(d->severity != OASV_SEVERITY_ERROR);
        if (strcmp(d->code, "ref-external") == 0 && strstr(d->message, "(no resolver was given)")) external++;
    }
    CHECK_EQ(external, 5);
    oasv_doc_free(doc);
}

TEST(big_objects_use_an_index)
{
    /* 5,000 components looked up 5,000 times: quadratic scanning would take seconds. */
    oasv_buf b = { 0 };
    oasv_buf_puts(&b, "{\"components\":{\"schemas\":{");
    for (int i = 0; i < 5000; i++) oasv_buf_printf(&b, "\"S%d\":{\"type\":\"string\"},", i);
    oasv_buf_puts(&b, "\"x\":{}},\"refs\":[");
    for (int i = 0; i < 5000; i++) oasv_buf_printf(&b, "%s{\"$ref\":\"#/components/schemas/S%d\"}", i ? "," : "", 4999 - i);
    oasv_buf_puts(&b, "]}}");
    oasv_doc *doc = load_raw(b.data, NULL, NULL);
    const cJSON *refs = at(doc, "/components/refs");
    int ok = 0;
    for (const cJSON *r = refs->child; r; r = r->next) ok += oasv_resolve(doc, r) != NULL;
    CHECK_EQ(ok, 5000);
    CHECK_STR(pointer_of(doc, oasv_resolve(doc, refs->child)), "/components/schemas/S4999");
    oasv_doc_free(doc);
    oasv_buf_free(&b);
}
