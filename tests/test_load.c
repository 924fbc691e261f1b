/* test_load.c - the loader: spans, YAML 1.2 scalars, bad input, limits. */
#include "harness.h"

#include "core/doc.h"
#include "load/tree.h"

#include <math.h>
#include <stdlib.h>

/* The loader alone: these tests feed documents that are not meant to be valid OpenAPI. */
static oasv_doc *load_raw(const char *text)
{
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE };
    return load_with(text, strlen(text), &o);
}

/* The node at an RFC 6901 pointer (no escapes needed by these tests). */
static const cJSON *at(const oasv_doc *doc, const char *pointer)
{
    const cJSON *n = doc->tree.root;
    char token[256];
    while (n && *pointer == '/') {
        pointer++;
        size_t k = 0;
        while (*pointer && *pointer != '/' && k < sizeof token - 1) token[k++] = *pointer++;
        token[k] = '\0';
        n = cJSON_IsArray(n) ? cJSON_GetArrayItem(n, atoi(token)) : cJSON_GetObjectItemCaseSensitive(n, token);
    }
    return n;
}

/* Line and column (UTF-16) of a node's value or key. */
static void where(oasv_doc *doc, const cJSON *node, bool key, uint32_t *line, uint32_t *col)
{
    const oasv_node_info *i = oasv_tree_info(&doc->tree, node);
    oasv_lines_locate(&doc->lines, key ? i->key_start : i->start, line, col);
}

#define CHECK_POS(doc, pointer, key, l, c) do { \
    const cJSON *n_ = at(doc, pointer); CHECK(n_ != NULL); \
    if (n_) { uint32_t line_, col_; where(doc, n_, key, &line_, &col_); CHECK_EQ(line_, l); CHECK_EQ(col_, c); } } while (0)

static const char *json_doc =
    "{\n"
    "  \"openapi\": \"3.1.0\",\n"
    "  \"info\": {\"title\": \"T\\u00e9st 😀\", \"version\": \"1\"},\n"
    "  \"x\": [1, -9223372036854775808, 1.5e3, true, null],\n"
    "  \"😀\": \"é\", \"after\": 2\n"
    "}\n";

TEST(json_spans_for_values_and_keys)
{
    oasv_doc *doc = load_raw(json_doc);
    CHECK(oasv_doc_valid(doc));
    CHECK_EQ(oasv_doc_format(doc), OASV_FORMAT_JSON);
    CHECK_STR(oasv_doc_version(doc), "3.1.0");
    CHECK_POS(doc, "", false, 1, 1);
    CHECK_POS(doc, "/openapi", true, 2, 3);
    CHECK_POS(doc, "/openapi", false, 2, 14);
    CHECK_POS(doc, "/info/version", true, 3, 37);
    CHECK_POS(doc, "/x/1", false, 4, 12);
    CHECK_POS(doc, "/x/4", false, 4, 47);
    /* After a non-BMP character the column counts UTF-16 units: 😀 is two. */
    CHECK_POS(doc, "/after", true, 5, 14);
    const cJSON *big = at(doc, "/x/1");
    size_t len;
    const char *raw = oasv_tree_raw(&doc->tree, big, &len);
    CHECK(len == 20 && memcmp(raw, "-9223372036854775808", 20) == 0);
    CHECK_STR(at(doc, "/info/title")->valuestring, "T\xc3\xa9st \xf0\x9f\x98\x80");
    oasv_doc_free(doc);
}

TEST(json_pointer_of_nodes)
{
    oasv_doc *doc = load_raw("{\"paths\": {\"/a/{b}\": {\"get\": {\"x~y\": [0, [1, 2]]}}}}");
    const cJSON *n = cJSON_GetArrayItem(cJSON_GetArrayItem(at(doc, "/paths")->child->child->child, 1), 1);
    oasv_buf b = { 0 };
    oasv_tree_pointer(&doc->tree, n, &b);
    CHECK_STR(b.data, "/paths/~1a~1{b}/get/x~0y/1/1");
    oasv_buf_free(&b);
    oasv_doc_free(doc);
}

static const char *yaml_doc =
    "openapi: 3.1.0\n"
    "info:\n"
    "  title: \"Tést 😀\"\n"
    "  version: '1'\n"
    "x:\n"
    "  - 1\n"
    "  - -9223372036854775808\n"
    "  - 😀: é\n"
    "    after: 2\n";

