/*
 * doc.h - the document as the pipeline stages share it.
 *
 * Stages meet only through the tree and the diagnostics list (DESIGN.md).
 */
#ifndef OASV_CORE_DOC_H
#define OASV_CORE_DOC_H

#include "oasv.h"
#include "load/tree.h"
#include "util/lines.h"

/* The steps of oasv_load() (core/api.c), shared with the load of a text still arriving (core/stream.c). */
/** A document with the options' fields and limits, no text yet; NULL when out of memory. */
oasv_doc *oasv_doc_new(const oasv_options *opts);
/** Once a tree is read: the checks of its keys and version, and validation (unless OASV_LOAD_NO_VALIDATE). */
void oasv_doc_after_tree(oasv_doc *doc);
/** The end of a load: diagnostics sorted, *out set; the document is freed when out of memory. */
oasv_status oasv_doc_loaded(oasv_doc *doc, oasv_doc **out);
/** A name that says YAML (.yaml, .yml). */
bool oasv_filename_is_yaml(const char *filename);

struct oasv_doc {
    const oasv_alloc *alloc;
    char *filename;
    uint8_t *text;          /* a private copy of the input (spans and raw numbers point into it) */
    size_t len;
    uint32_t text_offset;   /* bytes skipped before the parsers saw the text (a BOM) */
    oasv_format format;
    oasv_limits limits;
    oasv_tree tree;
    oasv_lines lines;
    oasv_diag *diags;
    size_t diag_count, diag_cap;
    size_t dropped, dropped_errors; /* diagnostics past limits.max_diagnostics: counted, not kept */
    char *version;
    char *result_json;
    size_t result_len;
    char *tree_json;
    size_t tree_json_len;
    bool oom;               /* an allocation failed; the load reports OASV_ERR_NOMEM */
    /* Reference resolution and validation (src/resolve/, src/validate/oas/). */
    const oasv_resolver *resolver;      /* external $refs; NULL = none */
    const struct oasv_rules *rules;     /* severity overrides while loading; NULL after oasv_load() returns */
    uint32_t flags;                     /* OASV_LOAD_* */
    struct oasv_resolve_state *resolve; /* caches, external documents; NULL until first used */
    struct oasv_model *model;           /* the render model's index and texts (src/model/); NULL until first used */
    struct oasv_payload_cache *payloads; /* compiled payload schemas (src/model/payload.c); NULL until first used */
};

#endif
