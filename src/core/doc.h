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
