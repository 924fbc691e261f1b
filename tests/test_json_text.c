/*
 * test_json_text.c - the samples' JSON reshaping (src/util/json_text.c) against what cJSON's parser and
 * printer made of the same text before (they are no longer in the docs viewer's wasm): the compact form,
 * a string's value, an object's members; on text as model_pretty and model_generate_example write it.
 */
#include "harness.h"

#include "util/buf.h"
#include "util/json_text.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *const texts[] = {
    "{\n  \"name\": \"o'malley\",\n  \"tags\": [\n    \"a b\",\n    \"c\\\"d\"\n  ],\n  \"n\": 7,\n  \"ok\": true,\n  \"x\": null\n}",
    "[\n  1,\n  {\n    \"k\": \"v\\n w\\t\\\\ \\u0001\"\n  },\n  []\n]",
    "{\n  \"empty\": {},\n  \"nested\": {\n    \"deep\": [\n      {\n        \"s\": \"} ] , :\"\n      }\n    ]\n  }\n}",
    "{}",
    "[]",
};

static void check_compact_as_cjson(const char *text)
{
    oasv_buf out = { 0 };
    oasv_json_compact(&out, text, strlen(text));
    cJSON *v = cJSON_Parse(text);
    char *want = cJSON_PrintUnformatted(v);
    CHECK_STR(out.data ? out.data : "", want);
    cJSON_free(want);
    cJSON_Delete(v);
    oasv_buf_free(&out);
}

TEST(compact_is_what_cjson_printed)
{
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) check_compact_as_cjson(texts[i]);
}

static void check_string(const char *literal, const char *want)
{
    oasv_buf out = { 0 };
    CHECK(oasv_json_string_value(&out, literal, strlen(literal)));
    cJSON *v = cJSON_Parse(literal);
    CHECK(cJSON_IsString(v));
    CHECK_STR(out.data ? out.data : "", want);
    if (cJSON_IsString(v)) CHECK_STR(out.data ? out.data : "", v->valuestring);
    cJSON_Delete(v);
    oasv_buf_free(&out);
}

TEST(string_value_decodes_escapes)
{
    check_string("\"yes\"", "yes");
    check_string("\"\"", "");
    check_string("\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d");
    check_string("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t");
    check_string("\"\\u00e9\\u20AC\"", "\xc3\xa9\xe2\x82\xac");
    check_string("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80"); /* a surrogate pair */
    check_string("\"caf\xc3\xa9\"", "caf\xc3\xa9");
}

TEST(string_value_refuses_what_is_not_one_string)
{
    const char *others[] = { "7", "true", "null", "[\"a\"]", "{\"a\": \"b\"}", "\"a\" \"b\"", "\"a\", \"b\"", "\"ab\\\"", "\"", "" };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        oasv_buf out = { 0 };
        CHECK(!oasv_json_string_value(&out, others[i], strlen(others[i])));
        CHECK_EQ(out.len, 0);
        oasv_buf_free(&out);
    }
}

TEST(members_are_cjsons_children)
{
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        cJSON *v = cJSON_Parse(texts[i]);
        const cJSON *child = cJSON_IsObject(v) ? v->child : NULL;
        const char *key, *value;
        size_t at = 0, key_len, value_len;
        while (oasv_json_member(texts[i], strlen(texts[i]), &at, &key, &key_len, &value, &value_len)) {
            CHECK(child != NULL);
            if (!child) break;
            oasv_buf k = { 0 }, val = { 0 };
            CHECK(oasv_json_string_value(&k, key, key_len));
            CHECK_STR(k.data ? k.data : "", child->string);
            oasv_json_compact(&val, value, value_len);
            char *want = cJSON_PrintUnformatted(child);
            CHECK_STR(val.data ? val.data : "", want);
            cJSON_free(want);
            oasv_buf_free(&k);
            oasv_buf_free(&val);
            child = child->next;
        }
        CHECK(child == NULL); /* every member, and arrays and {} give none */
        cJSON_Delete(v);
    }
}