TEST(yaml_spans_for_values_and_keys)
{
    oasv_doc *doc = load_raw(yaml_doc);
    print_diags(doc);
    CHECK(oasv_doc_valid(doc));
    CHECK_EQ(oasv_doc_format(doc), OASV_FORMAT_YAML);
    CHECK_STR(oasv_doc_version(doc), "3.1.0");
    CHECK_POS(doc, "/openapi", true, 1, 1);
    CHECK_POS(doc, "/openapi", false, 1, 10);
    CHECK_POS(doc, "/info/title", false, 3, 10);
    CHECK_POS(doc, "/info/version", true, 4, 3);
    CHECK_POS(doc, "/x/1", false, 7, 5);
    CHECK_POS(doc, "/x/2/after", true, 9, 5);
    size_t len;
    const char *raw = oasv_tree_raw(&doc->tree, at(doc, "/x/1"), &len);
    CHECK(len == 20 && memcmp(raw, "-9223372036854775808", 20) == 0);
    CHECK_STR(at(doc, "/info/title")->valuestring, "T\xc3\xa9st \xf0\x9f\x98\x80");
    oasv_doc_free(doc);
}

TEST(yaml_columns_after_astral_characters_count_utf16_units)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\nk: {\"😀😀\": 1, b: 2}\n");
    CHECK_POS(doc, "/k/b", true, 2, 16); /* `k: {"` is 5 units, two emoji 4, `": 1, ` 6 */
    oasv_doc_free(doc);
}

TEST(yaml_core_schema_scalars)
{
    oasv_doc *doc = load_raw(
        "openapi: 3.1.0\n"
        "no_: no\nyes_: yes\non_: on\ntime: 18:00\ndate: 2024-10-01\n"
        "oct: 0o17\nhex: 0x1F\ninf: .inf\nninf: -.Inf\nnan: .NaN\nt: true\nf: FALSE\nn: ~\nn2: null\nempty:\n"
        "i: -42\nfl: 1.5e3\nq: '123'\ndq: \"true\"\nver: 3.1.0\nplus: +12\n");
    CHECK(cJSON_IsString(at(doc, "/no_")) && strcmp(at(doc, "/no_")->valuestring, "no") == 0);
    CHECK(cJSON_IsString(at(doc, "/yes_")));
    CHECK(cJSON_IsString(at(doc, "/on_")));
    CHECK_STR(at(doc, "/time")->valuestring, "18:00");
    CHECK_STR(at(doc, "/date")->valuestring, "2024-10-01");
    CHECK(cJSON_IsNumber(at(doc, "/oct")) && at(doc, "/oct")->valuedouble == 15);
    CHECK(cJSON_IsNumber(at(doc, "/hex")) && at(doc, "/hex")->valuedouble == 31);
    CHECK(cJSON_IsNumber(at(doc, "/inf")) && isinf(at(doc, "/inf")->valuedouble) && at(doc, "/inf")->valuedouble > 0);
    CHECK(isinf(at(doc, "/ninf")->valuedouble) && at(doc, "/ninf")->valuedouble < 0);
    CHECK(isnan(at(doc, "/nan")->valuedouble));
    CHECK(cJSON_IsTrue(at(doc, "/t")));
    CHECK(cJSON_IsFalse(at(doc, "/f")));
    CHECK(cJSON_IsNull(at(doc, "/n")) && cJSON_IsNull(at(doc, "/n2")) && cJSON_IsNull(at(doc, "/empty")));
    CHECK(at(doc, "/i")->valuedouble == -42);
    CHECK(at(doc, "/fl")->valuedouble == 1500);
    CHECK(cJSON_IsString(at(doc, "/q")) && cJSON_IsString(at(doc, "/dq")));
    CHECK_STR(at(doc, "/ver")->valuestring, "3.1.0");
    CHECK(at(doc, "/plus")->valuedouble == 12);
    /* .inf and .NaN are not JSON numbers: each gets a warning. */
    size_t warned = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) warned += strcmp(oasv_doc_diag(doc, i)->code, "number-out-of-range") == 0;
    CHECK_EQ(warned, 3);
    oasv_doc_free(doc);
}

TEST(yaml_keys_are_strings)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\nresponses:\n  200:\n    description: ok\n  default: {}\n");
    CHECK(at(doc, "/responses/200") != NULL);
    CHECK(oasv_doc_valid(doc));
    oasv_doc_free(doc);
}

