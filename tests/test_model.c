/* test_model.c - the render model: navigation, entries, schema trees, examples, samples, limits. */
#include "harness.h"

#include "model/model.h"

#include <cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static cJSON *nav_of(oasv_doc *doc)
{
    size_t len = 0;
    const char *t = oasv_doc_navigation_json(doc, &len);
    CHECK(t != NULL);
    cJSON *j = t ? cJSON_ParseWithLength(t, len) : NULL;
    CHECK(j != NULL);
    return j;
}

static cJSON *entry_of(oasv_doc *doc, const char *id)
{
    size_t len = 0;
    const char *t = oasv_doc_entry_json(doc, id, &len);
    if (!t) { fprintf(stderr, "    no entry for %s\n", id); return NULL; }
    cJSON *j = cJSON_ParseWithLength(t, len);
    CHECK(j != NULL);
    return j;
}

static const cJSON *get(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }
static const char *gets(const cJSON *o, const char *k)
{
    const cJSON *v = get(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The element of array `a` whose member k is the string v. */
static const cJSON *find(const cJSON *a, const char *k, const char *v)
{
    for (const cJSON *x = a ? a->child : NULL; x; x = x->next)
        if (gets(x, k) && strcmp(gets(x, k), v) == 0) return x;
    return NULL;
}

static oasv_doc *load_file(const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), rel);
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) { fprintf(stderr, "    the corpus file %s is missing (set OASVIEW_CORPUS)\n", path); return NULL; }
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .filename = rel, .flags = OASV_LOAD_NO_VALIDATE };
    oasv_doc *doc = load_with(text, len, &o);
    free(text);
    return doc;
}

/* Validate JSON text against the schema at `pointer` of the document (the JSON Schema engine). */
static bool valid_at(oasv_doc *doc, const char *pointer, const char *json)
{
    oasv_schema *s = NULL;
    oasv_schema_options so = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .format_assertion = true };
    if (oasv_schema_compile_at(doc, pointer, &so, &s) != OASV_OK || !oasv_schema_ok(s)) {
        fprintf(stderr, "    schema at %s does not compile\n", pointer);
        oasv_schema_free(s);
        return false;
    }
    oasv_schema_result *r = NULL;
    bool ok = oasv_schema_validate(s, json, strlen(json), &r) == OASV_OK && oasv_schema_result_valid(r);
    if (!ok && r)
        for (size_t i = 0; i < oasv_schema_result_error_count(r); i++)
            fprintf(stderr, "    %s: %s\n", oasv_schema_result_error(r, i)->instance_location, oasv_schema_result_error(r, i)->message);
    oasv_schema_result_free(r);
    oasv_schema_free(s);
    return ok;
}

/* MARK: - Acceptance: the FastAPI webhooks tutorial */

TEST(fastapi_webhook_beside_path_operation)
{
    oasv_doc *doc = load_file("fastapi/openapi_webhooks_tutorial001.json");
    if (!doc) { CHECK(false); return; }
    cJSON *nav = nav_of(doc);
    const cJSON *groups = get(nav, "groups");
    CHECK_EQ(cJSON_GetArraySize(groups), 1);
    const cJSON *items = get(groups->child, "items");
    CHECK_EQ(cJSON_GetArraySize(items), 2);
    const cJSON *op = find(items, "kind", "operation"), *hook = find(items, "kind", "webhook");
    CHECK_STR(gets(op, "path"), "/users/");
    CHECK_STR(gets(hook, "name"), "new-subscription");
    CHECK_STR(gets(hook, "method"), "post");
    CHECK_STR(gets(hook, "summary"), "New Subscription");
    CHECK_STR(gets(hook, "id"), "webhooks/new-subscription/post");
    CHECK_EQ(cJSON_GetArraySize(get(nav, "webhooks")), 1);

    cJSON *e = entry_of(doc, "webhooks/new-subscription/post");
    CHECK(e != NULL);
    CHECK_STR(gets(e, "kind"), "webhook");
    const cJSON *content = get(get(e, "requestBody"), "content");
    const cJSON *json = find(content, "mediaType", "application/json");
    const cJSON *schema = get(json, "schema");
    CHECK_STR(gets(schema, "refName"), "Subscription");
    const cJSON *props = get(schema, "properties");
    CHECK(find(props, "name", "username") && find(props, "name", "monthly_fee") && find(props, "name", "start_date"));
    CHECK(cJSON_IsTrue(get(find(props, "name", "username"), "required")));
    CHECK_STR(gets(get(find(props, "name", "start_date"), "schema"), "format"), "date-time");
    const cJSON *ex = get(json, "examples")->child;
    CHECK(cJSON_IsTrue(get(ex, "generated")));
    CHECK(valid_at(doc, "/components/schemas/Subscription", gets(ex, "value")));
    CHECK_STR(gets(e, "receiverUrl"), "http://localhost:8000/webhooks/new-subscription");
    const char *code = gets(get(e, "samples")->child, "code");
    CHECK(code && strstr(code, "curl -X POST 'http://localhost:8000/webhooks/new-subscription'"));
    CHECK(code && strstr(code, "-H 'Content-Type: application/json'"));
    CHECK(code && strstr(code, "\"username\": \"string\""));
    cJSON_Delete(e);
    cJSON_Delete(nav);
    oasv_doc_free(doc);
}

/* MARK: - Corpus: counts against MANIFEST.md, every id round-trips */

