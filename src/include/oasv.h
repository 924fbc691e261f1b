/*
 * oasv.h - the one public header of oasview.
 *
 * oasview reads OpenAPI 3.1 documents (JSON or YAML), reports what is wrong
 * with them as diagnostics with exact source positions, and (in later stages)
 * resolves, validates and turns them into render models.
 *
 * Two channels report problems (see DESIGN.md, "Diagnostics"):
 *   - an oasv_status return code for "could not run" (out of memory, bad
 *     arguments);
 *   - a diagnostics list on the document for "the document is wrong". Loading
 *     never aborts on bad input: it always yields a document whose diagnostics
 *     say what went wrong and where.
 *
 * Ownership: an oasv_doc owns everything reachable from it (diagnostics,
 * strings, result text). Values "have the same lifetime as the document" and
 * are freed by one call to oasv_doc_free().
 */
#ifndef OASV_H
#define OASV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of this library, as "MAJOR.MINOR.PATCH". */
#define OASV_VERSION_STRING "0.1.0"

/** Version of the oasv_options layout; set `options.abi_version` to it. */
#define OASV_OPTIONS_VERSION 1

/* MARK: - Limits */

/** Default largest input accepted, in bytes (64 MiB). */
#define OASV_DEFAULT_MAX_INPUT_BYTES (64u * 1024u * 1024u)
/** Default deepest nesting of arrays and objects (the root is depth 1). */
#define OASV_DEFAULT_MAX_DEPTH 512u
/** Hard ceiling for max_depth: every recursive stage is sized for it
 *  (the native and wasm stacks hold this many levels of cJSON recursion, under ASan too). */
#define OASV_MAX_DEPTH_CEILING 2048u
/** Default budget of nodes that YAML aliases may copy into the tree, added
 *  to the nodes written in the text itself ("billion laughs" defence). */
#define OASV_DEFAULT_MAX_ALIAS_NODES 1000000u
/** Default longest chain of `$ref`s followed from one reference (A -> B -> C is 2). */
#define OASV_DEFAULT_MAX_REF_HOPS 64u
/** Hard ceiling for max_ref_hops. */
#define OASV_MAX_REF_HOPS_CEILING 4096u
/** Most other documents one load reads through its resolver (oasv_resolver); their texts
 *  together may not exceed max_input_bytes either. Past either: error `ref-external-unreadable`. */
#define OASV_MAX_EXTERNAL_DOCS 64u
/** Default most diagnostics kept for one document: a hostile text can otherwise
 *  ask for one per byte, and each costs memory. */
#define OASV_DEFAULT_MAX_DIAGNOSTICS 10000u

/** Explicit bounds on what one load may cost. Zero means "the default". */
typedef struct oasv_limits {
    uint32_t max_input_bytes; /**< larger input: error `input-too-large` */
    uint32_t max_depth;       /**< deeper nesting: error `nesting-too-deep`; capped at OASV_MAX_DEPTH_CEILING */
    uint32_t max_alias_nodes; /**< nodes YAML aliases may add: error `alias-budget-exceeded` */
    uint32_t max_ref_hops;    /**< longer `$ref` chains: error `ref-chain-too-long`; capped at OASV_MAX_REF_HOPS_CEILING */
    uint32_t max_diagnostics; /**< more are counted, not kept: one `too-many-diagnostics` says how many (an error
                                   when any of them was); the document's validity still counts them all */
} oasv_limits;

/* MARK: - Allocation */

/**
 * A user allocator. NULL everywhere means the C library's malloc/realloc/free.
 * A function returning NULL is treated as out of memory: the call that needed
 * the memory fails with OASV_ERR_NOMEM and leaks nothing.
 */
typedef struct oasv_alloc {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} oasv_alloc;

/* MARK: - Results */

/** Whether a call could run. Problems in the document are diagnostics, not statuses. */
typedef enum oasv_status {
    OASV_OK = 0,
    OASV_ERR_NOMEM = 1,   /**< an allocation failed; nothing was leaked */
    OASV_ERR_ARGS = 2     /**< a NULL pointer or an unknown options version */
} oasv_status;

