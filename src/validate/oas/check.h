/*
 * check.h - what the OpenAPI validator's files share: the object model
 * (model.c), the walk that checks structure and collects facts
 * (structure.c, schema.c), and the semantic rules over those facts (rules_*.c).
 */
#ifndef OASV_VALIDATE_OAS_CHECK_H
#define OASV_VALIDATE_OAS_CHECK_H

#include "core/diag.h"
#include "core/doc.h"
#include "resolve/resolve.h"
#include "util/map.h"

#include <string.h>

/* MARK: - Object model (model.c) */

/** Every OpenAPI 3.1 object. */
typedef enum oas_kind {
    K_NONE, K_OPENAPI, K_INFO, K_CONTACT, K_LICENSE, K_SERVER, K_SERVER_VARIABLE, K_COMPONENTS, K_PATHS,
    K_PATH_ITEM, K_OPERATION, K_EXTERNAL_DOCS, K_PARAMETER, K_REQUEST_BODY, K_MEDIA_TYPE, K_ENCODING,
    K_RESPONSES, K_RESPONSE, K_CALLBACK, K_EXAMPLE, K_LINK, K_HEADER, K_TAG, K_REFERENCE, K_SCHEMA,
    K_DISCRIMINATOR, K_XML, K_SECURITY_SCHEME, K_OAUTH_FLOWS, K_FLOW_IMPLICIT, K_FLOW_PASSWORD,
    K_FLOW_CLIENT_CREDENTIALS, K_FLOW_AUTHORIZATION_CODE, K_SECURITY_REQUIREMENT, K_KIND_COUNT
} oas_kind;

/** How a field's value is shaped. */
typedef enum oas_shape {
    F_STRING,  /* a string */
    F_BOOL,    /* a boolean */
    F_ANY,     /* any JSON value */
    F_OBJECT,  /* one object of `kind` */
    F_MAP,     /* an object whose values are of `kind` */
    F_ARRAY,   /* an array whose items are of `kind` */
    F_STRINGS, /* an array of strings */
    F_STRMAP   /* an object whose values are strings */
} oas_shape;

#define FIELD_REQUIRED 1u /* must be present */
#define FIELD_REF 2u      /* the value (or each value or item) may be a Reference Object */
#define FIELD_NONEMPTY 4u /* arrays and maps: at least one entry */

typedef struct oas_field {
    const char *name;
    uint8_t shape; /* oas_shape */
    uint8_t kind;  /* oas_kind of the value, values or items */
    uint8_t flags; /* FIELD_* */
} oas_field;

typedef struct oas_object {
    const char *name; /* "Operation Object": how messages call it */
    const oas_field *fields;
    size_t count;
} oas_object;

/** The table of one kind. */
const oas_object *oas_object_of(oas_kind kind);
/** The field `name` of a kind, or NULL. */
const oas_field *oas_field_of(oas_kind kind, const char *name);

/* MARK: - Facts collected by the walk */

typedef enum oas_origin { ORIGIN_PATH, ORIGIN_WEBHOOK, ORIGIN_CALLBACK, ORIGIN_COMPONENT } oas_origin;

typedef struct oas_operation {
    const cJSON *node;      /* the Operation Object */
    const cJSON *path_item; /* the Path Item it is in */
    const char *method;
    const oasv_doc *in;     /* the document both are in */
} oas_operation;

/* Nodes collected by the walk, each with the document it is in (the main one or another read through the resolver). */
typedef struct oas_vec {
    const cJSON **items;
    const oasv_doc **docs;
    size_t count, cap;
} oas_vec;

/** The JSON Schema dialect of Schema Objects (`jsonSchemaDialect`, `$schema`). */
typedef enum oas_dialect {
    DIALECT_OAS,         /* the OAS 3.1 dialect (the default): 2020-12 + discriminator, xml, externalDocs, example */
    DIALECT_JSON_SCHEMA, /* plain JSON Schema 2020-12: the OAS keywords are annotations */
    DIALECT_UNKNOWN      /* any other: not checked */
} oas_dialect;

