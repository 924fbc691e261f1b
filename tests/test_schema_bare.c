/*
 * test_schema_bare.c - the bare instance reader (src/load/bare.c) and the
 * validity-only walk (oasv_schema_check).
 *
 * The bare reader must build the tree the loader builds on every text the
 * loader reads as JSON, and refuse every text the loader refuses (the loader
 * then explains why). Checked on chosen texts, on numbers that need exact
 * rounding, and on thousands of deterministic mutations of valid JSON.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include "core/doc.h"
#include "load/bare.h"
#include "validate/schema/schema.h"

#include <stdlib.h>

/* MARK: - Helpers */

static oasv_doc *load_json(const char *text, size_t len)
{
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .format = OASV_FORMAT_JSON, .flags = OASV_LOAD_NO_VALIDATE };
    oasv_doc *doc = NULL;
    if (oasv_load(text, len, &o, &doc) != OASV_OK) { fprintf(stderr, "load: out of memory\n"); abort(); }
    return doc;
}

/* Same tree: types, keys, strings (NULs included), number texts and doubles (bit for bit), order. */
static bool same_tree(const oasv_tree *tree, const cJSON *loaded, const cJSON *bare, char *why, size_t size)
{
    if ((loaded->type & 0xFF) != (bare->type & 0xFF)) { snprintf(why, size, "type %d vs %d", loaded->type & 0xFF, bare->type & 0xFF); return false; }
    if ((loaded->string == NULL) != (bare->string == NULL) || (loaded->string && strcmp(loaded->string, bare->string) != 0)) {
        snprintf(why, size, "key %s vs %s", loaded->string ? loaded->string : "(none)", bare->string ? bare->string : "(none)");
        return false;
    }
    switch (loaded->type & 0xFF) {
    case cJSON_String: {
        size_t la, lb;
        const char *a = oasv_node_string(loaded, &la), *b = oasv_node_string(bare, &lb);
        if (la != lb || memcmp(a, b, la) != 0) { snprintf(why, size, "string \"%s\" vs \"%s\"", a, b); return false; }
        return true;
    }
    case cJSON_Number: {
        size_t la, lb;
        const char *a = oasv_number_text(tree, loaded, &la), *b = oasv_number_text(NULL, bare, &lb);
        if (!(bare->type & OASV_BARE_NUMBER) || !b) { snprintf(why, size, "a bare number without its text"); return false; }
        if (la != lb || memcmp(a, b, la) != 0) { snprintf(why, size, "number text %.*s vs %.*s", (int)la, a, (int)lb, b); return false; }
        bool plain = lb > 0;
        for (size_t i = b[0] == '-'; i < lb && plain; i++) plain = b[i] >= '0' && b[i] <= '9';
        if (plain != ((bare->type & OASV_BARE_INTEGER) != 0)) { snprintf(why, size, "number %.*s: OASV_BARE_INTEGER is %d", (int)lb, b, !plain); return false; }
        if (memcmp(&loaded->valuedouble, &bare->valuedouble, sizeof(double)) != 0) {
            snprintf(why, size, "number %.*s: %.17g vs %.17g", (int)lb, b, loaded->valuedouble, bare->valuedouble);
            return false;
        }
        return true;
    }
    case cJSON_Array: case cJSON_Object: {
        const cJSON *x = loaded->child, *y = bare->child, *last = NULL;
        for (; x && y; x = x->next, y = y->next) {
            if (!same_tree(tree, x, y, why, size)) return false;
            last = y;
        }
        if (x || y) { snprintf(why, size, "child counts differ"); return false; }
        if (bare->child && bare->child->prev != last) { snprintf(why, size, "child->prev is not the last child"); return false; }
        return true;
    }
    default: return true;
    }
}

/*
 * Read `len` bytes both ways. Returns 1 when both read it (and the trees
 * agree), 0 when both refuse it, -1 when they disagree (printed).
 */
static int both_ways(const char *text, size_t len, oasv_bare *arena)
{
    oasv_doc *doc = load_json(text, len);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    oasv_bare_reset(arena, 1u << 20);
    const cJSON *bare = oasv_bare_parse(arena, copy, len, OASV_DEFAULT_MAX_DEPTH);
    const cJSON *loaded = doc->tree.root;
    int result;
    char why[300] = "";
    if (!loaded && !bare) result = 0;
    else if (loaded && bare && same_tree(&doc->tree, loaded, bare, why, sizeof why)) result = 1;
    else {
        result = -1;
        fprintf(stderr, "    disagree on %.*s: loader %s, bare %s %s\n", (int)(len > 80 ? 80 : len), text,
                loaded ? "reads it" : "refuses it", bare ? "reads it" : "refuses it", why);
    }
    CHECK(!arena->oom);
    free(copy);
    oasv_doc_free(doc);
    return result;
}

static int both(const char *text, oasv_bare *arena) { return both_ways(text, strlen(text), arena); }

/* MARK: - The reader against the loader */

TEST(bare_reads_what_the_loader_reads)
{
    oasv_bare arena = { 0 };
    static const char *const texts[] = {
        "0", "-0", "1", "-1", "true", "false", "null", "\"\"", "[]", "{}", " \t\r\n[ ]\n",
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        "[[[[[]]]],{},[{}],{\"\":[]}]",
        "{\"a\":1,\"a\":2}", /* duplicates are kept, in order, as the loader keeps them */
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u0041\\u00e9\\u20AC\\uD83D\\uDCA9\"", "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x92\xA9\"",
        "\"a\\u0000b\"", "[\"\\u0000\"]", "{\"k\":\"x\\u0000\"}", "\"\x7F\"", "\"tab\\tand \\\"quote\\\"\\u005c\"",
        "{\"\xC3\xA9t\xC3\xA9\":{\"a\\nb\":1}}",
        /* numbers that need exact rounding, long and huge ones */
        "[0.1,0.2,0.3,1.5,-2.25,123456789012345,1234567890123456,12345678901234567890,9007199254740993]",
        "[1e22,1e23,1E+2,1e-7,123.456e-5,0.000001,0.0000000000000000000000001,5e-324,4.9e-324,2.2250738585072011e-308]",
        "[1.7976931348623157e308,1e400,-1e400,1e-400,-1e-400,0e0,-0.0,0.0e-5,100e-2,1.000000000000000000001]",
        "[3.141592653589793,2.718281828459045,0.30000000000000004,1.0,1.00,10,100.0e0,7e0,-7E-0]",
        "[99999999999999999999999999999999999999999999999999999999999999999999999999999999.5]",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) CHECK_EQ(both(texts[i], &arena), 1);
    oasv_bare_free(&arena);
}

TEST(bare_refuses_what_the_loader_refuses)
{
    oasv_bare arena = { 0 };
    static const char *const texts[] = {
        "", " ", "[1,]", "{\"a\":1,}", "01", "-01", "1.", ".5", "-", "1e", "1e+", "+1", "[", "]", "[1 2]", "1 2", "[]]",
        "{\"a\" 1}", "{1:2}", "{\"a\":}", "{,}", "[,1]", "// c\n1", "/* c */ 1", "'a'", "\"abc", "\"a\\x\"", "\"a\\",
        "\"\\u12\"", "\"\\uZZZZ\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"",
        "\"a\tb\"", "\"a\nb\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xE2\x82\"", "\"\x80\"",
        "tru", "nul", "fals", "True", "NaN", "Infinity", "-Infinity", "0x10", "1.5.5", "[1,2", "{\"a\":1",
        "{\"a\\u0000\":1}", "\xC3\xA9", "[\"\xFF\"]",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) CHECK_EQ(both(texts[i], &arena), 0);
    /* a NUL inside the text (not only at its end) */
    CHECK_EQ(both_ways("[1,\0 2]", 7, &arena), 0);
    CHECK_EQ(both_ways("\"a\0b\"", 5, &arena), 0);
    CHECK_EQ(both_ways("1\0", 2, &arena), 0);
    oasv_bare_free(&arena);
}