typedef struct manifest_row { char path[256]; long ops, hooks; } manifest_row;

static size_t read_manifest(manifest_row *rows, size_t max)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/MANIFEST.md", corpus_dir());
    size_t len = 0, n = 0;
    char *text = read_file(path, &len);
    if (!text) return 0;
    for (char *line = strtok(text, "\n"); line && n < max; line = strtok(NULL, "\n")) {
        if (strncmp(line, "| ", 2) != 0) continue;
        /* | Path | Source repo | Source path | Commit | License | Bytes | OAS | Paths | Ops | Webhooks | ... */
        char *cols[13] = { 0 };
        int c = 0;
        for (char *p = line + 1; *p && c < 13; c++) {
            char *bar = strchr(p, '|');
            if (!bar) break;
            *bar = '\0';
            while (*p == ' ') p++;
            cols[c] = p;
            p = bar + 1;
        }
        if (c < 11 || !strchr(cols[0], '/') || !strstr(cols[0], ".")) continue;
        char *end = cols[0] + strlen(cols[0]);
        while (end > cols[0] && end[-1] == ' ') *--end = '\0';
        if (!(strstr(cols[0], ".json") || strstr(cols[0], ".yaml") || strstr(cols[0], ".yml"))) continue;
        if (strncmp(cols[0], "json-schema", 11) == 0 || strncmp(cols[0], "oas-schemas/", 12) == 0) continue;
        snprintf(rows[n].path, sizeof rows[n].path, "%s", cols[0]);
        rows[n].ops = strtol(cols[8], NULL, 10);
        rows[n].hooks = strtol(cols[9], NULL, 10);
        n++;
    }
    free(text);
    return n;
}

static void check_ids(oasv_doc *doc, const cJSON *list, const char *file, size_t *entries)
{
    for (const cJSON *it = list ? list->child : NULL; it; it = it->next) {
        const char *id = gets(it, "id");
        cJSON *e = id ? entry_of(doc, id) : NULL;
        if (!e || !gets(e, "id") || strcmp(gets(e, "id"), id) != 0) {
            fprintf(stderr, "    %s: id %s does not round-trip\n", file, id ? id : "(none)");
            CHECK(false);
        }
        (*entries)++;
        cJSON_Delete(e);
    }
}

TEST(corpus_counts_and_ids)
{
    static manifest_row rows[512];
    size_t n = read_manifest(rows, 512);
    CHECK(n > 60);
    size_t docs = 0, entries = 0;
    for (size_t i = 0; i < n; i++) {
        oasv_doc *doc = load_file(rows[i].path);
        if (!doc) { CHECK(false); continue; }
        if (!oasv_doc_tree_json(doc, NULL)) { oasv_doc_free(doc); continue; }
        docs++;
        cJSON *nav = nav_of(doc);
        /* distinct operation items over all groups */
        size_t ops = 0, hooks = 0;
        cJSON *seen = cJSON_CreateObject();
        for (const cJSON *g = get(nav, "groups")->child; g; g = g->next)
            for (const cJSON *it = get(g, "items")->child; it; it = it->next) {
                const char *id = gets(it, "id");
                if (get(seen, id)) continue;
                cJSON_AddTrueToObject(seen, id);
                if (strcmp(gets(it, "kind"), "operation") == 0) ops++;
                else hooks++;
            }
        cJSON_Delete(seen);
        if ((long)ops != rows[i].ops) {
            fprintf(stderr, "    %s: %zu operations in the navigation, MANIFEST says %ld\n", rows[i].path, ops, rows[i].ops);
            CHECK(false);
        }
        /* every (webhook name, method) pair of `webhooks` is an item (3.0 x-webhooks are extra: the manifest does not count them) */
        const cJSON *webhooks = get(nav, "webhooks");
        CHECK_EQ(hooks, (size_t)cJSON_GetArraySize(webhooks));
        cJSON *tree = cJSON_Parse(oasv_doc_tree_json(doc, NULL));
        const cJSON *wh = get(tree, "webhooks");
        long names = 0;
        for (const cJSON *h = cJSON_IsObject(wh) ? wh->child : NULL; h; h = h->next) {
            names++;
            const cJSON *pi = get(h, "$ref") ? NULL : h;
            for (size_t k = 0; pi && k < model_method_count; k++) {
                if (!get(pi, model_methods[k])) continue;
                char id[1024];
                oasv_buf b = { 0 };
                model_id_append(&b, h->string, strlen(h->string));
                snprintf(id, sizeof id, "webhooks/%s/%s", b.data ? b.data : "", model_methods[k]);
                oasv_buf_free(&b);
                if (!find(webhooks, "id", id)) { fprintf(stderr, "    %s: no item for webhook %s\n", rows[i].path, id); CHECK(false); }
            }
        }
        if (names != rows[i].hooks) {
            fprintf(stderr, "    %s: %ld webhooks, MANIFEST says %ld\n", rows[i].path, names, rows[i].hooks);
            CHECK(false);
        }
        cJSON_Delete(tree);
        for (const cJSON *g = get(nav, "groups")->child; g; g = g->next) check_ids(doc, get(g, "items"), rows[i].path, &entries);
        check_ids(doc, get(nav, "schemas"), rows[i].path, &entries);
        cJSON_Delete(nav);
        oasv_doc_free(doc);
    }
    fprintf(stderr, "    %zu documents, %zu entries\n", docs, entries);
    CHECK(docs > 60);
}

