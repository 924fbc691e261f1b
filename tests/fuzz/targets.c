/* targets.c - one input through each public entry point (see targets.h). */
#include "targets.h"

#include "oasv.h"

#include "model/model.h"
#include "yaml_agree.h"
#include "util/utf8.h"
#include "validate/schema/regex.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An allocator that fails after a budget, so out-of-memory paths run too. */
typedef struct budget { size_t left; } budget;

static void *budget_malloc(void *ctx, size_t size)
{
    budget *b = ctx;
    if (b->left == 0) return NULL;
    b->left--;
    return malloc(size);
}

static void *budget_realloc(void *ctx, void *ptr, size_t size)
{
    budget *b = ctx;
    if (b->left == 0) return NULL;
    b->left--;
    return realloc(ptr, size);
}

static void budget_free(void *ctx, void *ptr) { (void)ctx; free(ptr); }

void fuzz_target_load(const uint8_t *data, size_t size)
{
    if (size < 1) return;
    uint8_t mode = data[0];
    data++, size--;
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.format = (oasv_format)(mode & 3) == 3 ? OASV_FORMAT_AUTO : (oasv_format)(mode & 3);
    if (mode & 4) opts.limits.max_depth = 16;
    if (mode & 8) opts.limits.max_alias_nodes = 64;
    budget b = { (size_t)(mode >> 4) * 37 + 1 };
    oasv_alloc failing = { budget_malloc, budget_realloc, budget_free, &b };
    if ((mode & 0xF0) == 0xF0) opts.alloc = &failing; /* one input in sixteen runs short of memory */

    oasv_doc *doc = NULL;
    if (oasv_load((const char *)data, size, &opts, &doc) != OASV_OK) return;
    size_t len;
    (void)oasv_doc_result_json(doc, &len);
    (void)oasv_doc_tree_json(doc, &len);
    oasv_span span;
    (void)oasv_doc_locate(doc, "/paths", true, &span);
    (void)oasv_doc_locate(doc, "/components/schemas", false, &span);
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (d->span.line && d->span.end_offset < d->span.offset) abort(); /* spans are ordered */
        if (d->span.end_offset > size + 1) abort();                       /* and inside the text */
    }
    oasv_doc_free(doc);
}

void fuzz_target_yaml_fast(const uint8_t *data, size_t size)
{
    if (size < 1) return;
    uint8_t mode = data[0];
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    if (mode & 1) opts.limits.max_depth = 8;
    if (mode & 2) opts.limits.max_diagnostics = 1;
    bool fast;
    char why[600];
    if (!yaml_agree(data + 1, size - 1, &opts, &fast, why, sizeof why)) {
        fprintf(stderr, "fuzz: the fast YAML reader and libyaml disagree: %s\n", why);
        abort();
    }
}

/* MARK: - Helpers */

/* Stop the fuzzer with a message: a broken guarantee, not a crash of ours. */
static void violated(const char *what, const char *detail, size_t len)
{
    fprintf(stderr, "fuzz: %s: %.*s\n", what, (int)(len > 400 ? 400 : len), detail ? detail : "");
    abort();
}

/* The next part of `data` up to a NUL byte (or the end); advances past the NUL. */
static const char *next_part(const uint8_t **data, size_t *size, size_t *len)
{
    const char *part = (const char *)*data;
    const uint8_t *nul = *size ? memchr(*data, 0, *size) : NULL;
    *len = nul ? (size_t)(nul - *data) : *size;
    *data += *len + (nul ? 1 : 0);
    *size -= *len + (nul ? 1 : 0);
    return part;
}

static bool utf8_ok(const uint8_t *s, size_t len)
{
    size_t bad;
    return oasv_utf8_valid(s, len, &bad);
}

/* Text that must be JSON (a model, a result): parses as JSON, else abort. */
static cJSON *must_parse(const char *what, const char *text, size_t len)
{
    if (!text) return NULL;
    cJSON *v = cJSON_ParseWithLength(text, len);
    if (!v) violated(what, text, len);
    return v;
}

/* MARK: - JSON Schema and regex */