TEST(bare_leaves_limits_and_byte_order_marks_to_the_loader)
{
    oasv_bare arena = { 0 };
    /* 513 levels: one more than the default max_depth, which the loader reports */
    char deep[2 * 513 + 1];
    for (int i = 0; i < 513; i++) { deep[i] = '['; deep[513 + i] = ']'; }
    deep[2 * 513] = '\0';
    CHECK_EQ(both(deep, &arena), 0);
    deep[0] = ' ';
    deep[2 * 513 - 1] = ' '; /* 512 levels: read by both */
    CHECK_EQ(both(deep, &arena), 1);
    /* 100 levels: more than the reader's first stack holds; max_depth 100 reads them, 99 does not */
    char mid[201], copy[201];
    for (int i = 0; i < 100; i++) { mid[i] = '['; mid[100 + i] = ']'; }
    mid[200] = '\0';
    memcpy(copy, mid, sizeof copy);
    const cJSON *top = oasv_bare_parse(&arena, copy, 200, 100);
    int levels = 0;
    for (const cJSON *n = top; n; n = n->child) levels++;
    CHECK_EQ(levels, 100);
    memcpy(copy, mid, sizeof copy);
    CHECK(!oasv_bare_parse(&arena, copy, 200, 99));
    const char *nested = "[[[[1]]]]";
    memcpy(copy, nested, strlen(nested) + 1);
    CHECK(oasv_bare_parse(&arena, copy, strlen(nested), 4) != NULL);
    memcpy(copy, nested, strlen(nested) + 1);
    CHECK(!oasv_bare_parse(&arena, copy, strlen(nested), 3));
    /* the loader reads a UTF-8 byte order mark with a warning; the bare reader leaves it to the loader */
    char bom[] = "\xEF\xBB\xBF{}";
    CHECK(!oasv_bare_parse(&arena, bom, strlen(bom), OASV_DEFAULT_MAX_DEPTH));
    CHECK(!arena.oom);
    oasv_bare_free(&arena);
}

/* A deterministic generator of small random numbers (xorshift). */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

TEST(bare_and_loader_agree_on_mutated_json)
{
    static const char *const seeds[] = {
        "{\"name\":\"caf\xC3\xA9\",\"tags\":[\"a\",\"b\\n\"],\"n\":-12.5e3,\"ok\":true,\"none\":null,\"o\":{\"x\":[1,2,{\"y\":\"\\u00e9\\ud83d\\udca9\"}]}}",
        "[0,-0,1e5,0.25,123456789012345678,\"\\\"\",\"\\u0000\",[],{},[[]],{\"\":{}}]",
        "{\"a\":{\"b\":{\"c\":[true,false,null,\"\xE2\x82\xAC\"]}},\"d\":1.5E-7}",
    };
    static const char alphabet[] = "{}[]:,\"\\u0123456789abcdefE.-+ \t\n\r\x00\xC3\xA9\xE2\x82\xAC\xF0\x9F\x92\xA9\xED\xA0\x80\xFF\x7F" "truefalsenull";
    oasv_bare arena = { 0 };
    uint32_t state = 2463534242u;
    int read = 0, refused = 0, disagreements = 0;
    char text[512];
    for (int round = 0; round < 6000; round++) {
        const char *seed = seeds[round % 3];
        size_t len = strlen(seed);
        memcpy(text, seed, len);
        int edits = 1 + (int)(next_random(&state) % 3);
        for (int e = 0; e < edits; e++) {
            uint32_t r = next_random(&state);
            size_t at = len ? r % len : 0;
            char c = alphabet[(r >> 16) % (sizeof alphabet - 1)];
            switch ((r >> 8) % 3) {
            case 0: if (len) text[at] = c; break;                                     /* replace */
            case 1: if (len < sizeof text - 1) { memmove(text + at + 1, text + at, len - at); text[at] = c; len++; } break; /* insert */
            default: if (len) { memmove(text + at, text + at + 1, len - at - 1); len--; } break; /* delete */
            }
        }
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) continue; /* a BOM: left to the loader on purpose */
        int r = both_ways(text, len, &arena);
        if (r == 1) read++;
        else if (r == 0) refused++;
        else disagreements++;
    }
    printf("mutations: %d read by both, %d refused by both, %d disagreements\n", read, refused, disagreements);
    CHECK_EQ(disagreements, 0);
    CHECK(read > 300);
    CHECK(refused > 3000);
    oasv_bare_free(&arena);
}

TEST(bare_arena_is_reused_and_freed)
{
    oasv_bare arena = { 0 };
    char text[64];
    const cJSON *first = NULL;
    for (int i = 0; i < 3; i++) {
        strcpy(text, "{\"a\":[1,2,3],\"b\":\"x\"}");
        const cJSON *root = oasv_bare_parse(&arena, text, strlen(text), 8);
        CHECK(root && cJSON_IsObject(root) && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "a")) == 3);
        CHECK_STR(cJSON_GetObjectItemCaseSensitive(root, "b")->valuestring, "x");
        if (!first) first = root;
        CHECK(root == first); /* each tree starts where the first did: the kept chunk is rewound */
        oasv_bare_reset(&arena, 1u << 20);
        CHECK(arena.head != NULL); /* one chunk kept for the next tree */
        CHECK(arena.only != NULL && arena.next == arena.only);
    }
    /* a tree larger than the first chunk spreads over several */
    size_t big = 200000;
    char *many = malloc(big + 1);
    size_t n = 0;
    many[n++] = '[';
    while (n < big - 4) { memcpy(many + n, "1,", 2); n += 2; }
    many[n++] = '1';
    many[n++] = ']';
    many[n] = '\0';
    const cJSON *root = oasv_bare_parse(&arena, many, n, 8);
    CHECK(root && cJSON_GetArraySize(root) == (int)((n - 1) / 2));
    CHECK(arena.only == NULL); /* several chunks: a reset frees all but one */
    oasv_bare_reset(&arena, OASV_BARE_FIRST_CHUNK);
    CHECK(arena.only != NULL && (size_t)(arena.end - arena.only) == OASV_BARE_FIRST_CHUNK);
    strcpy(text, "[true]");
    root = oasv_bare_parse(&arena, text, strlen(text), 8);
    CHECK(root == first); /* the first chunk is the one kept */
    oasv_bare_reset(&arena, 0);
    CHECK(arena.head == NULL && arena.only == NULL);
    free(many);
    oasv_bare_free(&arena);
}

/* MARK: - The validity-only walk */

static oasv_schema *compile(const char *text)
{
    oasv_schema *s = NULL;
    if (oasv_schema_compile(text, strlen(text), NULL, &s) != OASV_OK || !oasv_schema_ok(s)) { fprintf(stderr, "compile failed\n"); abort(); }
    return s;
}

/* oasv_schema_check's verdict, after checking that oasv_schema_validate gives the same. */
static int checked(const oasv_schema *s, const char *instance)
{
    bool valid = false;
    CHECK_EQ(oasv_schema_check(s, instance, strlen(instance), &valid), OASV_OK);
    oasv_schema_result *r = NULL;
    CHECK_EQ(oasv_schema_validate(s, instance, strlen(instance), &r), OASV_OK);
    CHECK_EQ(oasv_schema_result_valid(r), valid);
    oasv_schema_result_free(r);
    return valid;
}