TEST(yaml_anchors_and_aliases)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\na: &x {k: [1, 2]}\nb: *x\nc: *x\n");
    CHECK(oasv_doc_valid(doc));
    CHECK(cJSON_Compare(at(doc, "/a"), at(doc, "/b"), true));
    CHECK(at(doc, "/c/k/1") && at(doc, "/c/k/1")->valuedouble == 2);
    /* The copy's root points at the alias; inside, at the anchored original. */
    CHECK_POS(doc, "/b", false, 3, 4);
    CHECK_POS(doc, "/c/k/1", false, 2, 15);
    oasv_buf b = { 0 };
    oasv_tree_pointer(&doc->tree, at(doc, "/c/k/1"), &b);
    CHECK_STR(b.data, "/c/k/1");
    oasv_buf_free(&b);
    oasv_doc_free(doc);
}

TEST(yaml_billion_laughs_hits_the_alias_budget)
{
    char text[2048] = "openapi: 3.1.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; i++) {
        char line[128];
        snprintf(line, sizeof line, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i,
                 i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(text, line);
    }
    oasv_doc *doc = load_raw(text);
    const oasv_diag *d = find_diag(doc, "alias-budget-exceeded");
    CHECK(d != NULL);
    CHECK(!oasv_doc_valid(doc));
    CHECK(d && d->span.line >= 7);
    oasv_doc_free(doc);
    /* A smaller budget stops earlier. */
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE, .limits.max_alias_nodes = 50 };
    doc = load_with(text, strlen(text), &o);
    d = find_diag(doc, "alias-budget-exceeded");
    CHECK(d && d->span.line == 3);
    oasv_doc_free(doc);
}

TEST(yaml_recursive_and_undefined_aliases)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\na: &x [1, *x]\n");
    CHECK(find_diag(doc, "yaml-alias") != NULL);
    oasv_doc_free(doc);
    doc = load_raw("openapi: 3.1.0\na: *nope\n");
    const oasv_diag *d = find_diag(doc, "yaml-alias");
    CHECK(d && d->span.line == 2 && d->span.column == 4);
    oasv_doc_free(doc);
}

TEST(yaml_tags_are_reported)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\na: !!str 12\nb: !custom x\nc: !!binary aGk=\nd: !!int nope\n");
    CHECK(cJSON_IsString(at(doc, "/a")));
    const oasv_diag *d = find_diag(doc, "yaml-tag");
    CHECK(d && d->span.line == 3 && d->severity == OASV_SEVERITY_WARNING);
    size_t tags = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) tags += strcmp(oasv_doc_diag(doc, i)->code, "yaml-tag") == 0;
    CHECK_EQ(tags, 3); /* !custom, !!binary, and !!int on a non-integer */
    oasv_doc_free(doc);
}

TEST(yaml_merge_keys_warn)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\nbase: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n");
    const oasv_diag *d = find_diag(doc, "yaml-merge-key");
    CHECK(d && d->span.line == 4 && d->span.column == 3);
    CHECK(at(doc, "/derived/<<") != NULL);
    oasv_doc_free(doc);
}

TEST(yaml_multiple_documents_rejected)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\n---\nopenapi: 3.1.0\n");
    const oasv_diag *d = find_diag(doc, "yaml-multiple-documents");
    CHECK(d && d->span.line == 2 && d->span.column == 1);
    CHECK(!oasv_doc_valid(doc));
    oasv_doc_free(doc);
}

TEST(yaml_syntax_error_has_position)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n");
    const oasv_diag *d = find_diag(doc, "yaml-syntax");
    CHECK(d != NULL && d->span.line >= 3);
    CHECK(doc->tree.root == NULL);
    oasv_doc_free(doc);
}

TEST(yaml_complex_keys_rejected)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\n? [a, b]\n: 1\n");
    CHECK(find_diag(doc, "yaml-key") != NULL);
    oasv_doc_free(doc);
}