/* MARK: - Unit cases */

static const char pets[] =
    "openapi: 3.1.0\n"
    "info: {title: Pets, version: '1', description: 'Hello [x](javascript:alert(1)) <script>alert(1)</script>',\n"
    "  termsOfService: 'javascript:alert(1)', contact: {url: 'JaVaScript:alert(1)', name: c}, license: {name: MIT, url: 'https://x'}}\n"
    "servers: [{url: 'https://{host}/v1', description: '<img src=x onerror=alert(1)>', variables: {host: {default: api.example.com, enum: [api.example.com, b]}}}]\n"
    "security: [{bearer: []}]\n"
    "tags: [{name: pets, description: '[t](data:text/html,x)', x-displayName: Pets}, {name: unused}]\n"
    "paths:\n"
    "  /pets/{id}:\n"
    "    parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1}, example: 7},\n"
    "                 {name: verbose, in: query, schema: {type: boolean}}]\n"
    "    post:\n"
    "      operationId: updatePet\n"
    "      tags: [pets, extra]\n"
    "      description: '<iframe src=x></iframe>'\n"
    "      parameters: [{name: verbose, in: query, required: true, schema: {type: string, enum: [yes, 'it''s']}, description: '<svg onload=alert(1)>'}]\n"
    "      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n"
    "      responses:\n"
    "        '200': {description: ok, headers: {X-Rate: {schema: {type: integer}}}, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}},\n"
    "                links: {self: {operationId: updatePet, description: 'see [x](vbscript:x)'}}}\n"
    "        default: {$ref: '#/components/responses/Error'}\n"
    "      callbacks:\n"
    "        onEvent:\n"
    "          '{$request.body#/url}':\n"
    "            post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}, responses: {'200': {description: ok}}}\n"
    "  /pets:\n"
    "    post: {operationId: dup, responses: {'200': {description: ok}}}\n"
    "    get: {operationId: dup, security: [], responses: {'200': {description: ok}}}\n"
    "webhooks:\n"
    "  /pets:\n"
    "    post: {summary: A pet changed, tags: [pets], requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}, responses: {'200': {description: ok}}}\n"
    "  viaRef: {$ref: '#/components/pathItems/Hook'}\n"
    "  'odd name #1': {put: {responses: {'204': {description: ok}}}}\n"
    "components:\n"
    "  pathItems:\n"
    "    Hook: {post: {requestBody: {content: {application/json: {schema: {type: string}}}}, responses: {'200': {description: ok}}}}\n"
    "  responses:\n"
    "    Error: {description: failed, content: {application/json: {schema: {type: object, properties: {message: {type: string}}}}}}\n"
    "  securitySchemes:\n"
    "    bearer: {type: http, scheme: bearer, bearerFormat: JWT}\n"
    "  schemas:\n"
    "    Pet:\n"
    "      type: object\n"
    "      required: [name]\n"
    "      description: 'A pet. [ok](https://example.com)'\n"
    "      properties:\n"
    "        id: {type: integer, readOnly: true, minimum: 0, exclusiveMaximum: 100}\n"
    "        name: {type: string, minLength: 1, maxLength: 64, pattern: '^[a-z]+$', example: \"o'malley\"}\n"
    "        password: {type: string, writeOnly: true}\n"
    "        tags: {type: array, items: {type: string}, minItems: 1, uniqueItems: true}\n"
    "        kind: {type: [string, 'null'], enum: [cat, dog, null]}\n"
    "        parent: {$ref: '#/components/schemas/Pet'}\n"
    "        born: {type: string, format: date-time}\n"
    "        owner: {type: string, format: email}\n"
    "        uid: {type: string, format: uuid}\n"
    "        home: {type: string, format: uri}\n"
    "    Shape:\n"
    "      oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]\n"
    "      discriminator: {propertyName: kind, mapping: {circle: '#/components/schemas/Circle', sq: Square}}\n"
    "    Circle: {type: object, title: A circle, properties: {kind: {const: circle}, r: {type: number, exclusiveMinimum: 0}}, required: [kind, r]}\n"
    "    Square: {type: object, properties: {kind: {const: sq}, side: {type: number}}}\n"
    "    Merged: {allOf: [{$ref: '#/components/schemas/Circle'}, {type: object, properties: {color: {type: string}}}]}\n"
    "    Unmergeable: {allOf: [{type: string}, {minLength: 2}]}\n"
    "    Map: {type: object, additionalProperties: {type: integer}, patternProperties: {'^x-': {type: string}}}\n"
    "    Tuple: {type: array, prefixItems: [{type: string}, {type: integer}], items: false}\n";