TEST(check_gives_the_verdict_of_validate)
{
    oasv_schema *s = compile("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":10}},"
                             "\"required\":[\"n\"],\"unevaluatedProperties\":false}");
    CHECK_EQ(checked(s, "{\"n\":10}"), 1);
    CHECK_EQ(checked(s, "{\"n\":10.0}"), 1);     /* 10.0 is an integer */
    CHECK_EQ(checked(s, "{\"n\":1e1}"), 1);
    CHECK_EQ(checked(s, "{\"n\":10.5}"), 0);
    CHECK_EQ(checked(s, "{\"n\":11}"), 0);
    CHECK_EQ(checked(s, "{\"n\":1,\"x\":2}"), 0); /* unevaluated */
    CHECK_EQ(checked(s, "{}"), 0);
    CHECK_EQ(checked(s, "n: 3\n"), 1);           /* YAML: read by the loader */
    CHECK_EQ(checked(s, "{\"n\": 3,}"), 0);       /* unreadable: invalid */
    CHECK_EQ(checked(s, ""), 0);
    CHECK_EQ(checked(s, "\xEF\xBB\xBF{\"n\":1}"), 1); /* a BOM: read by the loader */
    oasv_schema_free(s);

    /* big integers and decimals compare exactly */
    s = compile("{\"maximum\":18446744073709551615,\"multipleOf\":0.01}");
    CHECK_EQ(checked(s, "18446744073709551615"), 1);
    CHECK_EQ(checked(s, "18446744073709551616"), 0);
    CHECK_EQ(checked(s, "0.07"), 1);
    CHECK_EQ(checked(s, "0.075"), 0);
    oasv_schema_free(s);

    /* strings with U+0000 and code points */
    s = compile("{\"enum\":[\"a\\u0000b\"],\"maxLength\":3}");
    CHECK_EQ(checked(s, "\"a\\u0000b\""), 1);
    CHECK_EQ(checked(s, "\"a\""), 0);
    oasv_schema_free(s);
    s = compile("{\"maxLength\":1}");
    CHECK_EQ(checked(s, "\"\\uD83D\\uDCA9\""), 1);
    CHECK_EQ(checked(s, "\"\xF0\x9F\x92\xA9\""), 1);
    CHECK_EQ(checked(s, "\"ab\""), 0);
    oasv_schema_free(s);
}

TEST(nodes_pass_the_types_their_keywords_do_not_look_at)
{
    /* minimum looks at numbers, maxLength at strings, required at objects, items at arrays: any other passes */
    oasv_schema *s = compile("{\"properties\":{\"a\":{\"minimum\":1,\"maxLength\":2},\"b\":{\"required\":[\"x\"],\"items\":false}}}");
    CHECK_EQ(checked(s, "{\"a\":true,\"b\":\"s\"}"), 1);
    CHECK_EQ(checked(s, "{\"a\":{},\"b\":7}"), 1);
    CHECK_EQ(checked(s, "{\"a\":null,\"b\":[]}"), 1); /* no item for items to refuse */
    CHECK_EQ(checked(s, "{\"a\":0}"), 0);
    CHECK_EQ(checked(s, "{\"a\":\"abc\"}"), 0);
    CHECK_EQ(checked(s, "{\"b\":{}}"), 0);
    CHECK_EQ(checked(s, "{\"b\":[1]}"), 0);
    oasv_schema_free(s);
}

TEST(check_ends_hostile_instances_as_invalid)
{
    /* deeper than max_depth: the loader's error makes it invalid */
    oasv_schema *s = compile("true");
    size_t n = 5000;
    char *deep = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) { deep[i] = '['; deep[n + i] = ']'; }
    deep[2 * n] = '\0';
    CHECK_EQ(checked(s, deep), 0);
    free(deep);
    oasv_schema_free(s);

    /* a step budget that runs out is invalid in both walks */
    oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = 50 };
    const char *schema = "{\"items\":{\"type\":\"integer\"}}";
    s = NULL;
    CHECK_EQ(oasv_schema_compile(schema, strlen(schema), &o, &s), OASV_OK);
    char items[1024] = "[";
    for (int i = 0; i < 100; i++) strcat(items, i ? ",1" : "1");
    strcat(items, "]");
    CHECK_EQ(checked(s, items), 0);
    CHECK_EQ(checked(s, "[1,2,3]"), 1);
    oasv_schema_free(s);
}