typedef enum oasv_severity {
    OASV_SEVERITY_ERROR = 0,   /**< makes the document invalid */
    OASV_SEVERITY_WARNING = 1,
    OASV_SEVERITY_INFO = 2,
    OASV_SEVERITY_HINT = 3
} oasv_severity;

/**
 * A range of the source text. Offsets are byte offsets into the input;
 * lines are 1-based; columns are 1-based and count UTF-16 code units (what
 * LSP, SARIF, editors and JavaScript strings use). The end is exclusive.
 * A span with line 0 has no position (e.g. "the input is empty").
 */
typedef struct oasv_span {
    uint32_t offset, end_offset;
    uint32_t line, column;
    uint32_t end_line, end_column;
} oasv_span;

/** One finding about the document. All strings are owned by the document. */
typedef struct oasv_diag {
    oasv_severity severity;
    const char *code;           /**< stable kebab-case rule id, e.g. "duplicate-key" */
    const char *message;        /**< plain-language UTF-8 sentence */
    const char *pointer;        /**< RFC 6901 JSON pointer into the document ("" = root) */
    const char *schema_pointer; /**< JSON Schema keywordLocation, or NULL */
    oasv_span span;
    /** The document `pointer` and `span` are in: NULL for the loaded document itself, else the URI of another
     *  document read through the resolver (as it was asked for), whose objects are validated like inline ones. */
    const char *uri;
} oasv_diag;

/** Source format of a document. */
typedef enum oasv_format {
    OASV_FORMAT_AUTO = 0, /**< JSON when the first non-blank byte is `{` or `[`, else YAML */
    OASV_FORMAT_JSON = 1,
    OASV_FORMAT_YAML = 2
} oasv_format;

/**
 * Where external `$ref` documents come from. oasview never fetches anything
 * itself: without a resolver an external reference is a warning naming its URI.
 */
typedef struct oasv_resolver {
    /**
     * Give the text (JSON or YAML) of the document at `uri` (the `$ref` resolved
     * against the referring document's base: its filename, its own URI for an
     * external document, or an enclosing `$id`). Each URI is asked for once per
     * load. Set *len and return the text, which oasview copies before the next
     * call. Return NULL when it cannot be had: leave *error NULL when the host
     * does not serve that URI (a `ref-external` warning, as without a resolver),
     * or set it to a short reason ("No such file or directory"), copied like
     * the text (a `ref-external-unreadable` error).
     */
    const char *(*resolve)(void *ctx, const char *uri, size_t *len, const char **error);
    void *ctx;
} oasv_resolver;

/**
 * Severities per rule id, read from a configuration such as
 * `{"rules": {"operation-id-unique": "warning", "component-unused": "off"}}`.
 * Made by oasv_rules_new(), freed by oasv_rules_free().
 */
typedef struct oasv_rules oasv_rules;

/** oasv_options.flags: do not validate, only load (and resolve on demand). */
#define OASV_LOAD_NO_VALIDATE 1u
/**
 * oasv_options.flags: validation may use a second thread for documents with
 * many Schema Objects (native builds with threads; ignored elsewhere). The
 * diagnostics are the same as without it. The allocator in the options (or
 * libc's) must then be thread-safe.
 */
#define OASV_LOAD_THREADS 2u

/* MARK: - Loading */

/** Options for oasv_load(). Zero-initialise, then set abi_version. */
typedef struct oasv_options {
    uint32_t abi_version;    /**< must be OASV_OPTIONS_VERSION */
    oasv_format format;
    oasv_limits limits;
    const char *filename;    /**< for messages only; may be NULL; copied */
    const oasv_alloc *alloc; /**< NULL = libc; must outlive the document */
    const oasv_resolver *resolver; /**< external `$ref`s; NULL = none (a warning each); must outlive the document */
    const oasv_rules *rules;       /**< severity overrides; NULL = defaults; only read during oasv_load() */
    uint32_t flags;                /**< OASV_LOAD_* */
} oasv_options;