TEST(navigation_groups_and_ids)
{
    oasv_doc *doc = load_text(pets);
    cJSON *nav = nav_of(doc);
    const cJSON *groups = get(nav, "groups");
    /* declared tags (document order), then tags only used, then untagged */
    const char *want[] = { "pets", "unused", "extra", NULL };
    const cJSON *g = groups->child;
    for (int i = 0; i < 4; i++, g = g ? g->next : NULL) {
        CHECK(g != NULL);
        if (!g) break;
        if (want[i]) CHECK_STR(gets(g, "tag"), want[i]);
        else CHECK(cJSON_IsNull(get(g, "tag")));
    }
    const cJSON *pg = find(groups, "tag", "pets");
    CHECK_STR(gets(pg, "title"), "Pets");
    CHECK_EQ(cJSON_GetArraySize(get(pg, "items")), 2); /* the operation and the webhook side by side */
    CHECK_STR(gets(get(pg, "items")->child, "id"), "operations/updatePet");
    CHECK_STR(gets(get(pg, "items")->child->next, "id"), "webhooks//pets/post");
    /* duplicate operationIds fall back to method-path; a webhook named like a path does not collide */
    const cJSON *other = find(groups, "title", "Other");
    CHECK(find(get(other, "items"), "id", "operations/post-/pets"));
    CHECK(find(get(other, "items"), "id", "operations/get-/pets"));
    CHECK(find(get(nav, "webhooks"), "id", "webhooks/viaRef/post"));
    CHECK(find(get(nav, "webhooks"), "id", "webhooks/odd%20name%20%231/put"));
    const cJSON *counts = get(nav, "counts");
    CHECK_EQ(get(counts, "operations")->valueint, 3);
    CHECK_EQ(get(counts, "webhooks")->valueint, 3);
    CHECK_EQ(get(counts, "callbacks")->valueint, 1);
    CHECK_EQ(get(counts, "tags")->valueint, 3);
    /* search: schema property names are in the haystack */
    const cJSON *s = find(get(nav, "search"), "id", "schemas/Pet");
    CHECK(s && strstr(gets(s, "text"), "password"));
    /* unsafe URLs are dropped, markdown is rendered safely */
    const cJSON *info = get(nav, "info");
    CHECK(get(info, "termsOfService") == NULL);
    CHECK(get(get(info, "contact"), "url") == NULL);
    CHECK_STR(gets(get(info, "license"), "url"), "https://x");
    CHECK(strstr(gets(info, "descriptionHtml"), "&lt;script&gt;") && !strstr(gets(info, "descriptionHtml"), "<a"));
    CHECK(strstr(gets(get(nav, "servers")->child, "descriptionHtml"), "&lt;img"));
    CHECK(!strstr(gets(pg, "descriptionHtml"), "<a"));
    for (const cJSON *it = get(nav, "schemas")->child; it; it = it->next) {
        if (strcmp(gets(it, "name"), "Pet") == 0) CHECK_STR(gets(it, "type"), "object");
        if (strcmp(gets(it, "name"), "Tuple") == 0) CHECK_STR(gets(it, "type"), "array");
    }
    cJSON_Delete(nav);
    oasv_doc_free(doc);
}

/* The navigation without its search entries, and those alone, are the two parts of the whole text:
 * whichever is asked first (each is built on its first call and cached). */
TEST(navigation_split_from_search)
{
    for (int order = 0; order < 2; order++) {
        oasv_doc *doc = load_text(pets);
        size_t lean_len = 0, search_len = 0, full_len = 0;
        const char *lean = NULL, *search = NULL;
        if (order == 0) {
            lean = oasv_doc_navigation_json_without(doc, OASV_NAV_NO_SEARCH, &lean_len);
            search = oasv_doc_search_json(doc, &search_len);
        } else {
            search = oasv_doc_search_json(doc, &search_len);
            lean = oasv_doc_navigation_json_without(doc, OASV_NAV_NO_SEARCH, &lean_len);
        }
        const char *full = oasv_doc_navigation_json(doc, &full_len);
        CHECK(lean && search && full);
        if (!lean || !search || !full) { oasv_doc_free(doc); return; }
        CHECK(!strstr(lean, "\"search\":"));
        CHECK(search[0] == '[' && search[search_len - 1] == ']');
        CHECK(strstr(search, "\"id\":\"schemas/Pet\"") != NULL);
        /* whole = lean without its closing brace + ,"search": + search + } */
        CHECK_EQ(full_len, lean_len - 1 + strlen(",\"search\":") + search_len + 1);
        CHECK(memcmp(full, lean, lean_len - 1) == 0);
        CHECK(strncmp(full + lean_len - 1, ",\"search\":", 10) == 0);
        CHECK(memcmp(full + lean_len - 1 + 10, search, search_len) == 0);
        CHECK_STR(full + full_len - 1, "}");
        CHECK(oasv_doc_search_json(doc, NULL) == search); /* cached */
        oasv_doc_free(doc);
    }
}

/* Without the items' pointers: the same navigation, less every "pointer" member. */
static void drop_pointers(cJSON *items)
{
    for (cJSON *it = items ? items->child : NULL; it; it = it->next) cJSON_DeleteItemFromObjectCaseSensitive(it, "pointer");
}

TEST(navigation_without_pointers)
{
    oasv_doc *doc = load_text(pets);
    size_t len = 0;
    const char *lean = oasv_doc_navigation_json_without(doc, OASV_NAV_NO_SEARCH | OASV_NAV_NO_POINTERS, &len);
    CHECK(lean && !strstr(lean, "\"pointer\":") && !strstr(lean, "\"search\":"));
    cJSON *got = lean ? cJSON_ParseWithLength(lean, len) : NULL;
    cJSON *want = nav_of(doc);
    cJSON_DeleteItemFromObjectCaseSensitive(want, "search");
    for (cJSON *g = cJSON_GetObjectItemCaseSensitive(want, "groups")->child; g; g = g->next)
        drop_pointers(cJSON_GetObjectItemCaseSensitive(g, "items"));
    drop_pointers(cJSON_GetObjectItemCaseSensitive(want, "webhooks"));
    drop_pointers(cJSON_GetObjectItemCaseSensitive(want, "schemas"));
    CHECK(got && cJSON_Compare(got, want, true));
    /* the other parts asked for next: built again, not the cached text of other parts */
    const char *pointers = oasv_doc_navigation_json_without(doc, OASV_NAV_NO_SEARCH, NULL);
    CHECK(pointers && strstr(pointers, "\"pointer\":") && !strstr(pointers, "\"search\":"));
    CHECK(oasv_doc_navigation_json_without(doc, 0, NULL) == oasv_doc_navigation_json(doc, NULL));
    cJSON_Delete(got);
    cJSON_Delete(want);
    oasv_doc_free(doc);
}