/* The walk's shortcuts (eval.c): each must give the verdict of the full walk, which validate takes. */
TEST(check_shortcuts_give_the_verdicts_of_the_full_walk)
{
    /* members carry their key's length and hash */
    oasv_bare arena = { 0 };
    char text[] = "{\"a\":1,\"a long member name, past eight bytes\":[],\"\":null}";
    const cJSON *root = oasv_bare_parse(&arena, text, strlen(text), 8);
    CHECK(root != NULL);
    for (const cJSON *m = root ? root->child : NULL; m; m = m->next) {
        const oasv_bare_node *b = (const oasv_bare_node *)m;
        CHECK_EQ(b->key_len, strlen(m->string));
        CHECK_EQ(b->key_hash, oasv_key_hash(m->string, strlen(m->string)));
    }
    oasv_bare_free(&arena);

    /* property names of every length of the hash's cases, and keys that differ from them only inside */
    oasv_schema *s = compile("{\"properties\":{\"\":false,\"ab\":false,\"abcde\":false,\"abcdefgh\":false,"
                             "\"abcdefghijklmnopq\":false},\"additionalProperties\":{\"type\":\"null\"}}");
    CHECK_EQ(checked(s, "{\"\":1}"), 0);
    CHECK_EQ(checked(s, "{\"ab\":1}"), 0);
    CHECK_EQ(checked(s, "{\"abcde\":1}"), 0);
    CHECK_EQ(checked(s, "{\"abcdefgh\":1}"), 0);
    CHECK_EQ(checked(s, "{\"abcdefghijklmnopq\":1}"), 0);
    CHECK_EQ(checked(s, "{\"aXb\":null,\"abXde\":null,\"abcdXfgh\":null,\"abcdefghXjklmnopq\":null,\"abcdefghijklmnop\":null}"), 1);
    CHECK_EQ(checked(s, "{\"abcdefghijklmnopq\\u0000\":null}"), 0); /* a NUL in a key: the loader refuses it */
    oasv_schema_free(s);

    /* required: repeated names, repeated members, more names than the table takes */
    s = compile("{\"required\":[\"a\",\"b\",\"a\"]}");
    CHECK_EQ(checked(s, "{\"b\":1,\"a\":2}"), 1);
    CHECK_EQ(checked(s, "{\"a\":1,\"a\":2}"), 0);
    CHECK_EQ(checked(s, "{\"b\":1,\"b\":2,\"c\":3}"), 0);
    oasv_schema_free(s);
    char big[4096] = "{\"required\":[", inst[4096] = "{";
    for (int i = 0; i < 70; i++) {
        char name[32];
        snprintf(name, sizeof name, "%s\"p%d\"", i ? "," : "", i);
        strcat(big, name);
        snprintf(name, sizeof name, "%s\"p%d\":%d", i ? "," : "", 69 - i, i);
        strcat(inst, name);
    }
    strcat(big, "]}");
    strcat(inst, "}");
    s = compile(big);
    CHECK_EQ(checked(s, inst), 1);
    CHECK_EQ(checked(s, "{\"p0\":0}"), 0);
    oasv_schema_free(s);

    /* enum and const: numbers equal by value whatever their text, and only then */
    s = compile("{\"enum\":[1.0,0.1,-0,1e400,18446744073709551617]}");
    CHECK_EQ(checked(s, "1"), 1);
    CHECK_EQ(checked(s, "0.10"), 1);
    CHECK_EQ(checked(s, "0"), 1);
    CHECK_EQ(checked(s, "1e400"), 1);
    CHECK_EQ(checked(s, "1e401"), 0);                 /* the same double (infinity), not the same number */
    CHECK_EQ(checked(s, "18446744073709551617"), 1);
    CHECK_EQ(checked(s, "18446744073709551616"), 0); /* the same double, not the same number */
    CHECK_EQ(checked(s, "1.0000000000000001"), 0);   /* the same double as 1 */
    CHECK_EQ(checked(s, "2"), 0);
    oasv_schema_free(s);
    s = compile("{\"const\":\"string\"}");
    CHECK_EQ(checked(s, "\"string\""), 1);
    CHECK_EQ(checked(s, "\"strinG\""), 0);
    CHECK_EQ(checked(s, "\"s\""), 0);
    CHECK_EQ(checked(s, "\"string\\u0000\""), 0);
    oasv_schema_free(s);

    /* numbers written as plain digits are decided as int64s, the others exactly as decimals: the same answers */
    s = compile("{\"type\":\"integer\",\"minimum\":-5,\"exclusiveMaximum\":100,\"multipleOf\":5}");
    CHECK_EQ(checked(s, "-5"), 1);
    CHECK_EQ(checked(s, "-5.0"), 1);
    CHECK_EQ(checked(s, "-10"), 0);
    CHECK_EQ(checked(s, "95"), 1);
    CHECK_EQ(checked(s, "9.5e1"), 1);
    CHECK_EQ(checked(s, "100"), 0);
    CHECK_EQ(checked(s, "1e2"), 0);
    CHECK_EQ(checked(s, "7"), 0);
    CHECK_EQ(checked(s, "-0"), 1);
    CHECK_EQ(checked(s, "0.5"), 0);
    oasv_schema_free(s);
    s = compile("{\"minimum\":9007199254740993,\"maximum\":999999999999999999}"); /* past 2^53; 18 digits */
    CHECK_EQ(checked(s, "9007199254740993"), 1);
    CHECK_EQ(checked(s, "9007199254740992"), 0); /* the same double as the minimum */
    CHECK_EQ(checked(s, "999999999999999999"), 1);
    CHECK_EQ(checked(s, "1000000000000000000"), 0); /* 19 digits: the exact way */
    CHECK_EQ(checked(s, "999999999999999999.0"), 1);
    CHECK_EQ(checked(s, "9.99999999999999999e17"), 1);
    oasv_schema_free(s);
    s = compile("{\"exclusiveMinimum\":0.5,\"maximum\":1e1}"); /* a keyword with a fraction or an exponent */
    CHECK_EQ(checked(s, "1"), 1);
    CHECK_EQ(checked(s, "0"), 0);
    CHECK_EQ(checked(s, "10"), 1);
    CHECK_EQ(checked(s, "11"), 0);
    oasv_schema_free(s);
    s = compile("{\"type\":\"integer\"}");
    CHECK_EQ(checked(s, "123456789012345678901234567890"), 1);
    CHECK_EQ(checked(s, "-1"), 1);
    CHECK_EQ(checked(s, "1.5"), 0);
    CHECK_EQ(checked(s, "1.5e1"), 1);
    oasv_schema_free(s);
    s = compile("{\"enum\":[9007199254740993,12,\"x\",\"a\\u0000b\",null]}");
    CHECK_EQ(checked(s, "9007199254740993"), 1);
    CHECK_EQ(checked(s, "9007199254740992"), 0); /* the same double, not the same number */
    CHECK_EQ(checked(s, "12"), 1);
    CHECK_EQ(checked(s, "1.2e1"), 1);
    CHECK_EQ(checked(s, "-12"), 0);
    CHECK_EQ(checked(s, "\"x\""), 1);
    CHECK_EQ(checked(s, "\"xx\""), 0);
    CHECK_EQ(checked(s, "\"a\""), 0);
    CHECK_EQ(checked(s, "\"a\\u0000b\""), 1);
    CHECK_EQ(checked(s, "\"\""), 0);
    CHECK_EQ(checked(s, "null"), 1);
    oasv_schema_free(s);

    /* properties tables of many names (a full filter): each name is found, others are not */
    char props[4096] = "{\"properties\":{", member[64];
    for (int i = 0; i < 100; i++) {
        snprintf(member, sizeof member, "%s\"q%d\":false", i ? "," : "", i);
        strcat(props, member);
    }
    strcat(props, "}}");
    s = compile(props);
    for (int i = 0; i < 100; i++) {
        snprintf(member, sizeof member, "{\"q%d\":1}", i);
        CHECK_EQ(checked(s, member), 0);
        snprintf(member, sizeof member, "{\"r%d\":1,\"q%d \":1}", i, i);
        CHECK_EQ(checked(s, member), 1);
    }
    oasv_schema_free(s);

    /* a node flattened with the allOf items and $ref targets it leads to (schema.h: sch_flat): the verdicts and limits of the full walk */
    const char *flat = "{\"$defs\":{\"a\":{\"type\":[\"object\",\"boolean\"],\"properties\":{\"x\":{\"minLength\":2},\"y\":{\"type\":\"integer\"}}},"
                       "\"b\":{\"allOf\":[{\"$ref\":\"#/$defs/a\"},{\"properties\":{\"x\":{\"maxLength\":3},\"z\":false}}]}},"
                       "\"$ref\":\"#/$defs/b\",\"properties\":{\"x\":{\"type\":\"string\"},\"w\":{\"$ref\":\"#\"}}}";
    static const char *const flat_instances[] = {
        "{}", "{\"x\":\"ab\"}", "{\"x\":\"a\"}", "{\"x\":\"abcd\"}", "{\"x\":12}", "{\"y\":1}", "{\"y\":1.5}", "{\"z\":null}",
        "{\"q\":1,\"x\":\"abc\",\"y\":2}", "{\"w\":{\"w\":{\"x\":\"abc\"}}}", "{\"w\":{\"w\":{\"x\":\"a\"}}}", "{\"w\":{\"z\":1}}",
        "true", "1", "[{\"z\":1}]",
    };
    static const int flat_valid[] = { 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0 }; /* a: objects and booleans only */
    for (uint32_t depth = 1; depth <= 9; depth++)
        for (uint64_t steps = 1; steps <= 16; steps += 3) {
            oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_depth = depth, .max_steps = steps };
            s = NULL;
            CHECK_EQ(oasv_schema_compile(flat, strlen(flat), &o, &s), OASV_OK);
            for (size_t i = 0; i < sizeof flat_instances / sizeof *flat_instances; i++) checked(s, flat_instances[i]); /* check == validate */
            oasv_schema_free(s);
        }
    s = compile(flat);
    for (size_t i = 0; i < sizeof flat_instances / sizeof *flat_instances; i++) CHECK_EQ(checked(s, flat_instances[i]), flat_valid[i]);
    oasv_schema_free(s);
    /* ... inside anyOf, oneOf and not (a failure there is not the verdict), under unevaluatedProperties, past an $id */
    s = compile("{\"$defs\":{\"a\":{\"properties\":{\"x\":{\"type\":\"string\"}}},\"f\":{\"$ref\":\"#/$defs/a\",\"properties\":{\"y\":true}}},"
                "\"anyOf\":[{\"$ref\":\"#/$defs/f\"},{\"required\":[\"n\"]}],\"not\":{\"$ref\":\"#/$defs/f\",\"required\":[\"m\"]},"
                "\"oneOf\":[{\"$ref\":\"#/$defs/f\"},{\"required\":[\"o\"]}]}");
    CHECK_EQ(checked(s, "{\"x\":\"s\"}"), 1);
    CHECK_EQ(checked(s, "{\"x\":1}"), 0);
    CHECK_EQ(checked(s, "{\"x\":1,\"n\":1,\"o\":1}"), 1);
    CHECK_EQ(checked(s, "{\"x\":\"s\",\"o\":1}"), 0);
    CHECK_EQ(checked(s, "{\"x\":\"s\",\"m\":1}"), 0);
    oasv_schema_free(s);
    s = compile("{\"allOf\":[{\"$ref\":\"#/$defs/f\"}],\"unevaluatedProperties\":false,"
                "\"$defs\":{\"f\":{\"allOf\":[{\"properties\":{\"x\":true}}],\"properties\":{\"y\":true}}}}");
    CHECK_EQ(checked(s, "{\"x\":1,\"y\":2}"), 1);
    CHECK_EQ(checked(s, "{\"x\":1,\"z\":2}"), 0);
    oasv_schema_free(s);
    s = compile("{\"$id\":\"http://example.com/d1.json\",\"properties\":{\"foo\":{\"$id\":\"d2.json\",\"$defs\":{\"inner\":"
                "{\"properties\":{\"bar\":{\"type\":\"string\"}}}},\"$ref\":\"#/$defs/inner\"}},\"$ref\":\"d2.json\"}");
    CHECK_EQ(checked(s, "{\"foo\":{\"bar\":1},\"bar\":\"a\"}"), 0);
    CHECK_EQ(checked(s, "{\"foo\":{\"bar\":\"b\"},\"bar\":1}"), 0);
    CHECK_EQ(checked(s, "{\"foo\":{\"bar\":\"b\"},\"bar\":\"a\"}"), 1);
    oasv_schema_free(s);
    /* $dynamicRef: flattened only where the walk's first resource holds every anchor looked up */
    s = compile("{\"$id\":\"http://example.com/root\",\"$ref\":\"list\",\"$defs\":{\"foo\":{\"$dynamicAnchor\":\"items\",\"type\":\"string\"},"
                "\"list\":{\"$id\":\"list\",\"type\":\"array\",\"items\":{\"$dynamicRef\":\"#items\"},\"$defs\":{\"items\":"
                "{\"$dynamicAnchor\":\"items\",\"$ref\":\"#/$defs/o\"},\"o\":{\"properties\":{\"a\":{\"type\":\"integer\"}}}}}}}");
    CHECK_EQ(checked(s, "[\"a\"]"), 1);
    CHECK_EQ(checked(s, "[{\"a\":1}]"), 0);
    oasv_schema_free(s);
    s = compile("{\"$dynamicAnchor\":\"m\",\"type\":\"object\",\"properties\":{\"foo\":{\"const\":\"pass\"}},\"$ref\":\"extended\","
                "\"$id\":\"http://example.com/r\",\"$defs\":{\"extended\":{\"$id\":\"extended\",\"$dynamicAnchor\":\"m\",\"type\":\"object\","
                "\"properties\":{\"bar\":{\"$ref\":\"bar\"}}},\"bar\":{\"$id\":\"bar\",\"type\":\"object\",\"properties\":{\"baz\":"
                "{\"$dynamicRef\":\"extended#m\"}}}}}");
    CHECK_EQ(checked(s, "{\"foo\":\"pass\",\"bar\":{\"baz\":{\"foo\":\"pass\"}}}"), 1);
    CHECK_EQ(checked(s, "{\"foo\":\"pass\",\"bar\":{\"baz\":{\"foo\":\"fail\"}}}"), 0);
    oasv_schema_free(s);

    /* anyOf/oneOf of branches that are only a `const`: compared in a loop, with the walk's verdicts and limits */
    const char *consts = "{\"properties\":{\"o\":{\"oneOf\":[{\"const\":1},{\"const\":\"a\"},{\"const\":1.0},{\"const\":null},"
                         "{\"const\":{\"k\":[1]}}]},\"a\":{\"anyOf\":[{\"const\":2},{\"const\":\"b\"}]}},\"unevaluatedProperties\":false}";
    static const char *const const_instances[] = {
        "{\"o\":1}", "{\"o\":\"a\"}", "{\"o\":null}", "{\"o\":{\"k\":[1]}}", "{\"o\":{\"k\":[2]}}", "{\"o\":2}",
        "{\"a\":2}", "{\"a\":\"b\"}", "{\"a\":3}", "{\"a\":2,\"x\":1}", "{\"o\":\"a\",\"a\":\"b\"}",
    };
    static const int const_valid[] = { 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1 }; /* 1 and 1.0 are one number: two oneOf branches */
    for (uint64_t steps = 1; steps <= 12; steps++) {
        oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = steps };
        s = NULL;
        CHECK_EQ(oasv_schema_compile(consts, strlen(consts), &o, &s), OASV_OK);
        for (size_t i = 0; i < sizeof const_instances / sizeof *const_instances; i++) checked(s, const_instances[i]);
        oasv_schema_free(s);
    }
    s = compile(consts);
    for (size_t i = 0; i < sizeof const_instances / sizeof *const_instances; i++) CHECK_EQ(checked(s, const_instances[i]), const_valid[i]);
    oasv_schema_free(s);
    s = compile("{\"anyOf\":[{\"const\":{\"x\":1}},{\"const\":{\"x\":1}}],\"unevaluatedProperties\":false}"); /* a const annotates nothing */
    CHECK_EQ(checked(s, "{\"x\":1}"), 0);
    CHECK_EQ(checked(s, "{}"), 0);
    oasv_schema_free(s);

    /*
     * anyOf/oneOf of `const` numbers, looked up sorted (compile.c: mark_consts): the verdicts and limits of
     * the same branches walked one by one (a `type` that every value passes makes them more than a `const`)
     */
    static const char *const num_lists[] = {
        "[1,2,1.0,3,-0,0,9007199254740993,9007199254740992,0.1,0.10000000000000001,1e308,-5]",
        "[7,3,5]",
        "[4,4,4]",
        "[1.0000000000000000001,5,-12,999999999999999,1000000000000000]", /* the first: the double of 1, not 1 */
    };
    static const char *const num_instances[] = {
        "1", "1.0", "2", "3", "0", "-0", "0.0", "9007199254740993", "9007199254740992", "9007199254740994", "0.1", "0.10000000000000001",
        "1e308", "1e400", "-1e400", "-5", "-5.0", "4", "7", "5", "6", "\"1\"", "null", "[1]", "{}", "true",
        "-12", "999999999999999", "1000000000000000", "1e15", "1.0000000000000000001",
    };
    for (size_t l = 0; l < sizeof num_lists / sizeof *num_lists; l++) {
        for (int kind = 0; kind < 2; kind++) {
            char fast[1024], slow[2048], item[128];
            const char *kw = kind ? "oneOf" : "anyOf";
            snprintf(fast, sizeof fast, "{\"properties\":{\"x\":{\"%s\":[", kw);
            snprintf(slow, sizeof slow, "{\"properties\":{\"x\":{\"%s\":[", kw);
            const char *v = num_lists[l] + 1;
            for (int i = 0; *v && *v != ']'; i++) {
                size_t n = strcspn(v, ",]");
                snprintf(item, sizeof item, "%s{\"const\":%.*s}", i ? "," : "", (int)n, v);
                strcat(fast, item);
                snprintf(item, sizeof item, "%s{\"const\":%.*s,\"type\":[\"number\",\"string\",\"null\",\"array\",\"object\",\"boolean\"]}",
                         i ? "," : "", (int)n, v);
                strcat(slow, item);
                v += n + (v[n] == ',');
            }
            strcat(fast, "]}},\"unevaluatedProperties\":false}");
            strcat(slow, "]}},\"unevaluatedProperties\":false}");
            for (uint64_t steps = 0; steps <= 16; steps++)
                for (uint32_t depth = 0; depth <= 4; depth += 2) {
                    oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = steps, .max_depth = depth };
                    oasv_schema *f = NULL, *w = NULL;
                    CHECK_EQ(oasv_schema_compile(fast, strlen(fast), &o, &f), OASV_OK);
                    CHECK_EQ(oasv_schema_compile(slow, strlen(slow), &o, &w), OASV_OK);
                    for (size_t i = 0; i < sizeof num_instances / sizeof *num_instances; i++) {
                        char inst[128];
                        snprintf(inst, sizeof inst, "{\"x\":%s}", num_instances[i]);
                        int a = checked(f, inst), b = checked(w, inst);
                        if (a != b) fprintf(stderr, "  %s, steps %d, depth %u, on %s: %d, walked %d\n", fast, (int)steps, depth, inst, a, b);
                        CHECK_EQ(a, b);
                    }
                    oasv_schema_free(f);
                    oasv_schema_free(w);
                }
        }
    }
    s = compile("{\"oneOf\":[{\"const\":1},{\"const\":2},{\"const\":1.0}]}");
    CHECK_EQ(checked(s, "1"), 0); /* two branches */
    CHECK_EQ(checked(s, "2"), 1);
    CHECK_EQ(checked(s, "2.0"), 1);
    CHECK_EQ(checked(s, "3"), 0);
    oasv_schema_free(s);

    /* type integer: a bare number in plain digits passes unseen (OASV_BARE_INTEGER); the loader's tree is read as text */
    s = compile("{\"properties\":{\"i\":{\"type\":\"integer\"},\"j\":{\"type\":[\"integer\",\"string\"],\"minimum\":-3}}}");
    static const char *const int_instances[] = { "0", "-0", "12", "-3", "-4", "1.0", "1.5", "1e2", "1E-1", "-2.50e1", "123456789012345678901234567890" };
    for (size_t i = 0; i < sizeof int_instances / sizeof *int_instances; i++) {
        for (int member = 0; member < 2; member++) {
            char inst[128];
            snprintf(inst, sizeof inst, "{\"%s\":%s}", member ? "j" : "i", int_instances[i]);
            oasv_doc *doc = load_json(inst, strlen(inst));
            oasv_schema_result *r = NULL;
            CHECK_EQ(oasv_schema_validate_node(s, doc, "", &r), OASV_OK);
            CHECK_EQ(checked(s, inst), oasv_schema_result_valid(r));
            oasv_schema_result_free(r);
            oasv_doc_free(doc);
        }
    }
    CHECK_EQ(checked(s, "{\"i\":7,\"j\":-3}"), 1);
    CHECK_EQ(checked(s, "{\"i\":7.5}"), 0);
    CHECK_EQ(checked(s, "{\"j\":-4}"), 0);
    oasv_schema_free(s);

    /* required, where the verdict-only walk stops at its table's answer: inside oneOf too */
    s = compile("{\"oneOf\":[{\"required\":[\"a\",\"b\"]},{\"required\":[\"c\"]}]}");
    CHECK_EQ(checked(s, "{\"a\":1,\"b\":2}"), 1);
    CHECK_EQ(checked(s, "{\"a\":1}"), 0);
    CHECK_EQ(checked(s, "{\"c\":1}"), 1);
    CHECK_EQ(checked(s, "{\"a\":1,\"b\":2,\"c\":3}"), 0);
    oasv_schema_free(s);

    /*
     * required names that are all properties: checked in the properties pass where a failure is the verdict
     * (compile.c: merge_required), in order elsewhere; the verdicts of the full walk (checked() compares them)
     * under every limit, with names listed twice, members repeated, and inside oneOf, not and items
     */
    const char *merged = "{\"type\":\"object\",\"required\":[\"a\",\"b\",\"a\"],\"properties\":{\"a\":{\"type\":\"integer\"},"
                         "\"b\":{\"$ref\":\"#/$defs/o\"},\"c\":true},\"$defs\":{\"o\":{\"required\":[\"x\"],\"properties\":{\"x\":{\"type\":\"string\"}}}},"
                         "\"not\":{\"required\":[\"n\"],\"properties\":{\"n\":true}},"
                         "\"oneOf\":[{\"required\":[\"c\"],\"properties\":{\"c\":true}},{\"required\":[\"a\"],\"properties\":{\"a\":{\"minimum\":5}}}]}";
    static const char *const merged_instances[] = {
        "{\"a\":1,\"b\":{\"x\":\"s\"},\"c\":0}", "{\"a\":1,\"b\":{\"x\":\"s\"}}", "{\"a\":7,\"b\":{\"x\":\"s\"}}",
        "{\"a\":7,\"b\":{\"x\":\"s\"},\"c\":0}", "{\"b\":{\"x\":\"s\"},\"c\":0}", "{\"a\":1,\"c\":0}", "{\"a\":1,\"b\":{},\"c\":0}",
        "{\"a\":1,\"b\":{\"x\":1},\"c\":0}", "{\"a\":1,\"a\":2,\"b\":{\"x\":\"s\"},\"c\":0}", "{\"a\":1.5,\"b\":{\"x\":\"s\"},\"c\":0}",
        "{\"a\":1,\"b\":{\"x\":\"s\"},\"c\":0,\"n\":0}", "{\"c\":0}", "{}", "[]", "{\"d\":1,\"a\":1,\"b\":{\"x\":\"s\",\"y\":0},\"c\":0}",
    };
    static const int merged_valid[] = { 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
    for (uint64_t steps = 1; steps <= 14; steps++)
        for (uint32_t depth = 1; depth <= 5; depth++) {
            oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = steps, .max_depth = depth };
            s = NULL;
            CHECK_EQ(oasv_schema_compile(merged, strlen(merged), &o, &s), OASV_OK);
            for (size_t i = 0; i < sizeof merged_instances / sizeof *merged_instances; i++) checked(s, merged_instances[i]);
            oasv_schema_free(s);
        }
    s = compile(merged);
    for (size_t i = 0; i < sizeof merged_instances / sizeof *merged_instances; i++) {
        if (checked(s, merged_instances[i]) != merged_valid[i]) fprintf(stderr, "  merged required: %s\n", merged_instances[i]);
        CHECK_EQ(checked(s, merged_instances[i]), merged_valid[i]);
    }
    oasv_schema_free(s);
    /* ... not where a failure is tentative: there the walk's steps (and so where it stops) must stay the same */
    const char *tentative = "{\"oneOf\":[{\"required\":[\"z\"],\"properties\":{\"z\":true,\"a\":{\"properties\":{\"b\":{\"properties\":"
                            "{\"c\":{\"type\":\"string\"}}}}}}},{\"properties\":{\"q\":true}}]}";
    oasv_schema_options three = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = 3 }; /* root, two branches */
    s = NULL;
    CHECK_EQ(oasv_schema_compile(tentative, strlen(tentative), &three, &s), OASV_OK);
    CHECK_EQ(checked(s, "{\"a\":{\"b\":{\"c\":\"s\"}}}"), 1);
    oasv_schema_free(s);
    /* ... nor where errors are collected: each missing name is reported */
    s = compile("{\"required\":[\"z\"],\"properties\":{\"a\":{\"type\":\"string\"},\"z\":true}}");
    oasv_schema_result *missing = NULL;
    CHECK_EQ(oasv_schema_validate(s, "{\"a\":1}", 7, &missing), OASV_OK);
    CHECK_EQ(oasv_schema_result_error_count(missing), 2);
    CHECK_STR(oasv_schema_result_error(missing, 0)->code, "required");
    oasv_schema_result_free(missing);
    oasv_schema_free(s);
    s = compile("{\"items\":{\"required\":[\"a\"],\"properties\":{\"a\":true,\"b\":false}}}");
    CHECK_EQ(checked(s, "[{\"a\":1},{\"a\":2}]"), 1);
    CHECK_EQ(checked(s, "[{\"a\":1},{\"b\":2}]"), 0);
    CHECK_EQ(checked(s, "[{\"a\":1},{}]"), 0);
    oasv_schema_free(s);

    /* a chain of $ref-only nodes costs its depth in the verdict-only walk too */
    const char *chain = "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},\"b\":{\"$ref\":\"#/$defs/c\"},\"c\":{\"$ref\":\"#/$defs/d\"},"
                        "\"d\":{\"type\":\"string\",\"minLength\":1}},\"$ref\":\"#/$defs/a\"}";
    for (uint32_t depth = 3; depth <= 6; depth++) {
        oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_depth = depth };
        s = NULL;
        CHECK_EQ(oasv_schema_compile(chain, strlen(chain), &o, &s), OASV_OK);
        CHECK_EQ(checked(s, "\"x\""), depth >= 5); /* root, a, b, c, d: five levels */
        oasv_schema_result *r = NULL;
        CHECK_EQ(oasv_schema_validate(s, "\"x\"", 3, &r), OASV_OK);
        if (depth < 5) CHECK_STR(oasv_schema_result_error(r, 0)->code, "max-depth-exceeded");
        oasv_schema_result_free(r);
        oasv_schema_free(s);
    }
    /* and its steps */
    for (uint64_t steps = 4; steps <= 6; steps++) {
        oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = steps };
        s = NULL;
        CHECK_EQ(oasv_schema_compile(chain, strlen(chain), &o, &s), OASV_OK);
        CHECK_EQ(checked(s, "\"x\""), steps >= 5);
        oasv_schema_free(s);
    }
}