/** A loaded document: the tree, its source spans and its diagnostics. */
typedef struct oasv_doc oasv_doc;

/**
 * Load a JSON or YAML document. The text need not be NUL-terminated and is
 * copied, so the caller may free it after the call.
 *
 * @param src   the text (UTF-8); may be NULL when len is 0
 * @param len   its length in bytes
 * @param opts  options, or NULL for defaults
 * @param out   receives the document on OASV_OK; free it with oasv_doc_free()
 * @return OASV_OK whenever a document was made, even one full of errors
 */
oasv_status oasv_load(const char *src, size_t len, const oasv_options *opts, oasv_doc **out);

/**
 * Like oasv_load(), but the document takes `text` instead of copying it: a
 * large input then costs its size once, not twice. `text` must come from the
 * allocator in `opts` (libc malloc when none), hold at least len + 1 bytes,
 * and is owned by oasview from the call on, whatever the result (it is freed
 * on failure and with the document).
 */
oasv_status oasv_load_adopt(char *text, size_t len, const oasv_options *opts, oasv_doc **out);

/** Free a document and everything it owns. NULL is allowed. */
void oasv_doc_free(oasv_doc *doc);

/** Number of diagnostics, in the order found. */
size_t oasv_doc_diag_count(const oasv_doc *doc);

/** The i-th diagnostic, or NULL when i is out of range. */
const oasv_diag *oasv_doc_diag(const oasv_doc *doc, size_t i);

/** True when no diagnostic has error severity. */
bool oasv_doc_valid(const oasv_doc *doc);

/** The `openapi` (or `swagger`) version string, or NULL when absent. */
const char *oasv_doc_version(const oasv_doc *doc);

/** `info.title` when it is a string, or NULL. */
const char *oasv_doc_title(const oasv_doc *doc);

/** The format the document was read as (JSON or YAML). */
oasv_format oasv_doc_format(const oasv_doc *doc);

/**
 * The load result as one JSON text:
 * `{"version":…,"title":…,"format":"json"|"yaml","valid":…,"diagnostics":[…]}` with
 * diagnostics in the shape of DESIGN.md. Owned by the document.
 *
 * @param len receives the length in bytes (may be NULL)
 * @return the text, or NULL when out of memory
 */
const char *oasv_doc_result_json(oasv_doc *doc, size_t *len);

/**
 * Where the node at an RFC 6901 JSON pointer was written.
 *
 * @param pointer  e.g. "/paths/~1pets/get" ("" is the root)
 * @param key      true for the member's key rather than its value
 * @param span     receives the range
 * @return false when no node is there (or out of memory)
 */
bool oasv_doc_locate(oasv_doc *doc, const char *pointer, bool key, oasv_span *span);

/**
 * The document tree as compact JSON text, owned by the document. Numbers keep
 * their source text when it is a JSON number; other YAML numbers (0o17, .inf)
 * print as JSON numbers, or null when JSON has none (infinity, NaN).
 *
 * @return the text, or NULL when the document has no tree or memory ran out
 */
const char *oasv_doc_tree_json(oasv_doc *doc, size_t *len);

/* MARK: - Rules */

/**
 * Read a rule configuration: a JSON object `{"rules": {RULE-ID: SEVERITY}}`
 * where SEVERITY is "error", "warning", "info", "hint" or "off" ("off" drops the
 * rule's diagnostics). Unknown rule ids are refused (with a suggestion).
 *
 * @param error  receives a message when the text is refused (may be NULL)
 * @return the rules (free with oasv_rules_free()), or NULL when refused or out of memory
 */
oasv_rules *oasv_rules_new(const char *json, size_t len, const oasv_alloc *alloc, char *error, size_t error_size);

/** Free rules made by oasv_rules_new(). NULL is allowed. */
void oasv_rules_free(oasv_rules *rules);

/** Number of known rule ids (diagnostic codes) and the i-th one, with its default severity and a one-line description. */
size_t oasv_rule_count(void);
const char *oasv_rule_id(size_t i, oasv_severity *severity, const char **description);