TEST(duplicate_keys_json_and_yaml)
{
    oasv_doc *doc = load_raw("{\"openapi\": \"3.1.0\", \"a\": 1,\n \"a\": 2}");
    const oasv_diag *d = find_diag(doc, "duplicate-key");
    CHECK(d && d->span.line == 2 && d->span.column == 2);
    CHECK(d && strcmp(d->pointer, "/a") == 0);
    CHECK(d && strstr(d->message, "line 1, column 22"));
    oasv_doc_free(doc);
    doc = load_raw("openapi: 3.1.0\ninfo:\n  title: a\n  title: b\n");
    d = find_diag(doc, "duplicate-key");
    CHECK(d && d->span.line == 4 && d->span.column == 3);
    oasv_doc_free(doc);
    /* A large object goes through the sorting path. */
    char text[8192] = "{\"openapi\": \"3.1.0\"";
    for (int i = 0; i < 100; i++) { char m[32]; snprintf(m, sizeof m, ", \"k%d\": %d", i % 60, i); strcat(text, m); }
    strcat(text, "}");
    doc = load_raw(text);
    size_t dups = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) dups += strcmp(oasv_doc_diag(doc, i)->code, "duplicate-key") == 0;
    CHECK_EQ(dups, 40);
    oasv_doc_free(doc);
}

TEST(json_syntax_errors_have_positions)
{
    struct { const char *text; uint32_t line, col; const char *needle; } cases[] = {
        { "{\"openapi\": \"3.1.0\",}", 1, 20, "trailing comma" },
        { "{\"a\": 01}", 1, 7, "leading zeros" },
        { "{\"a\": +1}", 1, 7, "unexpected '+'" },
        { "{\"a\": 'x'}", 1, 7, "double quotes" },
        { "{\n  \"a\": \"x\\q\"\n}", 2, 10, "invalid escape" },
        { "{\"a\": \"\\uD800\"}", 1, 8, "lone surrogate" },
        { "{\"a\": \"\\uDC00x\"}", 1, 8, "lone surrogate" },
        { "{\"a\": \"x\ny\"}", 1, 9, "line break" },
        { "{\"a\": 1 // c\n}", 1, 9, "comments" },
        { "{\"a\": [1, 2}", 1, 12, "',' or ']'" },
        { "{\"a\": 1} x", 1, 10, "end of the text" },
        { "{\"a\": tru}", 1, 7, "a value" },
        { "{\"a\\u0000\": 1}", 1, 4, "member name" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        oasv_doc *doc = load_raw(cases[i].text);
        const oasv_diag *d = find_diag(doc, "json-syntax");
        CHECK(d != NULL);
        if (d) {
            if (d->span.line != cases[i].line || d->span.column != cases[i].col || !strstr(d->message, cases[i].needle)) {
                fprintf(stderr, "  case %zu: got %u:%u %s\n", i, d->span.line, d->span.column, d->message);
                CHECK(false);
            }
        }
        CHECK(doc->tree.root == NULL);
        oasv_doc_free(doc);
    }
}

TEST(nul_characters_in_string_values)
{
    oasv_doc *doc = load_raw("{\"a\": \"x\\u0000y\\u00e9\", \"b\": \"\\ud83d\\ude00\\u0000\"}");
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 1); /* only: no `openapi` field */
    CHECK(find_diag(doc, "missing-openapi") != NULL);
    size_t len;
    const char *s = oasv_node_string(at(doc, "/a"), &len);
    CHECK(len == 5 && memcmp(s, "x\0y\xc3\xa9", 5) == 0);
    s = oasv_node_string(at(doc, "/b"), &len);
    CHECK(len == 5 && memcmp(s, "\xf0\x9f\x98\x80\0", 5) == 0);
    CHECK_STR(oasv_doc_tree_json(doc, NULL), "{\"a\":\"x\\u0000y\xc3\xa9\",\"b\":\"\xf0\x9f\x98\x80\\u0000\"}");
    oasv_doc_free(doc);
    doc = load_raw("a: \"x\\0y\"\n");
    s = oasv_node_string(at(doc, "/a"), &len);
    CHECK(len == 3 && memcmp(s, "x\0y", 3) == 0);
    oasv_doc_free(doc);
    doc = load_raw("\"a\\0\": 1\n");
    CHECK(find_diag(doc, "yaml-key") != NULL);
    oasv_doc_free(doc);
}

TEST(truncated_json_says_so)
{
    oasv_doc *doc = load_raw("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"x\"");
    const oasv_diag *d = find_diag(doc, "json-syntax");
    CHECK(d && strstr(d->message, "2 objects or arrays are still open"));
    CHECK(d && strcmp(d->pointer, "/info/title") == 0);
    oasv_doc_free(doc);
    doc = load_raw("{\"a\": \"unterminated");
    d = find_diag(doc, "json-syntax");
    CHECK(d && strstr(d->message, "unterminated string") && d->span.column == 7);
    oasv_doc_free(doc);
}