/** What a value checked against a schema is (engine.c). */
typedef enum oas_value_kind { VALUE_EXAMPLE, VALUE_EXAMPLES_ITEM, VALUE_EXAMPLE_OBJECT, VALUE_DEFAULT } oas_value_kind;

/* Values of every document walked: the schemas of each document are compiled together, with it as the root
 * resource (and the other documents as resources that references may name). */
typedef struct oas_value {
    const cJSON *value;        /* the example or default */
    const cJSON *schema;       /* the Schema Object it must match */
    const cJSON *site;         /* the Reference Object through which an Example Object is used, or NULL */
    const oasv_doc *value_in;  /* the document of `value` (an Example Object may be in another one) */
    const oasv_doc *schema_in; /* the document of `schema` and `site` */
    oas_value_kind kind;
} oas_value;

/* The marks of one document walked (ids index its tree). */
typedef struct oas_marks {
    const oasv_doc *doc;
    uint8_t *marks;
} oas_marks;

typedef struct oas_check {
    oasv_doc *doc;
    /* The document being walked: `doc`, or another one read through the resolver whose objects a reference
     * reached (they are validated as if inline, and reported in that document). Set with oas_enter(). */
    const oasv_doc *in;
    uint8_t *marks;        /* MARK_* per node id of `in` (an array: the walk asks per node) */
    oas_marks *all_marks;  /* per document walked; [0] is the main one's */
    size_t nmarks;
    oas_vec queue;         /* reference targets to walk after the main walk (pairs: node, kind as pointer) */
    oas_operation *ops;    /* every Operation Object walked, once each */
    size_t nops, cap_ops;
    oas_vec security;      /* Security Requirement Objects */
    oas_vec servers;       /* Server Objects */
    oas_vec op_tags;       /* the `tags` arrays of operations */
    oas_vec discriminators;/* Schema Objects with a `discriminator` */
    oas_vec path_items;    /* Path Item Objects under /paths (as written, maybe $ref) */
    const cJSON *current_path_item;
    oas_dialect dialect;   /* of the Schema Objects being walked: jsonSchemaDialect, then `$schema` */
    oas_vec roots;         /* outermost Schema Objects of a known dialect (checked against its meta-schema) */
    oas_vec foreign;       /* Schema Objects whose `$schema` names an unknown dialect */
    bool schema_ids;       /* some Schema Object has `$id`, `$anchor` or `$dynamicAnchor` */
    oas_value *values;     /* examples and defaults to check against their schemas */
    size_t nvalues, cap_values;
    size_t chain_reports;  /* ref-chain-too-long reported so far */
    struct oas_engine *engine;     /* from oas_engine_begin() (engine.c): the meta-schema, work on a second thread */
} oas_check;

/** Add a node of the document being walked (c->in). */
bool oas_vec_push(oas_check *c, oas_vec *v, const cJSON *node);
/** Add a node of the document `in`. */
bool oas_vec_push_in(oas_check *c, oas_vec *v, const cJSON *node, const oasv_doc *in);

/** Walk (and report) in the document `in` from now on (NULL: the main one); returns the one before. False marks
 *  (out of memory) leave c->in unchanged and set doc->oom. */
const oasv_doc *oas_enter(oas_check *c, const oasv_doc *in);

#define MARK_VISITED 1u    /* walked already */
#define MARK_REFERENCED 2u /* the target of some reference (or a pointer into it) */

/**
 * Whether a node of the document being walked (c->in) carries `mark`. Ids index that document's tree
 * (another document's node could share an id). An id beyond the tree counts as marked: never walked.
 */
static inline bool oas_marked(const oas_check *c, const cJSON *node, uint8_t mark)
{
    uint32_t id = oasv_node_id(node);
    return id >= c->in->tree.count || (c->marks[id] & mark);
}

static inline void oas_mark(oas_check *c, const cJSON *node, uint8_t mark)
{
    uint32_t id = oasv_node_id(node);
    if (id < c->in->tree.count) c->marks[id] |= mark;
}

/** The member `key` of `object` (NULL when it is no object or has none), as cJSON_GetObjectItemCaseSensitive()
 *  finds it, with the first byte compared before a call: every object walked is asked for several fields. */