/*
 * anyOf/oneOf branches that fail by their `type` (schema.h: sch_gate) are counted, not entered, and a lone
 * branch left is walked as a failure that is the verdict: the verdicts and limits of the same schema where
 * `unevaluatedProperties: true` (which changes no verdict) keeps every branch from being gated.
 */
TEST(type_gated_branches_give_the_verdicts_of_the_full_walk)
{
    static const char *const schemas[][2] = {
        { "{\"$defs\":{\"o\":{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"$ref\":\"#\"}}},"
          "\"r\":{\"$ref\":\"#/$defs/s\"},\"s\":{\"$ref\":\"#/$defs/o\"}},\"properties\":{"
          "\"x\":{\"oneOf\":[{\"type\":\"null\"},{\"$ref\":\"#/$defs/r\"},{\"type\":[\"string\",\"boolean\"]}]},"
          "\"y\":{\"anyOf\":[{\"type\":\"integer\"},{\"$ref\":\"#/$defs/o\"},{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}]}}}",
          "{\"$defs\":{\"o\":{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"$ref\":\"#\"}},"
          "\"unevaluatedProperties\":true},\"r\":{\"$ref\":\"#/$defs/s\"},\"s\":{\"$ref\":\"#/$defs/o\"}},\"properties\":{"
          "\"x\":{\"oneOf\":[{\"type\":\"null\",\"unevaluatedProperties\":true},{\"$ref\":\"#/$defs/r\"},"
          "{\"type\":[\"string\",\"boolean\"],\"unevaluatedProperties\":true}]},"
          "\"y\":{\"anyOf\":[{\"type\":\"integer\",\"unevaluatedProperties\":true},{\"$ref\":\"#/$defs/o\"},"
          "{\"type\":\"array\",\"items\":{\"$ref\":\"#\"},\"unevaluatedProperties\":true}]}}}" },
    };
    static const char *const instances[] = {
        "{\"x\":null}", "{\"x\":{\"a\":1}}", "{\"x\":{\"a\":1.5}}", "{\"x\":{}}", "{\"x\":{\"b\":{\"x\":{\"a\":2}},\"a\":1}}",
        "{\"x\":{\"a\":1,\"b\":{\"x\":{\"b\":1}}}}", "{\"x\":\"s\"}", "{\"x\":true}", "{\"x\":1}", "{\"x\":[]}",
        "{\"y\":1}", "{\"y\":1.0}", "{\"y\":1.5}", "{\"y\":{\"a\":1}}", "{\"y\":{}}", "{\"y\":[1,{\"y\":2}]}", "{\"y\":[{\"y\":\"s\"}]}",
        "{\"y\":\"s\"}", "{\"y\":null}", "{\"x\":{\"a\":1},\"y\":{\"a\":\"no\"}}", "[]", "null",
    };
    static const int valid[] = { 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1 };
    for (size_t i = 0; i < sizeof schemas / sizeof *schemas; i++) {
        for (uint64_t steps = 1; steps <= 14; steps++)
            for (uint32_t depth = 1; depth <= 7; depth++) {
                oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_steps = steps, .max_depth = depth };
                oasv_schema *f = NULL, *w = NULL;
                CHECK_EQ(oasv_schema_compile(schemas[i][0], strlen(schemas[i][0]), &o, &f), OASV_OK);
                CHECK_EQ(oasv_schema_compile(schemas[i][1], strlen(schemas[i][1]), &o, &w), OASV_OK);
                for (size_t j = 0; j < sizeof instances / sizeof *instances; j++) {
                    int a = checked(f, instances[j]), b = checked(w, instances[j]);
                    if (a != b) fprintf(stderr, "  steps %d, depth %u, on %s: %d, walked %d\n", (int)steps, depth, instances[j], a, b);
                    CHECK_EQ(a, b);
                }
                oasv_schema_free(f);
                oasv_schema_free(w);
            }
        oasv_schema *s = compile(schemas[i][0]);
        for (size_t j = 0; j < sizeof instances / sizeof *instances; j++) {
            if (checked(s, instances[j]) != valid[j]) fprintf(stderr, "  gated: %s\n", instances[j]);
            CHECK_EQ(checked(s, instances[j]), valid[j]);
        }
        oasv_schema_free(s);
    }
}

