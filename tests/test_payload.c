/*
 * test_payload.c - oasv_doc_validate_payload(): request bodies and responses
 * of operations and webhooks, found by model id, checked against their
 * schemas with #/components references; media types, status ranges, limits,
 * the compiled-schema cache, compiling a schema inside a document.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <stdlib.h>

static const char *SPEC =
    "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
    "\"paths\":{\"/pets\":{\"post\":{\"operationId\":\"addPet\","
    "  \"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Pet\"}},"
    "                                \"text/*\":{}}},"
    "  \"responses\":{\"201\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Pet\"}}}},"
    "                 \"4XX\":{\"$ref\":\"#/components/responses/Problem\"}}}}},"
    "\"webhooks\":{\"pet.adopted\":{\"post\":{\"requestBody\":{\"$ref\":\"#/components/requestBodies/Adopted\"},"
    "  \"responses\":{\"200\":{\"description\":\"ok\"}}}}},"
    "\"components\":{"
    "  \"schemas\":{\"Pet\":{\"type\":\"object\",\"required\":[\"name\"],\"additionalProperties\":false,"
    "     \"properties\":{\"name\":{\"type\":\"string\"},\"tag\":{\"$ref\":\"#/components/schemas/Tag\"}}},"
    "     \"Tag\":{\"type\":\"string\",\"maxLength\":3},"
    "     \"Broken\":{\"$ref\":\"#/components/schemas/Nowhere\"}},"
    "  \"responses\":{\"Problem\":{\"description\":\"p\",\"content\":{\"application/problem+json\":{\"schema\":{\"required\":[\"title\"]}}}}},"
    "  \"requestBodies\":{\"Adopted\":{\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
    "     \"properties\":{\"pet\":{\"$ref\":\"#/components/schemas/Pet\"},\"at\":{\"type\":\"integer\"}},\"required\":[\"pet\",\"at\"]}}}}}}}";

static oasv_schema_result *payload(oasv_doc *doc, const char *id, oasv_payload_part part, const char *status,
                                   const char *type, const char *json)
{
    oasv_schema_result *r = NULL;
    oasv_status st = oasv_doc_validate_payload(doc, id, part, status, type, json, strlen(json), &r);
    if (st != OASV_OK) return NULL;
    return r;
}

static const oasv_schema_error *err(const oasv_schema_result *r, size_t i) { return oasv_schema_result_error(r, i); }

TEST(request_body_valid_and_invalid_with_component_refs)
{
    oasv_doc *doc = load_text(SPEC);
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 1); /* only Broken's $ref */
    oasv_schema_result *r = payload(doc, "operations/addPet", OASV_PAYLOAD_REQUEST, NULL, NULL, "{\"name\":\"Rex\",\"tag\":\"dog\"}");
    CHECK(r && oasv_schema_result_valid(r));
    oasv_schema_result_free(r);
    r = payload(doc, "operations/addPet", OASV_PAYLOAD_REQUEST, NULL, "application/json; charset=utf-8",
                "{\"tag\":\"doggo\",\"extra\":1}");
    CHECK(r && !oasv_schema_result_valid(r));
    bool required = false, maxlen = false, extra = false;
    for (size_t i = 0; r && i < oasv_schema_result_error_count(r); i++) {
        const oasv_schema_error *e = err(r, i);
        if (strcmp(e->code, "required") == 0 && strcmp(e->instance_location, "") == 0) required = true;
        if (strcmp(e->code, "maxLength") == 0 && strcmp(e->instance_location, "/tag") == 0) maxlen = true;
        if (strcmp(e->code, "additionalProperties") == 0 || strcmp(e->instance_location, "/extra") == 0) extra = true;
    }
    CHECK(required);
    CHECK(maxlen);
    CHECK(extra);
    oasv_schema_result_free(r);
    oasv_doc_free(doc);
}

TEST(webhook_request_body_through_a_component_request_body)
{
    oasv_doc *doc = load_text(SPEC);
    oasv_schema_result *r = payload(doc, "webhooks/pet.adopted/post", OASV_PAYLOAD_REQUEST, NULL, NULL,
                                    "{\"pet\":{\"name\":\"Rex\"},\"at\":12}");
    CHECK(r && oasv_schema_result_valid(r));
    oasv_schema_result_free(r);
    r = payload(doc, "webhooks/pet.adopted/post", OASV_PAYLOAD_REQUEST, NULL, NULL, "{\"pet\":{\"name\":7},\"at\":\"x\"}");
    CHECK(r && !oasv_schema_result_valid(r));
    bool name = false, at = false;
    for (size_t i = 0; r && i < oasv_schema_result_error_count(r); i++) {
        if (strcmp(err(r, i)->instance_location, "/pet/name") == 0) name = true;
        if (strcmp(err(r, i)->instance_location, "/at") == 0) at = true;
    }
    CHECK(name);
    CHECK(at);
    oasv_schema_result_free(r);
    oasv_doc_free(doc);
}