static const cJSON *prop(const cJSON *schema, const char *name) { return find(get(schema, "properties"), "name", name); }

TEST(directions_read_write_only)
{
    oasv_doc *doc = load_text(pets);
    cJSON *e = entry_of(doc, "operations/updatePet");
    const cJSON *req = get(get(get(e, "requestBody"), "content")->child, "schema");
    CHECK(!prop(req, "id") && prop(req, "password") && prop(req, "name"));
    const cJSON *resp = get(get(find(get(e, "responses"), "status", "200"), "content")->child, "schema");
    CHECK(prop(resp, "id") && !prop(resp, "password"));
    /* a callback is sent by the API: readOnly shown, writeOnly hidden */
    const cJSON *cb = get(get(e, "callbacks")->child, "operations")->child;
    CHECK_STR(gets(cb, "kind"), "callback");
    const cJSON *cbs = get(get(get(cb, "requestBody"), "content")->child, "schema");
    CHECK(prop(cbs, "id") && !prop(cbs, "password"));
    /* examples follow the direction too */
    const char *ex = gets(get(get(get(e, "requestBody"), "content")->child, "examples")->child, "value");
    CHECK(ex && !strstr(ex, "\"id\"") && strstr(ex, "\"password\""));
    cJSON_Delete(e);

    e = entry_of(doc, "webhooks//pets/post");
    const cJSON *payload = get(get(get(e, "requestBody"), "content")->child, "schema");
    CHECK(prop(payload, "id") && !prop(payload, "password"));
    ex = gets(get(get(get(e, "requestBody"), "content")->child, "examples")->child, "value");
    CHECK(ex && strstr(ex, "\"id\"") && !strstr(ex, "\"password\""));
    CHECK(cJSON_GetArraySize(get(e, "security")) == 0); /* the document's security is for calls to the API */
    CHECK(cJSON_GetArraySize(get(e, "servers")) == 0);
    cJSON_Delete(e);
    oasv_doc_free(doc);
}

TEST(operation_entry_details)
{
    oasv_doc *doc = load_text(pets);
    cJSON *e = entry_of(doc, "operations/updatePet");
    CHECK_STR(gets(e, "path"), "/pets/{id}");
    const cJSON *params = get(e, "parameters");
    CHECK_EQ(cJSON_GetArraySize(get(params, "path")), 1);
    CHECK_EQ(cJSON_GetArraySize(get(params, "query")), 1);
    const cJSON *verbose = get(params, "query")->child;
    CHECK(cJSON_IsTrue(get(verbose, "required"))); /* the operation's parameter overrides the path item's */
    CHECK_STR(gets(get(verbose, "schema"), "type"), "string");
    CHECK(strstr(gets(verbose, "descriptionHtml"), "&lt;svg"));
    CHECK(strstr(gets(e, "descriptionHtml"), "&lt;iframe"));
    const cJSON *r200 = find(get(e, "responses"), "status", "200");
    CHECK_STR(gets(get(r200, "headers")->child, "name"), "X-Rate");
    CHECK_STR(gets(get(r200, "links")->child, "operationId"), "updatePet");
    CHECK(!strstr(gets(get(r200, "links")->child, "descriptionHtml"), "<a"));
    const cJSON *def = find(get(e, "responses"), "status", "default");
    CHECK(strstr(gets(def, "descriptionHtml"), "failed"));
    const cJSON *scheme = get(get(e, "security")->child, "schemes")->child;
    CHECK_STR(gets(scheme, "type"), "http");
    CHECK_STR(gets(scheme, "bearerFormat"), "JWT");
    CHECK_STR(gets(get(e, "servers")->child, "url"), "https://{host}/v1");
    const char *code = gets(get(e, "samples")->child, "code");
    CHECK(code && strstr(code, "curl -X POST 'https://api.example.com/v1/pets/7?verbose=yes'"));
    CHECK(code && strstr(code, "-H 'Authorization: Bearer $TOKEN'"));
    CHECK(code && strstr(code, "o'\\''malley")); /* a quote in the body, shell-quoted */
    cJSON_Delete(e);
    e = entry_of(doc, "operations/get-/pets");
    CHECK_EQ(cJSON_GetArraySize(get(e, "security")), 0); /* security: [] turns the default off */
    CHECK(!strstr(gets(get(e, "samples")->child, "code"), "Authorization"));
    CHECK_STR(gets(get(e, "servers")->child, "url"), "https://{host}/v1");
    cJSON_Delete(e);
    e = entry_of(doc, "webhooks/viaRef/post");
    CHECK_STR(gets(get(get(get(e, "requestBody"), "content")->child, "schema"), "type"), "string");
    cJSON_Delete(e);
    CHECK(oasv_doc_entry_json(doc, "operations/nope", NULL) == NULL);
    CHECK(!oasv_doc_has_entry(doc, "operations/nope"));
    CHECK(oasv_doc_has_entry(doc, "schemas/Pet"));
    oasv_doc_free(doc);
}

