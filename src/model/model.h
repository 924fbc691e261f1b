/*
 * model.h - the render model (src/model/): navigation, entries, schema
 * trees, examples, code samples and markdown, written as JSON text in the
 * shapes of web/model.d.ts.
 *
 * The navigation is built from an index of items (operations, webhooks,
 * schemas) made once per document; an entry is built on demand from its
 * item alone, so no call does whole-document work per entry.
 */
#ifndef OASV_MODEL_MODEL_H
#define OASV_MODEL_MODEL_H

#include "core/doc.h"
#include "util/buf.h"
#include "util/map.h"

#include <cJSON.h>

/* MARK: - JSON writer */

/* Deepest JSON nesting the writer accepts; schema trees are cut long before (MODEL_MAX_SCHEMA_DEPTH). */
#define JW_MAX_DEPTH 512

/* MARK: - Text kept per document (cache.c) */

/* Entries reuse components heavily: their descriptions' HTML and their generated examples are kept once made
 * (a cache stops taking texts at its limit). */
#define MODEL_HTML_CACHE_BYTES (4u << 20)
#define MODEL_EXAMPLE_CACHE_BYTES (4u << 20)

typedef struct model_text_cache {
    oasv_map map;            /* (ptr, key bytes) -> text; the key bytes are copied */
    size_t bytes, limit;
} model_text_cache;

/** The text kept under the key, or NULL. */
const char *model_cache_get(const model_text_cache *cache, const void *ptr, const char *key, size_t key_len, size_t *len);
/** Keep a copy of the text under the key, unless the cache is full or holds the key already (or no memory). */
void model_cache_put(model_text_cache *cache, const void *ptr, const char *key, size_t key_len, const char *text, size_t len);
void model_cache_free(model_text_cache *cache);

/** Writes compact JSON into `b`, placing commas itself. Too deep nesting sets `b.oom` (the output is dropped). */
typedef struct jw {
    oasv_buf b;
    uint32_t depth;
    bool after_key;
    model_text_cache *html;  /* markdown -> HTML as a JSON string literal, kept by model_khtml; NULL: none kept */
    uint8_t has[JW_MAX_DEPTH]; /* 1 when the container at that depth has a member already */
} jw;

void jw_obj(jw *w);
void jw_obj_end(jw *w);
void jw_arr(jw *w);
void jw_arr_end(jw *w);
void jw_key(jw *w, const char *key);
void jw_str(jw *w, const char *s);
void jw_strn(jw *w, const char *s, size_t len);
void jw_bool(jw *w, bool v);
void jw_int(jw *w, long long v);
void jw_null(jw *w);
/** A JSON value given as text (numbers, nested JSON). */
void jw_raw(jw *w, const char *json, size_t len);
/** Append `s` as a JSON string literal, quotes included (oasv_buf_json_string's escapes, faster). */
void jw_put_string(oasv_buf *b, const char *s, size_t len);
/** Key and string value; nothing when s is NULL. */
void jw_kstr(jw *w, const char *key, const char *s);
void jw_kbool(jw *w, const char *key, bool v);

/* MARK: - Markdown and URLs (markdown.c) */

/**
 * CommonMark + GFM tables to an allow-listed HTML subset, appended to `out`.
 * Raw HTML in the text is escaped; links keep only http, https, mailto,
 * relative and fragment URLs, images only http, https and relative ones;
 * anything else is rendered as its plain text.
 */
void oasv_markdown_html(const char *md, size_t len, oasv_buf *out);

/**
 * Whether a URL may be used as a link (`image` false: http, https, mailto,
 * relative, #fragment) or an image source (`image` true: http, https,
 * relative), read the way browsers read it (tabs and newlines dropped,
 * leading spaces and controls ignored, scheme case-insensitive).
 */
bool oasv_url_safe(const char *url, size_t len, bool image);

/* MARK: - Document index (nav.c) */

typedef enum model_kind { MODEL_OPERATION = 0, MODEL_WEBHOOK = 1, MODEL_SCHEMA = 2 } model_kind;

typedef struct model_item {
    model_kind kind;
    const char *method;      /* the key under the Path Item ("get", "query", or an additionalOperations key) */
    const char *key;         /* path, webhook name or schema name */
    const cJSON *path_item;  /* the Path Item (resolved); schemas: NULL */
    const cJSON *node;       /* the Operation Object, or the Schema */
    char *id;                /* owned */
} model_item;

typedef struct oasv_model {
    model_item *items;
    size_t count, cap;
    oasv_map by_id;          /* id -> model_item* */
    bool indexed;
    bool v30;                /* an OpenAPI 3.0.x document: `nullable`, boolean exclusive bounds, x-webhooks */
    char *nav;               /* the navigation, with its search entries */
    size_t nav_len;
    char *nav_lean;          /* the last one asked for without some parts (a page's first view) */
    size_t nav_lean_len;
    unsigned nav_lean_omit;  /* which (OASV_NAV_NO_*) */
    char *search;            /* the search entries alone */
    size_t search_len;
    char *entry;             /* the last entry asked for */
    size_t entry_len;
    model_text_cache html;   /* see jw.html */
    model_text_cache examples; /* (schema, direction) -> generated example */
} oasv_model;