/* MARK: - Literal patterns */

TEST(literal_prefix_patterns_match_as_the_regex_does)
{
    /* "^x-" is compared as a prefix; "^(?:x-)" goes through the regex engine: the verdicts agree */
    static const char *const pairs[][2] = {
        { "{\"pattern\":\"^x-\"}", "{\"pattern\":\"^(?:x-)\"}" },
        { "{\"pattern\":\"^/api/v1\"}", "{\"pattern\":\"^(?:/api/v1)\"}" },
        { "{\"pattern\":\"^\\u00e1\"}", "{\"pattern\":\"^(?:\\u00e1)\"}" },
        { "{\"pattern\":\"^x\\u00e9\\u20ac\\ud83d\\udca9\"}", "{\"pattern\":\"^(?:x\\u00e9\\u20ac\\ud83d\\udca9)\"}" },
        { "{\"patternProperties\":{\"^\\u00e1\":false}}", "{\"patternProperties\":{\"^(?:\\u00e1)\":false}}" },
        { "{\"patternProperties\":{\"^x-\":false}}", "{\"patternProperties\":{\"^(?:x-)\":false}}" },
        { "{\"properties\":{\"a\":true},\"patternProperties\":{\"^x-\":true},\"additionalProperties\":false}",
          "{\"properties\":{\"a\":true},\"patternProperties\":{\"^(?:x-)\":true},\"additionalProperties\":false}" },
    };
    static const char *const instances[] = {
        "\"x-a\"", "\"x-\"", "\"x\"", "\"\"", "\"ax-\"", "\"X-a\"", "\"/api/v1/pets\"", "\"/api/v2\"", "\"/api/v\"",
        "{\"x-a\":1}", "{\"x\":1}", "{\"a\":1}", "{\"a\":1,\"x-b\":2}", "{\"b\":1}", "{\"\\u00e9x-\":1}", "5",
        "\"\\u00e1rm\\u00e1nyos\"", "\"\\u00e9lm\\u00e9ny\"", "\"a\\u0301\"", "\"\\u00c1\"", "\"x\\u00e9\\u20ac\\ud83d\\udca9!\"",
        "\"x\\u00e9\\u20ac\\ud83d\"", "\"x\\u00e9\\u20ac\"", "{\"\\u00e1rm\":1}", "{\"\\u00e9l\":1}",
    };
    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
        oasv_schema *lit = compile(pairs[p][0]), *re = compile(pairs[p][1]);
        for (size_t i = 0; i < sizeof instances / sizeof *instances; i++) CHECK_EQ(checked(lit, instances[i]), checked(re, instances[i]));
        oasv_schema_free(lit);
        oasv_schema_free(re);
    }
    oasv_schema *s = compile("{\"pattern\":\"^x-\"}");
    CHECK_EQ(checked(s, "\"x-y\""), 1);
    CHECK_EQ(checked(s, "\"y\""), 0);
    oasv_schema_free(s);
    /* non-ASCII characters are literal too (their UTF-8 bytes); a pattern with a special character is not */
    CHECK_EQ(sch_literal_prefix("^\xC3\xA1"), 2);
    CHECK_EQ(sch_literal_prefix("^x\xF0\x9F\x92\xA9"), 5);
    CHECK_EQ(sch_literal_prefix("^\xC3"), 0);
    CHECK_EQ(sch_literal_prefix("^\xA1"), 0);
    CHECK_EQ(sch_literal_prefix("^\xC3\xA1."), 0);
    s = compile("{\"pattern\":\"^\\u00e1\"}");
    CHECK_EQ(checked(s, "\"\\u00e1rm\\u00e1nyos\""), 1);
    CHECK_EQ(checked(s, "\"\\u00e9lm\\u00e9ny\""), 0);
    oasv_schema_free(s);
}