TEST(schema_trees)
{
    oasv_doc *doc = load_text(pets);
    cJSON *e = entry_of(doc, "schemas/Pet");
    const cJSON *s = get(e, "schema");
    CHECK_STR(gets(s, "type"), "object");
    CHECK(prop(s, "id") && prop(s, "password")); /* a schema alone shows everything */
    const cJSON *id = get(prop(s, "id"), "schema");
    CHECK_STR(get(id, "constraints")->child->valuestring, "at least 0, less than 100");
    CHECK(cJSON_IsTrue(get(id, "readOnly")));
    const cJSON *name = get(prop(s, "name"), "schema");
    CHECK(find(get(name, "constraints"), NULL, NULL) == NULL);
    CHECK_STR(get(name, "constraints")->child->valuestring, "1 to 64 characters");
    CHECK_STR(get(name, "constraints")->child->next->valuestring, "matches /^[a-z]+$/");
    CHECK(cJSON_IsTrue(get(prop(s, "name"), "required")));
    CHECK_STR(get(get(get(prop(s, "tags"), "schema"), "constraints"), NULL) ? "" : "", "");
    const cJSON *tags = get(prop(s, "tags"), "schema");
    CHECK_STR(get(tags, "constraints")->child->valuestring, "at least 1 item");
    CHECK_STR(get(tags, "constraints")->child->next->valuestring, "unique items");
    CHECK_STR(gets(get(tags, "items"), "type"), "string");
    const cJSON *kind = get(prop(s, "kind"), "schema");
    CHECK_STR(gets(kind, "type"), "string | null");
    CHECK(cJSON_IsTrue(get(kind, "nullable")));
    CHECK_STR(get(kind, "enum")->child->valuestring, "\"cat\"");
    const cJSON *parent = get(prop(s, "parent"), "schema");
    CHECK(cJSON_IsTrue(get(parent, "recursive")));
    CHECK_STR(gets(parent, "refName"), "Pet");
    /* the given schema example is used for its property in the generated example */
    CHECK(strstr(gets(get(e, "examples")->child, "value"), "o'malley"));
    cJSON_Delete(e);

    e = entry_of(doc, "schemas/Shape");
    s = get(e, "schema");
    CHECK_EQ(cJSON_GetArraySize(get(s, "oneOf")), 2);
    CHECK_STR(gets(get(s, "oneOf")->child, "title"), "A circle");
    CHECK_STR(gets(get(s, "oneOf")->child->next, "refName"), "Square");
    const cJSON *map = get(get(s, "discriminator"), "mapping");
    CHECK_STR(gets(find(map, "value", "sq"), "refName"), "Square");
    CHECK_STR(gets(find(map, "value", "circle"), "refName"), "Circle");
    CHECK(valid_at(doc, "/components/schemas/Shape", gets(get(e, "examples")->child, "value")));
    cJSON_Delete(e);

    e = entry_of(doc, "schemas/Merged");
    s = get(e, "schema");
    CHECK(get(s, "allOf") == NULL);
    CHECK(prop(s, "r") && prop(s, "color"));
    CHECK(cJSON_IsTrue(get(prop(s, "r"), "required")));
    CHECK(valid_at(doc, "/components/schemas/Merged", gets(get(e, "examples")->child, "value")));
    cJSON_Delete(e);
    e = entry_of(doc, "schemas/Unmergeable");
    CHECK_EQ(cJSON_GetArraySize(get(get(e, "schema"), "allOf")), 2);
    cJSON_Delete(e);
    e = entry_of(doc, "schemas/Map");
    s = get(e, "schema");
    CHECK_STR(gets(get(s, "additionalProperties"), "type"), "integer");
    CHECK_STR(gets(get(s, "patternProperties")->child, "pattern"), "^x-");
    cJSON_Delete(e);
    e = entry_of(doc, "schemas/Tuple");
    s = get(e, "schema");
    CHECK_EQ(cJSON_GetArraySize(get(s, "prefixItems")), 2);
    CHECK(valid_at(doc, "/components/schemas/Tuple", gets(get(e, "examples")->child, "value")));
    cJSON_Delete(e);
    e = entry_of(doc, "schemas/Circle");
    CHECK(valid_at(doc, "/components/schemas/Circle", gets(get(e, "examples")->child, "value")));
    CHECK_STR(get(get(prop(get(e, "schema"), "r"), "schema"), "constraints")->child->valuestring, "greater than 0");
    cJSON_Delete(e);
    oasv_doc_free(doc);
}

