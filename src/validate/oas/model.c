/*
 * model.c - the OpenAPI 3.1 object model as tables: one per object, one row
 * per fixed field (name, shape, kind of the value, flags). Rules that a table
 * cannot say (one of, exclusive fields, fields that depend on `in` or `type`)
 * are in structure.c. Source: OAS 3.1.1 section 4.8 and the official schema
 * (schemas/v3.1/schema.yaml).
 */
#include "validate/oas/check.h"

#include <string.h>

#define N(a) (sizeof(a) / sizeof *(a))
#define R FIELD_REQUIRED
#define REF FIELD_REF
#define NE FIELD_NONEMPTY

static const oas_field openapi_fields[] = {
    { "openapi", F_STRING, K_NONE, R },
    { "info", F_OBJECT, K_INFO, R },
    { "jsonSchemaDialect", F_STRING, K_NONE, 0 },
    { "servers", F_ARRAY, K_SERVER, 0 },
    { "paths", F_OBJECT, K_PATHS, 0 },
    { "webhooks", F_MAP, K_PATH_ITEM, 0 },
    { "components", F_OBJECT, K_COMPONENTS, 0 },
    { "security", F_ARRAY, K_SECURITY_REQUIREMENT, 0 },
    { "tags", F_ARRAY, K_TAG, 0 },
    { "externalDocs", F_OBJECT, K_EXTERNAL_DOCS, 0 },
};
static const oas_field info_fields[] = {
    { "title", F_STRING, K_NONE, R },
    { "summary", F_STRING, K_NONE, 0 },
    { "description", F_STRING, K_NONE, 0 },
    { "termsOfService", F_STRING, K_NONE, 0 },
    { "contact", F_OBJECT, K_CONTACT, 0 },
    { "license", F_OBJECT, K_LICENSE, 0 },
    { "version", F_STRING, K_NONE, R },
};
static const oas_field contact_fields[] = {
    { "name", F_STRING, K_NONE, 0 },
    { "url", F_STRING, K_NONE, 0 },
    { "email", F_STRING, K_NONE, 0 },
};
static const oas_field license_fields[] = {
    { "name", F_STRING, K_NONE, R },
    { "identifier", F_STRING, K_NONE, 0 },
    { "url", F_STRING, K_NONE, 0 },
};
static const oas_field server_fields[] = {
    { "url", F_STRING, K_NONE, R },
    { "description", F_STRING, K_NONE, 0 },
    { "variables", F_MAP, K_SERVER_VARIABLE, 0 },
};
static const oas_field server_variable_fields[] = {
    { "enum", F_STRINGS, K_NONE, NE },
    { "default", F_STRING, K_NONE, R },
    { "description", F_STRING, K_NONE, 0 },
};
static const oas_field components_fields[] = {
    { "schemas", F_MAP, K_SCHEMA, 0 },
    { "responses", F_MAP, K_RESPONSE, REF },
    { "parameters", F_MAP, K_PARAMETER, REF },
    { "examples", F_MAP, K_EXAMPLE, REF },
    { "requestBodies", F_MAP, K_REQUEST_BODY, REF },
    { "headers", F_MAP, K_HEADER, REF },
    { "securitySchemes", F_MAP, K_SECURITY_SCHEME, REF },
    { "links", F_MAP, K_LINK, REF },
    { "callbacks", F_MAP, K_CALLBACK, REF },
    { "pathItems", F_MAP, K_PATH_ITEM, 0 },
};
static const oas_field path_item_fields[] = {
    { "$ref", F_STRING, K_NONE, 0 },
    { "summary", F_STRING, K_NONE, 0 },
    { "description", F_STRING, K_NONE, 0 },
    { "get", F_OBJECT, K_OPERATION, 0 },
    { "put", F_OBJECT, K_OPERATION, 0 },
    { "post", F_OBJECT, K_OPERATION, 0 },
    { "delete", F_OBJECT, K_OPERATION, 0 },
    { "options", F_OBJECT, K_OPERATION, 0 },
    { "head", F_OBJECT, K_OPERATION, 0 },
    { "patch", F_OBJECT, K_OPERATION, 0 },
    { "trace", F_OBJECT, K_OPERATION, 0 },
    { "servers", F_ARRAY, K_SERVER, 0 },
    { "parameters", F_ARRAY, K_PARAMETER, REF },
};
static const oas_field operation_fields[] = {
    { "tags", F_STRINGS, K_NONE, 0 },
    { "summary", F_STRING, K_NONE, 0 },
    { "description", F_STRING, K_NONE, 0 },
    { "externalDocs", F_OBJECT, K_EXTERNAL_DOCS, 0 },
    { "operationId", F_STRING, K_NONE, 0 },
    { "parameters", F_ARRAY, K_PARAMETER, REF },
    { "requestBody", F_OBJECT, K_REQUEST_BODY, REF },
    { "responses", F_OBJECT, K_RESPONSES, 0 },
    { "callbacks", F_MAP, K_CALLBACK, REF },
    { "deprecated", F_BOOL, K_NONE, 0 },
    { "security", F_ARRAY, K_SECURITY_REQUIREMENT, 0 },
    { "servers", F_ARRAY, K_SERVER, 0 },
};
static const oas_field external_docs_fields[] = {
    { "description", F_STRING, K_NONE, 0 },
    { "url", F_STRING, K_NONE, R },
};
static const oas_field parameter_fields[] = {
    { "name", F_STRING, K_NONE, R },
    { "in", F_STRING, K_NONE, R },
    { "description", F_STRING, K_NONE, 0 },
    { "required", F_BOOL, K_NONE, 0 },
    { "deprecated", F_BOOL, K_NONE, 0 },
    { "allowEmptyValue", F_BOOL, K_NONE, 0 },
    { "style", F_STRING, K_NONE, 0 },
    { "explode", F_BOOL, K_NONE, 0 },
    { "allowReserved", F_BOOL, K_NONE, 0 },
    { "schema", F_OBJECT, K_SCHEMA, 0 },
    { "example", F_ANY, K_NONE, 0 },
    { "examples", F_MAP, K_EXAMPLE, REF },
    { "content", F_MAP, K_MEDIA_TYPE, 0 },
};
static const oas_field request_body_fields[] = {
    { "description", F_STRING, K_NONE, 0 },
    { "content", F_MAP, K_MEDIA_TYPE, R },
    { "required", F_BOOL, K_NONE, 0 },
};
static const oas_field media_type_fields[] = {
    { "schema", F_OBJECT, K_SCHEMA, 0 },
    { "example", F_ANY, K_NONE, 0 },
    { "examples", F_MAP, K_EXAMPLE, REF },
    { "encoding", F_MAP, K_ENCODING, 0 },
};
static const oas_field encoding_fields[] = {
    { "contentType", F_STRING, K_NONE, 0 },
    { "headers", F_MAP, K_HEADER, REF },
    { "style", F_STRING, K_NONE, 0 },
    { "explode", F_BOOL, K_NONE, 0 },
    { "allowReserved", F_BOOL, K_NONE, 0 },
};
static const oas_field responses_fields[] = {
    { "default", F_OBJECT, K_RESPONSE, REF },
};
static const oas_field response_fields[] = {
    { "description", F_STRING, K_NONE, R },
    { "headers", F_MAP, K_HEADER, REF },
    { "content", F_MAP, K_MEDIA_TYPE, 0 },
    { "links", F_MAP, K_LINK, REF },
};
static const oas_field example_fields[] = {
    { "summary", F_STRING, K_NONE, 0 },
    { "description", F_STRING, K_NONE, 0 },
    { "value", F_ANY, K_NONE, 0 },
    { "externalValue", F_STRING, K_NONE, 0 },
};
static const oas_field link_fields[] = {
    { "operationRef", F_STRING, K_NONE, 0 },
    { "operationId", F_STRING, K_NONE, 0 },
    { "parameters", F_OBJECT, K_NONE, 0 }, /* values: any value or {expression} */
    { "requestBody", F_ANY, K_NONE, 0 },
    { "description", F_STRING, K_NONE, 0 },
    { "server", F_OBJECT, K_SERVER, 0 },
};
static const oas_field header_fields[] = {
    { "description", F_STRING, K_NONE, 0 },
    { "required", F_BOOL, K_NONE, 0 },
    { "deprecated", F_BOOL, K_NONE, 0 },
    { "style", F_STRING, K_NONE, 0 },
    { "explode", F_BOOL, K_NONE, 0 },
    { "schema", F_OBJECT, K_SCHEMA, 0 },
    { "example", F_ANY, K_NONE, 0 },
    { "examples", F_MAP, K_EXAMPLE, REF },
    { "content", F_MAP, K_MEDIA_TYPE, 0 },
};
static const oas_field tag_fields[] = {
    { "name", F_STRING, K_NONE, R },
    { "description", F_STRING, K_NONE, 0 },
    { "externalDocs", F_OBJECT, K_EXTERNAL_DOCS, 0 },
};
static const oas_field reference_fields[] = {
    { "$ref", F_STRING, K_NONE, R },
    { "summary", F_STRING, K_NONE, 0 },
    { "description", F_STRING, K_NONE, 0 },
};
static const oas_field discriminator_fields[] = {
    { "propertyName", F_STRING, K_NONE, R },
    { "mapping", F_STRMAP, K_NONE, 0 },
};
static const oas_field xml_fields[] = {
    { "name", F_STRING, K_NONE, 0 },
    { "namespace", F_STRING, K_NONE, 0 },
    { "prefix", F_STRING, K_NONE, 0 },
    { "attribute", F_BOOL, K_NONE, 0 },
    { "wrapped", F_BOOL, K_NONE, 0 },
};
static const oas_field security_scheme_fields[] = {
    { "type", F_STRING, K_NONE, R },
    { "description", F_STRING, K_NONE, 0 },
    { "name", F_STRING, K_NONE, 0 },
    { "in", F_STRING, K_NONE, 0 },
    { "scheme", F_STRING, K_NONE, 0 },
    { "bearerFormat", F_STRING, K_NONE, 0 },
    { "flows", F_OBJECT, K_OAUTH_FLOWS, 0 },
    { "openIdConnectUrl", F_STRING, K_NONE, 0 },
};
static const oas_field oauth_flows_fields[] = {
    { "implicit", F_OBJECT, K_FLOW_IMPLICIT, 0 },
    { "password", F_OBJECT, K_FLOW_PASSWORD, 0 },
    { "clientCredentials", F_OBJECT, K_FLOW_CLIENT_CREDENTIALS, 0 },
    { "authorizationCode", F_OBJECT, K_FLOW_AUTHORIZATION_CODE, 0 },
};
static const oas_field flow_implicit_fields[] = {
    { "authorizationUrl", F_STRING, K_NONE, R },
    { "refreshUrl", F_STRING, K_NONE, 0 },
    { "scopes", F_STRMAP, K_NONE, R },
};
static const oas_field flow_token_fields[] = {
    { "tokenUrl", F_STRING, K_NONE, R },
    { "refreshUrl", F_STRING, K_NONE, 0 },
    { "scopes", F_STRMAP, K_NONE, R },
};
static const oas_field flow_code_fields[] = {
    { "authorizationUrl", F_STRING, K_NONE, R },
    { "tokenUrl", F_STRING, K_NONE, R },
    { "refreshUrl", F_STRING, K_NONE, 0 },
    { "scopes", F_STRMAP, K_NONE, R },
};