/* ^(0|[1-9][0-9]*)$ is decided by sch_decimal(); a spelling it does not know goes through the regex engine: the verdicts agree */
TEST(decimal_patterns_match_as_the_regex_does)
{
    static const char *const known[] = { "^(0|[1-9][0-9]*)$", "^(?:0|[1-9][0-9]*)$", "^(0|[1-9]\\\\d*)$", "^(?:0|[1-9]\\\\d*)$" };
    const char *engine = "^(0|[1-9][0-9]{0,})$";
    for (size_t k = 0; k < sizeof known / sizeof *known; k++) {
        char source[64];
        /* known[] is written as JSON text (\\d); the pattern itself has \d */
        size_t n = 0;
        for (const char *c = known[k]; *c; c++) if (!(c[0] == '\\' && c[1] == '\\')) source[n++] = *c;
        source[n] = '\0';
        CHECK_EQ(sch_literal_prefix(source), SCH_PATTERN_DECIMAL);
    }
    CHECK(sch_literal_prefix(engine) != SCH_PATTERN_DECIMAL);
    CHECK(sch_literal_prefix("^(0|[1-9][0-9]*)") != SCH_PATTERN_DECIMAL);
    static const char *const instances[] = {
        "\"0\"", "\"1\"", "\"9\"", "\"10\"", "\"00\"", "\"01\"", "\"0001\"", "\"1000000000008006109\"",
        "\"12345678901234567890123456789012345678901234567890\"", "\"\"", "\"-1\"", "\"+1\"", "\"1a\"", "\"a1\"",
        "\"1 \"", "\" 1\"", "\"1\\n\"", "\"\\n1\"", "\"1.0\"", "\"1e3\"", "\"\\u0663\"", "\"\\uff11\"", "\"1\\u0000\"",
        "\"12\\u00003\"", "\"/\"", "\":\"", "5", "null",
        "{\"0\":1}", "{\"01\":1}", "{\"17\":1,\"x\":2}", "{\"\":1}", "{\"1\\u0663\":1}",
    };
    for (size_t k = 0; k < sizeof known / sizeof *known; k++) {
        char fast[256], slow[256];
        snprintf(fast, sizeof fast, "{\"pattern\":\"%s\"}", known[k]);
        snprintf(slow, sizeof slow, "{\"pattern\":\"%s\"}", engine);
        char fast_pp[256], slow_pp[256];
        snprintf(fast_pp, sizeof fast_pp, "{\"patternProperties\":{\"%s\":false}}", known[k]);
        snprintf(slow_pp, sizeof slow_pp, "{\"patternProperties\":{\"%s\":false}}", engine);
        oasv_schema *a = compile(fast), *b = compile(slow), *c = compile(fast_pp), *d = compile(slow_pp);
        for (size_t i = 0; i < sizeof instances / sizeof *instances; i++) {
            if (checked(a, instances[i]) != checked(b, instances[i])) fprintf(stderr, "  pattern %s: %s\n", known[k], instances[i]);
            CHECK_EQ(checked(a, instances[i]), checked(b, instances[i]));
            CHECK_EQ(checked(c, instances[i]), checked(d, instances[i]));
        }
        oasv_schema_free(a);
        oasv_schema_free(b);
        oasv_schema_free(c);
        oasv_schema_free(d);
    }
    oasv_schema *s = compile("{\"pattern\":\"^(0|[1-9][0-9]*)$\"}");
    CHECK_EQ(checked(s, "\"1000000000008006109\""), 1);
    CHECK_EQ(checked(s, "\"01\""), 0);
    oasv_schema_free(s);
}

