/*
 * resolve.h - following `$ref`s (the second pipeline stage).
 *
 * Other stages (validation, the render model) ask here for the node a
 * reference stands for. Answers are cached per document, so asking twice is
 * a hash lookup. Nothing here reports diagnostics: callers decide what a
 * broken reference means where they met it (the validator reports each one
 * once, at the `$ref`).
 *
 * What is followed:
 *   - Reference Objects (`$ref` plus optional `summary`/`description`, which
 *     override the target's: read them from the node you passed in) and Path
 *     Items with `$ref` (webhooks pointing at components/pathItems), through
 *     chains of references (A -> B -> C), bounded by limits.max_ref_hops;
 *   - with OASV_RESOLVE_SCHEMA, Schema Object `$ref`s: resolved against the
 *     base URI set by enclosing `$id`s, with `#anchor` fragments (`$anchor`,
 *     `$dynamicAnchor`) and embedded resources found by `$id`;
 *   - URI fragments as RFC 6901 JSON pointers after percent-decoding
 *     (`#/paths/~1pets~1%7Bid%7D`; unencoded `{}` are accepted too);
 *   - other documents only through the host's oasv_resolver (oasv_options).
 *     Without one the result is OASV_REF_EXTERNAL with the URI; nothing is
 *     fetched.
 *
 * Recursive schemas are fine (a property that refers back to its schema is
 * not a chain); a chain of `$ref`s that comes back to itself is
 * OASV_REF_CYCLE.
 */
#ifndef OASV_RESOLVE_RESOLVE_H
#define OASV_RESOLVE_RESOLVE_H

#include "core/doc.h"
#include "util/buf.h"

typedef enum oasv_ref_status {
    OASV_REF_OK = 0,       /**< target found */
    OASV_REF_NONE,         /**< the node is not a reference: target is the node itself */
    OASV_REF_INVALID,      /**< `$ref` is not a string, or its fragment is neither a pointer nor an anchor name */
    OASV_REF_NOT_FOUND,    /**< nothing at that place in a document we have */
    OASV_REF_EXTERNAL,     /**< another document, and no resolver gave it (uri says which) */
    OASV_REF_EXTERNAL_BAD, /**< the resolver gave a document that could not be read (or too many documents) */
    OASV_REF_CYCLE,        /**< the chain of references comes back to a reference already followed */
    OASV_REF_TOO_LONG      /**< the chain is longer than limits.max_ref_hops */
} oasv_ref_status;

/** The outcome of following a reference (all pointers owned by the documents). */
typedef struct oasv_ref {
    oasv_ref_status status;
    const cJSON *target;        /**< the node reached when OK (or the node itself when NONE); NULL otherwise */
    const oasv_doc *target_doc; /**< the document target lives in: the main document or an external one */
    const cJSON *failed;        /**< when not OK: the `$ref` member (its string node) where the chain stopped */
    const oasv_doc *failed_doc; /**< the document `failed` lives in */
    const char *uri;            /**< EXTERNAL, EXTERNAL_BAD: the absolute URI of the document asked for;
                                     NOT_FOUND: the document searched when it is not the referring one (else NULL) */
    const char *reason;         /**< EXTERNAL_BAD: why ("api/common.yaml:3:1: ...", the resolver's reason, a limit) */
    uint32_t hops;              /**< references followed to reach target */
} oasv_ref;

/** Flags for oasv_resolve_ref(). */
#define OASV_RESOLVE_SCHEMA 1u /**< the node is a Schema Object: `$id` bases, anchors */
#define OASV_RESOLVE_ONE 2u    /**< follow only the node's own `$ref`, not the chain after it */

/**
 * Follow the `$ref` of `node`, an object that may have one.
 *
 * @param from   the document `node` belongs to: NULL or `doc` for the main
 *               document, or an oasv_ref.target_doc from an earlier answer
 * @param flags  OASV_RESOLVE_*
 * @param out    receives the outcome (never NULL)
 * @return out->status
 */
oasv_ref_status oasv_resolve_ref(oasv_doc *doc, const oasv_doc *from, const cJSON *node, unsigned flags, oasv_ref *out);

/**
 * Resolve a URI reference written at `context` (e.g. a discriminator mapping
 * value or a Link's operationRef) as if it were `context`'s `$ref`, following
 * the chain after it. Not cached.
 */
oasv_ref_status oasv_resolve_uri(oasv_doc *doc, const oasv_doc *from, const cJSON *context, const char *ref, unsigned flags,
                                 oasv_ref *out);

/** The node a main-document node stands for: itself when it is no reference, the end of its
 *  Reference Object chain, or NULL when the chain is broken. */
const cJSON *oasv_resolve(oasv_doc *doc, const cJSON *node);

/** The same for a Schema Object (`$id`/`$anchor` aware); boolean schemas are returned as they are. */
const cJSON *oasv_resolve_schema(oasv_doc *doc, const cJSON *node);

/** Called by oasv_resolve_check_external() for a `$ref` of an external document that does not resolve. */
typedef void (*oasv_ref_visit)(void *ctx, const oasv_doc *in, const cJSON *node, const oasv_ref *r);

/**
 * Follow every `$ref` written in the external documents loaded so far (and in
 * those they lead to), each document once per main document, and call
 * `broken` for each reference written there that breaks right there (a
 * chain that breaks further on is said where it breaks).
 * The validator calls this after a reference that reached another document,
 * so that the references inside it are checked, and the documents they name
 * asked for, too. Data values (`example`, `enum`, `x-`...) are not walked.
 */
void oasv_resolve_check_external(oasv_doc *doc, oasv_ref_visit broken, void *ctx);

/** "`URI` (line L, column C)": where `node` of the external document `in` was written. */
void oasv_ref_place(const oasv_doc *in, const cJSON *node, oasv_buf *out);

/**
 * Where a broken chain stopped when that is in another document than `in`:
 * appends "`URI` (line L, column C)" for r->failed in r->failed_doc, and
 * returns true; returns false (appending nothing) when it stopped in `in`.
 */
bool oasv_ref_failed_elsewhere(const oasv_ref *r, const oasv_doc *in, oasv_buf *out);

/** The other document read for `doc` whose URI is `uri` (an oasv_diag.uri), or NULL. */
const oasv_doc *oasv_resolve_document(const oasv_doc *doc, const char *uri);

/** The i-th other document read for `doc` so far (in the order they were asked for), or NULL past the last. */
const oasv_doc *oasv_resolve_document_at(const oasv_doc *doc, size_t i);

/** Short English for a status, for messages ("points at nothing", ...). */
const char *oasv_ref_status_text(oasv_ref_status status);

/** Free the document's resolution state (external documents, caches). */
void oasv_resolve_free(oasv_doc *doc);

#endif