void fuzz_target_schema(const uint8_t *data, size_t size)
{
    if (size < 1) return;
    uint8_t mode = data[0];
    data++, size--;
    budget b = { (size_t)(mode >> 4) * 53 + 1 };
    oasv_alloc failing = { budget_malloc, budget_realloc, budget_free, &b };
    size_t slen, rlen = 0, ilen;
    const char *schema = next_part(&data, &size, &slen), *resource = NULL, *instance;

    if ((mode & 3) == 2) { /* the regex engine alone: pattern NUL subject (valid UTF-8, as the validator gives it) */
        char err[128];
        oasv_regex *re = oasv_regex_compile(schema, slen, err, sizeof err);
        if (!re) return;
        if (utf8_ok(data, size)) {
            unsigned long steps = mode & 4 ? 1000 : 100000;
            oasv_regex_result r = oasv_regex_test_steps(re, (const char *)data, size, steps);
            if (r != OASV_REGEX_MATCH && r != OASV_REGEX_NO_MATCH && r != OASV_REGEX_LIMIT) abort();
            /* the simple form (regex_ecma.c) answers only where the matcher gives the same answer within the budget */
            if (r != oasv_regex_backtrack(re, (const char *)data, size, steps)) abort();
        }
        oasv_regex_free(re);
        return;
    }
    if ((mode & 3) == 3) resource = next_part(&data, &size, &rlen);
    /* No NUL after the schema: it validates itself (the seeds are schemas alone). */
    bool rest = (const char *)data > schema + slen;
    instance = rest ? (const char *)data : schema;
    ilen = rest ? size : slen;

    oasv_schema_resource res = { "http://localhost:1234/r.json", resource, rlen };
    oasv_schema_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_SCHEMA_OPTIONS_VERSION;
    opts.resources = resource ? &res : NULL;
    opts.resource_count = resource ? 1 : 0;
    opts.base_uri = resource ? "http://localhost:1234/root.json" : NULL;
    opts.format_assertion = (mode & 4) != 0;
    if (mode & 8) { opts.max_steps = 5000; opts.max_depth = 24; opts.limits.max_depth = 32; }
    else opts.max_steps = 2000000; /* a hang guard: the default (50,000,000) is minutes under ASan */
    if ((mode & 0xF0) == 0xF0) opts.alloc = &failing;

    oasv_schema *s = NULL;
    if (oasv_schema_compile(schema, slen, &opts, &s) != OASV_OK) return;
    size_t len = 0;
    if (!oasv_schema_ok(s)) {
        if (oasv_schema_error_count(s) == 0) abort(); /* not ok says why */
        const char *json = oasv_schema_errors_json(s, &len); /* before reading len */
        cJSON_Delete(must_parse("schema errors are not JSON", json, len));
        oasv_schema_free(s);
        return;
    }
    oasv_schema_result *r = NULL;
    if (oasv_schema_validate(s, instance, ilen, &r) == OASV_OK) {
        if (oasv_schema_result_valid(r) != (oasv_schema_result_error_count(r) == 0)) abort();
        bool checked = !oasv_schema_result_valid(r); /* the validity-only walk gives the same verdict */
        if (oasv_schema_check(s, instance, ilen, &checked) == OASV_OK && checked != oasv_schema_result_valid(r)) abort();
        const char *json = oasv_schema_result_json(r, &len); /* before reading len */
        cJSON_Delete(must_parse("a schema result is not JSON", json, len));
        oasv_schema_result_free(r);
    }
    oasv_schema_free(s);
}

/* MARK: - Render model */

/* Every "id" member of the navigation, in `ids` (at most `max`). */
static size_t collect_ids(const cJSON *v, const char **ids, size_t n, size_t max)
{
    for (const cJSON *c = v ? v->child : NULL; c && n < max; c = c->next) {
        if (c->string && strcmp(c->string, "id") == 0 && cJSON_IsString(c)) ids[n++] = c->valuestring;
        else if (cJSON_IsObject(c) || cJSON_IsArray(c)) n = collect_ids(c, ids, n, max);
    }
    return n;
}

