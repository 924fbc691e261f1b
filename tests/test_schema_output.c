/*
 * test_schema_output.c - the "detailed" output format of JSON Schema 2020-12
 * (oasv_schema_result_json_detailed): frames following the schema, single
 * children collapsed, $ref frames with the target's absolute location.
 * Expectations written by hand from the schemas.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <stdlib.h>

/* The detailed output of validating `instance` against `schema` (malloc'd). */
static char *detailed(const char *schema, const char *instance)
{
    oasv_schema *s = NULL;
    if (oasv_schema_compile(schema, strlen(schema), NULL, &s) != OASV_OK || !oasv_schema_ok(s)) abort();
    oasv_schema_result *r = NULL;
    if (oasv_schema_validate(s, instance, strlen(instance), &r) != OASV_OK) abort();
    const char *json = oasv_schema_result_json_detailed(r, NULL);
    char *copy = json ? strdup(json) : NULL;
    oasv_schema_result_free(r);
    oasv_schema_free(s);
    return copy;
}

#define CHECK_DETAILED(schema, instance, expected) \
    do { char *got_ = detailed(schema, instance); CHECK_STR(got_, expected); free(got_); } while (0)

TEST(detailed_valid_is_the_root_alone)
{
    CHECK_DETAILED("{\"type\": \"integer\"}", "3", "{\"valid\":true,\"keywordLocation\":\"\",\"instanceLocation\":\"\"}");
}

TEST(detailed_follows_ref_and_items_like_the_spec_example)
{
    /* the example of JSON Schema core 2020-12 §12.4 */
    CHECK_DETAILED(
        "{\"$id\": \"https://example.com/polygon\", \"$defs\": {\"point\": {\"type\": \"object\","
        " \"properties\": {\"x\": {\"type\": \"number\"}, \"y\": {\"type\": \"number\"}},"
        " \"additionalProperties\": false, \"required\": [\"x\", \"y\"]}},"
        " \"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/point\"}, \"minItems\": 3}",
        "[{\"x\": 2.5, \"y\": 1.3}, {\"x\": 1, \"z\": 6.7}]",
        "{\"valid\":false,\"keywordLocation\":\"\",\"absoluteKeywordLocation\":\"https://example.com/polygon#\",\"instanceLocation\":\"\",\"errors\":["
        "{\"valid\":false,\"keywordLocation\":\"/minItems\",\"absoluteKeywordLocation\":\"https://example.com/polygon#/minItems\","
        "\"instanceLocation\":\"\",\"code\":\"minItems\",\"error\":\"must have at least 3 items, not 2\"},"
        "{\"valid\":false,\"keywordLocation\":\"/items/$ref\",\"absoluteKeywordLocation\":\"https://example.com/polygon#/$defs/point\","
        "\"instanceLocation\":\"/1\",\"errors\":["
        "{\"valid\":false,\"keywordLocation\":\"/items/$ref/required\",\"absoluteKeywordLocation\":\"https://example.com/polygon#/$defs/point/required\","
        "\"instanceLocation\":\"/1\",\"code\":\"required\",\"error\":\"must have the property \\\"y\\\"\"},"
        "{\"valid\":false,\"keywordLocation\":\"/items/$ref/additionalProperties\","
        "\"absoluteKeywordLocation\":\"https://example.com/polygon#/$defs/point/additionalProperties\","
        "\"instanceLocation\":\"/1/z\",\"code\":\"false\",\"error\":\"property \\\"z\\\" is not allowed here\"}]}]}");
}

TEST(detailed_nests_allof_properties_and_collapses_single_children)
{
    /* /allOf/0 has one child (properties/a) and is replaced by it; /allOf/1 and anyOf are leaves */
    CHECK_DETAILED(
        "{\"allOf\": [{\"properties\": {\"a\": {\"type\": \"string\", \"minLength\": 2, \"pattern\": \"^[0-9]+$\"}}},"
        " {\"required\": [\"b\"]}], \"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"boolean\"}]}",
        "{\"a\": \"x\"}",
        "{\"valid\":false,\"keywordLocation\":\"\",\"instanceLocation\":\"\",\"errors\":["
        "{\"valid\":false,\"keywordLocation\":\"/allOf/0/properties/a\",\"instanceLocation\":\"/a\",\"errors\":["
        "{\"valid\":false,\"keywordLocation\":\"/allOf/0/properties/a/minLength\",\"instanceLocation\":\"/a\",\"code\":\"minLength\","
        "\"error\":\"must be at least 2 characters long, not 1\"},"
        "{\"valid\":false,\"keywordLocation\":\"/allOf/0/properties/a/pattern\",\"instanceLocation\":\"/a\",\"code\":\"pattern\","
        "\"error\":\"must match the pattern ^[0-9]+$\"}]},"
        "{\"valid\":false,\"keywordLocation\":\"/allOf/1/required\",\"instanceLocation\":\"\",\"code\":\"required\","
        "\"error\":\"must have the property \\\"b\\\"\"},"
        "{\"valid\":false,\"keywordLocation\":\"/anyOf\",\"instanceLocation\":\"\",\"code\":\"anyOf\","
        "\"error\":\"must match at least one of the 2 anyOf schemas, and matches none\"}]}");
}

TEST(detailed_items_are_frames_per_instance_location)
{
    /* the same keyword path at /0 and /1: two frames; /1 has one error and collapses */
    CHECK_DETAILED("{\"items\": {\"minimum\": 5, \"multipleOf\": 2}}", "[3, 7]",
                   "{\"valid\":false,\"keywordLocation\":\"\",\"instanceLocation\":\"\",\"errors\":["
                   "{\"valid\":false,\"keywordLocation\":\"/items\",\"instanceLocation\":\"/0\",\"errors\":["
                   "{\"valid\":false,\"keywordLocation\":\"/items/multipleOf\",\"instanceLocation\":\"/0\",\"code\":\"multipleOf\","
                   "\"error\":\"must be a multiple of 2\"},"
                   "{\"valid\":false,\"keywordLocation\":\"/items/minimum\",\"instanceLocation\":\"/0\",\"code\":\"minimum\","
                   "\"error\":\"must be at least 5\"}]},"
                   "{\"valid\":false,\"keywordLocation\":\"/items/multipleOf\",\"instanceLocation\":\"/1\",\"code\":\"multipleOf\","
                   "\"error\":\"must be a multiple of 2\"}]}");
}

TEST(detailed_instance_that_cannot_be_read_is_a_root_error)
{
    char *got = detailed("{}", "{\"a\": ");
    CHECK(got && strstr(got, "{\"valid\":false,\"keywordLocation\":\"\",\"instanceLocation\":\"\",\"errors\":[{\"valid\":false") == got);
    CHECK(got && strstr(got, "\"error\":\"the instance cannot be read"));
    free(got);
}
