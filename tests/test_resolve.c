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
static const char *fake_resolve(void *ctx, const char *uri, size_t *len)
{
    (void)ctx;
    resolver_calls++;
    const char *text = NULL;
    if (strcmp(uri, "api/common.yaml") == 0) text = "Thing: {type: object}\nAlias: {$ref: '#/Thing'}\nBack: {$ref: 'openapi.yaml#/info'}\n";
    else if (strcmp(uri, "api/broken.yaml") == 0) text = "a: [\n";
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
    CHECK_EQ(resolver_calls, 3); /* each document asked for once */
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