void fuzz_target_model(const uint8_t *data, size_t size)
{
    if (size < 1) return;
    uint8_t mode = data[0];
    data++, size--;
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.format = (oasv_format)(mode & 3) == 3 ? OASV_FORMAT_AUTO : (oasv_format)(mode & 3);
    if (mode & 4) opts.flags = OASV_LOAD_NO_VALIDATE;
    if (mode & 8) opts.limits.max_depth = 24;
    budget b = { (size_t)(mode >> 4) * 97 + 1 };
    oasv_alloc failing = { budget_malloc, budget_realloc, budget_free, &b };
    bool short_of_memory = (mode & 0xF0) == 0xF0;
    if (short_of_memory) opts.alloc = &failing;

    oasv_doc *doc = NULL;
    if (oasv_load((const char *)data, size, &opts, &doc) != OASV_OK) return;
    size_t len = 0;
    const char *nav_text = oasv_doc_navigation_json(doc, &len);
    if (!nav_text && !short_of_memory) violated("no navigation without running out of memory", "", 0);
    size_t nav_len = len;
    cJSON *nav = must_parse("the navigation is not JSON", nav_text, len);
    const char *ids[256];
    size_t n = collect_ids(nav, ids, 0, sizeof ids / sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        if (strncmp(ids[i], "tags/", 5) == 0) continue; /* groups, not entries */
        if (!oasv_doc_has_entry(doc, ids[i])) violated("a navigation id names no entry", ids[i], strlen(ids[i]));
        const char *entry = oasv_doc_entry_json(doc, ids[i], &len);
        if (!entry && !short_of_memory) violated("no entry without running out of memory", ids[i], strlen(ids[i]));
        cJSON_Delete(must_parse("an entry is not JSON", entry, len));
    }
    if (oasv_doc_entry_json(doc, "operations/", &len) && !oasv_doc_has_entry(doc, "operations/")) abort();
    /* the navigation without its search entries, and those alone: the two parts of the whole text */
    size_t lean_len = 0, search_len = 0;
    const char *lean = oasv_doc_navigation_json_without(doc, OASV_NAV_NO_SEARCH, &lean_len);
    const char *search = oasv_doc_search_json(doc, &search_len);
    if (nav_text && lean && search) {
        static const char key[] = ",\"search\":";
        size_t k = sizeof key - 1;
        bool parts = lean_len >= 2 && lean_len - 1 + k + search_len + 1 == nav_len && memcmp(nav_text, lean, lean_len - 1) == 0 &&
                     memcmp(nav_text + lean_len - 1, key, k) == 0 && memcmp(nav_text + lean_len - 1 + k, search, search_len) == 0;
        if (!parts) violated("the lean navigation and the search entries are not the parts of the navigation", lean, lean_len);
    } else if (!short_of_memory) {
        violated("no lean navigation or search entries without running out of memory", "", 0);
    }
    /* without the items' pointers too: JSON with no "pointer" member (the raw `"pointer":` cannot occur in a string) */
    size_t bare_len = 0;
    const char *bare = oasv_doc_navigation_json_without(doc, OASV_NAV_NO_SEARCH | OASV_NAV_NO_POINTERS, &bare_len);
    if (bare) {
        cJSON_Delete(must_parse("the navigation without pointers is not JSON", bare, bare_len));
        if (strstr(bare, "\"pointer\":") || strstr(bare, "\"search\":")) /* the text ends with a NUL */
            violated("the navigation without pointers and search has one", bare, bare_len);
    } else if (!short_of_memory) {
        violated("no navigation without pointers without running out of memory", "", 0);
    }
    cJSON_Delete(nav);
    oasv_doc_free(doc);
}

/* MARK: - Markdown */

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

/* A URL attribute as the browser reads it (character references decoded, then the WHATWG
 * rules): its scheme must be http(s), or mailto for links; no scheme is a relative URL. */