TEST(deferred_components)
{
    const char *text =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
        "paths:\n  /orders:\n    post:\n      operationId: order\n"
        "      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}\n"
        "      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}}\n"
        "components:\n  schemas:\n"
        "    Order: {type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}, lines: {type: array, items: {$ref: '#/components/schemas/Line'}}}}\n"
        "    Line: {type: object, properties: {qty: {type: integer}}}\n"
        "    Pet: {type: object, description: A pet, required: [id], properties: {id: {type: integer, readOnly: true}, owner: {$ref: '#/components/schemas/Person'}}}\n"
        "    Person: {type: object, properties: {name: {type: string}}}\n";
    oasv_doc *doc = load_text(text);
    cJSON *e = entry_of(doc, "operations/order");
    /* the payload's component is drawn in full; the components inside it keep their own facts only */
    const cJSON *req = get(get(get(e, "requestBody"), "content")->child, "schema");
    CHECK_STR(gets(req, "refName"), "Order");
    const cJSON *pet = get(prop(req, "pet"), "schema");
    CHECK_STR(gets(pet, "refName"), "Pet");
    CHECK(cJSON_IsTrue(get(pet, "deferred")));
    CHECK_STR(gets(pet, "omit"), "readOnly");
    CHECK_STR(gets(pet, "type"), "object");
    CHECK(gets(pet, "descriptionHtml") && strstr(gets(pet, "descriptionHtml"), "A pet"));
    CHECK(get(pet, "properties") == NULL);
    const cJSON *line = get(get(prop(req, "lines"), "schema"), "items");
    CHECK_STR(gets(line, "refName"), "Line");
    CHECK(cJSON_IsTrue(get(line, "deferred")));
    const cJSON *resp = get(get(find(get(e, "responses"), "status", "200"), "content")->child, "schema");
    CHECK(prop(resp, "pet") != NULL); /* drawn again in full: each payload on its own */
    CHECK_STR(gets(get(prop(resp, "pet"), "schema"), "omit"), "writeOnly");
    /* the example is still whole */
    const char *ex = gets(get(get(get(e, "requestBody"), "content")->child, "examples")->child, "value");
    CHECK(ex && strstr(ex, "\"qty\"") && strstr(ex, "\"owner\""));
    cJSON_Delete(e);
    /* a deferred node's children: its entry's, which draws everything (no direction) */
    e = entry_of(doc, "schemas/Pet");
    CHECK(prop(get(e, "schema"), "id") && prop(get(e, "schema"), "owner"));
    CHECK(prop(get(prop(get(e, "schema"), "owner"), "schema"), "name")); /* a schema entry: its properties' components too */
    cJSON_Delete(e);
    e = entry_of(doc, "schemas/Order");
    const cJSON *owner = get(prop(get(prop(get(e, "schema"), "pet"), "schema"), "owner"), "schema");
    CHECK(cJSON_IsTrue(get(owner, "deferred")) && get(owner, "omit") == NULL);
    cJSON_Delete(e);
    oasv_doc_free(doc);
}

TEST(generated_examples_formats_and_bounds)
{
    const char *text =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n"
        "    All:\n      type: object\n      required: [a, b, c, d, e, f, g, h, i, j, k]\n      properties:\n"
        "        a: {type: string, format: date-time}\n        b: {type: string, format: email}\n"
        "        c: {type: string, format: uuid}\n        d: {type: string, format: uri}\n"
        "        e: {type: integer, minimum: 5, maximum: 9, multipleOf: 3}\n        f: {type: number, exclusiveMinimum: 1.5, maximum: 2}\n"
        "        g: {type: string, minLength: 10}\n        h: {type: string, maxLength: 3}\n"
        "        i: {type: array, minItems: 2, items: {type: integer, maximum: -4}}\n        j: {type: [integer, 'null'], default: 3}\n"
        "        k: {const: fixed}\n        l: {type: string, format: date}\n"
        "    Tree: {type: object, required: [name], properties: {name: {type: string}, children: {type: array, items: {$ref: '#/components/schemas/Tree'}}}}\n";
    oasv_doc *doc = load_text(text);
    cJSON *e = entry_of(doc, "schemas/All");
    const char *v = gets(get(e, "examples")->child, "value");
    CHECK(v && strstr(v, "\"2024-01-01T00:00:00Z\"") && strstr(v, "\"user@example.com\"") && strstr(v, "\"e\": 6"));
    CHECK(valid_at(doc, "/components/schemas/All", v));
    cJSON_Delete(e);
    e = entry_of(doc, "schemas/Tree");
    v = gets(get(e, "examples")->child, "value");
    CHECK(valid_at(doc, "/components/schemas/Tree", v));
    cJSON_Delete(e);
    /* deterministic */
    size_t l1 = 0, l2 = 0;
    const char *first = oasv_doc_entry_json(doc, "schemas/All", &l1);
    char *a = malloc(l1 + 1);
    memcpy(a, first, l1 + 1);
    const char *b = oasv_doc_entry_json(doc, "schemas/All", &l2);
    CHECK(l1 == l2 && memcmp(a, b, l1) == 0);
    free(a);
    oasv_doc_free(doc);
}

TEST(openapi_30_documents)
{
    const char *text =
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
        "x-webhooks:\n  ping: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/P'}}}}, responses: {'200': {description: ok}}}}\n"
        "components:\n  schemas:\n    P: {type: object, properties: {n: {type: string, nullable: true}, x: {type: integer, minimum: 0, exclusiveMinimum: true}}}\n";
    oasv_doc *doc = load_text(text);
    cJSON *nav = nav_of(doc);
    CHECK(find(get(nav, "webhooks"), "id", "webhooks/ping/post"));
    cJSON_Delete(nav);
    cJSON *e = entry_of(doc, "schemas/P");
    const cJSON *n = get(prop(get(e, "schema"), "n"), "schema");
    CHECK_STR(gets(n, "type"), "string | null");
    CHECK(cJSON_IsTrue(get(n, "nullable")));
    CHECK_STR(get(get(prop(get(e, "schema"), "x"), "schema"), "constraints")->child->valuestring, "greater than 0");
    CHECK(strstr(gets(get(e, "examples")->child, "value"), "\"x\": 1"));
    cJSON_Delete(e);
    oasv_doc_free(doc);
}