TEST(bad_bytes)
{
    static const char bom[] = "\xEF\xBB\xBF{\"openapi\": \"3.1.0\"}";
    oasv_options raw = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE };
    oasv_doc *doc = load_with(bom, sizeof bom - 1, &raw);
    const oasv_diag *d = find_diag(doc, "byte-order-mark");
    CHECK(d && d->severity == OASV_SEVERITY_WARNING && d->span.line == 1 && d->span.column == 1);
    CHECK(oasv_doc_valid(doc));
    CHECK_STR(oasv_doc_version(doc), "3.1.0");
    oasv_doc_free(doc);

    static const char bomyaml[] = "\xEF\xBB\xBFopenapi: 3.1.0\ninfo: {title: x}\n";
    doc = load_with(bomyaml, sizeof bomyaml - 1, &raw);
    CHECK(oasv_doc_valid(doc));
    CHECK_POS(doc, "/info/title", true, 2, 8);
    oasv_doc_free(doc);

    static const char nul[] = "openapi: 3.1.0\nx: a\0b\n";
    doc = load_with(nul, sizeof nul - 1, &raw);
    d = find_diag(doc, "nul-byte");
    CHECK(d && d->span.line == 2 && d->span.column == 5);
    oasv_doc_free(doc);

    const char *bad_utf8[] = { "openapi: \xC3\x28\n", "x: \xC0\xAF\n", "x: \xED\xA0\x80\n", "x: \xF4\x90\x80\x80\n", "x: \xE2\x82\n" };
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof *bad_utf8; i++) {
        doc = load_raw(bad_utf8[i]);
        d = find_diag(doc, "invalid-utf8");
        CHECK(d != NULL && d->span.line == 1);
        oasv_doc_free(doc);
    }

    static const char utf16[] = "\xFF\xFE{\0}\0";
    doc = load_with(utf16, sizeof utf16 - 1, &raw);
    CHECK(find_diag(doc, "not-utf8") != NULL);
    oasv_doc_free(doc);
}

TEST(empty_and_non_object_roots)
{
    const char *empties[] = { "", "   \n", "# only a comment\n" };
    for (size_t i = 0; i < 3; i++) {
        oasv_doc *doc = load_raw(empties[i]);
        CHECK(find_diag(doc, "empty-document") != NULL);
        CHECK(!oasv_doc_valid(doc));
        oasv_doc_free(doc);
    }
    const char *roots[] = { "[1, 2]", "\"text\"", "42", "- a\n- b\n", "just a string\n", "---\n" };
    for (size_t i = 0; i < 6; i++) {
        oasv_doc *doc = load_raw(roots[i]);
        const oasv_diag *d = find_diag(doc, "root-not-object");
        CHECK(d != NULL && d->span.line >= 1);
        oasv_doc_free(doc);
    }
}

TEST(versions)
{
    oasv_doc *doc = load_raw("openapi: 3.0.3\n");
    const oasv_diag *d = find_diag(doc, "openapi-version");
    CHECK(d && d->severity == OASV_SEVERITY_INFO && strstr(d->message, "3.0.3"));
    CHECK(oasv_doc_valid(doc));
    oasv_doc_free(doc);
    doc = load_raw("openapi: 3.2.0\n");
    d = find_diag(doc, "openapi-version");
    CHECK(d && d->severity == OASV_SEVERITY_INFO && strstr(d->message, "3.2.0"));
    oasv_doc_free(doc);
    doc = load_raw("{\"swagger\": \"2.0\"}");
    d = find_diag(doc, "unsupported-version");
    CHECK(d && d->severity == OASV_SEVERITY_ERROR && strstr(d->message, "Swagger 2.0") && d->span.column == 2);
    oasv_doc_free(doc);
    doc = load_raw("openapi: 3.1\n");
    d = find_diag(doc, "openapi-version-type");
    CHECK(d && d->severity == OASV_SEVERITY_ERROR && d->span.column == 10);
    oasv_doc_free(doc);
    doc = load_raw("openapi: 4.0.0\n");
    CHECK(find_diag(doc, "unsupported-version") != NULL);
    oasv_doc_free(doc);
    doc = load_raw("info: {}\n");
    CHECK(find_diag(doc, "missing-openapi") != NULL);
    oasv_doc_free(doc);
}