static inline const cJSON *oas_get(const cJSON *object, const char *key)
{
    if (!cJSON_IsObject(object)) return NULL;
    for (const cJSON *m = object->child; m; m = m->next)
        if (m->string && m->string[0] == key[0] && strcmp(m->string, key) == 0) return m;
    return NULL;
}

/* MARK: - Reporting */

/** Report at a node of the document being walked (c->in): at its key when `at_key` and it has one, else at its value. */
#define REPORT(c, sev, code, node, at_key, ...) oasv_diag_node_in((c)->doc, (c)->in, (sev), (code), (node), (at_key), __VA_ARGS__)

/** "a string", "an object", ... for messages. */
const char *oas_json_type(const cJSON *node);

/** The closest of `candidates` to `name` (case-insensitive, edit distance <= 2), or NULL. */
const char *oas_suggest(const char *name, const char *const *candidates, size_t count);

/* MARK: - Walks */

/** Walk the document from the root: structure, references; fills the facts. */
void oas_walk(oas_check *c);
/** Walk a node as the given kind (once per node). */
void oas_walk_kind(oas_check *c, const cJSON *node, oas_kind kind);
/** Check a Schema Object (boolean or object) and its subschemas. */
void oas_walk_schema(oas_check *c, const cJSON *schema, uint32_t depth);
/** Resolve a `$ref` and report what is wrong with it; returns the target (main document) or NULL. */
const cJSON *oas_check_ref(oas_check *c, const cJSON *node, unsigned flags, oas_kind kind);

/* MARK: - The JSON Schema engine (engine.c) */

/** The dialect a `jsonSchemaDialect` or `$schema` URI names. */
oas_dialect oas_dialect_of(const char *uri);
/** Remember a value to check against a schema. */
bool oas_push_value(oas_check *c, const cJSON *value, const cJSON *schema, oas_value_kind kind, const cJSON *site);
/** Collect `example`/`examples` of a Parameter, Header or (JSON) Media Type Object with a `schema`. */
void oas_collect_examples(oas_check *c, const cJSON *node, oas_kind kind);
/** Check the Schema Objects against their dialect and the values against their schemas. */
void oas_validate_with_engine(oas_check *c);
/** After the walk, before the rules: compile the meta-schema, and start checking Schema Objects on a second thread
 *  when that is allowed (OASV_LOAD_THREADS) and worth it. */
void oas_engine_begin(oas_check *c);
/** Always, last: join the thread, free the meta-schema unless kept. */
void oas_engine_end(oas_check *c);

/* MARK: - Schema Objects checked ahead (ahead.c) */

typedef struct oas_ahead oas_ahead;
enum { OAS_AHEAD_EXPLAIN, OAS_AHEAD_VALID, OAS_AHEAD_OOM }; /* a verdict: invalid (walk it again to say why), valid, out of memory */
/** Start computing the verdicts of c->roots against `meta` on a second thread, after `first(ctx, c)` when given (a
 *  job that only reads `c` and the trees); NULL when not allowed, not worth it (few Schema Objects) or not possible
 *  (no threads in this build, out of memory): then `first` is not run. */
oas_ahead *oas_ahead_start(const oas_check *c, const oasv_schema *meta, void (*first)(void *ctx, const oas_check *c), void *ctx);
/** Help with the rest of the verdicts, wait for the thread (and `first`), and return the verdicts (one per c->roots
 *  item at the start). */
const uint8_t *oas_ahead_finish(oas_ahead *a);
/** Join the thread if finish was not called; free. NULL is allowed. */
void oas_ahead_free(oas_ahead *a);

/* MARK: - Semantic rules */

void oas_rules_paths(oas_check *c);      /* path templates, parameters, equivalent paths */
void oas_rules_operations(oas_check *c); /* operationId, tags */
void oas_rules_security(oas_check *c);   /* security requirements */
void oas_rules_servers(oas_check *c);    /* server variables */
void oas_rules_schemas(oas_check *c);    /* discriminators */
void oas_rules_components(oas_check *c); /* unused components */

#endif