/* properties whose subschema is a chain of $ref-only nodes (compile.c: mark_pass): the verdict of the full walk, at every limit */
TEST(property_ref_chains_give_the_verdicts_of_the_full_walk)
{
    static const char *const schemas[] = {
        "{\"$defs\":{\"s\":{\"type\":\"string\"},\"r1\":{\"$ref\":\"#/$defs/s\"},\"r2\":{\"$ref\":\"#/$defs/r1\"},"
        "\"o\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/r2\"},\"b\":{\"type\":\"integer\"},\"c\":{\"$ref\":\"#/$defs/o\"}},"
        "\"required\":[\"a\"]}},"
        "\"properties\":{\"a\":{\"$ref\":\"#/$defs/r2\"},\"b\":{\"type\":\"integer\"},\"c\":{\"$ref\":\"#/$defs/o\"},"
        "\"d\":{\"$ref\":\"#/$defs/s\"}}}",
        /* a chain that enters another resource: stepped over only up to it */
        "{\"$defs\":{\"e\":{\"$id\":\"https://example.com/e\",\"$ref\":\"#/$defs/t\",\"$defs\":{\"t\":{\"type\":\"string\"}}},"
        "\"r\":{\"$ref\":\"#/$defs/e\"}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/r\"},\"c\":{\"$ref\":\"#\"}}}",
        /* a cycle of $ref-only nodes: never stepped over in one go; the depth limit ends it */
        "{\"$defs\":{\"x\":{\"$ref\":\"#/$defs/y\"},\"y\":{\"$ref\":\"#/$defs/x\"}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/x\"}}}",
    };
    static const char *const instances[] = {
        "{\"a\":\"s\"}", "{\"a\":1}", "{\"b\":1,\"a\":\"x\",\"d\":\"y\"}", "{\"d\":2}", "{\"c\":{\"a\":\"x\"}}",
        "{\"c\":{\"a\":5}}", "{\"c\":{\"b\":1}}", "{\"c\":{\"c\":{\"a\":\"x\"}}}", "{\"c\":{\"c\":{\"a\":[]}}}", "{}",
    };
    for (size_t k = 0; k < sizeof schemas / sizeof *schemas; k++) {
        for (uint32_t depth = 1; depth <= 12; depth++) {
            for (uint64_t steps = 1; steps <= 40; steps += (steps < 20 ? 1 : 5)) {
                oasv_schema_options o = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .max_depth = depth, .max_steps = steps };
                oasv_schema *s = NULL;
                CHECK_EQ(oasv_schema_compile(schemas[k], strlen(schemas[k]), &o, &s), OASV_OK);
                CHECK(oasv_schema_ok(s));
                for (size_t i = 0; i < sizeof instances / sizeof *instances; i++) (void)checked(s, instances[i]);
                oasv_schema_free(s);
            }
        }
        oasv_schema *s = compile(schemas[k]);
        if (k == 0) {
            CHECK_EQ(checked(s, "{\"a\":\"s\",\"c\":{\"a\":\"t\",\"c\":{\"a\":\"u\"}}}"), 1);
            CHECK_EQ(checked(s, "{\"a\":\"s\",\"c\":{\"a\":\"t\",\"c\":{\"a\":1}}}"), 0);
        }
        if (k == 1) {
            CHECK_EQ(checked(s, "{\"a\":\"s\"}"), 1);
            CHECK_EQ(checked(s, "{\"a\":1}"), 0);
            CHECK_EQ(checked(s, "{\"c\":{\"c\":{\"a\":[]}}}"), 0);
        }
        if (k == 2) CHECK_EQ(checked(s, "{\"a\":1}"), 0);
        oasv_schema_free(s);
    }
}