TEST(responses_by_status_range_and_media_type)
{
    oasv_doc *doc = load_text(SPEC);
    oasv_schema_result *r = payload(doc, "operations/addPet", OASV_PAYLOAD_RESPONSE, "201", NULL, "{\"name\":\"a\"}");
    CHECK(r && oasv_schema_result_valid(r));
    oasv_schema_result_free(r);
    /* 404 -> 4XX (a $ref to components/responses), the only JSON media type (problem+json) when none is named */
    r = payload(doc, "operations/addPet", OASV_PAYLOAD_RESPONSE, "404", NULL, "{}");
    CHECK(r && !oasv_schema_result_valid(r));
    CHECK(r && strcmp(err(r, 0)->code, "required") == 0);
    oasv_schema_result_free(r);
    r = payload(doc, "operations/addPet", OASV_PAYLOAD_RESPONSE, "500", NULL, "{}");
    CHECK(r && !oasv_schema_result_valid(r) && strcmp(err(r, 0)->code, "no-response") == 0);
    oasv_schema_result_free(r);
    /* text/plain matches the range text/(star), which has no schema: any JSON value */
    r = payload(doc, "operations/addPet", OASV_PAYLOAD_REQUEST, NULL, "text/plain", "\"hello\"");
    CHECK(r && oasv_schema_result_valid(r));
    oasv_schema_result_free(r);
    r = payload(doc, "operations/addPet", OASV_PAYLOAD_REQUEST, NULL, "application/xml", "{}");
    CHECK(r && !oasv_schema_result_valid(r) && strcmp(err(r, 0)->code, "media-type-not-documented") == 0);
    oasv_schema_result_free(r);
    oasv_doc_free(doc);
}

TEST(unknown_ids_bad_payloads_and_limits)
{
    oasv_doc *doc = load_text(SPEC);
    oasv_schema_result *r = NULL;
    CHECK_EQ(oasv_doc_validate_payload(doc, "operations/nope", OASV_PAYLOAD_REQUEST, NULL, NULL, "{}", 2, &r), OASV_ERR_ARGS);
    CHECK_EQ(oasv_doc_validate_payload(doc, "schemas/Pet", OASV_PAYLOAD_REQUEST, NULL, NULL, "{}", 2, &r), OASV_ERR_ARGS);
    r = payload(doc, "webhooks/pet.adopted/post", OASV_PAYLOAD_REQUEST, NULL, NULL, "");
    CHECK(r && !oasv_schema_result_valid(r));
    oasv_schema_result_free(r);
    r = payload(doc, "webhooks/pet.adopted/post", OASV_PAYLOAD_REQUEST, NULL, NULL, "pet: 1\n");
    CHECK(r && !oasv_schema_result_valid(r)); /* YAML is not a JSON payload */
    oasv_schema_result_free(r);
    size_t n = 100000;
    char *bomb = malloc(2 * n + 1);
    memset(bomb, '[', n);
    memset(bomb + n, ']', n);
    bomb[2 * n] = '\0';
    r = payload(doc, "webhooks/pet.adopted/post", OASV_PAYLOAD_REQUEST, NULL, NULL, bomb);
    CHECK(r && !oasv_schema_result_valid(r) && strcmp(err(r, 0)->code, "nesting-too-deep") == 0);
    oasv_schema_result_free(r);
    free(bomb);
    oasv_doc_free(doc);
}

TEST(compiled_schemas_are_reused_and_freed_with_the_document)
{
    oasv_doc *doc = load_text(SPEC);
    for (int i = 0; i < 50; i++) {
        oasv_schema_result *r = payload(doc, "operations/addPet", OASV_PAYLOAD_REQUEST, NULL, NULL, "{\"name\":\"x\"}");
        CHECK(r && oasv_schema_result_valid(r));
        oasv_schema_result_free(r);
    }
    /* a result may outlive the document */
    oasv_schema_result *late = payload(doc, "operations/addPet", OASV_PAYLOAD_REQUEST, NULL, NULL, "{}");
    oasv_doc_free(doc);
    CHECK(late && !oasv_schema_result_valid(late) && oasv_schema_result_error(late, 0)->message[0]);
    oasv_schema_result_free(late);
}

TEST(compile_at_a_pointer_with_the_document_as_root_resource)
{
    oasv_doc *doc = load_text(SPEC);
    oasv_schema *s = NULL;
    CHECK_EQ(oasv_schema_compile_at(doc, "/components/schemas/Pet", NULL, &s), OASV_OK);
    CHECK(oasv_schema_ok(s));
    oasv_schema_result *r = NULL;
    const char *pet = "{\"name\":\"a\",\"tag\":\"long\"}";
    CHECK_EQ(oasv_schema_validate(s, pet, strlen(pet), &r), OASV_OK);
    CHECK(r && !oasv_schema_result_valid(r));
    CHECK_STR(r ? err(r, 0)->keyword_location : NULL, "/properties/tag/$ref/maxLength");
    oasv_schema_result_free(r);
    oasv_schema_free(s);
    s = NULL;
    CHECK_EQ(oasv_schema_compile_at(doc, "/components/schemas/Broken", NULL, &s), OASV_OK);
    CHECK(s && !oasv_schema_ok(s) && strcmp(oasv_schema_error_at(s, 0)->code, "unresolved-ref") == 0);
    oasv_schema_free(s);
    CHECK_EQ(oasv_schema_compile_at(doc, "/components/schemas/Missing", NULL, &s), OASV_ERR_ARGS);
    oasv_doc_free(doc);
}

TEST(corpus_adyen_webhooks_accept_their_examples)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/real-world/adyen--BalancePlatformConfigurationNotification-v2.json", corpus_dir());
    size_t len = 0;
    char *text = read_file(path, &len);
    CHECK(text != NULL);
    if (!text) return;
    oasv_doc *doc = load_with(text, len, NULL);
    oasv_schema_result *r = payload(doc, "webhooks/balancePlatform.accountHolder.created/post", OASV_PAYLOAD_REQUEST,
                                    NULL, NULL, "{\"type\":\"balancePlatform.accountHolder.created\"}");
    CHECK(r && !oasv_schema_result_valid(r)); /* data and environment are required */
    oasv_schema_result_free(r);
    free(text);
    oasv_doc_free(doc);
}