TEST(limits_input_size)
{
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE, .limits.max_input_bytes = 10 };
    const char *text = "{\"openapi\": \"3.1.0\"}";
    oasv_doc *doc = load_with(text, strlen(text), &o);
    const oasv_diag *d = find_diag(doc, "input-too-large");
    CHECK(d && d->span.line == 0 && strstr(d->message, "limit of 10 bytes"));
    oasv_doc_free(doc);
    /* The default: 64 MiB, and one byte more is refused without being read. */
    size_t big = OASV_DEFAULT_MAX_INPUT_BYTES + 1;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    oasv_options defaults = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE };
    doc = load_with(huge, big, &defaults);
    CHECK(find_diag(doc, "input-too-large") != NULL);
    oasv_doc_free(doc);
    free(huge);
}

static char *nested(const char *open, const char *close, size_t depth, const char *prefix)
{
    size_t pl = strlen(prefix), ol = strlen(open), cl = strlen(close);
    char *s = malloc(pl + depth * (ol + cl) + 1), *p = s;
    memcpy(p, prefix, pl); p += pl;
    for (size_t i = 0; i < depth; i++) { memcpy(p, open, ol); p += ol; }
    for (size_t i = 0; i < depth; i++) { memcpy(p, close, cl); p += cl; }
    *p = '\0';
    return s;
}

TEST(limits_nesting_depth)
{
    /* 100,000 levels: a diagnostic at the 513th, no stack overflow. */
    char *json = nested("[", "]", 100000, "");
    oasv_doc *doc = load_raw(json);
    const oasv_diag *d = find_diag(doc, "nesting-too-deep");
    CHECK(d && d->span.column == 513);
    oasv_doc_free(doc);
    free(json);
    char *yaml = nested("[", "]", 100000, "x: ");
    doc = load_raw(yaml);
    d = find_diag(doc, "nesting-too-deep");
    CHECK(d != NULL && d->span.column == 515); /* the root mapping is level 1 */
    oasv_doc_free(doc);
    free(yaml);
    /* Exactly at the limit loads; one more does not. */
    json = nested("{\"a\":", "}", 511, "{\"openapi\":\"3.1.0\",\"x\":");
    doc = load_raw(json);
    CHECK(find_diag(doc, "nesting-too-deep") == NULL);
    oasv_doc_free(doc);
    free(json);
    json = nested("{\"a\":", "}", 512, "{\"openapi\":\"3.1.0\",\"x\":");
    doc = load_raw(json);
    CHECK(find_diag(doc, "nesting-too-deep") != NULL);
    oasv_doc_free(doc);
    free(json);
    /* The ceiling: OASV_MAX_DEPTH_CEILING levels may be allowed, and then load; more is capped. */
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE, .limits.max_depth = 100000 };
    json = nested("[", "]", OASV_MAX_DEPTH_CEILING, "");
    doc = load_with(json, strlen(json), &o);
    CHECK(find_diag(doc, "nesting-too-deep") == NULL && doc->tree.root != NULL);
    oasv_doc_free(doc);
    free(json);
    json = nested("[", "]", OASV_MAX_DEPTH_CEILING + 1, "");
    doc = load_with(json, strlen(json), &o);
    CHECK(find_diag(doc, "nesting-too-deep") != NULL);
    oasv_doc_free(doc);
    free(json);
}

TEST(numbers_keep_their_text)
{
    char text[1024] = "{\"openapi\": \"3.1.0\", \"big\": ";
    for (int i = 0; i < 400; i++) strcat(text, i ? "7" : "1");
    strcat(text, ", \"huge\": 1e400, \"max\": 9223372036854775807}");
    oasv_doc *doc = load_raw(text);
    CHECK(oasv_doc_valid(doc));
    size_t len;
    const char *raw = oasv_tree_raw(&doc->tree, at(doc, "/big"), &len);
    CHECK_EQ(len, 400);
    CHECK(raw[399] == '7');
    raw = oasv_tree_raw(&doc->tree, at(doc, "/max"), &len);
    CHECK(len == 19 && memcmp(raw, "9223372036854775807", 19) == 0);
    /* Both are beyond a double (1.7e399 and 1e400): warned, and kept as text. */
    CHECK_EQ(oasv_doc_diag_count(doc), 2);
    CHECK_STR(oasv_doc_diag(doc, 0)->pointer, "/big");
    CHECK_STR(oasv_doc_diag(doc, 1)->pointer, "/huge");
    CHECK(oasv_doc_diag(doc, 1)->severity == OASV_SEVERITY_WARNING && oasv_doc_diag(doc, 1)->span.column == 439);
    oasv_doc_free(doc);
}