/** The document's model state, indexed (NULL when out of memory). */
oasv_model *oasv_model_get(oasv_doc *doc);
void oasv_model_free(oasv_doc *doc);

/** Follow a Reference Object / Path Item `$ref` within the main document; the node itself when it is no reference; NULL when broken. */
const cJSON *model_deref(oasv_doc *doc, const cJSON *node);
/** The same for Schema Objects. */
const cJSON *model_deref_schema(oasv_doc *doc, const cJSON *node);
/** Member `key` of an object node, or NULL. */
const cJSON *model_get(const cJSON *obj, const char *key);
/** The string member `key`, or NULL. */
const char *model_str(const cJSON *obj, const char *key);
/** True when member `key` is `true`. */
bool model_true(const cJSON *obj, const char *key);
/** Append an id-safe form of s (percent-encoding what a URL fragment would not keep). */
void model_id_append(oasv_buf *b, const char *s, size_t len);

/** The navigation model (web/model.d.ts Navigation), without the parts `omit` names (OASV_NAV_NO_*). */
void oasv_model_write_navigation(oasv_doc *doc, oasv_model *m, jw *w, unsigned omit);
/** The navigation's search entries alone (its "search" member: a JSON array). */
void oasv_model_write_search(oasv_doc *doc, oasv_model *m, jw *w);
/** A Server Object array as Server[]; `fallback` writes [{"url":"/"}] when there is none. */
void model_write_servers(jw *w, const cJSON *servers, bool fallback);
/** Key "externalDocs" with an External Documentation Object, when it has a safe url. */
void model_write_external_docs(jw *w, const cJSON *docs);
/** Key `key` with a URL, when it is a string and safe as a link. */
void model_kurl(jw *w, const char *key, const char *url);
/** The HTTP methods a Path Item may hold, in the order shown. */
extern const char *const model_methods[];
extern const size_t model_method_count;

/* MARK: - Entries (entry.c), schema trees (schema_tree.c), examples (example.c) */

/** Direction of a payload: what readOnly/writeOnly hide. */
typedef enum model_dir {
    DIR_NONE = 0,      /* a schema on its own: show everything */
    DIR_REQUEST = 1,   /* sent to the API: readOnly properties are left out */
    DIR_RESPONSE = 2   /* sent by the API (responses, webhook and callback payloads): writeOnly left out */
} model_dir;

/* Bounds that keep a pathological schema from exploding an entry. */
#define MODEL_MAX_SCHEMA_DEPTH 32u    /* nested schema nodes in one tree */
#define MODEL_MAX_ENTRY_NODES 4000u   /* schema nodes in one entry, all trees together */
/* Components nested in this many components drawn in full are deferred (SchemaNode.deferred): drawn with their own
 * facts, their children left to entry "schemas/<name>", which a viewer fetches when the node is opened. Keeps an
 * entry about its own payloads instead of the closure of every component they reach (Discord's message schemas
 * reach hundreds of nodes), and the whole tree still a click away. */
#define MODEL_INLINE_COMPONENT_LEVELS 1u
#define MODEL_MAX_EXAMPLE_DEPTH 12u   /* nesting of a generated example */
#define MODEL_MAX_EXAMPLE_NODES 2000u /* values in one generated example */
#define MODEL_MAX_CALLBACK_DEPTH 2u   /* callbacks inside callbacks */

typedef struct model_ctx {
    oasv_doc *doc;
    oasv_model *m;
    jw *w;
    uint32_t nodes;          /* schema nodes written in this entry */
    const cJSON *stack[MODEL_MAX_SCHEMA_DEPTH + 1];
    uint32_t depth;
    uint32_t component_level; /* components drawn in full around the current node */
    uint32_t callback_depth;
} model_ctx;

void oasv_model_write_entry(oasv_doc *doc, oasv_model *m, const model_item *item, jw *w);
/** Key `key` holding rendered markdown, when `md` is a non-empty string. */
void model_khtml(jw *w, const char *key, const char *md);
/** A SchemaNode for `schema` (may be a `$ref`, a boolean). */
void model_schema_node(model_ctx *c, const cJSON *schema, model_dir dir);
/** "object", "string | null"... for a schema (followed if a `$ref`); writes into out. */
void model_schema_type(oasv_doc *doc, bool v30, const cJSON *schema, oasv_buf *out);
/** The last token of a `$ref` to a named component ("Pet"), or NULL; into out. */
bool model_ref_name(const char *ref, oasv_buf *out);
/** True when a property with this (unresolved) schema is hidden in this direction. */
bool model_hidden(oasv_doc *doc, const cJSON *schema, model_dir dir);

/** A node of the tree as pretty-printed JSON (2 spaces). */
void model_pretty(const oasv_tree *tree, const cJSON *node, oasv_buf *out);
/** A deterministic example for `schema`, as pretty-printed JSON. */
void model_generate_example(oasv_doc *doc, oasv_model *m, const cJSON *schema, model_dir dir, oasv_buf *out);

#endif