TEST(small_documents)
{
    const char *docs[] = {
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks: {a: {post: {responses: {'200': {description: ok}}}}}\n",
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents: {schemas: {A: {type: string}}}\n",
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n",
        "[]", "", "openapi: 3.1.0\n",
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        oasv_doc *doc = load_text(docs[i]);
        cJSON *nav = nav_of(doc);
        CHECK(get(nav, "groups") && get(nav, "info"));
        if (i == 0 || i == 2) {
            CHECK_EQ(cJSON_GetArraySize(get(nav, "groups")), 1);
            CHECK(cJSON_IsNull(get(get(nav, "groups")->child, "tag")));
        }
        if (i == 1) CHECK_EQ(cJSON_GetArraySize(get(nav, "groups")), 0);
        cJSON_Delete(nav);
        oasv_doc_free(doc);
    }
}

TEST(pathological_schemas_are_bounded)
{
    /* A schema whose every level has 8 properties each referring to the next level: 8^40 paths if unbounded. */
    oasv_buf t = { 0 };
    oasv_buf_puts(&t, "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"components\":{\"schemas\":{");
    for (int i = 0; i < 40; i++) {
        oasv_buf_printf(&t, "%s\"S%d\":{\"type\":\"object\",\"properties\":{", i ? "," : "", i);
        for (int k = 0; k < 8; k++)
            oasv_buf_printf(&t, "%s\"p%d\":{\"$ref\":\"#/components/schemas/S%d\"}", k ? "," : "", k, i < 39 ? i + 1 : 39);
        oasv_buf_puts(&t, "},\"required\":[\"p0\",\"p1\",\"p2\",\"p3\",\"p4\",\"p5\",\"p6\",\"p7\"]}");
    }
    /* a deep inline chain */
    oasv_buf_puts(&t, ",\"Deep\":");
    for (int i = 0; i < 300; i++) oasv_buf_puts(&t, "{\"type\":\"array\",\"items\":");
    oasv_buf_puts(&t, "{\"type\":\"string\"}");
    for (int i = 0; i < 300; i++) oasv_buf_putc(&t, '}');
    /* and a wide inline one: more nodes than an entry draws */
    oasv_buf_puts(&t, ",\"Wide\":{\"type\":\"object\",\"properties\":{");
    for (int i = 0; i < 5000; i++) oasv_buf_printf(&t, "%s\"w%d\":{\"type\":\"string\"}", i ? "," : "", i);
    oasv_buf_puts(&t, "}}}}}");
    oasv_doc *doc = load_with(t.data, t.len, NULL);
    clock_t start = clock();
    size_t len = 0;
    /* S1 is drawn inside S0, S2 inside S1 is deferred: its children are in schemas/S2 */
    const char *s = oasv_doc_entry_json(doc, "schemas/S0", &len);
    CHECK(s != NULL);
    CHECK(len < 256 * 1024); /* mostly its generated example (MODEL_MAX_EXAMPLE_NODES) */
    CHECK(s && strstr(s, "\"refName\":\"S2\"") && strstr(s, "\"deferred\":true"));
    s = oasv_doc_entry_json(doc, "schemas/Deep", &len);
    CHECK(s && strstr(s, "\"truncated\":true"));
    s = oasv_doc_entry_json(doc, "schemas/Wide", &len);
    CHECK(s && strstr(s, "\"truncated\":true"));
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    CHECK(secs < 5.0);
    oasv_doc_free(doc);
    oasv_buf_free(&t);
}

/* MARK: - Out of memory: every allocation failing in turn leaks nothing and crashes nothing */

static long budget;
static void *fail_malloc(void *ctx, size_t n) { (void)ctx; return budget-- > 0 ? malloc(n) : NULL; }
static void *fail_realloc(void *ctx, void *p, size_t n) { (void)ctx; return budget-- > 0 ? realloc(p, n) : NULL; }
static void fail_free(void *ctx, void *p) { (void)ctx; free(p); }

TEST(out_of_memory)
{
    oasv_alloc a = { fail_malloc, fail_realloc, fail_free, NULL };
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .alloc = &a, .flags = OASV_LOAD_NO_VALIDATE };
    bool done = false;
    for (long n = 0; n < 100000 && !done; n += n < 2000 ? 1 : 37) {
        budget = 1L << 40;
        oasv_doc *doc = NULL;
        if (oasv_load(pets, strlen(pets), &o, &doc) != OASV_OK) continue;
        budget = n;
        const char *nav = oasv_doc_navigation_json(doc, NULL);
        const char *lean = oasv_doc_navigation_json_without(doc, OASV_NAV_NO_SEARCH | OASV_NAV_NO_POINTERS, NULL);
        const char *search = oasv_doc_search_json(doc, NULL);
        const char *e1 = oasv_doc_entry_json(doc, "operations/updatePet", NULL);
        const char *e2 = oasv_doc_entry_json(doc, "schemas/Shape", NULL);
        done = nav && lean && search && e1 && e2;
        budget = 1L << 40;
        oasv_doc_free(doc);
    }
    CHECK(done);
}