TEST(crlf_and_mixed_line_endings)
{
    oasv_doc *doc = load_raw("openapi: 3.1.0\r\ninfo:\r\n  title: x\rversion: 1\n");
    /* A lone CR is a line break too: 'version' is on line 4 for YAML and for editors. */
    CHECK_POS(doc, "/info/title", true, 3, 3);
    oasv_doc_free(doc);
    doc = load_raw("{\r\n\"openapi\": \"3.1.0\",\r\n  \"a\": 1}");
    CHECK_POS(doc, "/a", true, 3, 3);
    oasv_doc_free(doc);
}

TEST(result_json_shape)
{
    oasv_doc *doc = load_raw("openapi: 3.0.0\na: 1\na: 2\n");
    size_t len;
    const char *json = oasv_doc_result_json(doc, &len);
    CHECK(json && strlen(json) == len);
    cJSON *parsed = cJSON_Parse(json);
    CHECK(parsed != NULL);
    CHECK_STR(cJSON_GetObjectItem(parsed, "version")->valuestring, "3.0.0");
    CHECK_STR(cJSON_GetObjectItem(parsed, "format")->valuestring, "yaml");
    CHECK(cJSON_IsFalse(cJSON_GetObjectItem(parsed, "valid")));
    cJSON *diags = cJSON_GetObjectItem(parsed, "diagnostics");
    CHECK_EQ(cJSON_GetArraySize(diags), 2);
    cJSON *dup = cJSON_GetArrayItem(diags, 0);
    CHECK_STR(cJSON_GetObjectItem(dup, "code")->valuestring, "duplicate-key");
    CHECK_STR(cJSON_GetObjectItem(dup, "pointer")->valuestring, "/a");
    CHECK_EQ(cJSON_GetObjectItem(dup, "line")->valueint, 3);
    CHECK_EQ(cJSON_GetObjectItem(dup, "column")->valueint, 1);
    CHECK_EQ(cJSON_GetObjectItem(dup, "endColumn")->valueint, 2);
    cJSON_Delete(parsed);
    oasv_doc_free(doc);
}

TEST(bad_arguments)
{
    oasv_doc *doc = NULL;
    CHECK_EQ(oasv_load(NULL, 5, NULL, &doc), OASV_ERR_ARGS);
    CHECK_EQ(oasv_load("x", 1, NULL, NULL), OASV_ERR_ARGS);
    oasv_options o = { .abi_version = 999 };
    CHECK_EQ(oasv_load("x", 1, &o, &doc), OASV_ERR_ARGS);
    CHECK(doc == NULL);
    oasv_doc_free(NULL);
}

TEST(diagnostics_are_capped)
{
    /* 3,000 duplicate keys with a cap of 100: 100 kept, one summary, still invalid. */
    oasv_buf b = { 0 };
    oasv_buf_puts(&b, "{");
    for (int i = 0; i < 6000; i++) oasv_buf_printf(&b, "%s\"k%d\": %d", i ? "," : "", i / 2, i);
    oasv_buf_puts(&b, "}");
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE, .limits.max_diagnostics = 100 };
    oasv_doc *doc = load_with(b.data, b.len, &o);
    CHECK_EQ(oasv_doc_diag_count(doc), 101);
    const oasv_diag *last = oasv_doc_diag(doc, 100);
    CHECK_STR(last->code, "too-many-diagnostics");
    CHECK(last->severity == OASV_SEVERITY_ERROR && strstr(last->message, "2901 more diagnostics (2901 of them errors)"));
    CHECK(!oasv_doc_valid(doc));
    oasv_doc_free(doc);
    /* The default keeps 10,000. */
    o.limits.max_diagnostics = 0;
    doc = load_with(b.data, b.len, &o);
    CHECK_EQ(oasv_doc_diag_count(doc), 3001); /* 3,000 duplicates and the missing `openapi` */
    oasv_doc_free(doc);
    oasv_buf_free(&b);
}