/** Name of a severity: "error", "warning", "info" or "hint". */
const char *oasv_severity_name(oasv_severity severity);

/* MARK: - JSON Schema */

/*
 * A JSON Schema draft 2020-12 engine: compile a schema once, validate many
 * instances with it. Every vocabulary of 2020-12 is supported ($dynamicRef,
 * unevaluated*, $vocabulary); `pattern` follows ECMA-262 with the `u` flag;
 * numbers compare as the decimals they are written as. The 2020-12
 * meta-schemas are built in; other resources are given by the caller, by
 * URI. Nothing is ever fetched: a reference to an unknown resource is a
 * schema error.
 */

/** Version of the oasv_schema_options layout; set `options.abi_version` to it. */
#define OASV_SCHEMA_OPTIONS_VERSION 1
/** Default budget of evaluation steps for one validation. */
#define OASV_DEFAULT_MAX_STEPS 50000000u

/** A compiled schema. Owns its memory; free it with oasv_schema_free(). */
typedef struct oasv_schema oasv_schema;
/** The outcome of one validation. Free it with oasv_schema_result_free(). */
typedef struct oasv_schema_result oasv_schema_result;

/** A schema resource the caller makes known under a URI (like a file a $ref may name). */
typedef struct oasv_schema_resource {
    const char *uri;  /**< absolute URI, NUL-terminated, e.g. "http://localhost:1234/tree.json" */
    const char *text; /**< the schema as JSON or YAML; read during compilation only */
    size_t len;
} oasv_schema_resource;

/** Options for oasv_schema_compile(). Zero-initialise, then set abi_version. */
typedef struct oasv_schema_options {
    uint32_t abi_version;                     /**< must be OASV_SCHEMA_OPTIONS_VERSION */
    const oasv_schema_resource *resources;    /**< resources $ref may name; may be NULL */
    size_t resource_count;
    const char *base_uri;                     /**< where the schema text came from; NULL = no base URI */
    bool format_assertion;                    /**< make `format` an assertion (default: annotation only) */
    uint32_t max_depth;                       /**< deepest evaluation (0 = OASV_DEFAULT_MAX_DEPTH; capped at OASV_MAX_DEPTH_CEILING) */
    uint64_t max_steps;                       /**< evaluation steps per validation (0 = OASV_DEFAULT_MAX_STEPS) */
    oasv_limits limits;                       /**< limits for reading the schema, resources and instances */
    const oasv_alloc *alloc;                  /**< NULL = libc; must outlive the schema and its results */
} oasv_schema_options;

/**
 * One error, in the terms of the JSON Schema output format. Strings are owned
 * by the result (or the schema, for compile errors).
 */
typedef struct oasv_schema_error {
    const char *code;                      /**< the failing keyword ("minimum") or a stable kebab-case id ("max-steps-exceeded") */
    const char *message;                   /**< plain-language sentence */
    const char *instance_location;         /**< RFC 6901 pointer into the instance */
    const char *keyword_location;          /**< path through the schema, across $ref ("/properties/a/$ref/type") */
    const char *absolute_keyword_location; /**< "uri#/pointer" of the keyword, or NULL when the schema has no base URI */
} oasv_schema_error;

/**
 * Compile a schema given as JSON or YAML text (need not be NUL-terminated;
 * copied). A schema with errors (not a schema, an invalid pattern, an
 * unresolvable $ref, an unknown required vocabulary...) still yields an
 * object: oasv_schema_ok() says whether it can be used.
 *
 * @param opts  options, or NULL for defaults
 * @param out   receives the schema on OASV_OK; free it with oasv_schema_free()
 * @return OASV_OK, OASV_ERR_NOMEM (nothing leaked) or OASV_ERR_ARGS
 */
oasv_status oasv_schema_compile(const char *src, size_t len, const oasv_schema_options *opts, oasv_schema **out);

