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

/** Explicit bounds on what one load may cost. Zero means "the default". */
typedef struct oasv_limits {
    uint32_t max_input_bytes; /**< larger input: error `input-too-large` */
    uint32_t max_depth;       /**< deeper nesting: error `nesting-too-deep`; capped at OASV_MAX_DEPTH_CEILING */
    uint32_t max_alias_nodes; /**< nodes YAML aliases may add: error `alias-budget-exceeded` */
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
} oasv_diag;

/** Source format of a document. */
typedef enum oasv_format {
    OASV_FORMAT_AUTO = 0, /**< JSON when the first non-blank byte is `{` or `[`, else YAML */
    OASV_FORMAT_JSON = 1,
    OASV_FORMAT_YAML = 2
} oasv_format;

/* MARK: - Loading */

/** Options for oasv_load(). Zero-initialise, then set abi_version. */
typedef struct oasv_options {
    uint32_t abi_version;    /**< must be OASV_OPTIONS_VERSION */
    oasv_format format;
    oasv_limits limits;
    const char *filename;    /**< for messages only; may be NULL; copied */
    const oasv_alloc *alloc; /**< NULL = libc; must outlive the document */
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

/** Name of a severity: "error", "warning", "info" or "hint". */
const char *oasv_severity_name(oasv_severity severity);

#ifdef __cplusplus
}
#endif
#endif /* OASV_H */