#define OBJ(name, f) { name, f, N(f) }
static const oas_object objects[K_KIND_COUNT] = {
    [K_NONE] = { "value", NULL, 0 },
    [K_OPENAPI] = OBJ("OpenAPI Object", openapi_fields),
    [K_INFO] = OBJ("Info Object", info_fields),
    [K_CONTACT] = OBJ("Contact Object", contact_fields),
    [K_LICENSE] = OBJ("License Object", license_fields),
    [K_SERVER] = OBJ("Server Object", server_fields),
    [K_SERVER_VARIABLE] = OBJ("Server Variable Object", server_variable_fields),
    [K_COMPONENTS] = OBJ("Components Object", components_fields),
    [K_PATHS] = { "Paths Object", NULL, 0 },
    [K_PATH_ITEM] = OBJ("Path Item Object", path_item_fields),
    [K_OPERATION] = OBJ("Operation Object", operation_fields),
    [K_EXTERNAL_DOCS] = OBJ("External Documentation Object", external_docs_fields),
    [K_PARAMETER] = OBJ("Parameter Object", parameter_fields),
    [K_REQUEST_BODY] = OBJ("Request Body Object", request_body_fields),
    [K_MEDIA_TYPE] = OBJ("Media Type Object", media_type_fields),
    [K_ENCODING] = OBJ("Encoding Object", encoding_fields),
    [K_RESPONSES] = OBJ("Responses Object", responses_fields),
    [K_RESPONSE] = OBJ("Response Object", response_fields),
    [K_CALLBACK] = { "Callback Object", NULL, 0 },
    [K_EXAMPLE] = OBJ("Example Object", example_fields),
    [K_LINK] = OBJ("Link Object", link_fields),
    [K_HEADER] = OBJ("Header Object", header_fields),
    [K_TAG] = OBJ("Tag Object", tag_fields),
    [K_REFERENCE] = OBJ("Reference Object", reference_fields),
    [K_SCHEMA] = { "Schema Object", NULL, 0 },
    [K_DISCRIMINATOR] = OBJ("Discriminator Object", discriminator_fields),
    [K_XML] = OBJ("XML Object", xml_fields),
    [K_SECURITY_SCHEME] = OBJ("Security Scheme Object", security_scheme_fields),
    [K_OAUTH_FLOWS] = OBJ("OAuth Flows Object", oauth_flows_fields),
    [K_FLOW_IMPLICIT] = OBJ("OAuth Flow Object (implicit)", flow_implicit_fields),
    [K_FLOW_PASSWORD] = OBJ("OAuth Flow Object (password)", flow_token_fields),
    [K_FLOW_CLIENT_CREDENTIALS] = OBJ("OAuth Flow Object (clientCredentials)", flow_token_fields),
    [K_FLOW_AUTHORIZATION_CODE] = OBJ("OAuth Flow Object (authorizationCode)", flow_code_fields),
    [K_SECURITY_REQUIREMENT] = { "Security Requirement Object", NULL, 0 },
};

const oas_object *oas_object_of(oas_kind kind) { return &objects[kind < K_KIND_COUNT ? kind : K_NONE]; }

const oas_field *oas_field_of(oas_kind kind, const char *name)
{
    const oas_object *o = oas_object_of(kind);
    for (size_t i = 0; i < o->count; i++)
        /* two bytes first (every field name has two or more): most names fail there, without a call */
        if (o->fields[i].name[0] == name[0] && name[0] && o->fields[i].name[1] == name[1] && strcmp(o->fields[i].name, name) == 0)
            return &o->fields[i];
    return NULL;
}