/**
 * Compile the schema written at an RFC 6901 pointer of a loaded document
 * (e.g. "/components/schemas/Pet"), with the whole document as its root
 * resource, so that references such as "#/components/schemas/Tag" resolve.
 * The schema borrows the document: free the schema before the document.
 *
 * @return as oasv_schema_compile(); OASV_ERR_ARGS when no node is at the pointer
 */
oasv_status oasv_schema_compile_at(const oasv_doc *doc, const char *pointer, const oasv_schema_options *opts,
                                   oasv_schema **out);

/** True when the schema compiled without errors. */
bool oasv_schema_ok(const oasv_schema *schema);

/** Number of compile errors. */
size_t oasv_schema_error_count(const oasv_schema *schema);

/** The i-th compile error (instance_location is ""), or NULL when out of range. */
const oasv_schema_error *oasv_schema_error_at(const oasv_schema *schema, size_t i);

/** The compile errors as `{"valid":false,"errors":[…]}` (owned by the schema), or NULL when out of memory. */
const char *oasv_schema_errors_json(oasv_schema *schema, size_t *len);

/** Free a schema. Results made with it must be freed first or after; they do not point into it. NULL is allowed. */
void oasv_schema_free(oasv_schema *schema);

/**
 * Validate an instance given as JSON or YAML text. An instance that cannot be
 * read gives an invalid result whose errors say why. Hitting max_depth or
 * max_steps ends the validation with an error ("max-depth-exceeded",
 * "max-steps-exceeded"), never a hang.
 *
 * @param out receives the result on OASV_OK; free it with oasv_schema_result_free()
 * @return OASV_OK, OASV_ERR_NOMEM, or OASV_ERR_ARGS (NULL arguments, or a schema that is not ok)
 */
oasv_status oasv_schema_validate(const oasv_schema *schema, const char *src, size_t len, oasv_schema_result **out);

/**
 * Only the verdict of oasv_schema_validate(), faster: the walk stops at the
 * first failure and builds no error (call oasv_schema_validate() for them).
 * An instance that cannot be read is invalid.
 *
 * @param valid receives the verdict on OASV_OK
 * @return as oasv_schema_validate()
 */
oasv_status oasv_schema_check(const oasv_schema *schema, const char *src, size_t len, bool *valid);

/**
 * Validate the node at an RFC 6901 pointer of a loaded document (e.g. an
 * example inside an OpenAPI document). The document must outlive the call only.
 * @return as oasv_schema_validate(); OASV_ERR_ARGS when no node is at the pointer
 */
oasv_status oasv_schema_validate_node(const oasv_schema *schema, const oasv_doc *doc, const char *pointer,
                                      oasv_schema_result **out);

/** True when the instance is valid. */
bool oasv_schema_result_valid(const oasv_schema_result *result);

/** Number of errors (0 when valid). */
size_t oasv_schema_result_error_count(const oasv_schema_result *result);

/** The i-th error, or NULL when out of range. */
const oasv_schema_error *oasv_schema_result_error(const oasv_schema_result *result, size_t i);

/**
 * The result as `{"valid":…,"errors":[{"instanceLocation","keywordLocation",
 * "absoluteKeywordLocation"?,"code","message"}…]}`, owned by the result.
 * @return the text, or NULL when out of memory
 */
const char *oasv_schema_result_json(oasv_schema_result *result, size_t *len);

/**
 * The result in the "detailed" output format of JSON Schema 2020-12
 * (§12.4.3): `{"valid","keywordLocation","absoluteKeywordLocation"?,
 * "instanceLocation","errors"?}` at the root, then one node per applicator
 * frame the errors went through ("errors": children), a frame with a single
 * child replaced by it; the leaves are the errors of oasv_schema_result_json()
 * with "code" and "error" (the message). Owned by the result.
 * @return the text, or NULL when out of memory
 */
const char *oasv_schema_result_json_detailed(oasv_schema_result *result, size_t *len);

/** Free a result. NULL is allowed. */
void oasv_schema_result_free(oasv_schema_result *result);

/* MARK: - Render model */