static bool url_allowed(const char *v, size_t len, bool image)
{
    char url[512];
    size_t n = 0;
    for (size_t i = 0; i < len && n < sizeof url - 1; i++) {
        char c = v[i];
        if (c == '&') {
            static const struct { const char *ref; char c; } refs[] = {
                { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' } };
            size_t k = 0;
            while (k < sizeof refs / sizeof *refs && strncmp(v + i, refs[k].ref, strlen(refs[k].ref))) k++;
            if (k == sizeof refs / sizeof *refs) return false; /* a reference we never write: could hide a scheme */
            c = refs[k].c;
            i += strlen(refs[k].ref) - 1;
        }
        url[n++] = c;
    }
    size_t i = 0;
    while (i < n && (unsigned char)url[i] <= 0x20) i++;
    char scheme[16];
    size_t s = 0;
    for (; i < n; i++) {
        char c = url[i];
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c == ':') break;
        if (!(is_alpha(c) || (s && (is_alnum(c) || c == '+' || c == '-' || c == '.')))) return true; /* relative */
        if (s == sizeof scheme - 1) return false;
        scheme[s++] = (char)(c | 0x20);
    }
    if (i == n || s == 0) return true;
    scheme[s] = '\0';
    return !strcmp(scheme, "http") || !strcmp(scheme, "https") || (!image && !strcmp(scheme, "mailto"));
}

/* Abort unless every tag and attribute of `html` is on the allow-list and every URL is allowed. */
static void check_html(const char *html, size_t len)
{
    static const char *const tags[] = { "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "hr", "pre",
                                        "code", "em", "strong", "del", "br", "a", "img", "table", "thead", "tbody", "tr",
                                        "th", "td" };
    static const char *const attrs[][5] = { { "a", "href", "title", "rel", NULL }, { "img", "src", "alt", "title", NULL },
                                            { "ol", "start", NULL }, { "th", "align", NULL }, { "td", "align", NULL },
                                            { "code", "class", NULL } };
    if (memchr(html, '\0', len)) violated("a NUL in the HTML", html, len);
    for (size_t i = 0; i < len; i++) {
        if (html[i] == '>') violated("a '>' outside a tag", html + i, len - i);
        if (html[i] != '<') continue;
        size_t start = i++;
        bool closing = i < len && html[i] == '/';
        if (closing) i++;
        char name[16];
        size_t n = 0;
        while (i < len && is_alnum(html[i]) && n < sizeof name - 1) name[n++] = html[i++];
        name[n] = '\0';
        size_t t = 0;
        while (t < sizeof tags / sizeof *tags && strcmp(tags[t], name)) t++;
        if (t == sizeof tags / sizeof *tags) violated("a tag outside the allow-list", html + start, len - start);
        while (i < len && html[i] != '>') {
            if (closing || html[i] != ' ') violated("junk in a tag", html + start, len - start);
            i++;
            char attr[16];
            size_t a = 0;
            while (i < len && is_alpha(html[i]) && a < sizeof attr - 1) attr[a++] = html[i++];
            attr[a] = '\0';
            bool ok = false;
            for (size_t k = 0; k < sizeof attrs / sizeof *attrs && !ok; k++)
                if (!strcmp(attrs[k][0], name))
                    for (size_t m = 1; attrs[k][m] && !ok; m++) ok = !strcmp(attrs[k][m], attr);
            if (!ok) violated("an attribute outside the allow-list", html + start, len - start);
            if (i + 1 >= len || html[i] != '=' || html[i + 1] != '"') violated("an unquoted attribute", html + start, len - start);
            i += 2;
            const char *v = html + i, *end = memchr(v, '"', len - i);
            if (!end) violated("an unterminated attribute", html + start, len - start);
            size_t vlen = (size_t)(end - v);
            if (memchr(v, '<', vlen) || memchr(v, '>', vlen)) violated("markup in an attribute", html + start, len - start);
            if ((!strcmp(attr, "href") || !strcmp(attr, "src")) && !url_allowed(v, vlen, attr[0] == 's'))
                violated("a URL outside the allow-list", html + start, len - start);
            if (!strcmp(attr, "class")) {
                bool lang = vlen > 9 && !strncmp(v, "language-", 9);
                for (size_t k = 9; lang && k < vlen; k++) lang = is_alnum(v[k]) || v[k] == '-' || v[k] == '_' || v[k] == '+';
                if (!lang) violated("a class that is not a language", html + start, len - start);
            }
            if (!strcmp(attr, "rel") && (vlen != strlen("nofollow noopener noreferrer") || strncmp(v, "nofollow noopener noreferrer", vlen)))
                violated("a rel that is not nofollow noopener noreferrer", html + start, len - start);
            i += vlen + 1;
        }
        if (i >= len) violated("an unterminated tag", html + start, len - start);
    }
}

void fuzz_target_markdown(const uint8_t *data, size_t size)
{
    oasv_buf b = { 0 };
    oasv_markdown_html((const char *)data, size, &b);
    if (b.oom) abort(); /* no allocator that fails here: out of memory is not expected */
    check_html(b.data ? b.data : "", b.len);
    if (utf8_ok(data, size) && !utf8_ok((const uint8_t *)(b.data ? b.data : ""), b.len))
        violated("valid UTF-8 in, invalid UTF-8 out", b.data, b.len);
    oasv_buf_free(&b);
}

/* MARK: - Payloads */

/* A document whose schemas use most of the engine: $ref, discriminators, patterns, formats, unevaluated*. */
static const char payload_spec[] =
    "openapi: 3.1.0\n"
    "info: {title: payloads, version: '1'}\n"
    "paths:\n"
    "  /pets/{id}:\n"
    "    post:\n"
    "      operationId: addPet\n"
    "      requestBody:\n"
    "        content:\n"
    "          application/json: {schema: {$ref: '#/components/schemas/Pet'}}\n"
    "          application/merge-patch+json: {schema: {type: object, unevaluatedProperties: false, properties: {name: {type: string}}}}\n"
    "          text/plain: {}\n"
    "      responses:\n"
    "        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}, maxItems: 50, uniqueItems: true}}}}\n"
    "        '4XX': {description: err, content: {application/*: {schema: {$ref: '#/components/schemas/Problem'}}}}\n"
    "        default: {description: any, content: {'*/*': {schema: {not: {type: 'null'}}}}}\n"
    "    get:\n"
    "      operationId: getPet\n"
    "      responses:\n"
    "        '2XX': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Tree'}}}}\n"
    "webhooks:\n"
    "  newPet:\n"
    "    post:\n"
    "      requestBody:\n"
    "        content:\n"
    "          application/json:\n"
    "            schema:\n"
    "              type: object\n"
    "              required: [event, data]\n"
    "              properties:\n"
    "                event: {enum: [created, updated, {deleted: true}, 1.50]}\n"
    "                at: {type: string, format: date-time}\n"
    "                data: {$ref: '#/components/schemas/Pet'}\n"
    "              dependentSchemas: {at: {required: [id]}}\n"
    "              if: {properties: {event: {const: updated}}}\n"
    "              then: {required: [at]}\n"
    "              else: {properties: {at: false}}\n"
    "      responses:\n"
    "        '204': {description: received}\n"
    "components:\n"
    "  schemas:\n"
    "    Pet:\n"
    "      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]\n"
    "      discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}\n"
    "    Base:\n"
    "      type: object\n"
    "      required: [kind, name]\n"
    "      properties:\n"
    "        kind: {type: string}\n"
    "        name: {type: string, minLength: 1, maxLength: 64, pattern: '^\\p{L}[\\p{L}\\p{N} _-]*(?<!-)$'}\n"
    "        id: {type: integer, minimum: 1, maximum: 9007199254740993, multipleOf: 1}\n"
    "        email: {type: string, format: email}\n"
    "        site: {type: string, format: uri}\n"
    "        ip: {anyOf: [{format: ipv4}, {format: ipv6}]}\n"
    "        uuid: {type: string, format: uuid}\n"
    "        tags: {type: array, prefixItems: [{type: string}], items: {type: [string, number]}, contains: {const: pet}, minContains: 0, maxContains: 3}\n"
    "        weight: {type: number, exclusiveMinimum: 0, multipleOf: 0.01}\n"
    "        born: {type: string, format: date}\n"
    "        every: {type: string, format: duration}\n"
    "        re: {type: string, format: regex}\n"
    "      patternProperties: {'^x-[a-z]+$': true, '^(a+)+$': {type: integer}}\n"
    "      propertyNames: {maxLength: 40, pattern: '^[\\w$-]+$'}\n"
    "      maxProperties: 30\n"
    "    Cat:\n"
    "      allOf: [{$ref: '#/components/schemas/Base'}]\n"
    "      properties: {kind: {const: cat}, lives: {type: integer, minimum: 0, maximum: 9}}\n"
    "      unevaluatedProperties: false\n"
    "    Dog:\n"
    "      allOf: [{$ref: '#/components/schemas/Base'}]\n"
    "      properties: {kind: {const: dog}, good: {type: boolean, default: true}}\n"
    "      dependentRequired: {good: [name]}\n"
    "      unevaluatedProperties: {type: string}\n"
    "    Problem:\n"
    "      type: object\n"
    "      properties: {status: {type: integer}, detail: {type: string}}\n"
    "      additionalProperties: {type: [string, 'null']}\n"
    "    Tree:\n"
    "      $dynamicAnchor: node\n"
    "      type: object\n"
    "      properties: {value: true, children: {type: array, items: {$dynamicRef: '#node'}}}\n"
    "      unevaluatedItems: false\n";

void fuzz_target_payload(const uint8_t *data, size_t size)
{
    static const char *const ids[] = { "operations/addPet", "operations/getPet", "webhooks/newPet/post", "operations/nope" };
    static const char *const statuses[] = { NULL, "200", "204", "404", "default", "2XX", "299", "" };
    static const char *const types[] = { NULL, "application/json", "application/json; charset=utf-8", "text/plain",
                                         "application/merge-patch+json", "application/problem+json", "image/png", "*/*" };
    if (size < 1) return;
    uint8_t mode = data[0];
    data++, size--;
    /* Loaded once: loading dominated each run. The schemas it compiles and keeps are the
     * same whatever the payload, so an input replays alike against a fresh document. */
    static oasv_doc *doc;
    if (!doc) {
        oasv_options opts;
        memset(&opts, 0, sizeof opts);
        opts.abi_version = OASV_OPTIONS_VERSION;
        opts.flags = OASV_LOAD_NO_VALIDATE;
        if (oasv_load(payload_spec, sizeof payload_spec - 1, &opts, &doc) != OASV_OK) abort();
        if (oasv_doc_diag_count(doc)) {
            const oasv_diag *d = oasv_doc_diag(doc, 0);
            violated("the payload document does not load", d->message, strlen(d->message));
        }
    }
    const char *id = ids[mode & 3];
    oasv_payload_part part = (mode & 4) ? OASV_PAYLOAD_RESPONSE : OASV_PAYLOAD_REQUEST;
    const char *status = statuses[(mode >> 3) & 7];
    const char *type = types[(mode >> 5) & 7];
    for (int round = 0; round < 2; round++) { /* the second call takes the cached schema */
        oasv_schema_result *r = NULL;
        oasv_status st = oasv_doc_validate_payload(doc, id, part, status, type, (const char *)data, size, &r);
        if (st == OASV_ERR_ARGS && (mode & 3) == 3) break; /* an unknown id */
        if (st != OASV_OK) violated("validate_payload failed", id, strlen(id));
        if (oasv_schema_result_valid(r) != (oasv_schema_result_error_count(r) == 0)) abort();
        size_t len = 0;
        const char *json = oasv_schema_result_json(r, &len); /* before reading len */
        cJSON_Delete(must_parse("a payload result is not JSON", json, len));
        oasv_schema_result_free(r);
    }
}

/* MARK: - The wasm entry points (src/wasm/exports.c) */

void *oasv_wasm_malloc(size_t size);
void oasv_wasm_free(void *ptr);
oasv_doc *oasv_wasm_load_with(char *src, size_t len, const char *filename, uint32_t format, uint32_t max_input_bytes,
                              uint32_t max_depth, uint32_t max_alias_nodes, const oasv_rules *rules, uint32_t flags,
                              uint32_t max_ref_hops, uint32_t max_diagnostics);
const char *oasv_wasm_result(oasv_doc *doc);
size_t oasv_wasm_result_len(oasv_doc *doc);
char *oasv_wasm_text(oasv_doc *doc, const char *filename);
void oasv_wasm_doc_free(oasv_doc *doc);
const char *oasv_wasm_tree_json(oasv_doc *doc);
size_t oasv_wasm_tree_json_len(oasv_doc *doc);
const oasv_span *oasv_wasm_locate(oasv_doc *doc, const char *pointer, uint32_t key);
oasv_schema *oasv_wasm_schema_compile(const char *src, size_t len, const uint32_t *table, uint32_t count, uint32_t flags,
                                      uint32_t max_depth, uint32_t max_steps);
uint32_t oasv_wasm_schema_ok(oasv_schema *schema);
const char *oasv_wasm_schema_errors(oasv_schema *schema);
size_t oasv_wasm_schema_errors_len(oasv_schema *schema);
void oasv_wasm_schema_free(oasv_schema *schema);
oasv_schema_result *oasv_wasm_schema_validate(oasv_schema *schema, const char *src, size_t len);
const char *oasv_wasm_schema_result(oasv_schema_result *r);
size_t oasv_wasm_schema_result_len(oasv_schema_result *r);
void oasv_wasm_schema_result_free(oasv_schema_result *r);
oasv_rules *oasv_wasm_rules_new(const char *json, size_t len, char *error, size_t error_size);
void oasv_wasm_rules_free(oasv_rules *rules);
char *oasv_wasm_lint_begin(uint32_t format);
char *oasv_wasm_lint_file(oasv_doc *doc, const char *filename, uint32_t format, uint32_t files_before, uint32_t results_before);
char *oasv_wasm_lint_end(uint32_t format, uint32_t errors, uint32_t warnings, uint32_t files);
const char *oasv_wasm_navigation(oasv_doc *doc);
size_t oasv_wasm_navigation_len(oasv_doc *doc);
const char *oasv_wasm_entry(oasv_doc *doc, const char *id);
size_t oasv_wasm_entry_len(void);
uint32_t oasv_wasm_has_entry(oasv_doc *doc, const char *id);
oasv_schema_result *oasv_wasm_validate_payload(oasv_doc *doc, const char *id, uint32_t part, const char *status,
                                               const char *content_type, const char *src, size_t len);
uint32_t oasv_wasm_payload_status(void);
int32_t oasv_wasm_regex_test(const char *pattern, size_t plen, const char *subject, size_t slen, uint32_t max_steps);

/* What JS's #copyIn does: the bytes in wasm memory with one spare byte, NUL-terminated here for C strings. */
static char *copy_in(const char *s, size_t len)
{
    char *p = oasv_wasm_malloc(len + 1);
    if (!p) abort();
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* What JS's #take does: read the NUL-terminated text and free it. */
static void take(char *text)
{
    if (!text) violated("an export gave no text", "", 0);
    (void)strlen(text);
    oasv_wasm_free(text);
}

void fuzz_target_exports(const uint8_t *data, size_t size)
{
    if (size < 1) return;
    uint8_t mode = data[0];
    data++, size--;
    size_t dlen, rlen, plen, ylen;
    const char *doc_text = next_part(&data, &size, &dlen);
    const char *rules_text = next_part(&data, &size, &rlen);
    const char *pointer = next_part(&data, &size, &plen);
    const char *payload = next_part(&data, &size, &ylen);
    uint32_t fmt = mode & 3; /* JS refuses other lint formats before calling */

    /* ov.load(text, { rules, format, limits, validate }) */
    oasv_rules *rules = NULL;
    if (mode & 4) {
        char *r = copy_in(rules_text, rlen);
        char *error = oasv_wasm_malloc(512);
        if (!error) abort();
        error[0] = '\0';
        rules = oasv_wasm_rules_new(r, rlen, error, 512);
        if (!rules && strlen(error) >= 512) abort();
        oasv_wasm_free(r);
        oasv_wasm_free(error);
    }
    char *src = copy_in(doc_text, dlen);
    char *name = copy_in("openapi.yaml", 12);
    oasv_doc *doc = oasv_wasm_load_with(src, dlen, name, mode >> 6, mode & 8 ? 4096 : 64u * 1024 * 1024, mode & 16 ? 20 : 0,
                                        mode & 16 ? 50 : 0, rules, mode & 32 ? 1 : 0, mode & 16 ? 3 : 0, mode & 16 ? 5 : 0);
    if (rules) oasv_wasm_rules_free(rules);
    oasv_wasm_free(name);
    if (!doc) violated("no document without running out of memory", "", 0);
    const char *result = oasv_wasm_result(doc);
    cJSON_Delete(must_parse("the load result is not JSON", result, oasv_wasm_result_len(doc)));

    /* formatText, formatLint, json(), locate() */
    char *n = copy_in("<input>", 7);
    take(oasv_wasm_text(doc, n));
    take(oasv_wasm_lint_begin(fmt));
    take(oasv_wasm_lint_file(doc, n, fmt, mode & 1, mode & 2));
    take(oasv_wasm_lint_end(fmt, mode, 1, 2));
    oasv_wasm_free(n);
    const char *tree = oasv_wasm_tree_json(doc);
    if (tree) cJSON_Delete(must_parse("the tree is not JSON", tree, oasv_wasm_tree_json_len(doc)));
    char *p = copy_in(pointer, plen);
    const oasv_span *span = oasv_wasm_locate(doc, p, mode & 1);
    if (span && span->end_offset < span->offset) abort();

    /* navigation(), entry(id), validatePayload(id, value) with the same text as id */
    const char *nav = oasv_wasm_navigation(doc);
    if (!nav) violated("no navigation", "", 0);
    cJSON_Delete(must_parse("the navigation is not JSON", nav, oasv_wasm_navigation_len(doc)));
    const char *entry = oasv_wasm_entry(doc, p);
    if (entry) cJSON_Delete(must_parse("an entry is not JSON", entry, oasv_wasm_entry_len()));
    else if (oasv_wasm_has_entry(doc, p)) violated("an entry without text", p, plen);
    char *body = copy_in(payload, ylen);
    char *status = copy_in("201", 3);
    oasv_schema_result *r = oasv_wasm_validate_payload(doc, p, mode & 1, mode & 2 ? status : NULL,
                                                       mode & 4 ? "application/json" : NULL, body, ylen);
    if (r) {
        cJSON_Delete(must_parse("a payload result is not JSON", oasv_wasm_schema_result(r), oasv_wasm_schema_result_len(r)));
        oasv_wasm_schema_result_free(r);
    } else if (oasv_wasm_payload_status() != 2) {
        violated("validate_payload ran out of memory", p, plen);
    }
    oasv_wasm_doc_free(doc); /* the document adopted `src` */

    /* compileJsonSchema(rules text).validate(payload); the regex test export on pointer and payload */
    oasv_schema *schema = oasv_wasm_schema_compile(rules_text, rlen, NULL, 0, mode & 1, mode & 16 ? 10 : 0,
                                                   mode & 16 ? 5000 : 2000000);
    if (!schema) violated("no schema without running out of memory", "", 0);
    if (!oasv_wasm_schema_ok(schema)) {
        cJSON_Delete(must_parse("schema errors are not JSON", oasv_wasm_schema_errors(schema), oasv_wasm_schema_errors_len(schema)));
    } else {
        oasv_schema_result *v = oasv_wasm_schema_validate(schema, body, ylen);
        if (!v) violated("no result without running out of memory", "", 0);
        cJSON_Delete(must_parse("a schema result is not JSON", oasv_wasm_schema_result(v), oasv_wasm_schema_result_len(v)));
        oasv_wasm_schema_result_free(v);
    }
    oasv_wasm_schema_free(schema);
    if (utf8_ok((const uint8_t *)body, ylen)) {
        int32_t m = oasv_wasm_regex_test(p, plen, body, ylen, 20000);
        if (m < -2 || m > 1) abort();
    }
    oasv_wasm_free(status);
    oasv_wasm_free(body);
    oasv_wasm_free(p);
}

/* MARK: - Documents through the resolver */

typedef struct served { const char *text[2]; size_t len[2]; } served;

static const char *serve_part(void *ctx, const char *uri, size_t *len, const char **error)
{
    (void)error;
    const served *s = ctx;
    int i = strcmp(uri, "api/a.yaml") == 0 ? 0 : strcmp(uri, "api/b.yaml") == 0 ? 1 : -1;
    if (i < 0 || !s->text[i]) return NULL;
    *len = s->len[i];
    return s->text[i];
}

void fuzz_target_external(const uint8_t *data, size_t size)
{
    if (size < 1) return;
    uint8_t mode = data[0];
    data++, size--;
    size_t mlen;
    const char *main_text = next_part(&data, &size, &mlen);
    served s = { { NULL, NULL }, { 0, 0 } };
    for (int i = 0; i < 2 && size; i++) s.text[i] = next_part(&data, &size, &s.len[i]);
    oasv_resolver resolver = { serve_part, &s };
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.filename = "api/openapi.yaml";
    opts.resolver = &resolver;
    if (mode & 4) opts.limits.max_depth = 16;
    if (mode & 8) opts.limits.max_ref_hops = 4;
    budget b = { (size_t)(mode >> 4) * 41 + 1 };
    oasv_alloc failing = { budget_malloc, budget_realloc, budget_free, &b };
    if ((mode & 0xF0) == 0xF0) opts.alloc = &failing;

    oasv_doc *doc = NULL;
    if (oasv_load(main_text, mlen, &opts, &doc) != OASV_OK) return;
    size_t len;
    (void)oasv_doc_result_json(doc, &len);
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        size_t in = mlen;
        if (d->uri) { /* another document: one of the two served */
            if (strcmp(d->uri, "api/a.yaml") == 0 && s.text[0]) in = s.len[0];
            else if (strcmp(d->uri, "api/b.yaml") == 0 && s.text[1]) in = s.len[1];
            else violated("a diagnostic names a document that was not read", d->uri, strlen(d->uri));
        }
        if (d->span.line && d->span.end_offset < d->span.offset) violated("span out of order", d->message, strlen(d->message));
        if (d->span.end_offset > in + 1) violated("span past its document", d->message, strlen(d->message));
    }
    oasv_doc_free(doc);
}