/*
 * The render model of a document as JSON text, in the shapes of
 * web/model.d.ts: the navigation (info, servers, tag groups with operations
 * and webhooks side by side, webhooks, schemas, counts, search) and entries
 * (one operation, webhook or schema, with parameters, bodies, responses,
 * schema trees, examples, code samples). Markdown is rendered into an
 * allow-listed HTML subset. Ids are stable, readable, unique and usable in a
 * URL fragment: "operations/<operationId>" (or "operations/<method>-<path>"),
 * "webhooks/<name>/<method>", "schemas/<name>".
 */

/**
 * The navigation model as compact JSON. Built on the first call (it builds
 * no entry), then cached: the text is owned by the document and lives as long as it.
 *
 * @param len receives the length in bytes (may be NULL)
 * @return the text, or NULL when out of memory
 */
const char *oasv_doc_navigation_json(oasv_doc *doc, size_t *len);

/* Parts of the navigation a page can do without at first (oasv_doc_navigation_json_without). */
#define OASV_NAV_NO_SEARCH   1u /**< the "search" member (about 40% of the text) */
#define OASV_NAV_NO_POINTERS 2u /**< each item's "pointer" (about 25% of the rest) */

/**
 * The same navigation without the parts `omit` names (OASV_NAV_NO_*; 0: the
 * whole one), and the "search" member alone (a JSON array). Each is built on
 * its first call and owned by the document, like the whole one; a text
 * without parts stays valid until a call asks for other parts. A page draws
 * its first view from the first, and builds search from the second only when
 * it needs it.
 */
const char *oasv_doc_navigation_json_without(oasv_doc *doc, unsigned omit, size_t *len);
const char *oasv_doc_search_json(oasv_doc *doc, size_t *len);

/**
 * One entry (an id from the navigation) as compact JSON, built on demand.
 * The text is owned by the document and stays valid until the next call of
 * oasv_doc_entry_json() on it (or oasv_doc_free()).
 *
 * @param id  NUL-terminated, e.g. "webhooks/new-subscription/post"
 * @return the text, or NULL when no item has that id (see oasv_doc_has_entry) or out of memory
 */
const char *oasv_doc_entry_json(oasv_doc *doc, const char *id, size_t *len);

/** True when `id` names an entry of the document. */
bool oasv_doc_has_entry(oasv_doc *doc, const char *id);

/* MARK: - Payloads */

/** Which payload of an operation or webhook oasv_doc_validate_payload() checks. */
typedef enum oasv_payload_part {
    OASV_PAYLOAD_REQUEST = 0,  /**< the request body (for a webhook: the delivery the reader's server receives) */
    OASV_PAYLOAD_RESPONSE = 1  /**< a response body */
} oasv_payload_part;

/**
 * Validate a payload (JSON text) against the schema that the document gives
 * for it: the request body or a response of the operation or webhook `id`
 * (a render model id: "operations/<operationId>", "webhooks/<name>/<method>").
 * The media type is the one for `content_type` (parameters ignored; then
 * "type/ *", then "* / *"; NULL: application/json, else the only JSON media
 * type); the response is `status` ("200" when NULL), else its range ("2XX"),
 * else "default". The schema is compiled on the first call, with the document
 * as its root resource, and kept by the document for the next calls.
 *
 * A payload that cannot be checked gives an invalid result with one error
 * saying why: "no-request-body", "no-response", "media-type-not-documented",
 * the payload is not JSON (the loader's code, e.g. "nesting-too-deep"), or the
 * documented schema cannot be used (the schema's compile errors). A media type
 * without a schema accepts any JSON value.
 *
 * @param out receives the result on OASV_OK; free it with oasv_schema_result_free() (before or after the document)
 * @return OASV_OK, OASV_ERR_NOMEM, or OASV_ERR_ARGS (NULL arguments, a document without a tree, or no operation
 *         or webhook has that id)
 */
oasv_status oasv_doc_validate_payload(oasv_doc *doc, const char *id, oasv_payload_part part, const char *status,
                                      const char *content_type, const char *src, size_t len, oasv_schema_result **out);

#ifdef __cplusplus
}
#endif
#endif /* OASV_H */
